//! The rows the training report adds up: sessions in a period with their trainers' parts and
//! who attended, and the completions issued in it.

use crate::{Conn, DbResult, fetch_all};

/// A session in the period.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportSession {
    pub id: i64,
    pub course_id: i64,
    pub starts_at: i64,
}

/// One attended place on a register in the period, with the constituency recorded on it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportAttendance {
    pub session_id: i64,
    pub person_id: i64,
    pub constituency: String,
}

/// A completion certificate in force issued in the period, with its course's credits.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportCompletion {
    pub person_id: i64,
    pub issued_at: i64,
    pub credits: Option<i64>,
}

/// Everything the report needs for `[since, until)`, in five queries whatever the size.
pub struct ReportRows {
    pub sessions: Vec<ReportSession>,
    /// (session id, part key)
    pub parts: Vec<(i64, String)>,
    pub attended: Vec<ReportAttendance>,
    pub completions: Vec<ReportCompletion>,
    /// (person id, unit id) for everyone who attended or completed.
    pub units: Vec<(i64, i64)>,
}

pub async fn rows(c: &mut Conn<'_>, org: i64, since: i64, until: i64) -> DbResult<ReportRows> {
    let sessions = fetch_all!(
        c,
        ReportSession,
        "SELECT id, course_id, starts_at FROM training_sessions \
         WHERE organisation_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at, id",
        org,
        since,
        until
    )?;
    let parts = fetch_all!(
        c,
        (i64, String),
        "SELECT t.session_id, t.part FROM session_trainers t JOIN training_sessions s ON s.id = t.session_id \
         WHERE s.organisation_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3",
        org,
        since,
        until
    )?;
    let attended = fetch_all!(
        c,
        ReportAttendance,
        "SELECT a.session_id, a.person_id, a.constituency FROM session_attendance a \
         JOIN training_sessions s ON s.id = a.session_id \
         WHERE s.organisation_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 AND a.status = 'attended'",
        org,
        since,
        until
    )?;
    let completions = fetch_all!(
        c,
        ReportCompletion,
        "SELECT k.person_id, k.issued_at, c.credits FROM certificates k JOIN courses c ON c.id = k.course_id \
         WHERE k.organisation_id = $1 AND k.kind = 'completion' AND k.replaced_at IS NULL \
         AND k.issued_at >= $2 AND k.issued_at < $3",
        org,
        since,
        until
    )?;
    let units = fetch_all!(
        c,
        (i64, i64),
        "SELECT pu.person_id, pu.unit_id FROM person_units pu JOIN people p ON p.id = pu.person_id \
         WHERE p.organisation_id = $1 AND (pu.person_id IN (SELECT a.person_id FROM session_attendance a \
            JOIN training_sessions s ON s.id = a.session_id WHERE s.organisation_id = $1 \
            AND s.starts_at >= $2 AND s.starts_at < $3 AND a.status = 'attended') \
         OR pu.person_id IN (SELECT k.person_id FROM certificates k WHERE k.organisation_id = $1 \
            AND k.kind = 'completion' AND k.issued_at >= $2 AND k.issued_at < $3))",
        org,
        since,
        until
    )?;
    Ok(ReportRows {
        sessions,
        parts,
        attended,
        completions,
        units,
    })
}
