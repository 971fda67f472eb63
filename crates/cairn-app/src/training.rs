//! Training: the prospectus, sessions with their trainers, registers, asking to join, and each
//! person's learning. Anyone in the organisation reads the prospectus; leads and
//! administrators keep it; staff type in registers for people in their reach (recorded as
//! entered on the person's behalf); a member asks to join for themselves and reads only their
//! own learning; a trainer reads the registers of the sessions they train. Every read of a
//! person's learning or of a register is audited.

use crate::audit::{Action, record, record_read};
use crate::{Actor, App, AppError, AppResult, invalid, org_of, require};
use cairn_db::Conn;
use cairn_db::training::{self as db, Course, RegisterLine, Session, Trainer};
use cairn_domain::people::Constituency;
use cairn_domain::training::{
    Attendance, Completion, CourseDraft, SessionDraft, co_delivered, joint,
};
use cairn_domain::{FieldErrors, Permission};
use serde::Serialize;
use std::collections::BTreeMap;

pub mod accreditation;
pub mod report;

/// A course's completion rule as stored.
pub fn completion_of(c: &Course) -> Completion {
    match c.min_sessions {
        Some(n) => Completion::MinSessions(n),
        None => Completion::Assessed,
    }
}

/// A session with its trainers and whether it is co-delivered and joint.
#[derive(Debug, Clone, Serialize)]
pub struct SessionView {
    #[serde(flatten)]
    pub session: Session,
    pub trainers: Vec<Trainer>,
    pub co_delivered: bool,
    pub joint: bool,
}

async fn session_view(c: &mut Conn<'_>, s: Session) -> AppResult<SessionView> {
    let trainers = db::trainers(c, s.id).await?;
    let parts: Vec<_> = trainers.iter().map(|t| t.part).collect();
    let attended: Vec<Constituency> = db::register(c, s.id)
        .await?
        .iter()
        .filter(|l| l.status == Attendance::Attended)
        .filter_map(|l| Constituency::parse(&l.constituency))
        .collect();
    Ok(SessionView {
        co_delivered: co_delivered(&parts),
        joint: joint(&attended),
        trainers,
        session: s,
    })
}

/// The prospectus.
pub async fn courses(app: &App, actor: &Actor) -> AppResult<Vec<Course>> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::courses(&mut h.conn(), org).await?)
}

/// Adds a course to the prospectus. Its practice codes must be in the organisation's model.
pub async fn create_course(app: &App, actor: &Actor, d: &CourseDraft) -> AppResult<i64> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let f = d.validate()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // The model's practices are copied from the template on first use.
    crate::model::ensure_model(&mut tx.conn(), org, &actor.label, now).await?;
    let known = db::practice_codes(&mut tx.conn(), org).await?;
    if f.practices.iter().any(|p| !known.contains(p)) {
        return Err(invalid("practices", "course-error-practice"));
    }
    let audience = f
        .audience
        .iter()
        .map(|a| a.key())
        .collect::<Vec<_>>()
        .join(",");
    let practices = f.practices.join(",");
    let id = db::insert_course(
        &mut tx.conn(),
        org,
        &db::NewCourse {
            title_en: f.title_en.as_deref(),
            title_cy: f.title_cy.as_deref(),
            summary_en: f.summary_en.as_deref(),
            summary_cy: f.summary_cy.as_deref(),
            audience: &audience,
            level: f.level,
            practices: &practices,
            sessions: f.sessions,
            learning_hours: f.learning_hours,
            credits: f.credits,
            cqfw_level: f.cqfw_level.map(|l| l.key()),
            agored_unit: f.agored_unit.as_deref(),
            min_sessions: match f.completion {
                Completion::MinSessions(n) => Some(n),
                Completion::Assessed => None,
            },
            created_by_label: &actor.label,
        },
        now,
    )
    .await?;
    let after = db::course(&mut tx.conn(), org, id).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "course",
        Some(id),
        None,
        after.as_ref(),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// A course's page: the course, its sessions, and who asked to join (staff only) or whether
/// the member asked.
#[derive(Debug, Clone)]
pub struct CourseDetail {
    pub course: Course,
    pub sessions: Vec<SessionView>,
    /// Staff: everyone who asked to join. Empty for members.
    pub requests: Vec<db::Request>,
    /// A member: whether they have asked to join.
    pub asked: bool,
    /// For a course with credits and sessions: the awarding body's deadlines.
    pub deadlines: Option<accreditation::CourseDeadlines>,
}

async fn load_course(c: &mut Conn<'_>, org: i64, id: i64) -> AppResult<Course> {
    db::course(c, org, id).await?.ok_or(AppError::NotFound)
}

pub async fn course(app: &App, actor: &Actor, id: i64) -> AppResult<CourseDetail> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let course = load_course(&mut c, org, id).await?;
    let mut sessions = Vec::new();
    for s in db::sessions_of_course(&mut c, org, id).await? {
        sessions.push(session_view(&mut c, s).await?);
    }
    let (requests, asked) = if actor.can(Permission::ManageRegisters) {
        (db::requests(&mut c, id).await?, false)
    } else {
        let asked = match actor.person_id {
            Some(p) => db::requested_by(&mut c, p).await?.contains(&id),
            None => false,
        };
        (Vec::new(), asked)
    };
    let deadlines = accreditation::course_deadlines(&mut c, app, org, &course).await?;
    Ok(CourseDetail {
        course,
        sessions,
        requests,
        asked,
        deadlines,
    })
}

/// Whether `actor` may act for `person` in training: themselves (a member), or staff who reach
/// the person's units.
async fn may_act_for(c: &mut Conn<'_>, actor: &Actor, org: i64, person: i64) -> AppResult<bool> {
    let known = match cairn_db::people::get(c, org, person).await {
        Ok(_) => true,
        Err(cairn_db::DbError::NotFound) => false,
        Err(e) => return Err(e.into()),
    };
    if !known {
        return Ok(false);
    }
    if actor.is_person(person) {
        return Ok(true);
    }
    if !actor.can(Permission::ManageRegisters) {
        return Ok(false);
    }
    let units = cairn_db::people::unit_ids(c, person).await?;
    Ok(actor.can_reach_any_unit(&units))
}

/// "I'd like to do this": a member for themselves (`person` empty or their own), or staff
/// with a person they reach, recorded as on their behalf. True when newly asked.
pub async fn request(
    app: &App,
    actor: &Actor,
    course: i64,
    person: Option<i64>,
) -> AppResult<bool> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let person = match (person, actor.person_id) {
        (Some(p), _) => p,
        (None, Some(own)) => own,
        (None, None) => return Err(invalid("person_id", "training-error-person")),
    };
    let now = app.now();
    let mut tx = app.db.begin().await?;
    load_course(&mut tx.conn(), org, course).await?;
    let member_for_self = actor.is_person(person) && actor.can(Permission::ExpressInterest);
    if !member_for_self && !may_act_for(&mut tx.conn(), actor, org, person).await? {
        return Err(invalid("person_id", "training-error-person"));
    }
    let on_behalf = !actor.is_person(person);
    let new = db::insert_request(
        &mut tx.conn(),
        org,
        course,
        person,
        &actor.label,
        on_behalf,
        now,
    )
    .await?;
    if new {
        record::<(), _>(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::Create,
            "course_request",
            Some(course),
            None,
            Some(&serde_json::json!({"course_id": course, "on_behalf": on_behalf})),
            Some(person),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(new)
}

/// Schedules a session of a course with its trainers (people of the organisation).
pub async fn create_session(
    app: &App,
    actor: &Actor,
    course: i64,
    d: &SessionDraft,
) -> AppResult<SessionView> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    // Another organisation's course is "not found" whatever the session says.
    load_course(&mut tx.conn(), org, course).await?;
    let f = d.validate()?;
    for (person, _) in &f.trainers {
        match cairn_db::people::get(&mut tx.conn(), org, *person).await {
            Ok(_) => {}
            Err(cairn_db::DbError::NotFound) => {
                return Err(invalid("trainers", "session-error-trainer"));
            }
            Err(e) => return Err(e.into()),
        }
    }
    let id = db::insert_session(
        &mut tx.conn(),
        org,
        &db::NewSession {
            course_id: course,
            starts_at: f.starts_at,
            ends_at: f.ends_at,
            place: f.place.as_deref(),
            online_url: f.online_url.as_deref(),
            capacity: f.capacity,
            created_by_label: &actor.label,
        },
        now,
    )
    .await?;
    for (person, part) in &f.trainers {
        db::insert_trainer(&mut tx.conn(), id, *person, *part).await?;
    }
    let s = db::session(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = session_view(&mut tx.conn(), s).await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "training_session",
        Some(id),
        None,
        Some(&serde_json::json!({
            "course_id": course,
            "starts_at": f.starts_at,
            "trainers": f.trainers.iter().map(|(p, k)| (p, k.key())).collect::<Vec<_>>(),
            "co_delivered": view.co_delivered,
        })),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(view)
}

/// A session's register, with its course.
#[derive(Debug, Clone)]
pub struct RegisterView {
    pub course: Course,
    pub session: SessionView,
    pub lines: Vec<RegisterLine>,
}

/// Whether the actor may read a session's register: staff who keep registers, or one of its
/// trainers.
fn may_read_register(actor: &Actor, trainers: &[Trainer]) -> bool {
    actor.can(Permission::ManageRegisters) || trainers.iter().any(|t| actor.is_person(t.person_id))
}

/// The register of a session; the read is audited, naming everyone on it.
pub async fn register(app: &App, actor: &Actor, session: i64) -> AppResult<RegisterView> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let view = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let s = db::session(&mut c, org, session)
            .await?
            .ok_or(AppError::NotFound)?;
        let course = load_course(&mut c, org, s.course_id).await?;
        let session = session_view(&mut c, s).await?;
        if !may_read_register(actor, &session.trainers) {
            return Err(AppError::NotFound);
        }
        let mut lines = db::register(&mut c, session.session.id).await?;
        // Unit staff see only the people in their units (a session's trainers see everyone
        // coming, as they need to).
        let trains_it = session
            .trainers
            .iter()
            .any(|t| actor.is_person(t.person_id));
        if actor.role.is_unit_scoped() && !trains_it {
            let ids: Vec<i64> = lines.iter().map(|l| l.person_id).collect();
            let units = cairn_db::people::units_of(&mut c, &ids).await?;
            lines.retain(|l| {
                let theirs: Vec<i64> = units
                    .iter()
                    .filter(|(p, _)| *p == l.person_id)
                    .map(|(_, u)| *u)
                    .collect();
                actor.can_reach_any_unit(&theirs)
            });
        }
        RegisterView {
            course,
            session,
            lines,
        }
    };
    let people: Vec<i64> = view.lines.iter().map(|l| l.person_id).collect();
    record_read(app, actor, org, "session_register", session, &people).await?;
    Ok(view)
}

/// Writes register lines (a paper register typed in, or the API). Each person must be in the
/// actor's reach; their constituency is kept with the line. A place is booked only while there
/// is room; otherwise the person is put on the waiting list.
pub async fn set_attendance(
    app: &App,
    actor: &Actor,
    session: i64,
    lines: &[(i64, String)],
) -> AppResult<SessionView> {
    require(actor, Permission::ManageRegisters)?;
    let org = org_of(actor)?;
    if lines.len() > 500 {
        return Err(invalid("attendance", "training-error-attendance"));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let s = db::session(&mut tx.conn(), org, session)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut checked = Vec::new();
    for (person, status) in lines {
        let Some(status) = Attendance::parse(status.trim()) else {
            return Err(invalid("attendance", "training-error-attendance"));
        };
        if !may_act_for(&mut tx.conn(), actor, org, *person).await? {
            return Err(invalid("attendance", "training-error-person"));
        }
        checked.push((*person, status));
    }
    let mut taken = s.taken;
    for (person, mut status) in checked {
        let p = cairn_db::people::get(&mut tx.conn(), org, person).await?;
        if status == Attendance::Booked {
            if taken >= s.capacity {
                status = Attendance::Waiting;
            } else {
                taken += 1;
            }
        }
        db::set_attendance(
            &mut tx.conn(),
            session,
            person,
            status,
            p.constituency.key(),
            &actor.label,
            !actor.is_person(person),
            now,
        )
        .await?;
        record::<(), _>(
            &mut tx.conn(),
            actor,
            Some(org),
            Action::Update,
            "session_attendance",
            Some(session),
            None,
            Some(&serde_json::json!({"status": status.key()})),
            Some(person),
            now,
        )
        .await?;
    }
    let course = load_course(&mut tx.conn(), org, s.course_id).await?;
    issue_certificates(&mut tx.conn(), actor, org, &course, &s, now).await?;
    let s = db::session(&mut tx.conn(), org, session)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = session_view(&mut tx.conn(), s).await?;
    tx.commit().await?;
    Ok(view)
}

/// How long after issue a certificate may be corrected.
pub const CORRECTION_DAYS: i64 = 30;

/// A certificate reference: `CRN-` and ten characters a person can read out and type without
/// mixing up 0 and O or 1 and I.
fn new_reference() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let mut pick = || char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]);
    let a: String = (0..5).map(|_| pick()).collect();
    let b: String = (0..5).map(|_| pick()).collect();
    format!("CRN-{a}-{b}")
}

/// After a register is written: a completion certificate for each learner who has now met the
/// course's rule, and, once the session has happened, a delivery certificate for each peer
/// trainer and co-facilitator. Never twice.
async fn issue_certificates(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    course: &Course,
    s: &Session,
    now: i64,
) -> AppResult<()> {
    let rule = completion_of(course);
    let lines = db::register(c, s.id).await?;
    for l in lines.iter().filter(|l| l.status == Attendance::Attended) {
        let n = db::attended_count(c, course.id, l.person_id).await?;
        // An assessed course is completed by the assessor's mark, not here.
        if rule.met(n, false) {
            issue_completion(c, actor, org, course.id, l.person_id, now).await?;
        }
    }
    if s.starts_at <= now && lines.iter().any(|l| l.status == Attendance::Attended) {
        for t in db::trainers(c, s.id).await? {
            if t.part != cairn_domain::training::TrainerPart::ProfessionalTrainer
                && !db::has_certificate(c, t.person_id, course.id, Some(s.id), "delivery").await?
            {
                db::insert_certificate(
                    c,
                    org,
                    t.person_id,
                    course.id,
                    Some(s.id),
                    "delivery",
                    &new_reference(),
                    &actor.label,
                    now,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Issues a completion certificate for the course unless the person already holds one.
async fn issue_completion(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    course: i64,
    person: i64,
    now: i64,
) -> AppResult<()> {
    if !db::has_certificate(c, person, course, None, "completion").await? {
        db::insert_certificate(
            c,
            org,
            person,
            course,
            None,
            "completion",
            &new_reference(),
            &actor.label,
            now,
        )
        .await?;
    }
    Ok(())
}

/// A certificate with what its page prints.
#[derive(Debug, Clone)]
pub struct CertificateView {
    pub certificate: db::Certificate,
    pub person_name: String,
    pub language: cairn_domain::people::Language,
    pub course: Course,
    pub session_starts_at: Option<i64>,
}

async fn certificate_view(
    c: &mut Conn<'_>,
    actor: &Actor,
    org: i64,
    cert: db::Certificate,
) -> AppResult<CertificateView> {
    if !may_act_for(c, actor, org, cert.person_id).await? {
        return Err(AppError::NotFound);
    }
    let p = cairn_db::people::get(c, org, cert.person_id).await?;
    let course = load_course(c, org, cert.course_id).await?;
    let session_starts_at = match cert.session_id {
        Some(s) => db::session(c, org, s).await?.map(|s| s.starts_at),
        None => None,
    };
    Ok(CertificateView {
        certificate: cert,
        person_name: p.chosen_name,
        language: p.preferred_language,
        course,
        session_starts_at,
    })
}

/// One certificate: the person's own, or for staff who reach them. The read is audited.
pub async fn certificate(app: &App, actor: &Actor, id: i64) -> AppResult<CertificateView> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let view = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let cert = db::certificate(&mut c, org, id)
            .await?
            .ok_or(AppError::NotFound)?;
        certificate_view(&mut c, actor, org, cert).await?
    };
    let person = view.certificate.person_id;
    record_read(app, actor, org, "certificate", id, &[person]).await?;
    Ok(view)
}

/// Staff check a reference printed on a certificate. `None` when no certificate of the
/// organisation has it (or its holder is out of reach).
pub async fn verify(
    app: &App,
    actor: &Actor,
    reference: &str,
) -> AppResult<Option<CertificateView>> {
    require(actor, Permission::ManageRegisters)?;
    let org = org_of(actor)?;
    let reference = reference.trim().to_uppercase();
    let found = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        match db::certificate_by_reference(&mut c, org, &reference).await? {
            Some(cert) => match certificate_view(&mut c, actor, org, cert).await {
                Ok(v) => Some(v),
                Err(AppError::NotFound) => None,
                Err(e) => return Err(e),
            },
            None => None,
        }
    };
    if let Some(v) = &found {
        record_read(
            app,
            actor,
            org,
            "certificate",
            v.certificate.id,
            &[v.certificate.person_id],
        )
        .await?;
    }
    Ok(found)
}

/// Corrects a certificate within [`CORRECTION_DAYS`] of issue: a new one with a new reference
/// replaces it, and the old one says it was replaced. 409 after that, or when already replaced.
pub async fn reissue(app: &App, actor: &Actor, id: i64) -> AppResult<i64> {
    require(actor, Permission::ManageRegisters)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let cert = db::certificate(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_act_for(&mut tx.conn(), actor, org, cert.person_id).await? {
        return Err(AppError::NotFound);
    }
    if cert.replaced_at.is_some() {
        return Err(AppError::Conflict("certificate-error-replaced"));
    }
    if now - cert.issued_at > CORRECTION_DAYS * 24 * 60 * 60 * 1000 {
        return Err(AppError::Conflict("certificate-error-too-late"));
    }
    let new = db::insert_certificate(
        &mut tx.conn(),
        org,
        cert.person_id,
        cert.course_id,
        cert.session_id,
        &cert.kind,
        &new_reference(),
        &actor.label,
        now,
    )
    .await?;
    if !db::replace_certificate(&mut tx.conn(), id, new, now).await? {
        return Err(AppError::Conflict("certificate-error-replaced"));
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "certificate",
        Some(id),
        None,
        Some(&serde_json::json!({"replaced_by": new})),
        Some(cert.person_id),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

/// One course on a person's learning record.
#[derive(Debug, Clone, Serialize)]
pub struct CourseLearning {
    pub course_id: i64,
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub level: i64,
    pub attended: i64,
    pub completed: bool,
    pub credits: Option<i64>,
    pub cqfw_level: Option<String>,
}

/// A person's learning: their sessions, courses with completion, credits by CQFW level, and
/// the sessions they train in.
#[derive(Debug, Clone, Serialize)]
pub struct Learning {
    pub person_id: i64,
    pub sessions: Vec<db::Learned>,
    pub courses: Vec<CourseLearning>,
    pub credits_by_level: BTreeMap<String, i64>,
    pub trains_in: Vec<i64>,
    pub asked_to_join: Vec<i64>,
    pub certificates: Vec<db::Certificate>,
    /// Topics they suggested for the training agenda.
    pub topics: Vec<db::Topic>,
    /// Up to three courses to try next: ones they have not started or asked for, at their own
    /// level of the model first, then the level above.
    pub next_steps: Vec<i64>,
}

/// How many courses "next steps" suggests.
pub const NEXT_STEPS: usize = 3;

/// Reads a person's learning: a member their own, staff people in their reach. Audited.
pub async fn learning(app: &App, actor: &Actor, person: i64) -> AppResult<Learning> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let out = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        if !may_act_for(&mut c, actor, org, person).await? {
            return Err(AppError::NotFound);
        }
        learning_in(&mut c, org, person).await?
    };
    record_read(app, actor, org, "training", person, &[person]).await?;
    Ok(out)
}

/// A person's learning, read in the caller's connection (the subject access export uses it).
pub async fn learning_in(c: &mut Conn<'_>, org: i64, person: i64) -> AppResult<Learning> {
    let sessions = db::learning_of(c, person).await?;
    let mut attended: BTreeMap<i64, i64> = BTreeMap::new();
    for s in &sessions {
        let n = attended.entry(s.course_id).or_insert(0);
        if s.status == Attendance::Attended {
            *n += 1;
        }
    }
    let marked: Vec<i64> = db::accreditation::assessments_of(c, person)
        .await?
        .into_iter()
        .map(|a| a.course_id)
        .collect();
    let mut courses = Vec::new();
    let mut credits_by_level: BTreeMap<String, i64> = BTreeMap::new();
    for (course_id, n) in attended {
        let Some(course) = db::course(c, org, course_id).await? else {
            continue;
        };
        let completed = completion_of(&course).met(n, marked.contains(&course_id));
        if completed && let (Some(cr), Some(l)) = (course.credits, course.cqfw_level.as_ref()) {
            *credits_by_level.entry(l.clone()).or_insert(0) += cr;
        }
        courses.push(CourseLearning {
            course_id,
            title_en: course.title_en,
            title_cy: course.title_cy,
            level: course.level,
            attended: n,
            completed,
            credits: course.credits,
            cqfw_level: course.cqfw_level,
        });
    }
    let asked_to_join = db::requested_by(c, person).await?;
    let level = cairn_db::people::profile(c, org, person).await?.level;
    let mut next: Vec<&Course> = Vec::new();
    let prospectus = db::courses(c, org).await?;
    for wanted in [level, level + 1] {
        next.extend(prospectus.iter().filter(|k| {
            k.level == wanted
                && !courses.iter().any(|x| x.course_id == k.id)
                && !asked_to_join.contains(&k.id)
        }));
    }
    let next_steps = next.iter().take(NEXT_STEPS).map(|k| k.id).collect();
    Ok(Learning {
        person_id: person,
        sessions,
        courses,
        credits_by_level,
        next_steps,
        trains_in: db::sessions_trained_by(c, person).await?,
        asked_to_join,
        certificates: db::certificates_of(c, person).await?,
        topics: db::topics_of(c, person).await?,
    })
}

/// The longest preparation or debrief time a delivery claim takes, in minutes.
pub const EXTRA_MINUTES_MAX: i64 = 8 * 60;

/// Who trained in a session and whether they have claimed for it.
pub async fn delivery_claims(app: &App, actor: &Actor, session: i64) -> AppResult<Vec<(i64, i64)>> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    db::session(&mut c, org, session)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(cairn_db::payments::session_claims(&mut c, session).await?)
}

/// Makes the draft claim for a peer trainer's (or co-facilitator's) delivery of a session in
/// one step: the session's own time plus preparation and debrief, as `training_delivery`, on
/// the session's day. The trainer makes it for themselves, or staff with them; from then on it
/// is a claim like any other (the benefits guard when it is sent, two people to approve and
/// authorise). A second claim by the same trainer for the same session is refused (409).
pub async fn claim_delivery(
    app: &App,
    actor: &Actor,
    session: i64,
    person: i64,
    prep_minutes: &str,
    debrief_minutes: &str,
) -> AppResult<i64> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let (s, course, trainers, tz, p) = {
        let mut h = app.db.acquire().await?;
        let mut c = h.conn();
        let s = db::session(&mut c, org, session)
            .await?
            .ok_or(AppError::NotFound)?;
        let course = load_course(&mut c, org, s.course_id).await?;
        let trainers = db::trainers(&mut c, session).await?;
        let o = cairn_db::units::get_organisation(&mut c, org).await?;
        let p = cairn_db::people::get(&mut c, org, person).await?;
        (
            s,
            course,
            trainers,
            cairn_domain::time::time_zone(&o.time_zone),
            p,
        )
    };
    let delivered = trainers.iter().any(|t| {
        t.person_id == person
            && matches!(
                t.part,
                cairn_domain::training::TrainerPart::PeerTrainer
                    | cairn_domain::training::TrainerPart::CoFacilitator
            )
    });
    let mut e = FieldErrors::new();
    if !delivered {
        e.add("person_id", "training-error-not-trainer");
    }
    let mut extra = |field: &str, raw: &str| match raw.trim() {
        "" => 0,
        x => match x.parse::<i64>() {
            Ok(n) if (0..=EXTRA_MINUTES_MAX).contains(&n) => n,
            _ => {
                e.add(field, "training-error-minutes");
                0
            }
        },
    };
    let prep = extra("prep_minutes", prep_minutes);
    let debrief = extra("debrief_minutes", debrief_minutes);
    if !e.is_empty() {
        return Err(e.into());
    }
    let total = (s.ends_at - s.starts_at) / 60_000 + prep + debrief;
    let title = match p.preferred_language {
        cairn_domain::people::Language::Cy => course.title_cy.or(course.title_en),
        cairn_domain::people::Language::En => course.title_en.or(course.title_cy),
    }
    .unwrap_or_default();
    let draft = cairn_domain::payments::ClaimDraft {
        activity_type: "training_delivery".into(),
        activity_on: cairn_domain::time::DateParts::from_date(Some(
            cairn_domain::time::local_date(s.starts_at, &tz),
        )),
        hours: (total / 60).to_string(),
        minutes: (total % 60).to_string(),
        description: app.translator.message(
            p.preferred_language,
            "training-claim-description",
            &[("course", title)],
        ),
        expenses: Vec::new(),
    };
    let for_person = (!actor.is_person(person)).then_some(person);
    crate::payments::create_linked_claim(app, actor, for_person, None, Some(session), &draft).await
}

/// Longest topic a person can suggest.
pub const TOPIC_MAX: usize = 300;

/// Suggests a topic for the training agenda (L2.03): anyone in the organisation. It is kept
/// with the suggester's constituency (staff when they have no person record).
pub async fn suggest_topic(app: &App, actor: &Actor, text: &str) -> AppResult<i64> {
    require(actor, Permission::ViewTraining)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let text = cairn_domain::validation::required_text(
        &mut e,
        "topic",
        text,
        TOPIC_MAX,
        "topic-error-required",
        "topic-error-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let constituency = match actor.person_id {
        Some(p) => {
            cairn_db::people::get(&mut tx.conn(), org, p)
                .await?
                .constituency
        }
        None => Constituency::Staff,
    };
    let id = db::insert_topic(
        &mut tx.conn(),
        org,
        actor.person_id,
        constituency.key(),
        &text,
        &actor.label,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "training_topic",
        Some(id),
        None,
        Some(&serde_json::json!({"constituency": constituency.key()})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The training agenda's topics, with the suggesters' constituencies and never their names
/// (leads and administrators).
pub async fn topics(app: &App, actor: &Actor) -> AppResult<Vec<db::Topic>> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    Ok(db::topics(&mut h.conn(), org).await?)
}

/// Records that a topic became a course.
pub async fn link_topic(app: &App, actor: &Actor, topic: i64, course: i64) -> AppResult<()> {
    require(actor, Permission::ManageCourses)?;
    let org = org_of(actor)?;
    let mut tx = app.db.begin().await?;
    load_course(&mut tx.conn(), org, course).await?;
    if !db::link_topic(&mut tx.conn(), org, topic, course).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
