//! Suggestions, their events, statuses per organisation, practice links and kiosks.

use crate::plan::not_indexed;
use crate::{
    Arg, Conn, DbResult, Engine, Filter, execute, fetch_all, fetch_all_dynamic, fetch_optional,
    fetch_scalar,
};
use cairn_domain::feedback::{Channel, StatusDef, Visibility};
use serde::Serialize;

/// A status as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
struct StatusRow {
    key: String,
    label_en: String,
    label_cy: String,
    rag: String,
    closed: bool,
}

/// How many statuses an organisation has (zero before first use).
pub async fn count_statuses(c: &mut Conn<'_>, org: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM feedback_statuses WHERE organisation_id = $1",
        org
    )
}

/// Adds a status at the end of the list.
pub async fn insert_status(
    c: &mut Conn<'_>,
    org: i64,
    s: &StatusDef,
    position: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO feedback_statuses (organisation_id, key, label_en, label_cy, rag, closed, position) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        org,
        &s.key,
        &s.label_en,
        &s.label_cy,
        s.rag.key(),
        s.closed,
        position
    )?;
    Ok(())
}

/// An organisation's statuses in order.
pub async fn list_statuses(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<StatusDef>> {
    let rows: Vec<StatusRow> = fetch_all!(
        c,
        StatusRow,
        "SELECT key, label_en, label_cy, rag, closed FROM feedback_statuses WHERE organisation_id = $1 ORDER BY position, id",
        org
    )?;
    Ok(rows
        .into_iter()
        .map(|r| StatusDef {
            key: r.key,
            label_en: r.label_en,
            label_cy: r.label_cy,
            rag: cairn_domain::model::Rag::parse(&r.rag).unwrap_or(cairn_domain::model::Rag::Red),
            closed: r.closed,
        })
        .collect())
}

/// A ward kiosk link (never the secret).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Kiosk {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: i64,
    pub label: String,
    pub created_at: i64,
    pub created_by_label: String,
    pub revoked_at: Option<i64>,
}

const KIOSK_COLUMNS: &str =
    "id, organisation_id, unit_id, label, created_at, created_by_label, revoked_at";

/// Adds a kiosk link by the hash of its secret.
pub async fn insert_kiosk(
    c: &mut Conn<'_>,
    org: i64,
    unit: i64,
    label: &str,
    hash: &str,
    now: i64,
    by: &str,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO kiosks (organisation_id, unit_id, label, token_hash, created_at, created_by_label) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        org,
        unit,
        label,
        hash,
        now,
        by
    )
}

/// An organisation's kiosks, newest first.
pub async fn list_kiosks(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Kiosk>> {
    fetch_all!(
        c,
        Kiosk,
        &format!(
            "SELECT {KIOSK_COLUMNS} FROM kiosks WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC"
        ),
        org
    )
}

/// Holds one kiosk's row until the transaction ends, so posts on it are counted one after
/// another. PostgreSQL needs the row lock: under READ COMMITTED, concurrent transactions each
/// counted the posts before any of them committed and let 23–26 of 20 through. SQLite's
/// `BEGIN IMMEDIATE` already serialises every write transaction.
pub async fn lock_kiosk(c: &mut Conn<'_>, id: i64) -> DbResult<()> {
    if let Conn::Postgres(_) = c {
        let _locked: Option<(i64,)> = fetch_optional!(
            c,
            (i64,),
            "SELECT id FROM kiosks WHERE id = $1 FOR UPDATE",
            id
        )?;
    }
    Ok(())
}

/// A live kiosk by the hash of its secret.
pub async fn find_live_kiosk(c: &mut Conn<'_>, hash: &str) -> DbResult<Option<Kiosk>> {
    fetch_optional!(
        c,
        Kiosk,
        &format!("SELECT {KIOSK_COLUMNS} FROM kiosks WHERE token_hash = $1 AND revoked_at IS NULL"),
        hash
    )
}

/// Revokes a kiosk; false when it was not live.
pub async fn revoke_kiosk(c: &mut Conn<'_>, org: i64, id: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE kiosks SET revoked_at = $3 WHERE organisation_id = $1 AND id = $2 AND revoked_at IS NULL",
        org,
        id,
        now
    )?;
    Ok(n == 1)
}

/// Suggestions posted from a kiosk since an instant (for its rate limit).
pub async fn kiosk_posts_since(c: &mut Conn<'_>, kiosk: i64, since: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM suggestions WHERE kiosk_id = $1 AND received_at >= $2",
        kiosk,
        since
    )
}

/// Deletes every kiosk's address rows from before a minute: the table only ever holds the
/// current window (also run by the background worker, so an idle kiosk keeps nothing).
pub async fn purge_address_posts(c: &mut Conn<'_>, before_minute: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM kiosk_address_posts WHERE posted_minute < $1",
        before_minute
    )
}

/// Counts the posts from one address (by hash) on a kiosk since a minute, after deleting every
/// row from before it.
pub async fn address_posts_since(
    c: &mut Conn<'_>,
    kiosk: i64,
    address_hash: &str,
    since_minute: i64,
) -> DbResult<i64> {
    purge_address_posts(c, since_minute).await?;
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM kiosk_address_posts WHERE kiosk_id = $1 AND address_hash = $2",
        kiosk,
        address_hash
    )
}

/// Notes a post from an address (by hash) on a kiosk, at a minute.
pub async fn note_address_post(
    c: &mut Conn<'_>,
    kiosk: i64,
    address_hash: &str,
    minute: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO kiosk_address_posts (kiosk_id, address_hash, posted_minute) VALUES ($1, $2, $3)",
        kiosk,
        address_hash,
        minute
    )?;
    Ok(())
}

/// An organisation's accounts as staff pages name them: (account, e-mail, the name of the
/// person linked to it, if any).
pub async fn account_names(
    c: &mut Conn<'_>,
    org: i64,
) -> DbResult<Vec<(i64, String, Option<String>)>> {
    fetch_all!(
        c,
        (i64, String, Option<String>),
        "SELECT u.id, u.email, p.chosen_name FROM users u \
         LEFT JOIN people p ON p.id = u.person_id AND p.organisation_id = u.organisation_id \
         WHERE u.organisation_id = $1 ORDER BY u.id",
        org
    )
}

/// A suggestion.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Suggestion {
    pub id: i64,
    pub organisation_id: i64,
    pub unit_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    pub text: String,
    pub public_text: Option<String>,
    pub public_text_cy: Option<String>,
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    pub anonymous: bool,
    pub contact: Option<String>,
    pub contact_language: String,
    pub submitted_by_user_id: Option<i64>,
    pub entered_by_label: Option<String>,
    pub kiosk_id: Option<i64>,
    pub found_on: Option<String>,
    /// For a paper slip, the start of the day it was found: its response clock starts there.
    pub found_at: Option<i64>,
    pub status: String,
    pub owner_user_id: Option<i64>,
    pub received_at: i64,
    pub first_response_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub public_response: Option<String>,
    pub public_response_cy: Option<String>,
    pub needs_forum: bool,
    pub forum_decision: Option<String>,
    pub forum_decided_on: Option<String>,
    pub forum_meeting: Option<String>,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, organisation_id, unit_id, channel, text, public_text, public_text_cy, visibility, anonymous, contact, contact_language, submitted_by_user_id, \
    entered_by_label, kiosk_id, found_on, found_at, status, owner_user_id, received_at, first_response_at, closed_at, public_response, public_response_cy, needs_forum, forum_decision, \
    forum_decided_on, forum_meeting, updated_at";

/// A new suggestion's facts beyond what was typed.
#[derive(Debug, Clone)]
pub struct NewSuggestion<'a> {
    pub fields: &'a cairn_domain::feedback::SuggestionFields,
    pub contact_language: &'a str,
    pub submitted_by_user_id: Option<i64>,
    pub entered_by_label: Option<&'a str>,
    pub kiosk_id: Option<i64>,
}

/// A suggestion's response clock start in SQL: the start of the day a paper slip was found,
/// else the moment it was received (`found_at` is never after `received_at`).
pub const CLOCK_START: &str = "COALESCE(found_at, received_at)";

/// Adds a suggestion with status "received" and its first event. A paper slip's clock is set
/// to start on the day it was found.
pub async fn insert(
    c: &mut Conn<'_>,
    org: i64,
    s: &NewSuggestion<'_>,
    now: i64,
    actor: &str,
) -> DbResult<i64> {
    let f = s.fields;
    let found_at = match f.found_on {
        Some(day) => {
            let tz: String = fetch_scalar!(
                c,
                String,
                "SELECT time_zone FROM organisations WHERE id = $1",
                org
            )?;
            Some(cairn_domain::feedback::clock_start(
                now,
                Some(day),
                &cairn_domain::time::time_zone(&tz),
            ))
        }
        None => None,
    };
    let id = fetch_scalar!(
        c,
        i64,
        "INSERT INTO suggestions (organisation_id, unit_id, channel, text, visibility, anonymous, contact, contact_language, submitted_by_user_id, \
         entered_by_label, kiosk_id, found_on, status, received_at, updated_at, found_at) VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14) RETURNING id",
        org,
        f.unit_id,
        f.channel.key(),
        &f.text,
        f.anonymous,
        f.contact.as_deref(),
        s.contact_language,
        s.submitted_by_user_id,
        s.entered_by_label,
        s.kiosk_id,
        f.found_on.map(|d| d.to_string()),
        cairn_domain::feedback::FIRST_STATUS,
        now,
        found_at
    )?;
    add_event(
        c,
        id,
        now,
        actor,
        "received",
        None,
        Some(cairn_domain::feedback::FIRST_STATUS),
        None,
    )
    .await?;
    Ok(id)
}

/// Appends to a suggestion's history.
#[expect(clippy::too_many_arguments, reason = "an event has this many facts")]
pub async fn add_event(
    c: &mut Conn<'_>,
    id: i64,
    at: i64,
    actor: &str,
    kind: &str,
    from: Option<&str>,
    to: Option<&str>,
    note: Option<&str>,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO suggestion_events (suggestion_id, at, actor_label, kind, from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        id,
        at,
        actor,
        kind,
        from,
        to,
        note
    )?;
    Ok(())
}

/// One event in a suggestion's history.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Event {
    pub at: i64,
    pub actor_label: String,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: Option<String>,
}

/// A suggestion's history, oldest first.
pub async fn events(c: &mut Conn<'_>, id: i64) -> DbResult<Vec<Event>> {
    fetch_all!(
        c,
        Event,
        "SELECT at, actor_label, kind, from_status, to_status, note FROM suggestion_events WHERE suggestion_id = $1 ORDER BY at, id",
        id
    )
}

/// One suggestion of an organisation.
pub async fn get(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Suggestion>> {
    fetch_optional!(
        c,
        Suggestion,
        &format!("SELECT {COLUMNS} FROM suggestions WHERE organisation_id = $1 AND id = $2"),
        org,
        id
    )
}

/// Publishes the public wording (English, Welsh) or keeps the suggestion private.
pub async fn set_visibility(
    c: &mut Conn<'_>,
    id: i64,
    v: Visibility,
    public_text: (Option<&str>, Option<&str>),
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE suggestions SET visibility = $2, public_text = $3, public_text_cy = $5, first_response_at = COALESCE(first_response_at, $4), updated_at = $4 WHERE id = $1",
        id,
        v.key(),
        public_text.0,
        now,
        public_text.1
    )?;
    Ok(())
}

/// Moves to a status; only when the status is still `from` (so two people moving it at once
/// cannot both succeed). Returns false when someone else moved it first.
pub async fn move_status(
    c: &mut Conn<'_>,
    id: i64,
    from: &str,
    to: &str,
    closed: bool,
    public_response: Option<(Option<&str>, Option<&str>)>,
    now: i64,
) -> DbResult<bool> {
    // A response given replaces both languages together (one left blank is "to translate");
    // none given keeps what was there.
    let given = public_response.is_some();
    let (en, cy) = public_response.unwrap_or((None, None));
    let n = execute!(
        c,
        "UPDATE suggestions SET status = $3, first_response_at = COALESCE(first_response_at, $4), closed_at = CASE WHEN $5 THEN $4 ELSE NULL END, \
         public_response = CASE WHEN $8 THEN $6 ELSE public_response END, public_response_cy = CASE WHEN $8 THEN $7 ELSE public_response_cy END, \
         updated_at = $4 WHERE id = $1 AND status = $2 AND closed_at IS NULL",
        id,
        from,
        to,
        now,
        closed,
        en,
        cy,
        given
    )?;
    Ok(n == 1)
}

/// Notes that someone responded (a progress update counts as a first response).
pub async fn touch_response(c: &mut Conn<'_>, id: i64, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE suggestions SET first_response_at = COALESCE(first_response_at, $2), updated_at = $2 WHERE id = $1",
        id,
        now
    )?;
    Ok(())
}

/// Sets the owner.
pub async fn set_owner(c: &mut Conn<'_>, id: i64, owner: Option<i64>, now: i64) -> DbResult<()> {
    execute!(
        c,
        "UPDATE suggestions SET owner_user_id = $2, updated_at = $3 WHERE id = $1",
        id,
        owner,
        now
    )?;
    Ok(())
}

/// Records whether a forum decision is needed, and the decision.
pub async fn set_forum(
    c: &mut Conn<'_>,
    id: i64,
    needs: bool,
    decision: Option<&str>,
    on: Option<&str>,
    meeting: Option<&str>,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE suggestions SET needs_forum = $2, forum_decision = $3, forum_decided_on = $4, forum_meeting = $5, updated_at = $6 WHERE id = $1",
        id,
        needs,
        decision,
        on,
        meeting,
        now
    )?;
    Ok(())
}

/// Replaces the practices a suggestion serves.
pub async fn set_practices(c: &mut Conn<'_>, id: i64, codes: &[String]) -> DbResult<()> {
    execute!(
        c,
        "DELETE FROM suggestion_practices WHERE suggestion_id = $1",
        id
    )?;
    for code in codes {
        execute!(
            c,
            "INSERT INTO suggestion_practices (suggestion_id, practice_code) VALUES ($1, $2)",
            id,
            code.as_str()
        )?;
    }
    Ok(())
}

/// The practices a suggestion serves.
pub async fn practices(c: &mut Conn<'_>, id: i64) -> DbResult<Vec<String>> {
    let rows: Vec<(String,)> = fetch_all!(
        c,
        (String,),
        "SELECT practice_code FROM suggestion_practices WHERE suggestion_id = $1 ORDER BY practice_code",
        id
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Filters for the staff list.
#[derive(Debug, Clone, Default)]
pub struct SuggestionQuery {
    pub unit_id: Option<i64>,
    /// Limit to these units, plus whole-service suggestions (unit-scoped staff).
    pub within_units: Option<Vec<i64>>,
    pub statuses: Option<Vec<String>>,
    pub channel: Option<Channel>,
    pub owner_user_id: Option<i64>,
    /// Its clock started before this instant ([`CLOCK_START`]) and never responded to.
    pub overdue_before: Option<i64>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    pub text: Option<String>,
    /// Newest first: continue below this id.
    pub before_id: Option<i64>,
    pub limit: i64,
}

/// A page of an organisation's suggestions, newest first, each whole.
pub async fn list(c: &mut Conn<'_>, org: i64, q: &SuggestionQuery) -> DbResult<Vec<Suggestion>> {
    match select(c.engine(), org, q, COLUMNS) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// What the staff list shows of a suggestion: none of how to reach the person who made it,
/// none of its public wording or answer, and only the start of what was written.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SuggestionLine {
    pub id: i64,
    pub unit_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub channel: Channel,
    /// At most [`LINE_TEXT_CHARS`] characters of what was written: one more than a list
    /// shows, so that it can tell the words go on.
    pub text: String,
    #[sqlx(try_from = "String")]
    pub visibility: Visibility,
    pub found_at: Option<i64>,
    pub status: String,
    pub received_at: i64,
    pub first_response_at: Option<i64>,
    pub closed_at: Option<i64>,
}

/// How much of a suggestion's words a [`SuggestionLine`] carries.
pub const LINE_TEXT_CHARS: usize = 141;

/// The columns of a [`SuggestionLine`]. Every column a query returns is copied out of the
/// engine for each row, so a list reads only those it shows (about a third of them, with the
/// words cut short in the engine).
fn line_columns() -> String {
    format!(
        "id, unit_id, channel, SUBSTR(text, 1, {LINE_TEXT_CHARS}) AS text, visibility, \
         found_at, status, received_at, first_response_at, closed_at"
    )
}

/// A page of an organisation's suggestions, newest first, as the staff list shows them.
pub async fn list_lines(
    c: &mut Conn<'_>,
    org: i64,
    q: &SuggestionQuery,
) -> DbResult<Vec<SuggestionLine>> {
    match list_query(c.engine(), org, q) {
        Some((sql, args)) => fetch_all_dynamic(c, &sql, args).await,
        None => Ok(Vec::new()),
    }
}

/// The SQL and arguments of [`list_lines`]; `None` when nothing can match. The limit is the
/// last argument.
pub fn list_query(engine: Engine, org: i64, q: &SuggestionQuery) -> Option<(String, Vec<Arg>)> {
    select(engine, org, q, &line_columns())
}

/// `columns` of the suggestions matching `q`, newest first.
fn select(
    engine: Engine,
    org: i64,
    q: &SuggestionQuery,
    columns: &str,
) -> Option<(String, Vec<Arg>)> {
    let mut f = Filter::new();
    // With a unit, SQLite's planner is kept on a unit's index instead of an organisation-wide
    // one.
    if q.unit_id.is_some() {
        f.and(
            &format!("{} = ?", not_indexed(engine, "organisation_id")),
            vec![Arg::I64(org)],
        );
    } else {
        f.and("organisation_id = ?", vec![Arg::I64(org)]);
    }
    if let Some(u) = q.unit_id {
        f.and("unit_id = ?", vec![Arg::I64(u)]);
    }
    if let Some(units) = &q.within_units {
        if units.is_empty() {
            f.and("unit_id IS NULL", vec![]);
        } else {
            let marks = vec!["?"; units.len()].join(", ");
            f.and(
                &format!("(unit_id IS NULL OR unit_id IN ({marks}))"),
                units.iter().map(|u| Arg::I64(*u)).collect(),
            );
        }
    }
    if let Some(statuses) = &q.statuses {
        if statuses.is_empty() {
            return None;
        }
        let marks = vec!["?"; statuses.len()].join(", ");
        f.and(
            &format!("status IN ({marks})"),
            statuses.iter().map(|s| Arg::Text(s.clone())).collect(),
        );
    }
    if let Some(ch) = q.channel {
        f.and("channel = ?", vec![Arg::Text(ch.key().to_owned())]);
    }
    if let Some(o) = q.owner_user_id {
        f.and("owner_user_id = ?", vec![Arg::I64(o)]);
    }
    if let Some(t) = q.overdue_before {
        f.and(
            &format!("first_response_at IS NULL AND closed_at IS NULL AND {CLOCK_START} < ?"),
            vec![Arg::I64(t)],
        );
    }
    if let Some(t) = q.from_ms {
        f.and("received_at >= ?", vec![Arg::I64(t)]);
    }
    if let Some(t) = q.to_ms {
        f.and("received_at < ?", vec![Arg::I64(t)]);
    }
    if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        // Case-insensitive on both engines for ASCII; the original and public wording are searched.
        f.and(
            "(LOWER(text) LIKE LOWER(?) ESCAPE '\\' OR LOWER(COALESCE(public_text, '')) LIKE LOWER(?) ESCAPE '\\')",
            vec![Arg::Text(format!("%{escaped}%")), Arg::Text(format!("%{escaped}%"))],
        );
    }
    if let Some(b) = q.before_id {
        f.and("id < ?", vec![Arg::I64(b)]);
    }
    let lim = f.push_arg(Arg::I64(q.limit));
    let sql = format!(
        "SELECT {columns} FROM suggestions{} ORDER BY id DESC LIMIT {lim}",
        f.where_sql()
    );
    Some((sql, f.into_args()))
}

/// The public wording and response both exist in English and in Welsh.
const BOTH_LANGUAGES: &str = "COALESCE(public_text, '') <> '' AND COALESCE(public_text_cy, '') <> '' \
     AND COALESCE(public_response, '') <> '' AND COALESCE(public_response_cy, '') <> ''";

/// What a public board shows of a suggestion: its public wording and answer, never what was
/// first written or who wrote it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BoardSuggestion {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub public_text: Option<String>,
    pub public_text_cy: Option<String>,
    pub status: String,
    pub closed_at: i64,
    pub public_response: Option<String>,
    pub public_response_cy: Option<String>,
}

const BOARD_COLUMNS: &str = "id, unit_id, public_text, public_text_cy, status, closed_at, \
    public_response, public_response_cy";

/// Where a page of a board starts: the last suggestion the page before showed. The next page
/// holds those closed before it (by closing time, then id, as the board is ordered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardCursor {
    pub closed_at: i64,
    pub id: i64,
}

/// Published, closed suggestions for the public boards (a unit, or the whole organisation),
/// closed at or after `since`, newest first. With `both_languages`, only those whose public
/// wording and response exist in English and in Welsh.
pub async fn board(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    since: i64,
    limit: i64,
    both_languages: bool,
) -> DbResult<Vec<BoardSuggestion>> {
    board_page(c, org, unit, since, None, limit, both_languages).await
}

/// One page of [`board`]: with `before`, only what comes after that suggestion on the board.
pub async fn board_page(
    c: &mut Conn<'_>,
    org: i64,
    unit: Option<i64>,
    since: i64,
    before: Option<BoardCursor>,
    limit: i64,
    both_languages: bool,
) -> DbResult<Vec<BoardSuggestion>> {
    let (sql, args) = board_page_query(c.engine(), org, unit, since, before, limit, both_languages);
    fetch_all_dynamic(c, &sql, args).await
}

/// The SQL and arguments of [`board`]. The limit is the last argument.
pub fn board_query(
    engine: Engine,
    org: i64,
    unit: Option<i64>,
    since: i64,
    limit: i64,
    both_languages: bool,
) -> (String, Vec<Arg>) {
    board_page_query(engine, org, unit, since, None, limit, both_languages)
}

/// The SQL and arguments of [`board_page`]. The limit is the last argument.
pub fn board_page_query(
    engine: Engine,
    org: i64,
    unit: Option<i64>,
    since: i64,
    before: Option<BoardCursor>,
    limit: i64,
    both_languages: bool,
) -> (String, Vec<Arg>) {
    let mut f = Filter::new();
    match unit {
        // SQLite's planner is kept on the unit's index.
        Some(u) => f
            .and(
                &format!("{} = ?", not_indexed(engine, "organisation_id")),
                vec![Arg::I64(org)],
            )
            .and("unit_id = ?", vec![Arg::I64(u)]),
        None => f.and("organisation_id = ?", vec![Arg::I64(org)]),
    };
    f.and("visibility = 'published'", vec![])
        .and("closed_at IS NOT NULL", vec![])
        .and("closed_at >= ?", vec![Arg::I64(since)]);
    if let Some(b) = before {
        // The first condition alone bounds the index range; the second breaks ties.
        f.and("closed_at <= ?", vec![Arg::I64(b.closed_at)]).and(
            "(closed_at < ? OR id < ?)",
            vec![Arg::I64(b.closed_at), Arg::I64(b.id)],
        );
    }
    if both_languages {
        f.and(&format!("({BOTH_LANGUAGES})"), vec![]);
    }
    let lim = f.push_arg(Arg::I64(limit));
    let sql = format!(
        "SELECT {BOARD_COLUMNS} FROM suggestions{} ORDER BY closed_at DESC, id DESC LIMIT {lim}",
        f.where_sql()
    );
    (sql, f.into_args())
}

/// For each period between consecutive `bounds`, how many suggestions arrived and how many
/// were closed: one indexed range count per period, so the chart never reads the rows.
pub async fn arrivals_and_closures(
    c: &mut Conn<'_>,
    org: i64,
    bounds: &[i64],
) -> DbResult<Vec<(i64, i64)>> {
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let arrived = fetch_scalar!(
            c,
            i64,
            "SELECT COUNT(*) FROM suggestions WHERE organisation_id = $1 AND received_at >= $2 AND received_at < $3",
            org,
            w[0],
            w[1]
        )?;
        let closed = fetch_scalar!(
            c,
            i64,
            "SELECT COUNT(*) FROM suggestions WHERE organisation_id = $1 AND closed_at >= $2 AND closed_at < $3",
            org,
            w[0],
            w[1]
        )?;
        out.push((arrived, closed));
    }
    Ok(out)
}
