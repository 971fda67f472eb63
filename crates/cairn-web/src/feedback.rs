//! Feedback pages: the staff list (filters in the URL, CSV, a chart by month), entering a
//! suggestion from a paper slip or a meeting, one suggestion's page (review and publish, keep
//! private, move status with a public response, updates, owner, forum decision, practices),
//! kiosk links and statuses; the member's "make a suggestion"; the ward kiosk; and the public
//! "you said, we did" boards and poster.

use crate::charts::{Bar, stacked_bars};
use crate::context::{Ctx, Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::translation::{Local, local, local_of};
use crate::views::{
    Choice, Chrome, FormState, html, html_status, local_name, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::feedback::ListFilters;
use cairn_db::feedback::BoardCursor;
use cairn_domain::Permission;
use cairn_domain::feedback::{Channel, ForumDecision, StatusDef, SuggestionDraft};
use cairn_domain::model::Rag;
use cairn_domain::people::Language;
use cairn_domain::time::{
    DEFAULT_TIME_ZONE, DateParts, format_date, format_instant, parse_iso_date, time_zone,
};
use cairn_domain::translation::Bilingual;
use serde::Deserialize;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/feedback", list)
        .get("/feedback.csv", list_csv)
        .get("/feedback/by-month", by_month)
        .get("/feedback/by-month.csv", by_month_csv)
        .get("/feedback/new", new_form)
        .post("/feedback/new", create)
        .get("/feedback/kiosks", kiosks_page)
        .post("/feedback/kiosks", create_kiosk)
        .post("/feedback/kiosks/{id}/revoke", revoke_kiosk)
        .get("/feedback/statuses", statuses_page)
        .post("/feedback/statuses", add_status)
        .get("/feedback/{id}", show)
        .post("/feedback/{id}/publish", publish)
        .post("/feedback/{id}/private", keep_private)
        .post("/feedback/{id}/status", move_status)
        .post("/feedback/{id}/update", add_update)
        .post("/feedback/{id}/owner", set_owner)
        .post("/feedback/{id}/forum", set_forum)
        .post("/feedback/{id}/practices", set_practices)
        .get("/suggest", suggest_form)
        .post("/suggest", suggest)
        .get("/suggest/thanks", suggest_thanks)
        .get("/o/{org}/you-said-we-did", public_board)
        .get("/o/{org}/units/{unit}/you-said-we-did", unit_board)
        .get("/o/{org}/units/{unit}/poster", poster)
        .get("/kiosk/{token}", kiosk_home)
        .get("/kiosk/{token}/suggest", kiosk_form)
        .post("/kiosk/{token}/suggest", kiosk_post)
        .get("/kiosk/{token}/thanks", kiosk_thanks)
        .get("/kiosk/{token}/board", kiosk_board)
}

fn status_label(t: &Tr, statuses: &[StatusDef], key: &str) -> (String, Rag) {
    match statuses.iter().find(|s| s.key == key) {
        Some(s) => (
            if t.lang == Language::Cy {
                s.label_cy.clone()
            } else {
                s.label_en.clone()
            },
            s.rag,
        ),
        None => (key.to_owned(), Rag::Red),
    }
}

fn tag_class(r: Rag) -> &'static str {
    match r {
        Rag::Red => "nhsuk-tag--red",
        Rag::Amber => "nhsuk-tag--yellow",
        Rag::Green => "nhsuk-tag--green",
        Rag::NotApplicable => "nhsuk-tag--grey",
    }
}

/// A status shown as words in a coloured tag, with the colour's name for those who cannot see it.
struct Tag {
    class: &'static str,
    label: String,
    rag: String,
}

fn tag(t: &Tr, statuses: &[StatusDef], key: &str) -> Tag {
    let (label, rag) = status_label(t, statuses, key);
    Tag {
        class: tag_class(rag),
        label,
        rag: t.get(&rag.label_id()),
    }
}

/// The units the actor sees (none for a role that sees no units), as choices; with
/// `reachable_only`, only those they may act on.
async fn unit_choices(st: &AppState, s: &Signed, reachable_only: bool) -> WebResult<Vec<Choice>> {
    Ok(crate::views::unit_names(st, s)
        .await?
        .into_iter()
        .filter(|(id, _)| !reachable_only || s.actor().can_reach_unit(*id))
        .map(|(id, label)| Choice {
            value: id.to_string(),
            label,
        })
        .collect())
}

/// A suggestion's unit by name, or "The whole service".
fn unit_name(t: &Tr, units: &[Choice], unit: Option<i64>) -> String {
    unit.and_then(|u| {
        units
            .iter()
            .find(|c| c.value == u.to_string())
            .map(|c| c.label.clone())
    })
    .unwrap_or_else(|| t.get("feedback-whole-service"))
}

/// The organisation's time zone (the default for an actor with no organisation).
async fn tz_of(st: &AppState, s: &Signed) -> WebResult<jiff::tz::TimeZone> {
    if s.actor().organisation_id.is_none() {
        return Ok(time_zone(DEFAULT_TIME_ZONE));
    }
    let o = crate::views::my_organisation(st, s).await?;
    Ok(time_zone(&o.time_zone))
}

fn status_of(form: &FormState) -> StatusCode {
    if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    }
}

#[derive(Deserialize, Default, Clone)]
struct ListQuery {
    unit_id: Option<String>,
    status: Option<String>,
    rag: Option<String>,
    channel: Option<String>,
    owner: Option<String>,
    overdue: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    before: Option<String>,
}

impl ListQuery {
    fn filters(&self, limit: i64) -> ListFilters {
        let ne = |o: &Option<String>| o.clone().filter(|s| !s.trim().is_empty());
        ListFilters {
            unit_id: ne(&self.unit_id).and_then(|s| s.parse().ok()),
            status: ne(&self.status),
            rag: ne(&self.rag),
            channel: ne(&self.channel),
            owner_user_id: ne(&self.owner).and_then(|s| s.parse().ok()),
            overdue: self.overdue.as_deref() == Some("yes"),
            from: ne(&self.from).and_then(|s| s.parse().ok()),
            to: ne(&self.to).and_then(|s| s.parse().ok()),
            text: ne(&self.q),
            before_id: ne(&self.before).and_then(|s| s.parse().ok()),
            limit,
        }
    }

    fn query_string(&self) -> String {
        let mut ser = url::form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("unit_id", &self.unit_id),
            ("status", &self.status),
            ("rag", &self.rag),
            ("channel", &self.channel),
            ("owner", &self.owner),
            ("overdue", &self.overdue),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                ser.append_pair(k, v);
            }
        }
        ser.finish()
    }
}

struct Row {
    id: i64,
    text: String,
    unit: String,
    channel: String,
    tag: Tag,
    received: String,
    overdue: bool,
    published: String,
}

#[derive(Template)]
#[template(path = "feedback/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<Row>,
    filters: FormState,
    units: Vec<Choice>,
    statuses: Vec<Choice>,
    rags: Vec<Choice>,
    channels: Vec<Choice>,
    owners: Vec<Choice>,
    csv_href: String,
    next_href: Option<String>,
    can_kiosks: bool,
    target_days: i64,
}

/// Suggestions per page.
const PAGE: i64 = 50;

/// The accounts that may own a suggestion, by name, in the reader's alphabet.
async fn owner_choices(st: &AppState, s: &Signed) -> WebResult<Vec<Choice>> {
    let t = s.ctx.t();
    let mut owners: Vec<Choice> = cairn_app::feedback::owners(&st.app, s.actor())
        .await?
        .into_iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name,
        })
        .collect();
    owners.sort_by_cached_key(|c| c.label.to_lowercase());
    crate::views::sort_by_name(&t, &mut owners, |c| &c.label);
    Ok(owners)
}

/// Who a suggestion's record names: a member of staff by name, or what the label stands for
/// ("anonymous", the kiosk, Cairn itself) in the reader's language.
fn who_label(t: &Tr, names: &cairn_app::feedback::StaffNames, label: &str) -> String {
    match label {
        "anonymous" => t.get("feedback-anonymous"),
        "kiosk" => t.get("feedback-channel-kiosk"),
        "system" | "generated" => t.get("feedback-by-cairn"),
        other => names.of_label(other).unwrap_or(other).to_owned(),
    }
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n).collect::<String>())
    } else {
        s.to_owned()
    }
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
    let t = s.ctx.t();
    let (rows, statuses, target_days) =
        cairn_app::feedback::list(&st.app, s.actor(), &q.filters(PAGE + 1)).await?;
    let units = unit_choices(&st, &s, false).await?;
    let now = st.app.now();
    let tz = tz_of(&st, &s).await?;
    let more = rows.len() as i64 > PAGE;
    let rows: Vec<_> = rows.into_iter().take(PAGE as usize).collect();
    let next_href = if more {
        rows.last()
            .map(|r| format!("/feedback?{}&before={}", q.query_string(), r.id))
    } else {
        None
    };
    let rows = rows
        .into_iter()
        .map(|x| Row {
            id: x.id,
            text: short(&x.text, cairn_app::feedback::LIST_TEXT_CHARS),
            unit: x
                .unit_id
                .and_then(|u| {
                    units
                        .iter()
                        .find(|c| c.value == u.to_string())
                        .map(|c| c.label.clone())
                })
                .unwrap_or_else(|| t.get("feedback-whole-service")),
            channel: t.get(&x.channel.label_id()),
            tag: tag(&t, &statuses, &x.status),
            received: format_instant(x.received_at, &tz, t.lang),
            // A paper slip waits from the day it was found, not the day it was typed in.
            overdue: cairn_domain::feedback::waiting_too_long(
                x.found_at.unwrap_or(x.received_at),
                x.first_response_at,
                x.closed_at,
                now,
                target_days,
            ),
            published: t.get(&x.visibility.label_id()),
        })
        .collect();
    let mut filters = FormState::new();
    for (k, v) in [
        ("unit_id", &q.unit_id),
        ("status", &q.status),
        ("rag", &q.rag),
        ("channel", &q.channel),
        ("owner", &q.owner),
        ("from", &q.from),
        ("to", &q.to),
        ("q", &q.q),
    ] {
        filters.set(k, v.clone().unwrap_or_default());
    }
    filters.set("overdue", q.overdue.clone().unwrap_or_default());
    // The same accounts, by name, as each suggestion's owner list.
    let owners = owner_choices(&st, &s).await?;
    let chrome = Chrome::signed(&s, t.get("feedback-title"), organisation(&st, &s).await?);
    html(&ListPage {
        chrome,
        t,
        rows,
        filters,
        units,
        statuses: statuses
            .iter()
            .map(|d| Choice {
                value: d.key.clone(),
                label: status_label(&t, &statuses, &d.key).0,
            })
            .collect(),
        rags: [Rag::Red, Rag::Amber, Rag::Green]
            .iter()
            .map(|r| Choice {
                value: r.key().into(),
                label: t.get(&r.label_id()),
            })
            .collect(),
        channels: Channel::ALL
            .iter()
            .map(|c| Choice {
                value: c.key().into(),
                label: t.get(&c.label_id()),
            })
            .collect(),
        owners,
        csv_href: format!("/feedback.csv?{}", q.query_string()),
        next_href,
        can_kiosks: s.actor().can(Permission::ManageKiosks),
        target_days,
    })
}

async fn list_csv(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> WebResult {
    let t = s.ctx.t();
    let (rows, statuses) =
        cairn_app::feedback::list_whole(&st.app, s.actor(), &q.filters(500)).await?;
    let units = unit_choices(&st, &s, false).await?;
    let tz = tz_of(&st, &s).await?;
    let stamp = |ms: Option<i64>| {
        ms.map(|m| format_instant(m, &tz, t.lang))
            .unwrap_or_default()
    };
    let mut out = vec![
        [
            "feedback-col-id",
            "feedback-col-unit",
            "feedback-col-channel",
            "feedback-col-text",
            "feedback-col-public-text",
            "feedback-col-status",
            "feedback-col-rag",
            "feedback-col-received",
            "feedback-col-first-response",
            "feedback-col-closed",
            "feedback-col-response",
        ]
        .iter()
        .map(|id| t.get(id))
        .collect::<Vec<_>>(),
    ];
    for x in rows {
        let (label, rag) = status_label(&t, &statuses, &x.status);
        out.push(vec![
            x.id.to_string(),
            unit_name(&t, &units, x.unit_id),
            t.get(&x.channel.label_id()),
            x.text,
            x.public_text.unwrap_or_default(),
            label,
            t.get(&rag.label_id()),
            stamp(Some(x.received_at)),
            stamp(x.first_response_at),
            stamp(x.closed_at),
            x.public_response.unwrap_or_default(),
        ]);
    }
    Ok(crate::csv_export::download("cairn-suggestions.csv", &out))
}

#[derive(Template)]
#[template(path = "feedback/new.html")]
struct NewPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    units: Vec<Choice>,
    channels: Vec<Choice>,
}

#[derive(Deserialize, Default)]
struct SuggestionIn {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    channel: String,
    anonymous: Option<String>,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    found_on_day: String,
    #[serde(default)]
    found_on_month: String,
    #[serde(default)]
    found_on_year: String,
}

impl SuggestionIn {
    fn draft(&self) -> SuggestionDraft {
        SuggestionDraft {
            unit_id: self.unit_id.trim().parse().ok(),
            text: self.text.clone(),
            channel: self.channel.clone(),
            anonymous: self.anonymous.is_some(),
            contact: Some(self.contact.clone()),
            found_on: DateParts {
                day: self.found_on_day.clone(),
                month: self.found_on_month.clone(),
                year: self.found_on_year.clone(),
            },
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("unit_id", self.unit_id.clone())
            .set("text", self.text.clone())
            .set("channel", self.channel.clone())
            .set(
                "anonymous",
                if self.anonymous.is_some() { "yes" } else { "" },
            )
            .set("contact", self.contact.clone())
            .set_date("found_on", &self.draft().found_on);
        f
    }
}

async fn new_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageFeedback) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let chrome = Chrome::signed(s, t.get("feedback-new-title"), organisation(st, s).await?)
        .with_errors(&form);
    let units = unit_choices(st, s, true).await?;
    let channels = [
        Channel::Box,
        Channel::Meeting,
        Channel::Survey,
        Channel::Online,
    ]
    .iter()
    .map(|c| Choice {
        value: c.key().into(),
        label: t.get(&c.label_id()),
    })
    .collect();
    html_status(
        status_of(&form),
        &NewPage {
            chrome,
            t,
            form,
            units,
            channels,
        },
    )
}

async fn new_form(State(st): State<AppState>, s: Signed) -> WebResult {
    new_page(&st, &s, FormState::new()).await
}

async fn create(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SuggestionIn>,
) -> WebResult {
    match cairn_app::feedback::enter(&st.app, s.actor(), &f.draft(), s.ctx.lang).await {
        Ok(id) => see_other(&format!("/feedback/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            new_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

struct EventRow {
    when: String,
    who: String,
    what: String,
    note: String,
}

#[derive(Template)]
#[template(path = "feedback/show.html")]
struct ShowPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    text: String,
    facts: Vec<(String, String)>,
    tag: Tag,
    status_key: String,
    closed: bool,
    published: bool,
    private: bool,
    public_text: Local,
    public_response: Local,
    events: Vec<EventRow>,
    form: FormState,
    statuses: Vec<Choice>,
    owners: Vec<Choice>,
    decisions: Vec<Choice>,
    /// The public board of the suggestion's unit, when it has one.
    board_href: Option<String>,
}

async fn show_page(st: &AppState, s: &Signed, id: i64, form: Option<FormState>) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::feedback::detail(&st.app, s.actor(), id).await?;
    let tz = tz_of(st, s).await?;
    let units = unit_choices(st, s, false).await?;
    let x = &d.suggestion;
    let when = |ms: Option<i64>| {
        ms.map(|m| format_instant(m, &tz, t.lang))
            .unwrap_or_else(|| t.get("common-not-recorded"))
    };
    let mut facts = vec![
        (
            t.get("feedback-col-unit"),
            x.unit_id
                .and_then(|u| {
                    units
                        .iter()
                        .find(|c| c.value == u.to_string())
                        .map(|c| c.label.clone())
                })
                .unwrap_or_else(|| t.get("feedback-whole-service")),
        ),
        (t.get("feedback-col-channel"), t.get(&x.channel.label_id())),
        (t.get("feedback-col-received"), when(Some(x.received_at))),
        (
            t.get("feedback-col-first-response"),
            // Still unanswered past the target, counted from the day a slip was found.
            if cairn_domain::feedback::waiting_too_long(
                d.clock_start,
                x.first_response_at,
                x.closed_at,
                st.app.now(),
                d.target_days,
            ) {
                format!("{} ({})", when(None), t.get("feedback-overdue"))
            } else {
                when(x.first_response_at)
            },
        ),
        (t.get("feedback-col-closed"), when(x.closed_at)),
        (
            t.get("feedback-col-visibility"),
            t.get(&x.visibility.label_id()),
        ),
        (
            t.get("feedback-col-who"),
            if x.anonymous {
                t.get("feedback-anonymous")
            } else {
                x.entered_by_label
                    .as_deref()
                    .map(|l| {
                        t.with(
                            "feedback-entered-by",
                            &[("who", who_label(&t, &d.names, l))],
                        )
                    })
                    .unwrap_or_else(|| t.get("feedback-left-themselves"))
            },
        ),
        (
            t.get("feedback-col-contact"),
            x.contact.clone().unwrap_or_else(|| t.get("common-none")),
        ),
        (
            t.get("feedback-col-owner"),
            x.owner_user_id
                .and_then(|o| {
                    d.owners
                        .iter()
                        .find(|(id, _)| *id == o)
                        .map(|(_, e)| e.clone())
                })
                .unwrap_or_else(|| t.get("feedback-no-owner")),
        ),
        (
            t.get("feedback-col-practices"),
            if d.practices.is_empty() {
                t.get("common-none")
            } else {
                d.practices.join(", ")
            },
        ),
        (
            t.get("feedback-col-forum"),
            match (&x.forum_decision, x.needs_forum) {
                (Some(dec), _) => t.with(
                    "feedback-forum-decided",
                    &[
                        (
                            "decision",
                            t.get(&format!("feedback-forum-{}", dec.replace('_', "-"))),
                        ),
                        (
                            "date",
                            x.forum_decided_on
                                .as_deref()
                                .and_then(parse_iso_date)
                                .map(|d| format_date(d, t.lang))
                                .unwrap_or_default(),
                        ),
                        ("meeting", x.forum_meeting.clone().unwrap_or_default()),
                    ],
                ),
                (None, true) => t.get("feedback-forum-waiting"),
                (None, false) => t.get("feedback-forum-not-needed"),
            },
        ),
    ];
    if let Some(f) = x.found_on.as_deref().and_then(parse_iso_date) {
        facts.insert(2, (t.get("feedback-found-on"), format_date(f, t.lang)));
    }
    let events = d
        .events
        .iter()
        .map(|e| EventRow {
            when: format_instant(e.at, &tz, t.lang),
            who: who_label(&t, &d.names, &e.actor_label),
            what: match (e.kind.as_str(), &e.to_status) {
                ("status", Some(to)) => t.with(
                    "feedback-event-status",
                    &[("status", status_label(&t, &d.statuses, to).0)],
                ),
                (k, _) => t.get(&format!("feedback-event-{}", k.replace('_', "-"))),
            },
            // An owner change notes the new owner's account label: show their name.
            note: match (e.kind.as_str(), e.note.as_deref()) {
                ("owner", Some(n)) => who_label(&t, &d.names, n),
                (_, n) => n.unwrap_or_default().to_owned(),
            },
        })
        .collect();
    let form = form.unwrap_or_else(|| {
        let mut f = FormState::new();
        // Until it is published, the public wording starts as the original words for staff
        // to edit, in the box of the language they are working in (the one they will edit),
        // so the original is never left unnoticed in the other box.
        let unpublished = x.public_text.is_none() && x.public_text_cy.is_none();
        let (en, cy) = if !unpublished {
            (x.public_text.clone(), x.public_text_cy.clone())
        } else if t.lang == Language::Cy {
            (None, Some(x.text.clone()))
        } else {
            (Some(x.text.clone()), None)
        };
        f.set("public_text", en.unwrap_or_default())
            .set("public_text_cy", cy.unwrap_or_default());
        f.set(
            "owner",
            x.owner_user_id.map(|o| o.to_string()).unwrap_or_default(),
        )
        .set("practices", d.practices.join(", "))
        .set("needs_forum", if x.needs_forum { "yes" } else { "" })
        .set(
            "forum_decision",
            x.forum_decision.clone().unwrap_or_default(),
        )
        .set("forum_meeting", x.forum_meeting.clone().unwrap_or_default())
        .set_date(
            "forum_decided_on",
            &DateParts::from_date(x.forum_decided_on.as_deref().and_then(parse_iso_date)),
        );
        f
    });
    let mut owners: Vec<Choice> = d
        .owners
        .iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name.clone(),
        })
        .collect();
    owners.sort_by_cached_key(|c| c.label.to_lowercase());
    crate::views::sort_by_name(&t, &mut owners, |c| &c.label);
    let chrome = Chrome::signed(
        s,
        t.with("feedback-show-title", &[("id", id.to_string())]),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &ShowPage {
            chrome,
            t,
            id,
            text: x.text.clone(),
            facts,
            tag: tag(&t, &d.statuses, &x.status),
            status_key: x.status.clone(),
            closed: x.closed_at.is_some(),
            published: x.visibility == cairn_domain::feedback::Visibility::Published,
            private: x.visibility == cairn_domain::feedback::Visibility::Private,
            public_text: local_of(&t, x.public_text.as_deref(), x.public_text_cy.as_deref()),
            public_response: local_of(
                &t,
                x.public_response.as_deref(),
                x.public_response_cy.as_deref(),
            ),
            events,
            form,
            statuses: d
                .statuses
                .iter()
                .filter(|sd| sd.key != x.status)
                .map(|sd| Choice {
                    value: sd.key.clone(),
                    label: status_label(&t, &d.statuses, &sd.key).0,
                })
                .collect(),
            owners,
            decisions: ForumDecision::ALL
                .iter()
                .map(|f| Choice {
                    value: f.key().into(),
                    label: t.get(&f.label_id()),
                })
                .collect(),
            board_href: x
                .unit_id
                .map(|u| format!("/o/{}/units/{u}/you-said-we-did", x.organisation_id)),
        },
    )
}

async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    show_page(&st, &s, id, None).await
}

/// After an action: back to the page, or the page again with the error beside its field.
async fn after(
    st: &AppState,
    s: &Signed,
    id: i64,
    result: Result<(), AppError>,
    keep: &[(&str, String)],
) -> WebResult {
    match result {
        Ok(()) => see_other(&format!("/feedback/{id}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            for (k, v) in keep {
                form.set(k, v.clone());
            }
            form.add_errors(&s.ctx.t(), &errs);
            show_page(st, s, id, Some(form)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default)]
struct PublishIn {
    #[serde(default)]
    public_text: String,
    #[serde(default)]
    public_text_cy: String,
}

async fn publish(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PublishIn>,
) -> WebResult {
    let text = Bilingual::new(Some(&f.public_text), Some(&f.public_text_cy));
    let r = cairn_app::feedback::publish(&st.app, s.actor(), id, text).await;
    after(
        &st,
        &s,
        id,
        r,
        &[
            ("public_text", f.public_text),
            ("public_text_cy", f.public_text_cy),
        ],
    )
    .await
}

#[derive(Deserialize, Default)]
struct ReasonIn {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    reason_cy: String,
}

async fn keep_private(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ReasonIn>,
) -> WebResult {
    let reason = Bilingual::new(Some(&f.reason), Some(&f.reason_cy));
    let r = cairn_app::feedback::keep_private(&st.app, s.actor(), id, reason).await;
    after(
        &st,
        &s,
        id,
        r,
        &[("reason", f.reason), ("reason_cy", f.reason_cy)],
    )
    .await
}

#[derive(Deserialize, Default)]
struct StatusIn {
    #[serde(default)]
    status: String,
    #[serde(default)]
    public_response: String,
    #[serde(default)]
    public_response_cy: String,
    #[serde(default)]
    note: String,
    /// The status the person saw when they opened the page.
    #[serde(default)]
    from_status: String,
}

async fn move_status(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<StatusIn>,
) -> WebResult {
    let note = Some(f.note.as_str()).filter(|n| !n.trim().is_empty());
    let r = cairn_app::feedback::transition_from(
        &st.app,
        s.actor(),
        id,
        Some(f.from_status.as_str()).filter(|x| !x.is_empty()),
        &f.status,
        &Bilingual::new(Some(&f.public_response), Some(&f.public_response_cy)),
        note,
    )
    .await;
    after(
        &st,
        &s,
        id,
        r,
        &[
            ("status", f.status),
            ("public_response", f.public_response),
            ("public_response_cy", f.public_response_cy),
            ("note", f.note),
        ],
    )
    .await
}

#[derive(Deserialize, Default)]
struct NoteIn {
    #[serde(default)]
    update: String,
}

async fn add_update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<NoteIn>,
) -> WebResult {
    let r = cairn_app::feedback::add_update(&st.app, s.actor(), id, &f.update).await;
    let r = r.map_err(|e| match e {
        AppError::Invalid(errs) => AppError::Invalid(cairn_domain::FieldErrors(
            errs.0
                .into_iter()
                .map(|mut x| {
                    x.field = "update".into();
                    x
                })
                .collect(),
        )),
        other => other,
    });
    after(&st, &s, id, r, &[("update", f.update)]).await
}

#[derive(Deserialize, Default)]
struct OwnerIn {
    #[serde(default)]
    owner: String,
}

async fn set_owner(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<OwnerIn>,
) -> WebResult {
    let r =
        cairn_app::feedback::set_owner(&st.app, s.actor(), id, f.owner.trim().parse().ok()).await;
    after(&st, &s, id, r, &[("owner", f.owner)]).await
}

#[derive(Deserialize, Default)]
struct ForumIn {
    needs_forum: Option<String>,
    #[serde(default)]
    forum_decision: String,
    #[serde(default)]
    forum_decided_on_day: String,
    #[serde(default)]
    forum_decided_on_month: String,
    #[serde(default)]
    forum_decided_on_year: String,
    #[serde(default)]
    forum_meeting: String,
}

async fn set_forum(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<ForumIn>,
) -> WebResult {
    let on = DateParts {
        day: f.forum_decided_on_day.clone(),
        month: f.forum_decided_on_month.clone(),
        year: f.forum_decided_on_year.clone(),
    };
    let r = cairn_app::feedback::set_forum(
        &st.app,
        s.actor(),
        id,
        f.needs_forum.is_some(),
        Some(&f.forum_decision),
        &on,
        Some(&f.forum_meeting),
    )
    .await;
    after(
        &st,
        &s,
        id,
        r,
        &[
            (
                "needs_forum",
                if f.needs_forum.is_some() {
                    "yes".into()
                } else {
                    String::new()
                },
            ),
            ("forum_decision", f.forum_decision),
            ("forum_decided_on_day", on.day),
            ("forum_decided_on_month", on.month),
            ("forum_decided_on_year", on.year),
            ("forum_meeting", f.forum_meeting),
        ],
    )
    .await
}

#[derive(Deserialize, Default)]
struct PracticesIn {
    #[serde(default)]
    practices: String,
}

async fn set_practices(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<PracticesIn>,
) -> WebResult {
    let codes: Vec<String> = f
        .practices
        .split([',', ' ', ';'])
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    let r = cairn_app::feedback::set_practices(&st.app, s.actor(), id, &codes).await;
    after(&st, &s, id, r, &[("practices", f.practices)]).await
}

struct KioskRow {
    id: i64,
    label: String,
    unit: String,
    created: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "feedback/kiosks.html")]
struct KiosksPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<KioskRow>,
    form: FormState,
    units: Vec<Choice>,
    new_link: Option<String>,
}

async fn kiosks_view(
    st: &AppState,
    s: &Signed,
    form: FormState,
    new_link: Option<String>,
) -> WebResult {
    let t = s.ctx.t();
    let list = cairn_app::feedback::kiosks(&st.app, s.actor()).await?;
    // Unit staff make links for their own units only.
    let units = unit_choices(st, s, true).await?;
    let tz = tz_of(st, s).await?;
    let rows = list
        .into_iter()
        .map(|k| KioskRow {
            id: k.id,
            label: k.label,
            unit: units
                .iter()
                .find(|c| c.value == k.unit_id.to_string())
                .map(|c| c.label.clone())
                .unwrap_or_default(),
            created: format_instant(k.created_at, &tz, t.lang),
            revoked: k.revoked_at.is_some(),
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.get("feedback-kiosks-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &KiosksPage {
            chrome,
            t,
            rows,
            form,
            units,
            new_link,
        },
    )
}

async fn kiosks_page(State(st): State<AppState>, s: Signed) -> WebResult {
    kiosks_view(&st, &s, FormState::new(), None).await
}

#[derive(Deserialize, Default)]
struct KioskIn {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    label: String,
}

async fn create_kiosk(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<KioskIn>,
) -> WebResult {
    let Ok(unit) = f.unit_id.trim().parse::<i64>() else {
        let mut form = FormState::new();
        form.set("label", f.label.clone());
        let mut e = cairn_domain::FieldErrors::new();
        e.add("unit_id", "feedback-error-unit");
        form.add_errors(&s.ctx.t(), &e);
        return kiosks_view(&st, &s, form, None).await;
    };
    match cairn_app::feedback::create_kiosk(&st.app, s.actor(), unit, &f.label).await {
        Ok(secret) => {
            kiosks_view(
                &st,
                &s,
                FormState::new(),
                Some(format!(
                    "{}/kiosk/{secret}",
                    st.config.base_url.trim_end_matches('/')
                )),
            )
            .await
        }
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("label", f.label).set("unit_id", f.unit_id);
            form.add_errors(&s.ctx.t(), &errs);
            kiosks_view(&st, &s, form, None).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct Empty {}

async fn revoke_kiosk(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<Empty>,
) -> WebResult {
    cairn_app::feedback::revoke_kiosk(&st.app, s.actor(), id).await?;
    see_other("/feedback/kiosks")
}

#[derive(Template)]
#[template(path = "feedback/statuses.html")]
struct StatusesPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<(String, Tag, String)>,
    form: FormState,
    rags: Vec<Choice>,
    can_manage: bool,
}

async fn statuses_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    if !s.actor().can(Permission::ManageFeedback) {
        return Err(WebError::Forbidden);
    }
    let list = cairn_app::feedback::statuses(&st.app, s.actor()).await?;
    let rows = list
        .iter()
        .map(|d| {
            (
                d.key.clone(),
                tag(&t, &list, &d.key),
                t.get(if d.closed {
                    "feedback-status-closed"
                } else {
                    "feedback-status-open"
                }),
            )
        })
        .collect();
    let chrome = Chrome::signed(
        s,
        t.get("feedback-statuses-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    let rags = [Rag::Red, Rag::Amber, Rag::Green]
        .iter()
        .map(|r| Choice {
            value: r.key().into(),
            label: t.get(&r.label_id()),
        })
        .collect();
    html_status(
        status_of(&form),
        &StatusesPage {
            chrome,
            t,
            rows,
            form,
            rags,
            can_manage: s.actor().can(Permission::ManageFeedbackStatuses),
        },
    )
}

async fn statuses_page(State(st): State<AppState>, s: Signed) -> WebResult {
    statuses_view(&st, &s, FormState::new()).await
}

#[derive(Deserialize, Default)]
struct StatusDefIn {
    #[serde(default)]
    label_en: String,
    #[serde(default)]
    label_cy: String,
    #[serde(default)]
    rag: String,
    closed: Option<String>,
}

async fn add_status(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<StatusDefIn>,
) -> WebResult {
    match cairn_app::feedback::add_status(
        &st.app,
        s.actor(),
        &f.label_en,
        &f.label_cy,
        &f.rag,
        f.closed.is_some(),
    )
    .await
    {
        Ok(_) => see_other("/feedback/statuses"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("label_en", f.label_en)
                .set("label_cy", f.label_cy)
                .set("rag", f.rag)
                .set("closed", if f.closed.is_some() { "yes" } else { "" });
            form.add_errors(&s.ctx.t(), &errs);
            statuses_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "feedback/suggest.html")]
struct SuggestPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    units: Vec<Choice>,
}

async fn suggest_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::SubmitSuggestion) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    // A member chooses among their own units; staff among the units they reach.
    let units: Vec<Choice> = match s.actor().person_id {
        Some(pid) if s.actor().role == cairn_domain::Role::Member => {
            let p = cairn_app::people::view(&st.app, s.actor(), pid).await?;
            let all = cairn_app::units::list_units(
                &st.app,
                &cairn_domain::access::Actor::system(s.actor().organisation_id),
                None,
                1000,
            )
            .await?;
            all.into_iter()
                .filter(|r| p.unit_ids.contains(&r.unit.id))
                .map(|r| Choice {
                    value: r.unit.id.to_string(),
                    label: local_name(&t, &r.unit.name, r.unit.name_cy.as_deref()),
                })
                .collect()
        }
        _ => unit_choices(st, s, true).await?,
    };
    let chrome = Chrome::signed(
        s,
        t.get("feedback-suggest-title"),
        organisation(st, s).await?,
    )
    .with_errors(&form);
    html_status(
        status_of(&form),
        &SuggestPage {
            chrome,
            t,
            form,
            units,
        },
    )
}

async fn suggest_form(State(st): State<AppState>, s: Signed) -> WebResult {
    suggest_view(&st, &s, FormState::new()).await
}

async fn suggest(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SuggestionIn>,
) -> WebResult {
    match cairn_app::feedback::submit_online(&st.app, s.actor(), &f.draft(), s.ctx.lang).await {
        Ok(_) => see_other("/suggest/thanks"),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            suggest_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "feedback/thanks.html")]
struct ThanksPage {
    chrome: Chrome,
    t: Tr,
    again_href: String,
}

async fn suggest_thanks(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let chrome = Chrome::signed(
        &s,
        t.get("feedback-thanks-title"),
        organisation(&st, &s).await?,
    );
    html(&ThanksPage {
        chrome,
        t,
        again_href: "/suggest".into(),
    })
}

struct BoardRow {
    /// For the reader's language, marked when it falls back to the other.
    you_said: Local,
    we_did: Local,
    /// Both languages, for the bilingual poster.
    said: Bilingual,
    did: Bilingual,
    /// The Fluent id of the heading over the response: "We did" or "We can't do this, because".
    did_heading: &'static str,
    tag: Tag,
    when: String,
    /// Where the next page starts when this is the last answer shown.
    at: BoardCursor,
}

#[derive(Template)]
#[template(path = "feedback/board.html")]
struct BoardPage {
    chrome: Chrome,
    t: Tr,
    heading: String,
    rows: Vec<BoardRow>,
    poster_href: Option<String>,
    /// The next page's address, when there are older answers.
    older_href: Option<String>,
    /// The first page's address, on every later page.
    newest_href: Option<String>,
}

/// Answers a board page shows: enough to read on a ward tablet without a long wait or scroll.
const BOARD_PAGE: i64 = 50;

#[derive(Deserialize, Default)]
struct WeeksQuery {
    weeks: Option<i64>,
    /// A later page of a board: `closed_at-id` of the last answer the page before showed.
    before: Option<String>,
}

impl WeeksQuery {
    /// The page's starting point; a malformed one is refused rather than ignored, so a reader
    /// never takes another page for the one they asked for.
    fn before(&self) -> WebResult<Option<BoardCursor>> {
        let Some(text) = self.before.as_deref() else {
            return Ok(None);
        };
        text.split_once('-')
            .and_then(|(at, id)| Some((at.parse::<i64>().ok()?, id.parse::<i64>().ok()?)))
            .filter(|(at, id)| *at >= 0 && *id > 0)
            .map(|(closed_at, id)| Some(BoardCursor { closed_at, id }))
            .ok_or(WebError::Refused(
                StatusCode::BAD_REQUEST,
                "error-bad-query",
            ))
    }
}

/// The rows of a board, at most `limit`, from `before` on.
async fn board_rows(
    st: &AppState,
    t: &Tr,
    org: i64,
    unit: Option<i64>,
    weeks: i64,
    before: Option<BoardCursor>,
    limit: i64,
) -> WebResult<(
    cairn_db::units::Organisation,
    Option<cairn_db::units::Unit>,
    Vec<BoardRow>,
)> {
    let (o, u, items, statuses) =
        cairn_app::feedback::board_page(&st.app, org, unit, weeks, before, limit).await?;
    let tz = time_zone(&o.time_zone);
    let rows = items
        .into_iter()
        .map(|i| BoardRow {
            you_said: local(t, &i.you_said),
            we_did: local(t, &i.we_did),
            said: i.you_said,
            did: i.we_did,
            did_heading: i.outcome.heading_id(),
            tag: tag(t, &statuses, &i.status),
            when: format_date(cairn_domain::time::local_date(i.closed_at, &tz), t.lang),
            at: BoardCursor {
                closed_at: i.closed_at,
                id: i.id,
            },
        })
        .collect();
    Ok((o, u, rows))
}

/// A board page's rows and its links to the older and the newest answers. `base` is the
/// board's address; the weeks asked for carry over to the links.
async fn board_page_rows(
    st: &AppState,
    t: &Tr,
    org: i64,
    unit: Option<i64>,
    q: &WeeksQuery,
    base: &str,
) -> WebResult<BoardPaged> {
    let before = q.before()?;
    let (o, u, mut rows) = board_rows(
        st,
        t,
        org,
        unit,
        q.weeks.unwrap_or(52),
        before,
        BOARD_PAGE + 1,
    )
    .await?;
    let weeks = q.weeks.map(|w| format!("weeks={w}&")).unwrap_or_default();
    let page = usize::try_from(BOARD_PAGE).unwrap_or(usize::MAX);
    let more = rows.len() > page;
    rows.truncate(page);
    let older_href = rows
        .last()
        .filter(|_| more)
        .map(|r| format!("{base}?{weeks}before={}-{}", r.at.closed_at, r.at.id));
    let newest_href = before.map(|_| match q.weeks {
        Some(w) => format!("{base}?weeks={w}"),
        None => base.to_owned(),
    });
    Ok(BoardPaged {
        organisation: o,
        unit: u,
        rows,
        older_href,
        newest_href,
    })
}

/// What [`board_page_rows`] reads for one page of a board.
struct BoardPaged {
    organisation: cairn_db::units::Organisation,
    unit: Option<cairn_db::units::Unit>,
    rows: Vec<BoardRow>,
    older_href: Option<String>,
    newest_href: Option<String>,
}

async fn public_board(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(org): Path<i64>,
    Query(q): Query<WeeksQuery>,
) -> WebResult {
    let t = ctx.t();
    let base = format!("/o/{org}/you-said-we-did");
    let page = board_page_rows(&st, &t, org, None, &q, &base).await?;
    let o = &page.organisation;
    let heading = t.with(
        "feedback-board-org",
        &[(
            "organisation",
            local_name(&t, &o.name, o.name_cy.as_deref()),
        )],
    );
    html(&BoardPage {
        chrome: Chrome::public(&ctx, heading.clone()),
        t,
        heading,
        rows: page.rows,
        poster_href: None,
        older_href: page.older_href,
        newest_href: page.newest_href,
    })
}

async fn unit_board(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((org, unit)): Path<(i64, i64)>,
    Query(q): Query<WeeksQuery>,
) -> WebResult {
    let t = ctx.t();
    let base = format!("/o/{org}/units/{unit}/you-said-we-did");
    let page = board_page_rows(&st, &t, org, Some(unit), &q, &base).await?;
    let name = page
        .unit
        .map(|u| local_name(&t, &u.name, u.name_cy.as_deref()))
        .unwrap_or_default();
    let heading = t.with("feedback-board-unit", &[("unit", name)]);
    html(&BoardPage {
        chrome: Chrome::public(&ctx, heading.clone()),
        t,
        heading,
        rows: page.rows,
        poster_href: Some(format!("/o/{org}/units/{unit}/poster?weeks=8")),
        older_href: page.older_href,
        newest_href: page.newest_href,
    })
}

#[derive(Template)]
#[template(path = "feedback/poster.html")]
struct PosterPage {
    t: Tr,
    /// Welsh first, then English, for every line the poster prints.
    cy: Tr,
    en: Tr,
    title: String,
    unit_cy: String,
    unit_en: String,
    weeks: i64,
    /// How many answers closed in those weeks, and how many of the newest the poster shows
    /// (at most [`POSTER_ITEMS`]).
    total: i64,
    shown: i64,
    rows: Vec<BoardRow>,
}

/// The most answers an A4 poster shows: eight short ones fit one sheet.
const POSTER_ITEMS: usize = 8;

async fn poster(
    State(st): State<AppState>,
    ctx: Ctx,
    Path((org, unit)): Path<(i64, i64)>,
    Query(q): Query<WeeksQuery>,
) -> WebResult {
    let t = ctx.t();
    let weeks = q.weeks.unwrap_or(8).clamp(1, 52);
    let most = cairn_app::feedback::BOARD_MOST;
    let (_, u, rows) = board_rows(&st, &t, org, Some(unit), weeks, None, most).await?;
    let u = u.ok_or(WebError::NotFound)?;
    let cy = Tr::new(Language::Cy);
    let en = Tr::new(Language::En);
    html(&PosterPage {
        t,
        cy,
        en,
        // A document title cannot mark a second language, so it is in the reader's alone.
        title: t.get("feedback-you-said-we-did"),
        unit_cy: u.name_cy.clone().unwrap_or_else(|| u.name.clone()),
        unit_en: u.name,
        weeks,
        total: i64::try_from(rows.len()).unwrap_or(i64::MAX),
        shown: i64::try_from(rows.len().min(POSTER_ITEMS)).unwrap_or(0),
        rows: rows.into_iter().take(POSTER_ITEMS).collect(),
    })
}

#[derive(Template)]
#[template(path = "feedback/kiosk.html")]
struct KioskPage {
    t: Tr,
    title: String,
    token: String,
    unit: String,
    view: &'static str,
    form: FormState,
    rows: Vec<BoardRow>,
    switch_label: &'static str,
    switch_lang: &'static str,
    switch_href: String,
    throttled: bool,
}

fn kiosk_page(
    ctx: &Ctx,
    token: &str,
    unit: &cairn_db::units::Unit,
    view: &'static str,
    form: FormState,
    rows: Vec<BoardRow>,
    throttled: bool,
) -> KioskPage {
    let t = ctx.t();
    let (switch_label, switch_lang) = match ctx.lang {
        Language::En => ("Cymraeg", "cy"),
        Language::Cy => ("English", "en"),
    };
    let here = match view {
        "home" => format!("/kiosk/{token}"),
        other => format!("/kiosk/{token}/{other}"),
    };
    let next = url::form_urlencoded::byte_serialize(here.as_bytes()).collect::<String>();
    let title = match view {
        "suggest" => t.get("feedback-kiosk-suggest"),
        "board" => t.get("feedback-you-said-we-did"),
        "thanks" => t.get("feedback-thanks-title"),
        _ => t.get("feedback-kiosk-title"),
    };
    KioskPage {
        t,
        title,
        token: token.to_owned(),
        unit: local_name(&t, &unit.name, unit.name_cy.as_deref()),
        view,
        form,
        rows,
        switch_label,
        switch_lang,
        switch_href: format!("/language?to={switch_lang}&next={next}"),
        throttled,
    }
}

async fn kiosk_view(
    st: &AppState,
    ctx: &Ctx,
    token: &str,
    view: &'static str,
    form: FormState,
    status: StatusCode,
    throttled: bool,
) -> WebResult {
    let (k, unit, _) = cairn_app::feedback::kiosk(&st.app, token).await?;
    let rows = if view == "board" {
        board_rows(
            st,
            &ctx.t(),
            k.organisation_id,
            Some(k.unit_id),
            26,
            None,
            cairn_app::feedback::BOARD_MOST,
        )
        .await?
        .2
    } else {
        Vec::new()
    };
    html_status(
        status,
        &kiosk_page(ctx, token, &unit, view, form, rows, throttled),
    )
}

async fn kiosk_home(State(st): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    kiosk_view(
        &st,
        &ctx,
        &token,
        "home",
        FormState::new(),
        StatusCode::OK,
        false,
    )
    .await
}

async fn kiosk_form(State(st): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    kiosk_view(
        &st,
        &ctx,
        &token,
        "suggest",
        FormState::new(),
        StatusCode::OK,
        false,
    )
    .await
}

async fn kiosk_thanks(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> WebResult {
    kiosk_view(
        &st,
        &ctx,
        &token,
        "thanks",
        FormState::new(),
        StatusCode::OK,
        false,
    )
    .await
}

async fn kiosk_board(State(st): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> WebResult {
    kiosk_view(
        &st,
        &ctx,
        &token,
        "board",
        FormState::new(),
        StatusCode::OK,
        false,
    )
    .await
}

#[derive(Deserialize, Default)]
struct KioskPostIn {
    #[serde(default)]
    text: String,
    #[serde(default)]
    contact: String,
    anonymous: Option<String>,
}

async fn kiosk_post(
    State(st): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Posted(f): Posted<KioskPostIn>,
) -> WebResult {
    let contact = Some(f.contact.as_str()).filter(|c| !c.trim().is_empty());
    match cairn_app::feedback::submit_kiosk(
        &st.app,
        &token,
        &f.text,
        contact,
        f.anonymous.is_some(),
        ctx.lang,
        &ctx.addr,
    )
    .await
    {
        Ok(_) => see_other(&format!("/kiosk/{token}/thanks")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("text", f.text)
                .set("contact", f.contact)
                .set("anonymous", if f.anonymous.is_some() { "yes" } else { "" });
            form.add_errors(&ctx.t(), &errs);
            kiosk_view(
                &st,
                &ctx,
                &token,
                "suggest",
                form,
                StatusCode::UNPROCESSABLE_ENTITY,
                false,
            )
            .await
        }
        Err(AppError::Throttled) => {
            let mut form = FormState::new();
            form.set("text", f.text).set("contact", f.contact);
            kiosk_view(
                &st,
                &ctx,
                &token,
                "suggest",
                form,
                StatusCode::TOO_MANY_REQUESTS,
                true,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "feedback/by_month.html")]
struct ByMonthPage {
    chrome: Chrome,
    t: Tr,
    chart: String,
    months: Vec<(String, i64, i64)>,
}

/// The by-month table as CSV: month, arrived, closed.
async fn by_month_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let months = cairn_app::feedback::by_month(&st.app, s.actor(), 12).await?;
    let mut rows = vec![vec![
        t.get("feedback-col-month"),
        t.get("feedback-col-arrived"),
        t.get("feedback-col-closed"),
    ]];
    for (m, a, c) in months {
        rows.push(vec![m, a.to_string(), c.to_string()]);
    }
    Ok(crate::csv_export::download(
        "suggestions-by-month.csv",
        &rows,
    ))
}

/// Arrivals and closures by month: a chart with its data table (its own page, so the list
/// stays quick).
async fn by_month(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let months = cairn_app::feedback::by_month(&st.app, s.actor(), 12).await?;
    let bars: Vec<Bar> = months
        .iter()
        .map(|(m, a, c)| Bar {
            label: m.clone(),
            segments: vec![(*a, "#005eb8", "#ffffff"), (*c, "#007f3b", "#ffffff")],
        })
        .collect();
    let chart = stacked_bars(
        "feedback-chart",
        &t.get("feedback-chart-title"),
        &t.get("feedback-chart-summary"),
        &bars,
        &[
            (t.get("feedback-col-arrived"), "#005eb8"),
            (t.get("feedback-col-closed"), "#007f3b"),
        ],
    );
    let chrome = Chrome::signed(
        &s,
        t.get("feedback-chart-title"),
        organisation(&st, &s).await?,
    );
    html(&ByMonthPage {
        chrome,
        t,
        chart,
        months,
    })
}
