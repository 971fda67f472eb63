//! In-app notices and the outgoing e-mail queue. A notice stores a Fluent message id and its
//! arguments, so it reads in whichever language the person uses when they look. E-mails are
//! rendered in the recipient's language when queued and sent after the transaction commits.

use crate::{Conn, DbResult, execute, fetch_all, fetch_scalar};
use serde::Serialize;

/// A notice for an account.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Notice {
    pub id: i64,
    pub user_id: i64,
    pub message_id: String,
    pub args_json: String,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

/// Adds a notice.
pub async fn insert(
    c: &mut Conn<'_>,
    user_id: i64,
    message_id: &str,
    args_json: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO notices (user_id, message_id, args_json, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        user_id,
        message_id,
        args_json,
        now
    )
}

/// An account's latest notices.
pub async fn list(c: &mut Conn<'_>, user_id: i64, limit: i64) -> DbResult<Vec<Notice>> {
    fetch_all!(
        c,
        Notice,
        "SELECT id, user_id, message_id, args_json, created_at, read_at FROM notices WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
        user_id,
        limit
    )
}

/// Marks all of an account's notices read.
pub async fn mark_all_read(c: &mut Conn<'_>, user_id: i64, now: i64) -> DbResult<u64> {
    execute!(
        c,
        "UPDATE notices SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL",
        user_id,
        now
    )
}

/// A queued e-mail.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Email {
    pub id: i64,
    pub organisation_id: i64,
    pub to_address: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub attempts: i64,
    pub last_error: Option<String>,
    /// An iCalendar invitation sent with the message, when there is one.
    pub calendar: Option<String>,
}

/// Queues an e-mail.
pub async fn queue_email(
    c: &mut Conn<'_>,
    organisation_id: i64,
    to: &str,
    language: &str,
    subject: &str,
    body: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO outbound_emails (organisation_id, to_address, language, subject, body, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        organisation_id,
        to,
        language,
        subject,
        body,
        now
    )
}

/// Queues an e-mail carrying a calendar invitation.
#[expect(clippy::too_many_arguments, reason = "an e-mail has this many parts")]
pub async fn queue_email_with_calendar(
    c: &mut Conn<'_>,
    organisation_id: i64,
    to: &str,
    language: &str,
    subject: &str,
    body: &str,
    calendar: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO outbound_emails (organisation_id, to_address, language, subject, body, created_at, calendar) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        organisation_id,
        to,
        language,
        subject,
        body,
        now,
        calendar
    )
}

/// E-mails not yet sent, oldest first, that have been tried fewer than `max_attempts` times.
pub async fn pending_emails(
    c: &mut Conn<'_>,
    max_attempts: i64,
    limit: i64,
) -> DbResult<Vec<Email>> {
    fetch_all!(
        c,
        Email,
        "SELECT id, organisation_id, to_address, language, subject, body, created_at, sent_at, attempts, last_error, calendar FROM outbound_emails \
         WHERE sent_at IS NULL AND attempts < $1 ORDER BY id LIMIT $2",
        max_attempts,
        limit
    )
}

/// Every e-mail of an organisation, newest first (for the admin view and tests).
pub async fn list_emails(
    c: &mut Conn<'_>,
    organisation_id: i64,
    limit: i64,
) -> DbResult<Vec<Email>> {
    fetch_all!(
        c,
        Email,
        "SELECT id, organisation_id, to_address, language, subject, body, created_at, sent_at, attempts, last_error, calendar FROM outbound_emails \
         WHERE organisation_id = $1 ORDER BY id DESC LIMIT $2",
        organisation_id,
        limit
    )
}

/// Claims an e-mail for sending by counting the attempt first; false when another instance
/// got there first (so two instances never send the same message twice at once).
pub async fn claim_email(c: &mut Conn<'_>, id: i64, attempts_seen: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE outbound_emails SET attempts = attempts + 1 WHERE id = $1 AND attempts = $2 AND sent_at IS NULL",
        id,
        attempts_seen
    )?;
    Ok(n == 1)
}

/// Records the outcome of sending.
pub async fn mark_email(
    c: &mut Conn<'_>,
    id: i64,
    sent_at: Option<i64>,
    error: Option<&str>,
) -> DbResult<()> {
    execute!(
        c,
        "UPDATE outbound_emails SET sent_at = $2, last_error = $3 WHERE id = $1",
        id,
        sent_at,
        error
    )?;
    Ok(())
}
