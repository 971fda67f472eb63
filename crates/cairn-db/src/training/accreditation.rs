//! Assessors' marks, learners working toward credits, and training a role needs.

use crate::{Conn, DbResult, execute, fetch_all, fetch_scalar};

// ---------------------------------------------------------------------------------------------
// Assessors' marks
// ---------------------------------------------------------------------------------------------

/// Records that `person` passed assessed `course`; false when already marked.
pub async fn insert_assessment(
    c: &mut Conn<'_>,
    course: i64,
    person: i64,
    on: &str,
    label: &str,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "INSERT INTO course_assessments (course_id, person_id, assessed_on, assessed_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (course_id, person_id) DO NOTHING",
        course,
        person,
        on,
        label,
        now
    )?;
    Ok(n == 1)
}

/// A mark on a person's record.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct Assessment {
    pub course_id: i64,
    pub person_id: i64,
    pub assessed_on: String,
    pub assessed_by_label: String,
}

/// The courses a person has been marked as passing.
pub async fn assessments_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<Assessment>> {
    fetch_all!(
        c,
        Assessment,
        "SELECT course_id, person_id, assessed_on, assessed_by_label FROM course_assessments \
         WHERE person_id = $1 ORDER BY assessed_on, course_id",
        person
    )
}

/// The learners marked on a course.
pub async fn assessments_on(c: &mut Conn<'_>, course: i64) -> DbResult<Vec<Assessment>> {
    fetch_all!(
        c,
        Assessment,
        "SELECT course_id, person_id, assessed_on, assessed_by_label FROM course_assessments \
         WHERE course_id = $1 ORDER BY person_id",
        course
    )
}

// ---------------------------------------------------------------------------------------------
// Learners working toward credits
// ---------------------------------------------------------------------------------------------

/// What the registration file needs about one learner.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct CreditLearner {
    pub course_id: i64,
    pub person_id: i64,
    pub given_names: String,
    pub family_name: String,
    pub date_of_birth: String,
    pub uln: Option<String>,
    pub entered_by_label: String,
    pub created_at: i64,
}

/// A learner to store.
pub struct NewCreditLearner<'a> {
    pub course_id: i64,
    pub person_id: i64,
    pub given_names: &'a str,
    pub family_name: &'a str,
    pub date_of_birth: &'a str,
    pub uln: Option<&'a str>,
    pub entered_by_label: &'a str,
}

/// Adds a learner, or corrects what was given for one already on the course.
pub async fn upsert_credit_learner(
    c: &mut Conn<'_>,
    n: &NewCreditLearner<'_>,
    now: i64,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO credit_learners (course_id, person_id, given_names, family_name, date_of_birth, uln, entered_by_label, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (course_id, person_id) DO UPDATE SET \
         given_names = excluded.given_names, family_name = excluded.family_name, \
         date_of_birth = excluded.date_of_birth, uln = excluded.uln, entered_by_label = excluded.entered_by_label",
        n.course_id,
        n.person_id,
        n.given_names,
        n.family_name,
        n.date_of_birth,
        n.uln,
        n.entered_by_label,
        now
    )?;
    Ok(())
}

/// Removes a learner from the course's credit list (they no longer want credits); false when
/// they were not on it.
pub async fn delete_credit_learner(c: &mut Conn<'_>, course: i64, person: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "DELETE FROM credit_learners WHERE course_id = $1 AND person_id = $2",
        course,
        person
    )?;
    Ok(n == 1)
}

/// A course's credit learners, for the registration file.
pub async fn credit_learners(c: &mut Conn<'_>, course: i64) -> DbResult<Vec<CreditLearner>> {
    fetch_all!(
        c,
        CreditLearner,
        "SELECT course_id, person_id, given_names, family_name, date_of_birth, uln, entered_by_label, created_at \
         FROM credit_learners WHERE course_id = $1 ORDER BY family_name, given_names, person_id",
        course
    )
}

/// The people on a course's credit list with the name they go by (what pages show), and
/// whether a ULN was given.
pub async fn credit_learner_names(
    c: &mut Conn<'_>,
    course: i64,
) -> DbResult<Vec<(i64, String, bool)>> {
    fetch_all!(
        c,
        (i64, String, bool),
        "SELECT p.id, p.chosen_name, l.uln IS NOT NULL FROM credit_learners l \
         JOIN people p ON p.id = l.person_id WHERE l.course_id = $1 ORDER BY p.chosen_name, p.id",
        course
    )
}

/// Everything a person gave for credits (their own export).
pub async fn credit_learner_of(c: &mut Conn<'_>, person: i64) -> DbResult<Vec<CreditLearner>> {
    fetch_all!(
        c,
        CreditLearner,
        "SELECT course_id, person_id, given_names, family_name, date_of_birth, uln, entered_by_label, created_at \
         FROM credit_learners WHERE person_id = $1 ORDER BY course_id",
        person
    )
}

/// Deletes everything a person gave for credits (erasure).
pub async fn forget_credit_learner(c: &mut Conn<'_>, person: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM credit_learners WHERE person_id = $1",
        person
    )
}

// ---------------------------------------------------------------------------------------------
// Training a role needs
// ---------------------------------------------------------------------------------------------

/// A course a role needs, and how often it is refreshed.
#[derive(Debug, Clone, sqlx::FromRow, serde::Serialize)]
pub struct RoleTraining {
    pub role_id: i64,
    pub course_id: i64,
    pub refresh_months: Option<i64>,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
}

/// The training a role needs.
pub async fn role_training(c: &mut Conn<'_>, role: i64) -> DbResult<Vec<RoleTraining>> {
    fetch_all!(
        c,
        RoleTraining,
        "SELECT r.role_id, r.course_id, r.refresh_months, k.title_en, k.title_cy FROM role_training r \
         JOIN courses k ON k.id = r.course_id WHERE r.role_id = $1 ORDER BY r.course_id",
        role
    )
}

/// Sets (or changes) a course a role needs.
pub async fn set_role_training(
    c: &mut Conn<'_>,
    role: i64,
    course: i64,
    refresh_months: Option<i64>,
) -> DbResult<()> {
    execute!(
        c,
        "INSERT INTO role_training (role_id, course_id, refresh_months) VALUES ($1, $2, $3) \
         ON CONFLICT (role_id, course_id) DO UPDATE SET refresh_months = excluded.refresh_months",
        role,
        course,
        refresh_months
    )?;
    Ok(())
}

/// A role no longer needs the course; false when it did not.
pub async fn remove_role_training(c: &mut Conn<'_>, role: i64, course: i64) -> DbResult<bool> {
    let n = execute!(
        c,
        "DELETE FROM role_training WHERE role_id = $1 AND course_id = $2",
        role,
        course
    )?;
    Ok(n == 1)
}

/// When a person last trained in a course: the start of the latest session of it they attended,
/// once they have completed it (a refresher is another session of the same course). `None`
/// when they have not completed it.
pub async fn last_trained(c: &mut Conn<'_>, person: i64, course: i64) -> DbResult<Option<i64>> {
    fetch_scalar!(
        c,
        Option<i64>,
        "SELECT MAX(s.starts_at) FROM session_attendance a JOIN training_sessions s ON s.id = a.session_id \
         WHERE a.person_id = $1 AND s.course_id = $2 AND a.status = 'attended' \
         AND EXISTS (SELECT 1 FROM certificates k WHERE k.person_id = $1 AND k.course_id = $2 AND k.kind = 'completion')",
        person,
        course
    )
}

/// Everyone on a register of the course (any status): id, the name they go by, and how many
/// of its sessions they attended.
pub async fn course_learners(c: &mut Conn<'_>, course: i64) -> DbResult<Vec<(i64, String, i64)>> {
    fetch_all!(
        c,
        (i64, String, i64),
        "SELECT p.id, p.chosen_name, SUM(CASE WHEN a.status = 'attended' THEN 1 ELSE 0 END) \
         FROM session_attendance a JOIN training_sessions s ON s.id = a.session_id \
         JOIN people p ON p.id = a.person_id WHERE s.course_id = $1 \
         GROUP BY p.id, p.chosen_name ORDER BY p.chosen_name, p.id",
        course
    )
}
