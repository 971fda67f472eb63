//! Training: courses, sessions, trainers, registers and requests to join.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};
use cairn_domain::training::{Attendance, TrainerPart};

pub mod accreditation;
pub mod report;

/// A course as stored. `audience` and `practices` are comma-separated keys and codes.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Course {
    pub id: i64,
    pub organisation_id: i64,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub summary_en: Option<String>,
    pub summary_cy: Option<String>,
    pub audience: String,
    pub level: i64,
    pub practices: String,
    pub sessions: i64,
    pub learning_hours: i64,
    pub credits: Option<i64>,
    pub cqfw_level: Option<String>,
    pub agored_unit: Option<String>,
    pub min_sessions: Option<i64>,
    pub assessed: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

const COURSE_COLUMNS: &str = "id, organisation_id, title_en, title_cy, summary_en, summary_cy, audience, level, practices, sessions, learning_hours, credits, cqfw_level, agored_unit, min_sessions, assessed, created_at, updated_at";

/// A course to store.
pub struct NewCourse<'a> {
    pub title_en: Option<&'a str>,
    pub title_cy: Option<&'a str>,
    pub summary_en: Option<&'a str>,
    pub summary_cy: Option<&'a str>,
    pub audience: &'a str,
    pub level: i64,
    pub practices: &'a str,
    pub sessions: i64,
    pub learning_hours: i64,
    pub credits: Option<i64>,
    pub cqfw_level: Option<&'a str>,
    pub agored_unit: Option<&'a str>,
    pub min_sessions: Option<i64>,
    pub created_by_label: &'a str,
}

pub async fn insert_course(
    c: &mut Conn<'_>,
    org: i64,
    n: &NewCourse<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO courses (organisation_id, title_en, title_cy, summary_en, summary_cy, audience, level, practices, \
         sessions, learning_hours, credits, cqfw_level, agored_unit, min_sessions, assessed, created_at, created_by_label, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $16) RETURNING id",
        org,
        n.title_en,
        n.title_cy,
        n.summary_en,
        n.summary_cy,
        n.audience,
        n.level,
        n.practices,
        n.sessions,
        n.learning_hours,
        n.credits,
        n.cqfw_level,
        n.agored_unit,
        n.min_sessions,
        n.min_sessions.is_none(),
        now,
        n.created_by_label
    )
}

/// The prospectus: every course of the organisation, by level then id.
pub async fn courses(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Course>> {
    fetch_all!(
        c,
        Course,
        &format!(
            "SELECT {COURSE_COLUMNS} FROM courses WHERE organisation_id = $1 ORDER BY level, id"
        ),
        org
    )
}

pub async fn course(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Course>> {
    fetch_optional!(
        c,
        Course,
        &format!("SELECT {COURSE_COLUMNS} FROM courses WHERE organisation_id = $1 AND id = $2"),
        org,
        id
    )
}

/// A session as stored, with how many are booked or attended and how many are waiting.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Session {
    pub id: i64,
    pub organisation_id: i64,
    pub course_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<String>,
    pub online_url: Option<String>,
    pub capacity: i64,
    pub taken: i64,
    pub waiting: i64,
}

const SESSION_SELECT: &str = "SELECT s.id, s.organisation_id, s.course_id, s.starts_at, s.ends_at, s.place, s.online_url, s.capacity, \
     (SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status IN ('booked', 'attended')) AS taken, \
     (SELECT COUNT(*) FROM session_attendance a WHERE a.session_id = s.id AND a.status = 'waiting') AS waiting \
     FROM training_sessions s";

/// A session to store.
pub struct NewSession<'a> {
    pub course_id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    pub place: Option<&'a str>,
    pub online_url: Option<&'a str>,
    pub capacity: i64,
    pub created_by_label: &'a str,
}

pub async fn insert_session(
    c: &mut Conn<'_>,
    org: i64,
    n: &NewSession<'_>,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO training_sessions (organisation_id, course_id, starts_at, ends_at, place, online_url, capacity, \
         created_at, created_by_label, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $8) RETURNING id",
        org,
        n.course_id,
        n.starts_at,
        n.ends_at,
        n.place,
        n.online_url,
        n.capacity,
        now,
        n.created_by_label
    )
}

pub async fn sessions_of_course(c: &mut Conn<'_>, org: i64, course: i64) -> DbResult<Vec<Session>> {
    fetch_all!(
        c,
        Session,
        &format!(
            "{SESSION_SELECT} WHERE s.organisation_id = $1 AND s.course_id = $2 ORDER BY s.starts_at, s.id"
        ),
        org,
        course
    )
}

pub async fn session(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Session>> {
    fetch_optional!(
        c,
        Session,
        &format!("{SESSION_SELECT} WHERE s.organisation_id = $1 AND s.id = $2"),
        org,
        id
    )
}

/// A trainer of a session.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Trainer {
    pub person_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub part: TrainerPart,
}

pub async fn insert_trainer(
    c: &mut Conn<'_>,
    session: i64,
    person: i64,
    part: TrainerPart,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO session_trainers (session_id, person_id, part) VALUES ($1, $2, $3)",
        session,
        person,
        part.key()
    )?;
    Ok(())
}

pub async fn trainers(c: &mut Conn<'_>, session: i64) -> DbResult<Vec<Trainer>> {
    fetch_all!(
        c,
        Trainer,
        "SELECT t.person_id, p.chosen_name AS name, t.part FROM session_trainers t \
         JOIN people p ON p.id = t.person_id WHERE t.session_id = $1 ORDER BY t.part, p.chosen_name, t.person_id",
        session
    )
}

/// The sessions where `person` trains.
pub async fn sessions_trained_by(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT session_id FROM session_trainers WHERE person_id = $1 ORDER BY session_id",
        person
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// One line of a register.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct RegisterLine {
    pub person_id: i64,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub status: Attendance,
    pub constituency: String,
    pub entered_by_label: String,
    pub on_behalf: bool,
}

pub async fn register(c: &mut Conn<'_>, session: i64) -> DbResult<Vec<RegisterLine>> {
    fetch_all!(
        c,
        RegisterLine,
        "SELECT a.person_id, p.chosen_name AS name, a.status, a.constituency, a.entered_by_label, a.on_behalf \
         FROM session_attendance a JOIN people p ON p.id = a.person_id WHERE a.session_id = $1 \
         ORDER BY p.search_name, a.person_id",
        session
    )
}

/// Writes one register line, replacing what was there.
#[expect(
    clippy::too_many_arguments,
    reason = "a register line has this many facts"
)]
pub async fn set_attendance(
    c: &mut Conn<'_>,
    session: i64,
    person: i64,
    status: Attendance,
    constituency: &str,
    entered_by_label: &str,
    on_behalf: bool,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO session_attendance (session_id, person_id, status, constituency, entered_by_label, on_behalf, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (session_id, person_id) DO UPDATE SET \
         status = excluded.status, constituency = excluded.constituency, entered_by_label = excluded.entered_by_label, \
         on_behalf = excluded.on_behalf, updated_at = excluded.updated_at",
        session,
        person,
        status.key(),
        constituency,
        entered_by_label,
        on_behalf,
        now
    )?;
    Ok(())
}

/// Records "I'd like to do this". False when the person had already asked.
pub async fn insert_request(
    c: &mut Conn<'_>,
    org: i64,
    course: i64,
    person: i64,
    entered_by_label: &str,
    on_behalf: bool,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "INSERT INTO course_requests (organisation_id, course_id, person_id, entered_by_label, on_behalf, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (course_id, person_id) DO NOTHING",
        org,
        course,
        person,
        entered_by_label,
        on_behalf,
        now
    )?;
    Ok(n == 1)
}

/// Who asked to join a course.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Request {
    pub person_id: i64,
    pub name: String,
    pub on_behalf: bool,
    pub created_at: i64,
}

pub async fn requests(c: &mut Conn<'_>, course: i64) -> DbResult<Vec<Request>> {
    fetch_all!(
        c,
        Request,
        "SELECT r.person_id, p.chosen_name AS name, r.on_behalf, r.created_at FROM course_requests r \
         JOIN people p ON p.id = r.person_id WHERE r.course_id = $1 ORDER BY r.created_at, r.id",
        course
    )
}

/// The courses `person` has asked to join.
pub async fn requested_by(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<i64>> {
    let rows: Vec<(i64,)> = fetch_all!(
        c,
        (i64,),
        "SELECT course_id FROM course_requests WHERE person_id = $1 ORDER BY course_id",
        person
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// One session on a person's learning record.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Learned {
    pub session_id: i64,
    pub course_id: i64,
    pub starts_at: i64,
    #[sqlx(try_from = "String")]
    pub status: Attendance,
}

pub async fn learning_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<Learned>> {
    fetch_all!(
        c,
        Learned,
        "SELECT a.session_id, s.course_id, s.starts_at, a.status FROM session_attendance a \
         JOIN training_sessions s ON s.id = a.session_id WHERE a.person_id = $1 ORDER BY s.starts_at, s.id",
        person
    )
}

/// The organisation's current practice codes (not retired), for checking a course's.
pub async fn practice_codes(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<String>> {
    let rows: Vec<(String,)> = fetch_all!(
        c,
        (String,),
        "SELECT code FROM model_practices WHERE organisation_id = $1 AND retired_in_version IS NULL ORDER BY code",
        org
    )?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A certificate as stored.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Certificate {
    pub id: i64,
    pub person_id: i64,
    pub course_id: i64,
    pub session_id: Option<i64>,
    pub kind: String,
    pub reference: String,
    pub issued_at: i64,
    pub issued_by_label: String,
    pub replaced_at: Option<i64>,
    pub replaced_by_id: Option<i64>,
}

const CERTIFICATE_COLUMNS: &str = "id, person_id, course_id, session_id, kind, reference, issued_at, issued_by_label, replaced_at, replaced_by_id";

/// Issues a certificate. `session` only for delivering one.
#[expect(
    clippy::too_many_arguments,
    reason = "a certificate has this many facts"
)]
pub async fn insert_certificate(
    c: &mut Conn<'_>,
    org: i64,
    person: i64,
    course: i64,
    session: Option<i64>,
    kind: &str,
    reference: &str,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO certificates (organisation_id, person_id, course_id, session_id, kind, reference, issued_at, issued_by_label) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        org,
        person,
        course,
        session,
        kind,
        reference,
        now,
        label
    )
}

/// Whether the person holds a live (not replaced) certificate of this kind for the course (or
/// the session, for delivery).
pub async fn has_certificate(
    c: &mut Conn<'_>,
    person: i64,
    course: i64,
    session: Option<i64>,
    kind: &str,
) -> DbResult<bool> {
    let n: i64 = fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM certificates WHERE person_id = $1 AND course_id = $2 AND kind = $3 \
         AND replaced_at IS NULL AND (session_id = $4 OR ($4 IS NULL AND session_id IS NULL))",
        person,
        course,
        kind,
        session
    )?;
    Ok(n > 0)
}

pub async fn certificates_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<Certificate>> {
    fetch_all!(
        c,
        Certificate,
        &format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE person_id = $1 ORDER BY issued_at, id"
        ),
        person
    )
}

pub async fn certificate(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Certificate>> {
    fetch_optional!(
        c,
        Certificate,
        &format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

pub async fn certificate_by_reference(
    c: &mut Conn<'_>,
    org: i64,
    reference: &str,
) -> DbResult<Option<Certificate>> {
    fetch_optional!(
        c,
        Certificate,
        &format!(
            "SELECT {CERTIFICATE_COLUMNS} FROM certificates WHERE organisation_id = $1 AND reference = $2"
        ),
        org,
        reference
    )
}

/// Marks a certificate replaced by another; false when it was already replaced.
pub async fn replace_certificate(c: &mut Conn<'_>, old: i64, new: i64, now: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE certificates SET replaced_at = $3, replaced_by_id = $2 WHERE id = $1 AND replaced_at IS NULL",
        old,
        new,
        now
    )?;
    Ok(n == 1)
}

/// When the person first completed a course (their earliest completion certificate).
pub async fn first_completion(c: &mut Conn<'_>, person: i64) -> DbResult<Option<i64>> {
    fetch_scalar!(
        c,
        Option<i64>,
        "SELECT MIN(issued_at) FROM certificates WHERE person_id = $1 AND kind = 'completion'",
        person
    )
}

/// Sessions of `course` the person attended.
pub async fn attended_count(c: &mut Conn<'_>, course: i64, person: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "SELECT COUNT(*) FROM session_attendance a JOIN training_sessions s ON s.id = a.session_id \
         WHERE s.course_id = $1 AND a.person_id = $2 AND a.status = 'attended'",
        course,
        person
    )
}

/// A topic someone would like training on.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Topic {
    pub id: i64,
    pub constituency: String,
    pub text: String,
    pub created_at: i64,
    pub course_id: Option<i64>,
}

pub async fn insert_topic(
    c: &mut Conn<'_>,
    org: i64,
    person: Option<i64>,
    constituency: &str,
    text: &str,
    label: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO training_topics (organisation_id, person_id, constituency, text, entered_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        org,
        person,
        constituency,
        text,
        label,
        now
    )
}

/// The organisation's topics, newest first.
pub async fn topics(c: &mut Conn<'_>, org: i64) -> DbResult<Vec<Topic>> {
    fetch_all!(
        c,
        Topic,
        "SELECT id, constituency, text, created_at, course_id FROM training_topics \
         WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC",
        org
    )
}

/// The topics a person suggested (their subject access export).
pub async fn topics_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<Topic>> {
    fetch_all!(
        c,
        Topic,
        "SELECT id, constituency, text, created_at, course_id FROM training_topics \
         WHERE person_id = $1 ORDER BY created_at, id",
        person
    )
}

/// Records that a topic became a course; false when the topic is not the organisation's.
pub async fn link_topic(c: &mut Conn<'_>, org: i64, topic: i64, course: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE training_topics SET course_id = $3 WHERE organisation_id = $1 AND id = $2",
        org,
        topic,
        course
    )?;
    Ok(n == 1)
}
