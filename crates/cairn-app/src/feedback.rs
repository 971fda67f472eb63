//! The feedback loop: suggestions from every channel (online, ward kiosk, paper box typed in by
//! staff, meetings, survey comments), staff review before anything is public, tracking through
//! the organisation's statuses with a public response for every closed suggestion, response
//! times, forum decisions, links to model practices, and the public "you said, we did" boards.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::Conn;
pub use cairn_db::feedback::SuggestionLine;
use cairn_db::feedback::{Kiosk, NewSuggestion, Suggestion, SuggestionQuery};
use cairn_domain::feedback::{
    Channel, ForumDecision, Outcome, StatusDef, SuggestionDraft, Visibility, check_transition,
    default_statuses,
};
use cairn_domain::people::Language;
use cairn_domain::translation::Bilingual;
use cairn_domain::{FieldErrors, Permission};

/// Kiosk posts allowed per kiosk within [`KIOSK_WINDOW_MS`].
pub const KIOSK_MAX_POSTS: i64 = 20;
/// Kiosk posts allowed from one address on one kiosk within [`KIOSK_WINDOW_MS`]: below
/// [`KIOSK_MAX_POSTS`], so one sender leaves room for the rest of the ward.
pub const KIOSK_MAX_POSTS_PER_ADDRESS: i64 = 8;
const MINUTE_MS: i64 = 60 * 1000;
/// The kiosk rate-limit window.
pub const KIOSK_WINDOW_MS: i64 = 10 * 60 * 1000;
/// A day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Gives the organisation the default statuses the first time feedback is used.
pub(crate) async fn ensure_statuses(c: &mut Conn<'_>, org: i64) -> AppResult<()> {
    if cairn_db::feedback::count_statuses(c, org).await? > 0 {
        return Ok(());
    }
    // Serialise first use, as for the model template.
    cairn_db::model::lock_organisation(c, org).await?;
    if cairn_db::feedback::count_statuses(c, org).await? > 0 {
        return Ok(());
    }
    for (i, s) in default_statuses().iter().enumerate() {
        cairn_db::feedback::insert_status(c, org, s, i64::try_from(i).unwrap_or(0)).await?;
    }
    Ok(())
}

async fn statuses_of(app: &App, org: i64) -> AppResult<Vec<StatusDef>> {
    // Held by the instance while the organisation's settings version stands (a change to a
    // status moves it on, migration 0042); only an organisation that has never had statuses
    // needs them written.
    let held = crate::cache::statuses(app, org).await?;
    if !held.is_empty() {
        return Ok(held.to_vec());
    }
    let mut tx = app.db.begin().await?;
    ensure_statuses(&mut tx.conn(), org).await?;
    tx.commit().await?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::feedback::list_statuses(&mut h.conn(), org).await?)
}

/// The organisation's statuses, in order.
pub async fn statuses(app: &App, actor: &Actor) -> AppResult<Vec<StatusDef>> {
    let org = org_of(actor)?;
    statuses_of(app, org).await
}

/// Adds a status of the organisation's own (leads and administrators).
pub async fn add_status(
    app: &App,
    actor: &Actor,
    label_en: &str,
    label_cy: &str,
    rag: &str,
    closed: bool,
) -> AppResult<String> {
    require(actor, Permission::ManageFeedbackStatuses)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let en = cairn_domain::validation::required_text(
        &mut e,
        "label_en",
        label_en,
        60,
        "feedback-error-label-en",
        "feedback-error-label-long",
    );
    let cy = cairn_domain::validation::required_text(
        &mut e,
        "label_cy",
        label_cy,
        60,
        "feedback-error-label-cy",
        "feedback-error-label-long",
    );
    let rag = cairn_domain::model::Rag::parse(rag.trim())
        .filter(|r| *r != cairn_domain::model::Rag::NotApplicable);
    if rag.is_none() {
        e.add("rag", "feedback-error-rag");
    }
    let key: String = en
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .to_owned();
    if e.is_empty() && key.is_empty() {
        e.add("label_en", "feedback-error-label-en");
    }
    let rag = match (e.is_empty(), rag) {
        (true, Some(r)) => r,
        _ => return Err(e.into()),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    ensure_statuses(&mut tx.conn(), org).await?;
    let existing = cairn_db::feedback::list_statuses(&mut tx.conn(), org).await?;
    if existing.iter().any(|s| s.key == key) {
        let mut e = FieldErrors::new();
        e.add("label_en", "feedback-error-label-taken");
        return Err(e.into());
    }
    let def = StatusDef {
        key: key.clone(),
        label_en: en,
        label_cy: cy,
        rag,
        closed,
    };
    cairn_db::feedback::insert_status(
        &mut tx.conn(),
        org,
        &def,
        i64::try_from(existing.len()).unwrap_or(0),
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "feedback_status",
        None,
        None,
        Some(&serde_json::json!({"key": key, "rag": rag.key(), "closed": closed})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(key)
}

fn today(app: &App, tz: &str) -> jiff::civil::Date {
    cairn_domain::time::local_date(app.now(), &cairn_domain::time::time_zone(tz))
}

async fn check_unit(c: &mut Conn<'_>, org: i64, unit: Option<i64>) -> AppResult<()> {
    if let Some(u) = unit
        && !cairn_db::units::unit_in_organisation(c, org, u).await?
    {
        let mut e = FieldErrors::new();
        e.add("unit_id", "feedback-error-unit");
        return Err(e.into());
    }
    Ok(())
}

/// A member leaves a suggestion online, as themselves.
pub async fn submit_online(
    app: &App,
    actor: &Actor,
    draft: &SuggestionDraft,
    lang: Language,
) -> AppResult<i64> {
    require(actor, Permission::SubmitSuggestion)?;
    let org = org_of(actor)?;
    let o = cairn_db::units::get_organisation(&mut app.db.acquire().await?.conn(), org).await?;
    let draft = SuggestionDraft {
        channel: "online".into(),
        found_on: Default::default(),
        ..draft.clone()
    };
    let fields = draft.validate(today(app, &o.time_zone))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    check_unit(&mut tx.conn(), org, fields.unit_id).await?;
    ensure_statuses(&mut tx.conn(), org).await?;
    let new = NewSuggestion {
        fields: &fields,
        contact_language: lang.key(),
        submitted_by_user_id: (!fields.anonymous).then_some(actor.user_id),
        entered_by_label: None,
        kiosk_id: None,
    };
    let by = if fields.anonymous {
        "anonymous"
    } else {
        actor.label.as_str()
    };
    let id = cairn_db::feedback::insert(&mut tx.conn(), org, &new, now, by).await?;
    // An anonymous suggestion's audit row names nobody: not the account, not its label.
    let recorded_as = if fields.anonymous {
        &Actor::anonymous(org)
    } else {
        actor
    };
    record::<(), _>(
        &mut tx.conn(),
        recorded_as,
        Some(org),
        Action::Create,
        "suggestion",
        Some(id),
        None,
        Some(&serde_json::json!({"channel": "online", "unit_id": fields.unit_id})),
        None,
        now,
    )
    .await?;
    let by = (!fields.anonymous).then_some(actor.person_id).flatten();
    let m = crate::webhooks::Message::suggestion_received(
        id,
        fields.unit_id,
        "online",
        &fields.text,
        by,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Staff type in a suggestion from a paper slip, a meeting, a survey comment or on someone's
/// behalf; the record says who entered it.
pub async fn enter(
    app: &App,
    actor: &Actor,
    draft: &SuggestionDraft,
    lang: Language,
) -> AppResult<i64> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let o = cairn_db::units::get_organisation(&mut app.db.acquire().await?.conn(), org).await?;
    let fields = draft.validate(today(app, &o.time_zone))?;
    if fields.channel == Channel::Kiosk {
        let mut e = FieldErrors::new();
        e.add("channel", "feedback-error-channel");
        return Err(e.into());
    }
    if let Some(u) = fields.unit_id
        && !actor.can_reach_unit(u)
    {
        let mut e = FieldErrors::new();
        e.add("unit_id", "feedback-error-unit");
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    check_unit(&mut tx.conn(), org, fields.unit_id).await?;
    ensure_statuses(&mut tx.conn(), org).await?;
    let new = NewSuggestion {
        fields: &fields,
        contact_language: lang.key(),
        submitted_by_user_id: None,
        entered_by_label: Some(&actor.label),
        kiosk_id: None,
    };
    let id = cairn_db::feedback::insert(&mut tx.conn(), org, &new, now, &actor.label).await?;
    record::<(), _>(&mut tx.conn(), actor, Some(org), Action::Create, "suggestion", Some(id), None, Some(&serde_json::json!({"channel": fields.channel.key(), "unit_id": fields.unit_id, "entered_for_someone": true})), None, now).await?;
    let m = crate::webhooks::Message::suggestion_received(
        id,
        fields.unit_id,
        fields.channel.key(),
        &fields.text,
        None,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// The kiosk behind a link, with its unit and organisation; not found once revoked.
pub async fn kiosk(
    app: &App,
    secret: &str,
) -> AppResult<(Kiosk, cairn_db::units::Unit, cairn_db::units::Organisation)> {
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let k = cairn_db::feedback::find_live_kiosk(c, &crate::accounts::hash_secret(secret))
        .await?
        .ok_or(AppError::NotFound)?;
    let unit = cairn_db::units::get_unit(c, k.organisation_id, k.unit_id).await?;
    let org = cairn_db::units::get_organisation(c, k.organisation_id).await?;
    Ok((k, unit, org))
}

/// Anyone on the ward leaves a suggestion on the kiosk. Posts are limited per kiosk, and per
/// sending address (`addr`) below that, so one sender cannot use up the kiosk for the ward.
pub async fn submit_kiosk(
    app: &App,
    secret: &str,
    text: &str,
    contact: Option<&str>,
    anonymous: bool,
    lang: Language,
    addr: &str,
) -> AppResult<i64> {
    let (k, unit, org) = kiosk(app, secret).await?;
    let draft = SuggestionDraft {
        unit_id: Some(unit.id),
        text: text.to_owned(),
        channel: "kiosk".into(),
        anonymous,
        contact: contact.map(str::to_owned),
        found_on: Default::default(),
    };
    let fields = draft.validate(today(app, &org.time_zone))?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // Count and insert one post at a time per kiosk, or concurrent posts all see room.
    cairn_db::feedback::lock_kiosk(&mut tx.conn(), k.id).await?;
    if cairn_db::feedback::kiosk_posts_since(&mut tx.conn(), k.id, now - KIOSK_WINDOW_MS).await?
        >= KIOSK_MAX_POSTS
    {
        return Err(AppError::Throttled);
    }
    // The address only as a hash, per kiosk, and only for the window (see migration 0009).
    let address = crate::accounts::hash_secret(&format!("{}|{addr}", k.id));
    let minute = now.div_euclid(MINUTE_MS);
    let since = (now - KIOSK_WINDOW_MS).div_euclid(MINUTE_MS);
    if cairn_db::feedback::address_posts_since(&mut tx.conn(), k.id, &address, since).await?
        >= KIOSK_MAX_POSTS_PER_ADDRESS
    {
        return Err(AppError::Throttled);
    }
    cairn_db::feedback::note_address_post(&mut tx.conn(), k.id, &address, minute).await?;
    ensure_statuses(&mut tx.conn(), org.id).await?;
    let new = NewSuggestion {
        fields: &fields,
        contact_language: lang.key(),
        submitted_by_user_id: None,
        entered_by_label: None,
        kiosk_id: Some(k.id),
    };
    let id = cairn_db::feedback::insert(&mut tx.conn(), org.id, &new, now, "kiosk").await?;
    let kiosk_actor = Actor {
        user_id: 0,
        organisation_id: Some(org.id),
        role: cairn_domain::Role::Member,
        unit_ids: vec![],
        person_id: None,
        label: format!("kiosk {}", k.id),
    };
    record::<(), _>(
        &mut tx.conn(),
        &kiosk_actor,
        Some(org.id),
        Action::Create,
        "suggestion",
        Some(id),
        None,
        Some(&serde_json::json!({"channel": "kiosk", "unit_id": unit.id})),
        None,
        now,
    )
    .await?;
    let m = crate::webhooks::Message::suggestion_received(
        id,
        Some(unit.id),
        "kiosk",
        &fields.text,
        None,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org.id, m, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a kiosk link for a unit; returns the secret for the link (shown once). Unit staff
/// make links for their own units only.
pub async fn create_kiosk(
    app: &App,
    actor: &Actor,
    unit_id: i64,
    label: &str,
) -> AppResult<String> {
    require(actor, Permission::ManageKiosks)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    if !actor.can_reach_unit(unit_id) {
        e.add("unit_id", "feedback-error-unit");
    }
    let label = cairn_domain::validation::required_text(
        &mut e,
        "label",
        label,
        80,
        "feedback-error-kiosk-label",
        "feedback-error-label-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let secret = crate::accounts::new_secret();
    let mut tx = app.db.begin().await?;
    check_unit(&mut tx.conn(), org, Some(unit_id)).await?;
    let id = cairn_db::feedback::insert_kiosk(
        &mut tx.conn(),
        org,
        unit_id,
        &label,
        &crate::accounts::hash_secret(&secret),
        now,
        &actor.label,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "kiosk",
        Some(id),
        None,
        Some(&serde_json::json!({"unit_id": unit_id, "label": label})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// The organisation's kiosks (unit staff: those on their units).
pub async fn kiosks(app: &App, actor: &Actor) -> AppResult<Vec<Kiosk>> {
    require(actor, Permission::ManageKiosks)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(cairn_db::feedback::list_kiosks(&mut h.conn(), org)
        .await?
        .into_iter()
        .filter(|k| actor.can_reach_unit(k.unit_id))
        .collect())
}

/// Revokes a kiosk link: it reaches nothing afterwards. Another unit's kiosk is not found for
/// unit staff.
pub async fn revoke_kiosk(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    require(actor, Permission::ManageKiosks)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let reachable = cairn_db::feedback::list_kiosks(&mut tx.conn(), org)
        .await?
        .iter()
        .any(|k| k.id == id && actor.can_reach_unit(k.unit_id));
    if !reachable || !cairn_db::feedback::revoke_kiosk(&mut tx.conn(), org, id, now).await? {
        return Err(AppError::NotFound);
    }
    record::<(), ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Revoke,
        "kiosk",
        Some(id),
        None,
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Filters as typed on the list page or the API.
#[derive(Debug, Clone, Default)]
pub struct ListFilters {
    pub unit_id: Option<i64>,
    pub status: Option<String>,
    pub rag: Option<String>,
    pub channel: Option<String>,
    pub owner_user_id: Option<i64>,
    pub overdue: bool,
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    pub text: Option<String>,
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// How many characters of a suggestion's words the staff list shows ([`SuggestionLine`]
/// carries one more, so the list can tell when they go on).
pub const LIST_TEXT_CHARS: usize = cairn_db::feedback::LINE_TEXT_CHARS - 1;

/// A page of suggestions the actor may act on, newest first, as the staff list shows them,
/// with the statuses to label them and the organisation's response target in days.
pub async fn list(
    app: &App,
    actor: &Actor,
    f: &ListFilters,
) -> AppResult<(Vec<SuggestionLine>, Vec<StatusDef>, i64)> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let statuses = statuses_of(app, org).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let (q, target_days) = query_of(app, actor, c, org, &statuses, f).await?;
    let rows = cairn_db::feedback::list_lines(c, org, &q).await?;
    Ok((rows, statuses, target_days))
}

/// The same suggestions as [`list`], each whole with its public wording and answer (for a
/// spreadsheet of them and for the API).
pub async fn list_whole(
    app: &App,
    actor: &Actor,
    f: &ListFilters,
) -> AppResult<(Vec<Suggestion>, Vec<StatusDef>)> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let statuses = statuses_of(app, org).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let (q, _) = query_of(app, actor, c, org, &statuses, f).await?;
    let rows = cairn_db::feedback::list(c, org, &q).await?;
    Ok((rows, statuses))
}

/// The query of [`list`] for the actor and the filters, and the organisation's response
/// target in days.
async fn query_of(
    app: &App,
    actor: &Actor,
    c: &mut Conn<'_>,
    org: i64,
    statuses: &[StatusDef],
    f: &ListFilters,
) -> AppResult<(SuggestionQuery, i64)> {
    let o = crate::cache::organisation(c, org).await?;
    let tz = cairn_domain::time::time_zone(&o.time_zone);
    let start_of = |d: jiff::civil::Date| {
        d.to_zoned(tz.clone())
            .ok()
            .map(|z| z.timestamp().as_millisecond())
    };
    let mut wanted: Option<Vec<String>> = f
        .status
        .as_ref()
        .filter(|s| !s.is_empty())
        .map(|s| vec![s.clone()]);
    if let Some(rag) = f.rag.as_deref().and_then(cairn_domain::model::Rag::parse) {
        let keys: Vec<String> = statuses
            .iter()
            .filter(|s| s.rag == rag)
            .map(|s| s.key.clone())
            .collect();
        wanted = Some(match wanted {
            Some(w) => w.into_iter().filter(|k| keys.contains(k)).collect(),
            None => keys,
        });
    }
    let q = SuggestionQuery {
        unit_id: f.unit_id,
        within_units: actor.role.is_unit_scoped().then(|| actor.unit_ids.clone()),
        statuses: wanted,
        channel: f.channel.as_deref().and_then(Channel::parse),
        owner_user_id: f.owner_user_id,
        overdue_before: f
            .overdue
            .then(|| app.now() - o.feedback_target_days * DAY_MS),
        from_ms: f.from.and_then(start_of),
        to_ms: f.to.and_then(|d| d.tomorrow().ok()).and_then(start_of),
        text: f.text.clone(),
        before_id: f.before_id,
        limit: f.limit.clamp(1, 500),
    };
    Ok((q, o.feedback_target_days))
}

/// Everything the staff page for one suggestion shows.
#[derive(Debug, Clone)]
pub struct Detail {
    pub suggestion: Suggestion,
    pub events: Vec<cairn_db::feedback::Event>,
    pub practices: Vec<String>,
    pub statuses: Vec<StatusDef>,
    /// Accounts that may own a suggestion: (user id, name).
    pub owners: Vec<(i64, String)>,
    /// How to name the staff recorded on it (who entered it, who did what).
    pub names: StaffNames,
    pub target_days: i64,
    /// When its response clock started (a paper slip's: the day it was found).
    pub clock_start: i64,
}

/// Names for the accounts of an organisation. Suggestions and their history record an account
/// by its e-mail address (the audit label); pages show the name of the person linked to the
/// account, and the address only for an account with no person.
#[derive(Debug, Clone, Default)]
pub struct StaffNames {
    by_id: std::collections::HashMap<i64, String>,
    by_email: std::collections::HashMap<String, String>,
}

impl StaffNames {
    async fn load(c: &mut Conn<'_>, org: i64) -> AppResult<StaffNames> {
        let mut names = StaffNames::default();
        for (id, email, name) in cairn_db::feedback::account_names(c, org).await? {
            let shown = name
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| email.clone());
            names.by_email.insert(email.to_lowercase(), shown.clone());
            names.by_id.insert(id, shown);
        }
        Ok(names)
    }

    /// The name for an account.
    pub fn of_account(&self, id: i64) -> Option<&str> {
        self.by_id.get(&id).map(String::as_str)
    }

    /// The name for a recorded label: the person's name for one of the organisation's
    /// accounts, else `None` (a label such as "anonymous" or "kiosk", or an account gone).
    pub fn of_label(&self, label: &str) -> Option<&str> {
        self.by_email
            .get(&label.trim().to_lowercase())
            .map(String::as_str)
    }
}

/// The accounts that may own a suggestion, by name (anyone who handles feedback).
pub async fn owners(app: &App, actor: &Actor) -> AppResult<Vec<(i64, String)>> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    owners_of(&mut h.conn(), org).await
}

async fn owners_of(c: &mut Conn<'_>, org: i64) -> AppResult<Vec<(i64, String)>> {
    let names = StaffNames::load(c, org).await?;
    Ok(cairn_db::accounts::list_users(c, org)
        .await?
        .into_iter()
        .filter(|u| u.role.allows(Permission::ManageFeedback) && !u.disabled)
        .map(|u| {
            let name = names.of_account(u.id).unwrap_or(&u.email).to_owned();
            (u.id, name)
        })
        .collect())
}

async fn load(c: &mut Conn<'_>, actor: &Actor, org: i64, id: i64) -> AppResult<Suggestion> {
    let s = cairn_db::feedback::get(c, org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(u) = s.unit_id
        && !actor.can_reach_unit(u)
    {
        return Err(AppError::NotFound);
    }
    Ok(s)
}

/// Checks the suggestion exists and is within the actor's reach before anything else, so
/// another organisation's id reads as "not found" whatever is sent with it.
async fn must_reach(app: &App, actor: &Actor, org: i64, id: i64) -> AppResult<()> {
    let mut h = app.db.acquire().await?;
    load(&mut h.conn(), actor, org, id).await?;
    Ok(())
}

/// One suggestion for staff.
pub async fn detail(app: &App, actor: &Actor, id: i64) -> AppResult<Detail> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let statuses = statuses_of(app, org).await?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let suggestion = load(c, actor, org, id).await?;
    let events = cairn_db::feedback::events(c, id).await?;
    let practices = cairn_db::feedback::practices(c, id).await?;
    let owners = owners_of(c, org).await?;
    let names = StaffNames::load(c, org).await?;
    let o = cairn_db::units::get_organisation(c, org).await?;
    Ok(Detail {
        clock_start: suggestion.found_at.unwrap_or(suggestion.received_at),
        suggestion,
        events,
        practices,
        statuses,
        owners,
        names,
        target_days: o.feedback_target_days,
    })
}

/// Tells the person who left a contact (by e-mail when it is an address and e-mail is on, and
/// in the app when they left it signed in), in their language.
async fn tell_contact(
    app: &App,
    c: &mut Conn<'_>,
    s: &Suggestion,
    message: &str,
    reason: &Bilingual,
    now: i64,
) -> AppResult<()> {
    let lang = Language::parse(&s.contact_language).unwrap_or(Language::En);
    let summary: String = s.text.chars().take(120).collect();
    // The e-mail goes in the language they wrote to us in (the other when that one is not
    // written); the in-app notice keeps both and is worded when read.
    let told = |l: Language| {
        reason
            .shown(l)
            .map(|r| r.text.to_owned())
            .unwrap_or_default()
    };
    let args = [("suggestion", summary.clone()), ("reason", told(lang))];
    if let Some(contact) = &s.contact
        && cairn_domain::validation::looks_like_email(contact.trim())
    {
        let o = cairn_db::units::get_organisation(c, s.organisation_id).await?;
        if o.smtp_enabled {
            crate::notices::queue_email(
                app,
                c,
                s.organisation_id,
                contact.trim(),
                lang,
                &format!("email-{message}-subject"),
                &format!("email-{message}-body"),
                &args,
                now,
            )
            .await?;
        }
    }
    if let Some(user) = s.submitted_by_user_id {
        let args = [
            ("suggestion", crate::notices::NoticeArg::Text(summary)),
            (
                "reason",
                crate::notices::NoticeArg::Local {
                    en: told(Language::En),
                    cy: reason.cy.clone(),
                },
            ),
        ];
        crate::notices::notify_with(c, user, &format!("notice-{message}"), &args, now).await?;
    }
    Ok(())
}

/// Publishes the public wording in English, Welsh or both (the original is kept as it was).
/// Plain text (`&str`) is English.
pub async fn publish(
    app: &App,
    actor: &Actor,
    id: i64,
    public_text: impl Into<Bilingual>,
) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    must_reach(app, actor, org, id).await?;
    let text = cairn_domain::feedback::check_public(
        "public_text",
        &public_text.into(),
        "feedback-error-public-text",
    )?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = load(&mut tx.conn(), actor, org, id).await?;
    cairn_db::feedback::set_visibility(
        &mut tx.conn(),
        id,
        Visibility::Published,
        (text.en.as_deref(), text.cy.as_deref()),
        now,
    )
    .await?;
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "published",
        None,
        None,
        text.en.as_deref().or(text.cy.as_deref()),
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        Some(&serde_json::json!({"visibility": s.visibility, "public_text": s.public_text, "public_text_cy": s.public_text_cy})),
        Some(&serde_json::json!({"visibility": "published", "public_text": text.en, "public_text_cy": text.cy})),
        None,
        now,
    )
    .await?;
    let m = crate::webhooks::Message::suggestion_published(
        id,
        s.unit_id,
        text.en.as_deref().or(text.cy.as_deref()),
        submitter(&mut tx.conn(), &s).await?,
    );
    crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Keeps a suggestion off the public boards and tells the person why, in English, Welsh or
/// both (they hear it in their own language when it is written in it).
pub async fn keep_private(
    app: &App,
    actor: &Actor,
    id: i64,
    reason: impl Into<Bilingual>,
) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    must_reach(app, actor, org, id).await?;
    let reason = cairn_domain::feedback::check_public(
        "reason",
        &reason.into(),
        "feedback-error-private-reason",
    )?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = load(&mut tx.conn(), actor, org, id).await?;
    cairn_db::feedback::set_visibility(&mut tx.conn(), id, Visibility::Private, (None, None), now)
        .await?;
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "kept_private",
        None,
        None,
        reason.en.as_deref().or(reason.cy.as_deref()),
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        Some(&serde_json::json!({"visibility": s.visibility})),
        Some(&serde_json::json!({"visibility": "private", "reason": reason.en, "reason_cy": reason.cy})),
        None,
        now,
    )
    .await?;
    tell_contact(app, &mut tx.conn(), &s, "feedback-private", &reason, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Moves a suggestion to a status. Closing needs a public response; a closed suggestion never
/// moves (409); the person who left a contact hears the outcome.
pub async fn transition(
    app: &App,
    actor: &Actor,
    id: i64,
    to: &str,
    public_response: Option<&str>,
    note: Option<&str>,
) -> AppResult<()> {
    let response = public_response.map(Bilingual::english).unwrap_or_default();
    transition_from(app, actor, id, None, to, &response, note).await
}

/// As [`transition`], but only from the status the person saw (`seen`): when someone else has
/// moved the suggestion meanwhile, nothing changes and the answer is a conflict, so two people
/// never overwrite each other's decision.
pub async fn transition_from(
    app: &App,
    actor: &Actor,
    id: i64,
    seen: Option<&str>,
    to: &str,
    public_response: &Bilingual,
    note: Option<&str>,
) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    must_reach(app, actor, org, id).await?;
    let statuses = statuses_of(app, org).await?;
    let Some(to_def) = statuses.iter().find(|s| s.key == to.trim()) else {
        let mut e = FieldErrors::new();
        e.add("status", "feedback-error-status");
        return Err(e.into());
    };
    let mut e = FieldErrors::new();
    public_response.check(
        &mut e,
        "public_response",
        cairn_domain::feedback::RESPONSE_MAX,
        "feedback-error-note-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    // Either language will do; the response is shown (or told) in the one there is.
    let response = public_response
        .en
        .as_deref()
        .or(public_response.cy.as_deref());
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = load(&mut tx.conn(), actor, org, id).await?;
    if seen.is_some_and(|seen| seen != s.status) {
        return Err(AppError::Conflict("feedback-error-moved"));
    }
    let from_def = statuses
        .iter()
        .find(|d| d.key == s.status)
        .cloned()
        .unwrap_or_else(|| StatusDef {
            key: s.status.clone(),
            label_en: s.status.clone(),
            label_cy: s.status.clone(),
            rag: cairn_domain::model::Rag::Red,
            closed: s.closed_at.is_some(),
        });
    match check_transition(&from_def, to_def, response) {
        Ok(()) => {}
        Err(cairn_domain::feedback::TransitionError::ResponseRequired) => {
            let mut e = FieldErrors::new();
            e.add("public_response", "feedback-error-response-required");
            return Err(e.into());
        }
        Err(other) => return Err(AppError::Conflict(other.message_id())),
    }
    if !cairn_db::feedback::move_status(
        &mut tx.conn(),
        id,
        &s.status,
        &to_def.key,
        to_def.closed,
        response.map(|_| (public_response.en.as_deref(), public_response.cy.as_deref())),
        now,
    )
    .await?
    {
        return Err(AppError::Conflict("feedback-error-moved"));
    }
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "status",
        Some(&s.status),
        Some(&to_def.key),
        response.or(note),
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        Some(&serde_json::json!({"status": s.status})),
        Some(&serde_json::json!({"status": to_def.key, "public_response": public_response.en, "public_response_cy": public_response.cy, "note": note})),
        None,
        now,
    )
    .await?;
    if to_def.closed {
        tell_contact(
            app,
            &mut tx.conn(),
            &s,
            "feedback-closed",
            public_response,
            now,
        )
        .await?;
        let by = submitter(&mut tx.conn(), &s).await?;
        let m =
            crate::webhooks::Message::suggestion_closed(id, s.unit_id, &to_def.key, response, by);
        crate::webhooks::enqueue(&mut tx.conn(), org, m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Adds a dated progress update (the first one counts as the first response).
pub async fn add_update(app: &App, actor: &Actor, id: i64, note: &str) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    must_reach(app, actor, org, id).await?;
    let note = cairn_domain::feedback::check_note("note", note, "feedback-error-note-required")?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = load(&mut tx.conn(), actor, org, id).await?;
    if s.closed_at.is_some() {
        return Err(AppError::Conflict("feedback-error-closed"));
    }
    cairn_db::feedback::touch_response(&mut tx.conn(), id, now).await?;
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "update",
        None,
        None,
        Some(&note),
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        None,
        Some(&serde_json::json!({"update": note})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Gives a suggestion an owner (an account that handles feedback), or none.
pub async fn set_owner(app: &App, actor: &Actor, id: i64, owner: Option<i64>) -> AppResult<()> {
    let d = detail(app, actor, id).await?;
    if let Some(o) = owner
        && !d.owners.iter().any(|(uid, _)| *uid == o)
    {
        let mut e = FieldErrors::new();
        e.add("owner", "feedback-error-owner");
        return Err(e.into());
    }
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::feedback::set_owner(&mut tx.conn(), id, owner, now).await?;
    // The history keeps the account's label (its e-mail address), as for every other event;
    // pages name the person when they show it.
    let who = match owner {
        Some(o) => Some(cairn_db::accounts::get_user(&mut tx.conn(), o).await?.email),
        None => None,
    };
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "owner",
        None,
        None,
        who.as_deref(),
    )
    .await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        Some(&serde_json::json!({"owner_user_id": d.suggestion.owner_user_id})),
        Some(&serde_json::json!({"owner_user_id": owner})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Records that a development needs a service-user and carer forum decision, and the decision.
pub async fn set_forum(
    app: &App,
    actor: &Actor,
    id: i64,
    needs: bool,
    decision: Option<&str>,
    decided_on: &cairn_domain::time::DateParts,
    meeting: Option<&str>,
) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    must_reach(app, actor, org, id).await?;
    let mut e = FieldErrors::new();
    let decision = match decision.map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match ForumDecision::parse(d) {
            Some(fd) => Some(fd),
            None => {
                e.add("forum_decision", "feedback-error-forum-decision");
                None
            }
        },
    };
    let on = cairn_domain::time::parse_date_parts(&mut e, "forum_decided_on", decided_on, None);
    if decision.is_some() && on.is_none() && e.for_field("forum_decided_on").is_none() {
        e.add("forum_decided_on", "feedback-error-forum-date");
    }
    let meeting = cairn_domain::validation::optional_text(
        &mut e,
        "forum_meeting",
        meeting,
        200,
        "feedback-error-label-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = load(&mut tx.conn(), actor, org, id).await?;
    let on_text = on.map(|d| d.to_string());
    cairn_db::feedback::set_forum(
        &mut tx.conn(),
        id,
        needs || decision.is_some(),
        decision.map(|d| d.key()),
        on_text.as_deref(),
        meeting.as_deref(),
        now,
    )
    .await?;
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "forum",
        None,
        decision.map(|d| d.key()),
        meeting.as_deref(),
    )
    .await?;
    record(&mut tx.conn(), actor, Some(org), Action::Update, "suggestion", Some(id), Some(&serde_json::json!({"needs_forum": s.needs_forum, "forum_decision": s.forum_decision})), Some(&serde_json::json!({"needs_forum": needs || decision.is_some(), "forum_decision": decision.map(|d| d.key()), "forum_decided_on": on_text, "forum_meeting": meeting})), None, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Links a suggestion to the model practices it serves.
pub async fn set_practices(app: &App, actor: &Actor, id: i64, codes: &[String]) -> AppResult<()> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load(&mut tx.conn(), actor, org, id).await?;
    crate::model::ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let known: Vec<String> = cairn_db::model::list_practices(&mut tx.conn(), org)
        .await?
        .into_iter()
        .map(|p| p.code)
        .collect();
    let mut codes: Vec<String> = codes
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    codes.sort();
    codes.dedup();
    if codes.iter().any(|c| !known.contains(c)) {
        let mut e = FieldErrors::new();
        e.add("practices", "feedback-error-practice");
        return Err(e.into());
    }
    cairn_db::feedback::set_practices(&mut tx.conn(), id, &codes).await?;
    cairn_db::feedback::add_event(
        &mut tx.conn(),
        id,
        now,
        &actor.label,
        "practices",
        None,
        None,
        Some(&codes.join(", ")),
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "suggestion",
        Some(id),
        None,
        Some(&serde_json::json!({"practices": codes})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One item on a public board: no names, no contact, only the reviewed wording.
#[derive(Debug, Clone, serde::Serialize)]
pub struct BoardItem {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub you_said: Bilingual,
    pub we_did: Bilingual,
    pub status: String,
    pub rag: cairn_domain::model::Rag,
    /// Whether the response says what was done or why it can't be.
    pub outcome: cairn_domain::feedback::Outcome,
    pub closed_at: i64,
}

/// A board as read: the organisation, the unit (for a unit's board), the answers shown and the
/// statuses they name.
pub type Board = (
    cairn_db::units::Organisation,
    Option<cairn_db::units::Unit>,
    Vec<BoardItem>,
    Vec<StatusDef>,
);

/// The most answers one read of a board returns (the API pages through them).
pub const BOARD_MOST: i64 = 200;

/// A public "you said, we did" board: published, closed suggestions of a unit (or the whole
/// organisation) closed in the last `weeks` weeks, the newest [`BOARD_MOST`]. Needs no sign-in.
pub async fn board(app: &App, org: i64, unit: Option<i64>, weeks: i64) -> AppResult<Board> {
    board_page(app, org, unit, weeks, None, BOARD_MOST).await
}

/// One page of a [`board`]: at most `limit` answers, starting after `before` when given.
pub async fn board_page(
    app: &App,
    org: i64,
    unit: Option<i64>,
    weeks: i64,
    before: Option<cairn_db::feedback::BoardCursor>,
    limit: i64,
) -> AppResult<Board> {
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    // An unknown organisation is "not found" before anything else is read.
    let o = cairn_db::units::get_organisation(c, org).await?;
    let statuses = crate::cache::statuses_at(app, c, org, o.settings_version).await?;
    let u = match unit {
        Some(id) => Some(cairn_db::units::get_unit(c, org, id).await?),
        None => None,
    };
    let since = app.now() - weeks.clamp(1, 520) * 7 * DAY_MS;
    let rows = cairn_db::feedback::board_page(
        c,
        org,
        unit,
        since,
        before,
        limit.clamp(1, BOARD_MOST),
        o.board_needs_both_languages,
    )
    .await?;
    let items = rows
        .into_iter()
        .map(|s| {
            let def = statuses.iter().find(|d| d.key == s.status);
            let rag = def
                .map(|d| d.rag)
                .unwrap_or(cairn_domain::model::Rag::Green);
            let outcome = def.map_or(cairn_domain::feedback::Outcome::Done, Outcome::of);
            BoardItem {
                id: s.id,
                unit_id: s.unit_id,
                you_said: Bilingual::new(s.public_text.as_deref(), s.public_text_cy.as_deref()),
                we_did: Bilingual::new(
                    s.public_response.as_deref(),
                    s.public_response_cy.as_deref(),
                ),
                status: s.status,
                rag,
                outcome,
                closed_at: s.closed_at,
            }
        })
        .collect();
    Ok((o, u, items, statuses.to_vec()))
}

/// Arrivals and closures by month for the last `months` months, oldest first: ("2026-03", in, out).
pub async fn by_month(app: &App, actor: &Actor, months: i64) -> AppResult<Vec<(String, i64, i64)>> {
    require(actor, Permission::ManageFeedback)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let c = &mut h.conn();
    let o = cairn_db::units::get_organisation(c, org).await?;
    let tz = cairn_domain::time::time_zone(&o.time_zone);
    let today = cairn_domain::time::local_date(app.now(), &tz);
    let first = today
        .first_of_month()
        .checked_sub(jiff::Span::new().months(months - 1))
        .unwrap_or(today);
    // Month boundaries in the organisation's time zone, computed here (no SQL date functions).
    let starts: Vec<jiff::civil::Date> = (0..=months)
        .filter_map(|i| first.checked_add(jiff::Span::new().months(i)).ok())
        .collect();
    let bounds: Vec<i64> = starts
        .iter()
        .filter_map(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .collect();
    let counts = cairn_db::feedback::arrivals_and_closures(c, org, &bounds).await?;
    Ok(starts
        .iter()
        .zip(counts)
        .map(|(d, (arrived, closed))| {
            (format!("{:04}-{:02}", d.year(), d.month()), arrived, closed)
        })
        .collect())
}

/// The person who left a suggestion under their own name, when there is one (webhook payloads
/// that carry names add theirs, and erasing them removes those payloads).
async fn submitter(c: &mut cairn_db::Conn<'_>, s: &Suggestion) -> AppResult<Option<i64>> {
    if s.anonymous {
        return Ok(None);
    }
    let Some(user) = s.submitted_by_user_id else {
        return Ok(None);
    };
    Ok(cairn_db::accounts::get_user(c, user).await?.person_id)
}
