//! An assessor's mark on an assessed course, learners working toward credits with the
//! awarding body's deadlines and registration file, and training a role needs.
//!
//! A credit learner's legal name, date of birth and unique learner number are collected only
//! for the registration file: the course page lists the learners by the name they go by, the
//! file is for those who keep the prospectus, and every time it is made the read is audited
//! for each learner in it.

use super::{issue_completion, load_course, may_act_for};
use crate::audit::{Action, record, record_read};
use crate::org_clock as clock;
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::Conn;
use cairn_db::training::accreditation::{self as db, NewCreditLearner};
use cairn_db::training::{self as training_db, Course};
use cairn_domain::Permission;
use cairn_domain::time::local_date;
use cairn_domain::training::accreditation::{
    CreditLearnerDraft, DeadlineState, Deadlines, deadline_state, deadlines,
};
use cairn_domain::training::{
    Completion, REFRESH_MONTHS_MAX, RoleTrainingState, role_training_state,
};
use jiff::civil::Date;

// ---------------------------------------------------------------------------------------------
// Assessors' marks
// ---------------------------------------------------------------------------------------------

/// An assessor marks that a learner passed an assessed course: the course is complete for them
/// and they get its completion certificate. Only for a learner who attended at least one of
/// its sessions; a second mark changes nothing (false).
pub async fn assess(app: &App, actor: &Actor, course: i64, person: i64) -> AppResult<bool> {
    require(actor, Permission::ManageRegisters)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let k = load_course(&mut tx.conn(), org, course).await?;
    if super::completion_of(&k) != Completion::Assessed {
        return Err(AppError::Conflict("assessment-error-not-assessed"));
    }
    if !may_act_for(&mut tx.conn(), actor, org, person).await? || actor.is_person(person) {
        return Err(invalid("person_id", "training-error-person"));
    }
    if training_db::attended_count(&mut tx.conn(), course, person).await? == 0 {
        return Err(invalid("person_id", "assessment-error-not-attended"));
    }
    let (today, _) = clock(&mut tx.conn(), app, org).await?;
    let new = db::insert_assessment(
        &mut tx.conn(),
        course,
        person,
        &today.to_string(),
        &actor.label,
        now,
    )
    .await?;
    if new {
        record::<(), _>(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::Create,
            "course_assessment",
            Some(course),
            None,
            Some(&serde_json::json!({"course_id": course, "assessed_on": today.to_string()})),
            Some(person),
            now,
        )
        .await?;
        issue_completion(&mut tx.conn(), actor, org, course, person, now).await?;
    }
    tx.commit().await?;
    Ok(new)
}

// ---------------------------------------------------------------------------------------------
// Deadlines and credit learners
// ---------------------------------------------------------------------------------------------

/// A course's deadlines with the awarding body, and where each stands today.
#[derive(Debug, Clone, Copy)]
pub struct CourseDeadlines {
    pub deadlines: Deadlines,
    pub register: DeadlineState,
    pub claim: DeadlineState,
}

/// The deadlines of a course with credits, from its first and last sessions on the
/// organisation's calendar. `None` for a course without credits or sessions.
pub async fn course_deadlines(
    c: &mut Conn<'_>,
    app: &App,
    org: i64,
    course: &Course,
) -> AppResult<Option<CourseDeadlines>> {
    if course.credits.is_none() {
        return Ok(None);
    }
    let sessions = training_db::sessions_of_course(c, org, course.id).await?;
    let (Some(first), Some(last)) = (sessions.first(), sessions.last()) else {
        return Ok(None);
    };
    let (today, tz) = clock(c, app, org).await?;
    let d = deadlines(
        local_date(first.starts_at, &tz),
        local_date(last.starts_at, &tz),
    );
    Ok(Some(CourseDeadlines {
        deadlines: d,
        register: deadline_state(d.register_by, today),
        claim: deadline_state(d.claim_by, today),
    }))
}

/// Adds a learner to a course's credit list (or corrects what was given), with them. Only
/// for a course with credits.
pub async fn add_credit_learner(
    app: &App,
    actor: &Actor,
    course: i64,
    draft: &CreditLearnerDraft,
) -> AppResult<i64> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let k = load_course(&mut tx.conn(), org, course).await?;
    if k.credits.is_none() {
        return Err(AppError::Conflict("credit-error-no-credits"));
    }
    let (today, _) = clock(&mut tx.conn(), app, org).await?;
    let l = draft.validate(today)?;
    if !may_act_for(&mut tx.conn(), actor, org, l.person_id).await? {
        return Err(invalid("person_id", "credit-error-person"));
    }
    db::upsert_credit_learner(
        &mut tx.conn(),
        &NewCreditLearner {
            course_id: course,
            person_id: l.person_id,
            given_names: &l.given_names,
            family_name: &l.family_name,
            date_of_birth: &l.date_of_birth.to_string(),
            uln: l.uln.as_deref(),
            entered_by_label: &actor.label,
        },
        now,
    )
    .await?;
    // The audit says that the details were given, never the details themselves.
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "credit_learner",
        Some(course),
        None,
        Some(&serde_json::json!({"course_id": course, "uln_given": l.uln.is_some()})),
        Some(l.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(l.person_id)
}

/// Takes a learner off a course's credit list, deleting what they gave for it.
pub async fn remove_credit_learner(
    app: &App,
    actor: &Actor,
    course: i64,
    person: i64,
) -> AppResult<()> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_course(&mut tx.conn(), org, course).await?;
    if !db::delete_credit_learner(&mut tx.conn(), course, person).await? {
        return Err(AppError::NotFound);
    }
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "credit_learner",
        Some(course),
        Some(&serde_json::json!({"course_id": course, "removed": true})),
        None::<&serde_json::Value>,
        Some(person),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the registration file is made from.
#[derive(Debug, Clone)]
pub struct AccreditationFile {
    pub course: Course,
    pub first_day: Option<Date>,
    pub last_day: Option<Date>,
    pub learners: Vec<db::CreditLearner>,
}

/// The course's registration file: its credit learners with what the awarding body needs.
/// Audited as a read of each learner.
pub async fn accreditation_file(
    app: &App,
    actor: &Actor,
    course: i64,
) -> AppResult<AccreditationFile> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let file = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let k = load_course(&mut c, org, course).await?;
        let sessions = training_db::sessions_of_course(&mut c, org, course).await?;
        let (_, tz) = clock(&mut c, app, org).await?;
        AccreditationFile {
            first_day: sessions.first().map(|s| local_date(s.starts_at, &tz)),
            last_day: sessions.last().map(|s| local_date(s.starts_at, &tz)),
            learners: db::credit_learners(&mut c, course).await?,
            course: k,
        }
    };
    let people: Vec<i64> = file.learners.iter().map(|l| l.person_id).collect();
    record_read(app, actor, org, "accreditation_file", course, &people).await?;
    Ok(file)
}

// ---------------------------------------------------------------------------------------------
// Training a role needs
// ---------------------------------------------------------------------------------------------

/// The training a role needs (anyone who reads roles).
pub async fn role_training(
    app: &App,
    actor: &Actor,
    role: i64,
) -> AppResult<Vec<db::RoleTraining>> {
    require(actor, Permission::ViewRoles)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    cairn_db::roles::get_role(&mut c, org, role)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(db::role_training(&mut c, role).await?)
}

/// Says a role needs a course, refreshed every `refresh_months` (blank: once is enough).
pub async fn set_role_training(
    app: &App,
    actor: &Actor,
    role: i64,
    course: &str,
    refresh_months: &str,
) -> AppResult<()> {
    require(actor, Permission::ManageRoles)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut e = cairn_domain::FieldErrors::new();
    let course: i64 = course.trim().parse().unwrap_or(0);
    let months = match refresh_months.trim() {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(m) if (1..=REFRESH_MONTHS_MAX).contains(&m) => Some(m),
            _ => {
                e.add("refresh_months", "role-training-error-months");
                None
            }
        },
    };
    let mut tx = app.db.begin().await?;
    cairn_db::roles::get_role(&mut tx.conn(), org, role)
        .await?
        .ok_or(AppError::NotFound)?;
    if course <= 0
        || training_db::course(&mut tx.conn(), org, course)
            .await?
            .is_none()
    {
        e.add("course_id", "role-training-error-course");
    }
    if !e.is_empty() {
        return Err(AppError::Invalid(e));
    }
    db::set_role_training(&mut tx.conn(), role, course, months).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "role_training",
        Some(role),
        None,
        Some(&serde_json::json!({"course_id": course, "refresh_months": months})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A role no longer needs a course.
pub async fn remove_role_training(
    app: &App,
    actor: &Actor,
    role: i64,
    course: i64,
) -> AppResult<()> {
    require(actor, Permission::ManageRoles)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    cairn_db::roles::get_role(&mut tx.conn(), org, role)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::remove_role_training(&mut tx.conn(), role, course).await? {
        return Err(AppError::NotFound);
    }
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "role_training",
        Some(role),
        Some(&serde_json::json!({"course_id": course})),
        None::<&serde_json::Value>,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// One line of an appointment's training checklist.
#[derive(Debug, Clone)]
pub struct TrainingCheck {
    pub course_id: i64,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub last_trained: Option<Date>,
    pub state: RoleTrainingState,
}

/// Where a person stands with each course their role needs, on the organisation's calendar.
/// The caller has already checked the actor may read the appointment.
pub async fn training_checks(
    c: &mut Conn<'_>,
    app: &App,
    org: i64,
    role: i64,
    person: i64,
) -> AppResult<Vec<TrainingCheck>> {
    let needs = db::role_training(c, role).await?;
    if needs.is_empty() {
        return Ok(Vec::new());
    }
    let (today, tz) = clock(c, app, org).await?;
    let mut out = Vec::new();
    for n in needs {
        let last = db::last_trained(c, person, n.course_id)
            .await?
            .map(|ms| local_date(ms, &tz));
        out.push(TrainingCheck {
            course_id: n.course_id,
            title_en: n.title_en,
            title_cy: n.title_cy,
            last_trained: last,
            state: role_training_state(last, n.refresh_months, today),
        });
    }
    Ok(out)
}

/// Someone on a course's registers, with what the learners page shows about them.
#[derive(Debug, Clone)]
pub struct CourseLearner {
    pub person_id: i64,
    pub name: String,
    pub attended: i64,
    /// An assessor marked them as passing.
    pub assessed: bool,
    /// They are working toward the course's credits (details given).
    pub credits: bool,
    pub uln_given: bool,
}

/// The people on a course's registers whom the reader reaches, each with their attendance, an
/// assessor's mark and whether they work toward credits. Audited as a read of each.
pub async fn learners(app: &App, actor: &Actor, course: i64) -> AppResult<Vec<CourseLearner>> {
    require(actor, Permission::ManageRegisters)?;
    let org = org_of(actor)?;
    let out = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        load_course(&mut c, org, course).await?;
        let marked: Vec<i64> = db::assessments_on(&mut c, course)
            .await?
            .into_iter()
            .map(|a| a.person_id)
            .collect();
        let credit = db::credit_learner_names(&mut c, course).await?;
        let mut out = Vec::new();
        for (person_id, name, attended) in db::course_learners(&mut c, course).await? {
            if !may_act_for(&mut c, actor, org, person_id).await? {
                continue;
            }
            let on_credits = credit.iter().find(|(p, _, _)| *p == person_id);
            out.push(CourseLearner {
                person_id,
                name,
                attended,
                assessed: marked.contains(&person_id),
                credits: on_credits.is_some(),
                uln_given: on_credits.is_some_and(|x| x.2),
            });
        }
        out
    };
    let people: Vec<i64> = out.iter().map(|l| l.person_id).collect();
    if !people.is_empty() {
        record_read(app, actor, org, "course_learners", course, &people).await?;
    }
    Ok(out)
}
