//! Training pages: the prospectus (everyone in the organisation, phone first), a course with
//! its sessions and "I'd like to do this", the lead's forms for a course and a session, and a
//! session's register, where staff type in a paper register (recorded as entered on each
//! person's behalf) and trainers read who is coming.

use crate::context::{Posted, Signed};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{
    Choice, Chrome, FormState, choices, html, html_status, organisation, see_other,
};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use cairn_app::AppError;
use cairn_app::training::{SessionView, completion_of};
use cairn_db::training::Course;
use cairn_domain::FieldErrors;
use cairn_domain::Permission;
use cairn_domain::meetings::{local_instant, parse_clock};
use cairn_domain::people::{Constituency, Language};
use cairn_domain::time::{DateParts, format_date, format_instant, local_date, time_zone};
use cairn_domain::training::{
    Attendance, Completion, CourseDraft, CqfwLevel, SessionDraft, TrainerPart,
};
use jiff::tz::TimeZone;
use serde::Deserialize;

mod learners;
mod print;
mod report;

pub(crate) use learners::accreditation_rows;

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/training", prospectus)
        .get("/training/report", report::report_page)
        .get("/training/report.csv", report::report_csv)
        .get("/training/courses/{id}/learners", learners::learners_page)
        .reads_person()
        .post("/training/courses/{id}/assessments", learners::assess)
        .post("/training/courses/{id}/credits", learners::add_credit)
        .post(
            "/training/courses/{id}/credits/remove",
            learners::remove_credit,
        )
        .get(
            "/training/courses/{id}/accreditation.csv",
            learners::accreditation_csv,
        )
        .reads_person()
        .get("/training/sessions/{id}/print", print::print_register)
        .reads_person()
        .post("/training/topics", suggest_topic)
        .get("/training/topics", topics_page)
        .get("/training/courses/new", new_course_form)
        .post("/training/courses/new", create_course)
        .get("/training/courses/{id}", course_page)
        .post("/training/courses/{id}/request", request)
        .get("/training/courses/{id}/sessions/new", new_session_form)
        .post("/training/courses/{id}/sessions/new", create_session)
        .get("/training/sessions/{id}", register_page)
        .reads_person()
        .post("/training/sessions/{id}", save_register)
        .post("/training/sessions/{id}/claims", claim_delivery)
        .get("/training/certificates", verify)
        .get("/training/certificates/{id}", certificate_page)
        .reads_person()
        .post("/training/certificates/{id}/reissue", reissue)
}

/// Text in the page's language when there is one, else in the other; with its language, so a
/// screen reader speaks it right (`lang` on the element).
pub(crate) struct Local {
    pub text: String,
    pub lang: &'static str,
}

/// A course title (or any text written in both languages) for the page's language.
pub(crate) fn local_title(t: &Tr, en: Option<&str>, cy: Option<&str>) -> Local {
    local(t, en, cy)
}

fn local(t: &Tr, en: Option<&str>, cy: Option<&str>) -> Local {
    let (first, second) = match t.lang {
        Language::Cy => ((cy, "cy"), (en, "en")),
        Language::En => ((en, "en"), (cy, "cy")),
    };
    for (text, lang) in [first, second] {
        if let Some(x) = text.filter(|x| !x.trim().is_empty()) {
            return Local {
                text: x.to_owned(),
                lang,
            };
        }
    }
    Local {
        text: String::new(),
        lang: t.code(),
    }
}

fn audience_words(t: &Tr, audience: &str) -> String {
    audience
        .split(',')
        .filter_map(Constituency::parse)
        .map(|c| t.get(&c.label_id()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn completion_words(t: &Tr, c: &Course) -> String {
    match completion_of(c) {
        Completion::MinSessions(n) => t.with(
            "course-completion-sessions",
            &[("min", n.to_string()), ("count", c.sessions.to_string())],
        ),
        Completion::Assessed => t.get("course-completion-assessed"),
    }
}

async fn tz_of(st: &AppState, s: &Signed) -> WebResult<TimeZone> {
    Ok(time_zone(
        &crate::views::my_organisation(st, s).await?.time_zone,
    ))
}

// ---------------------------------------------------------------------------------------------
// The prospectus
// ---------------------------------------------------------------------------------------------

struct CourseCard {
    id: i64,
    title: Local,
    summary: Local,
    level: String,
    audience: String,
    length: String,
    credits: Option<String>,
}

#[derive(Template)]
#[template(path = "training/prospectus.html")]
struct ProspectusPage {
    chrome: Chrome,
    t: Tr,
    levels: Vec<(String, Vec<CourseCard>)>,
    can_manage: bool,
    can_verify: bool,
    can_report: bool,
    /// A member's own learning.
    mine: Option<MyLearning>,
    /// The "suggest something to learn" form.
    form: FormState,
    topic_sent: bool,
}

pub(crate) struct MyLearning {
    /// (course title, attended, completed)
    pub(crate) courses: Vec<(Local, i64, bool)>,
    pub(crate) credits: Vec<String>,
    /// (certificate id, what it is for, issued on)
    pub(crate) certificates: Vec<(i64, String, String)>,
    /// Courses to try next: (course id, title).
    pub(crate) next: Vec<(i64, Local)>,
}

/// A member's own learning, for the prospectus and "What Cairn holds about me".
pub(crate) async fn my_learning(
    st: &AppState,
    s: &Signed,
    t: &Tr,
) -> WebResult<Option<MyLearning>> {
    let Some(me) = s
        .actor()
        .person_id
        .filter(|_| s.actor().can(Permission::ExpressInterest))
    else {
        return Ok(None);
    };
    let l = cairn_app::training::learning(&st.app, s.actor(), me).await?;
    let tz = tz_of(st, s).await?;
    let titles = cairn_app::training::courses(&st.app, s.actor()).await?;
    let title_of = |id: i64| {
        titles
            .iter()
            .find(|c| c.id == id)
            .map(|c| local(t, c.title_en.as_deref(), c.title_cy.as_deref()))
            .map(|x| x.text)
            .unwrap_or_default()
    };
    Ok(Some(MyLearning {
        courses: l
            .courses
            .iter()
            .map(|c| {
                (
                    local(t, c.title_en.as_deref(), c.title_cy.as_deref()),
                    c.attended,
                    c.completed,
                )
            })
            .collect(),
        credits: l
            .credits_by_level
            .iter()
            .map(|(level, n)| {
                t.with(
                    "course-credits",
                    &[
                        ("count", n.to_string()),
                        (
                            "level",
                            CqfwLevel::parse(level)
                                .map(|x| t.get(&x.label_id()))
                                .unwrap_or_default(),
                        ),
                    ],
                )
            })
            .collect(),
        certificates: l
            .certificates
            .iter()
            .filter(|c| c.replaced_at.is_none())
            .map(|c| {
                (
                    c.id,
                    t.with(
                        &format!("certificate-kind-{}", c.kind),
                        &[("course", title_of(c.course_id))],
                    ),
                    format_date(local_date(c.issued_at, &tz), t.lang),
                )
            })
            .collect(),
        next: l
            .next_steps
            .iter()
            .filter_map(|id| titles.iter().find(|c| c.id == *id))
            .map(|c| (c.id, local(t, c.title_en.as_deref(), c.title_cy.as_deref())))
            .collect(),
    }))
}

fn card(t: &Tr, c: &Course) -> CourseCard {
    CourseCard {
        id: c.id,
        title: local(t, c.title_en.as_deref(), c.title_cy.as_deref()),
        summary: local(t, c.summary_en.as_deref(), c.summary_cy.as_deref()),
        level: t.with("course-level", &[("level", c.level.to_string())]),
        audience: audience_words(t, &c.audience),
        length: t.with(
            "course-length",
            &[
                ("count", c.sessions.to_string()),
                ("hours", c.learning_hours.to_string()),
            ],
        ),
        credits: c.credits.zip(c.cqfw_level.as_ref()).map(|(n, l)| {
            t.with(
                "course-credits",
                &[
                    ("count", n.to_string()),
                    (
                        "level",
                        CqfwLevel::parse(l)
                            .map(|x| t.get(&x.label_id()))
                            .unwrap_or_default(),
                    ),
                ],
            )
        }),
    }
}

#[derive(Deserialize)]
struct ProspectusQuery {
    topic: Option<String>,
}

async fn prospectus(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<ProspectusQuery>,
) -> WebResult {
    prospectus_view(&st, &s, FormState::new(), q.topic.is_some()).await
}

async fn prospectus_view(
    st: &AppState,
    s: &Signed,
    form: FormState,
    topic_sent: bool,
) -> WebResult {
    let t = s.ctx.t();
    let courses = cairn_app::training::courses(&st.app, s.actor()).await?;
    let levels = (1..=3)
        .map(|l| {
            (
                t.get(&format!("course-level-{l}-heading")),
                courses
                    .iter()
                    .filter(|c| c.level == l)
                    .map(|c| card(&t, c))
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, cards)| !cards.is_empty())
        .collect();
    let mine = my_learning(st, s, &t).await?;
    let chrome =
        Chrome::signed(s, t.get("training-title"), organisation(st, s).await?).with_errors(&form);
    html_status(
        if form.has_errors() {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        &ProspectusPage {
            chrome,
            t,
            levels,
            can_manage: s.actor().can(Permission::ManageCourses),
            can_verify: s.actor().can(Permission::ManageRegisters),
            can_report: s.actor().can(Permission::ViewTrainingReport),
            mine,
            form,
            topic_sent,
        },
    )
}

// ---------------------------------------------------------------------------------------------
// One course
// ---------------------------------------------------------------------------------------------

struct SessionRow {
    id: i64,
    when: String,
    place: String,
    online: bool,
    places: String,
    trainers: Vec<String>,
    co_delivered: bool,
}

#[derive(Template)]
#[template(path = "training/course.html")]
struct CoursePage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    card: CourseCard,
    practices: String,
    completion: String,
    agored_unit: String,
    /// Sessions to come, soonest first.
    sessions: Vec<SessionRow>,
    /// Sessions that have started, most recent first (staff only).
    past: Vec<SessionRow>,
    is_member: bool,
    asked: bool,
    just_asked: bool,
    requests: Vec<(i64, String, bool)>,
    can_manage: bool,
    can_registers: bool,
    /// The awarding body's deadlines (staff who keep registers).
    deadlines: Vec<learners::DeadlineLine>,
}

/// "14 April 2026 at 10:00 to 12:00" on the organisation's clock.
fn when_words(t: &Tr, tz: &TimeZone, starts_at: i64, ends_at: i64) -> String {
    t.with(
        "session-when",
        &[
            ("start", format_instant(starts_at, tz, t.lang)),
            ("end", clock_words(tz, ends_at)),
        ],
    )
}

/// "14:30" on the organisation's clock.
fn clock_words(tz: &TimeZone, ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|x| x.to_zoned(tz.clone()))
        .map(|z| format!("{:02}:{:02}", z.hour(), z.minute()))
        .unwrap_or_default()
}

fn session_row(t: &Tr, tz: &TimeZone, v: &SessionView) -> SessionRow {
    let s = &v.session;
    SessionRow {
        id: s.id,
        when: when_words(t, tz, s.starts_at, s.ends_at),
        place: s.place.clone().unwrap_or_default(),
        online: s.online_url.is_some(),
        places: if s.taken >= s.capacity {
            t.get("session-full")
        } else {
            t.with(
                "session-places-left",
                &[("count", (s.capacity - s.taken).to_string())],
            )
        },
        trainers: v
            .trainers
            .iter()
            .map(|x| format!("{} ({})", x.name, t.get(&x.part.label_id())))
            .collect(),
        co_delivered: v.co_delivered,
    }
}

#[derive(Deserialize)]
struct CourseQuery {
    asked: Option<String>,
}

async fn course_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<CourseQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let d = cairn_app::training::course(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    let now = st.app.now();
    let c = &d.course;
    let chrome = Chrome::signed(
        &s,
        local(&t, c.title_en.as_deref(), c.title_cy.as_deref()).text,
        organisation(&st, &s).await?,
    );
    html(&CoursePage {
        id,
        practices: c.practices.replace(',', ", "),
        completion: completion_words(&t, c),
        agored_unit: c.agored_unit.clone().unwrap_or_default(),
        sessions: d
            .sessions
            .iter()
            .filter(|v| v.session.starts_at >= now)
            .map(|v| session_row(&t, &tz, v))
            .collect(),
        past: if s.actor().can(Permission::ManageRegisters) {
            d.sessions
                .iter()
                .rev()
                .filter(|v| v.session.starts_at < now)
                .map(|v| session_row(&t, &tz, v))
                .collect()
        } else {
            Vec::new()
        },
        is_member: s.actor().can(Permission::ExpressInterest),
        asked: d.asked,
        just_asked: q.asked.is_some(),
        requests: d
            .requests
            .iter()
            .map(|r| (r.person_id, r.name.clone(), r.on_behalf))
            .collect(),
        can_manage: s.actor().can(Permission::ManageCourses),
        can_registers: s.actor().can(Permission::ManageRegisters),
        deadlines: match (&d.deadlines, s.actor().can(Permission::ManageRegisters)) {
            (Some(x), true) => learners::deadline_lines(&t, x),
            _ => Vec::new(),
        },
        card: card(&t, c),
        chrome,
        t,
    })
}

async fn request(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    if !s.actor().can(Permission::ExpressInterest) {
        return Err(WebError::Forbidden);
    }
    cairn_app::training::request(&st.app, s.actor(), id, None).await?;
    see_other(&format!("/training/courses/{id}?asked=1"))
}

// ---------------------------------------------------------------------------------------------
// A new course
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "training/course_form.html")]
struct CourseFormPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    audiences: Vec<Choice>,
    levels: Vec<Choice>,
    cqfw: Vec<Choice>,
    rules: Vec<Choice>,
}

async fn course_form_page(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageCourses) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let audiences = choices(&t, Constituency::ALL, |c| c.key(), |c| c.label_id());
    let levels = (1..=3)
        .map(|l| Choice {
            value: l.to_string(),
            label: t.with("course-level", &[("level", l.to_string())]),
        })
        .collect();
    let cqfw = choices(&t, CqfwLevel::ALL, |c| c.key(), |c| c.label_id());
    let rules = vec![
        Choice {
            value: "sessions".into(),
            label: t.get("course-rule-sessions"),
        },
        Choice {
            value: "assessed".into(),
            label: t.get("course-rule-assessed"),
        },
    ];
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let chrome =
        Chrome::signed(s, t.get("course-new-title"), organisation(st, s).await?).with_errors(&form);
    html_status(
        status,
        &CourseFormPage {
            chrome,
            t,
            form,
            audiences,
            levels,
            cqfw,
            rules,
        },
    )
}

#[derive(Deserialize)]
struct NewCourseQuery {
    topic: Option<i64>,
}

/// The course form; from an idea for training (`?topic=`), its words start the title.
async fn new_course_form(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<NewCourseQuery>,
) -> WebResult {
    let mut form = FormState::new();
    form.set("completion", "sessions");
    if let Some(id) = q.topic {
        let topics = cairn_app::training::topics(&st.app, s.actor()).await?;
        let topic = topics
            .iter()
            .find(|x| x.id == id)
            .ok_or(WebError::NotFound)?;
        let title: String = topic
            .text
            .chars()
            .take(cairn_domain::training::TITLE_MAX)
            .collect();
        form.set("topic_id", id.to_string());
        form.set(
            if s.ctx.t().lang == Language::Cy {
                "title_cy"
            } else {
                "title_en"
            },
            title,
        );
    }
    course_form_page(&st, &s, form).await
}

#[derive(Deserialize)]
struct CourseIn {
    #[serde(default)]
    title_en: String,
    #[serde(default)]
    title_cy: String,
    #[serde(default)]
    summary_en: String,
    #[serde(default)]
    summary_cy: String,
    #[serde(default)]
    audience: Vec<String>,
    #[serde(default)]
    level: String,
    #[serde(default)]
    practices: String,
    #[serde(default)]
    sessions: String,
    #[serde(default)]
    learning_hours: String,
    #[serde(default)]
    credits: String,
    #[serde(default)]
    cqfw_level: String,
    #[serde(default)]
    agored_unit: String,
    #[serde(default)]
    completion: String,
    #[serde(default)]
    min_sessions: String,
    #[serde(default)]
    topic_id: String,
}

async fn create_course(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<CourseIn>,
) -> WebResult {
    let d = CourseDraft {
        title_en: f.title_en.clone(),
        title_cy: f.title_cy.clone(),
        summary_en: f.summary_en.clone(),
        summary_cy: f.summary_cy.clone(),
        audience: f.audience.clone(),
        level: f.level.clone(),
        practices: f
            .practices
            .split([',', ' ', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        sessions: f.sessions.clone(),
        learning_hours: f.learning_hours.clone(),
        credits: f.credits.clone(),
        cqfw_level: f.cqfw_level.clone(),
        agored_unit: f.agored_unit.clone(),
        completion: f.completion.clone(),
        min_sessions: f.min_sessions.clone(),
    };
    match cairn_app::training::create_course(&st.app, s.actor(), &d).await {
        Ok(id) => {
            if let Ok(topic) = f.topic_id.trim().parse::<i64>() {
                cairn_app::training::link_topic(&st.app, s.actor(), topic, id).await?;
            }
            see_other(&format!("/training/courses/{id}"))
        }
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("topic_id", f.topic_id)
                .set("title_en", f.title_en)
                .set("title_cy", f.title_cy)
                .set("summary_en", f.summary_en)
                .set("summary_cy", f.summary_cy)
                .set_many("audience", f.audience)
                .set("level", f.level)
                .set("practices", f.practices)
                .set("sessions", f.sessions)
                .set("learning_hours", f.learning_hours)
                .set("credits", f.credits)
                .set("cqfw_level", f.cqfw_level)
                .set("agored_unit", f.agored_unit)
                .set("completion", f.completion)
                .set("min_sessions", f.min_sessions);
            form.add_errors(&s.ctx.t(), &errs);
            course_form_page(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// A new session
// ---------------------------------------------------------------------------------------------

/// How many trainer rows the session form offers.
const TRAINER_ROWS: usize = 3;

#[derive(Template)]
#[template(path = "training/session_form.html")]
struct SessionFormPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    course: Local,
    form: FormState,
    people: Vec<Choice>,
    parts: Vec<Choice>,
    rows: Vec<usize>,
}

async fn people_choices(st: &AppState, s: &Signed, t: &Tr) -> WebResult<Vec<Choice>> {
    let list = cairn_app::people::list(
        &st.app,
        s.actor(),
        cairn_db::people::PeopleQuery {
            limit: cairn_app::people::PAGE_MAX,
            ..Default::default()
        },
    )
    .await?;
    Ok(list
        .into_iter()
        .map(|p| Choice {
            value: p.person.id.to_string(),
            label: format!(
                "{} ({})",
                p.person.chosen_name,
                t.get(&p.person.constituency.label_id())
            ),
        })
        .collect())
}

async fn session_form_page(st: &AppState, s: &Signed, id: i64, form: FormState) -> WebResult {
    if !s.actor().can(Permission::ManageCourses) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let d = cairn_app::training::course(&st.app, s.actor(), id).await?;
    let course = local(
        &t,
        d.course.title_en.as_deref(),
        d.course.title_cy.as_deref(),
    );
    let people = people_choices(st, s, &t).await?;
    let parts = choices(&t, TrainerPart::ALL, |p| p.key(), |p| p.label_id());
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let chrome = Chrome::signed(s, t.get("session-new-title"), organisation(st, s).await?)
        .about(&course.text)
        .with_errors(&form);
    html_status(
        status,
        &SessionFormPage {
            chrome,
            t,
            id,
            course,
            form,
            people,
            parts,
            rows: (0..TRAINER_ROWS).collect(),
        },
    )
}

async fn new_session_form(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let mut form = FormState::new();
    form.set("capacity", "12");
    for i in 0..TRAINER_ROWS {
        form.set(
            &format!("part_{i}"),
            match i {
                0 => "peer_trainer",
                1 => "professional_trainer",
                _ => "co_facilitator",
            },
        );
    }
    session_form_page(&st, &s, id, form).await
}

#[derive(Deserialize)]
struct SessionIn {
    #[serde(default)]
    on_day: String,
    #[serde(default)]
    on_month: String,
    #[serde(default)]
    on_year: String,
    #[serde(default)]
    starts: String,
    #[serde(default)]
    ends: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    online_url: String,
    #[serde(default)]
    capacity: String,
    #[serde(default)]
    trainer_0: String,
    #[serde(default)]
    part_0: String,
    #[serde(default)]
    trainer_1: String,
    #[serde(default)]
    part_1: String,
    #[serde(default)]
    trainer_2: String,
    #[serde(default)]
    part_2: String,
}

async fn create_session(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<SessionIn>,
) -> WebResult {
    let tz = tz_of(&st, &s).await?;
    let parts = DateParts {
        day: f.on_day.clone(),
        month: f.on_month.clone(),
        year: f.on_year.clone(),
    };
    let mut date_errors = FieldErrors::new();
    let date = cairn_domain::time::parse_date_parts(&mut date_errors, "on", &parts, None);
    let at = |clock: &str| {
        date.zip(parse_clock(clock))
            .map(|(d, c)| local_instant(d, c, &tz))
    };
    let pairs = [
        (&f.trainer_0, &f.part_0),
        (&f.trainer_1, &f.part_1),
        (&f.trainer_2, &f.part_2),
    ];
    let d = SessionDraft {
        starts_at: at(&f.starts),
        ends_at: at(&f.ends),
        place: f.place.clone(),
        online_url: f.online_url.clone(),
        capacity: f.capacity.clone(),
        trainers: pairs
            .iter()
            .filter(|(p, _)| !p.trim().is_empty())
            .map(|(p, k)| ((*p).clone(), (*k).clone()))
            .collect(),
    };
    let result = if date.is_none() {
        // The date decides both times: say so beside it, with whatever else is wrong.
        let mut errs = date_errors;
        if let Err(more) = d.validate() {
            errs.0.extend(
                more.0
                    .into_iter()
                    .filter(|e| e.field != "starts_at" && e.field != "ends_at"),
            );
        }
        Err(AppError::Invalid(errs))
    } else {
        cairn_app::training::create_session(&st.app, s.actor(), id, &d).await
    };
    match result {
        Ok(_) => see_other(&format!("/training/courses/{id}")),
        Err(AppError::Invalid(errs)) => {
            // The form's fields are the date and the two clock times.
            let mut shown = FieldErrors::new();
            for e in errs.0 {
                let field = match e.field.as_str() {
                    "starts_at" => "starts",
                    "ends_at" => "ends",
                    "trainers" => "trainer_0",
                    other => other,
                };
                shown.add(field, e.code);
            }
            let mut form = FormState::new();
            form.set_date("on", &parts)
                .set("starts", f.starts)
                .set("ends", f.ends)
                .set("place", f.place)
                .set("online_url", f.online_url)
                .set("capacity", f.capacity);
            for (i, (p, k)) in pairs.iter().enumerate() {
                form.set(&format!("trainer_{i}"), (*p).clone())
                    .set(&format!("part_{i}"), (*k).clone());
            }
            form.add_errors(&s.ctx.t(), &shown);
            session_form_page(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// A session's register
// ---------------------------------------------------------------------------------------------

struct RegisterRow {
    person_id: i64,
    name: String,
    constituency: String,
    status: String,
    entered_by: String,
}

#[derive(Template)]
#[template(path = "training/register.html")]
struct RegisterPage {
    chrome: Chrome,
    t: Tr,
    id: i64,
    course_id: i64,
    course: Local,
    when: String,
    place: String,
    online_url: String,
    trainers: Vec<String>,
    co_delivered: bool,
    joint: bool,
    rows: Vec<RegisterRow>,
    outcomes: Vec<Choice>,
    can_write: bool,
    add_people: Vec<Choice>,
    saved: bool,
    form: FormState,
    /// Peer trainers and co-facilitators: (person id, name, claim made, may claim now).
    payable: Vec<PayableTrainer>,
}

struct PayableTrainer {
    person_id: i64,
    name: String,
    claim: Option<i64>,
    may_claim: bool,
}

#[derive(Deserialize)]
struct RegisterQuery {
    saved: Option<String>,
}

async fn register_view(
    st: &AppState,
    s: &Signed,
    id: i64,
    saved: bool,
    form: FormState,
) -> WebResult {
    let t = s.ctx.t();
    let r = cairn_app::training::register(&st.app, s.actor(), id).await?;
    let tz = tz_of(st, s).await?;
    let can_write = s.actor().can(Permission::ManageRegisters);
    let mut form = form;
    for l in &r.lines {
        let key = format!("status_{}", l.person_id);
        if form.value(&key).is_empty() {
            form.set(&key, l.status.key());
        }
    }
    let rows = r
        .lines
        .iter()
        .map(|l| RegisterRow {
            person_id: l.person_id,
            name: l.name.clone(),
            constituency: Constituency::parse(&l.constituency)
                .map(|c| t.get(&c.label_id()))
                .unwrap_or_default(),
            status: t.get(&l.status.label_id()),
            entered_by: if l.on_behalf {
                t.with("register-entered-by", &[("by", l.entered_by_label.clone())])
            } else {
                String::new()
            },
        })
        .collect();
    let add_people = if can_write {
        people_choices(st, s, &t).await?
    } else {
        Vec::new()
    };
    let claims = cairn_app::training::delivery_claims(&st.app, s.actor(), id).await?;
    let payable = r
        .session
        .trainers
        .iter()
        .filter(|x| x.part != TrainerPart::ProfessionalTrainer)
        .map(|x| PayableTrainer {
            person_id: x.person_id,
            name: x.name.clone(),
            claim: claims
                .iter()
                .find(|(_, p)| *p == x.person_id)
                .map(|(c, _)| *c),
            may_claim: s.actor().can(Permission::ManageClaims)
                || (s.actor().is_person(x.person_id) && s.actor().can(Permission::ClaimOwn)),
        })
        .collect();
    let s_ = &r.session.session;
    let chrome = Chrome::signed(s, t.get("register-title"), organisation(st, s).await?)
        .about(format!(
            "{} – {}",
            local(
                &t,
                r.course.title_en.as_deref(),
                r.course.title_cy.as_deref()
            )
            .text,
            when_words(&t, &tz, s_.starts_at, s_.ends_at)
        ))
        .with_errors(&form);
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    html_status(
        status,
        &RegisterPage {
            id,
            course_id: r.course.id,
            course: local(
                &t,
                r.course.title_en.as_deref(),
                r.course.title_cy.as_deref(),
            ),
            when: when_words(&t, &tz, s_.starts_at, s_.ends_at),
            place: s_.place.clone().unwrap_or_default(),
            online_url: s_.online_url.clone().unwrap_or_default(),
            trainers: r
                .session
                .trainers
                .iter()
                .map(|x| format!("{} ({})", x.name, t.get(&x.part.label_id())))
                .collect(),
            co_delivered: r.session.co_delivered,
            joint: r.session.joint,
            rows,
            outcomes: choices(&t, Attendance::ALL, |a| a.key(), |a| a.label_id()),
            can_write,
            add_people,
            saved,
            form,
            payable,
            chrome,
            t,
        },
    )
}

async fn register_page(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Query(q): Query<RegisterQuery>,
) -> WebResult {
    register_view(&st, &s, id, q.saved.is_some(), FormState::new()).await
}

/// The register form: `status_<person id>` for each line, and optionally one person to add
/// (`add_person`, `add_status`).
async fn save_register(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<std::collections::HashMap<String, String>>,
) -> WebResult {
    let mut lines: Vec<(i64, String)> = f
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("status_")
                .and_then(|p| p.parse::<i64>().ok())
                .map(|p| (p, v.clone()))
        })
        .collect();
    lines.sort();
    let mut form = FormState::new();
    for (p, v) in &lines {
        form.set(&format!("status_{p}"), v.clone());
    }
    if let Some(p) = f.get("add_person").filter(|p| !p.trim().is_empty()) {
        match p.trim().parse::<i64>() {
            Ok(p) => lines.push((p, f.get("add_status").cloned().unwrap_or_default())),
            Err(_) => {
                let mut e = FieldErrors::new();
                e.add("add_person", "training-error-person");
                form.add_errors(&s.ctx.t(), &e);
                return register_view(&st, &s, id, false, form).await;
            }
        }
    }
    match cairn_app::training::set_attendance(&st.app, s.actor(), id, &lines).await {
        Ok(_) => see_other(&format!("/training/sessions/{id}?saved=1")),
        Err(AppError::Invalid(errs)) => {
            form.set(
                "add_person",
                f.get("add_person").cloned().unwrap_or_default(),
            )
            .set(
                "add_status",
                f.get("add_status").cloned().unwrap_or_default(),
            );
            let mut shown = FieldErrors::new();
            for e in errs.0 {
                shown.add("add_person", e.code);
            }
            form.add_errors(&s.ctx.t(), &shown);
            register_view(&st, &s, id, false, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct DeliveryIn {
    #[serde(default)]
    person_id: String,
    #[serde(default)]
    prep_minutes: String,
    #[serde(default)]
    debrief_minutes: String,
}

/// A peer trainer's delivery becomes a draft claim in one step; its page is next.
async fn claim_delivery(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<DeliveryIn>,
) -> WebResult {
    let Ok(person) = f.person_id.trim().parse::<i64>() else {
        return Err(WebError::NotFound);
    };
    match cairn_app::training::claim_delivery(
        &st.app,
        s.actor(),
        id,
        person,
        &f.prep_minutes,
        &f.debrief_minutes,
    )
    .await
    {
        Ok(claim) => see_other(&format!("/payments/claims/{claim}")),
        Err(AppError::Invalid(errs)) => {
            // Each trainer's form has its own fields.
            let mut shown = FieldErrors::new();
            for e in errs.0 {
                let field = match e.field.as_str() {
                    f @ ("prep_minutes" | "debrief_minutes") => format!("{f}_{person}"),
                    // Anything else (no rate on that day, not a trainer) is about the claim as a
                    // whole: said at the top of this trainer's form.
                    _ => format!("delivery_{person}"),
                };
                shown.add(&field, e.code);
            }
            let mut form = FormState::new();
            form.set(&format!("prep_minutes_{person}"), f.prep_minutes)
                .set(&format!("debrief_minutes_{person}"), f.debrief_minutes);
            form.add_errors(&s.ctx.t(), &shown);
            register_view(&st, &s, id, false, form).await
        }
        Err(e) => Err(e.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Certificates
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "training/certificate.html")]
struct CertificatePage {
    chrome: Chrome,
    t: Tr,
    /// The certificate's own words, in its holder's language.
    c: Tr,
    id: i64,
    organisation: String,
    heading: String,
    body: String,
    credits: Option<String>,
    issued: String,
    reference: String,
    replaced: Option<i64>,
    can_reissue: bool,
}

async fn certificate_page(State(st): State<AppState>, s: Signed, Path(id): Path<i64>) -> WebResult {
    let t = s.ctx.t();
    let v = cairn_app::training::certificate(&st.app, s.actor(), id).await?;
    let tz = tz_of(&st, &s).await?;
    let c = Tr::new(v.language);
    let course = local(
        &c,
        v.course.title_en.as_deref(),
        v.course.title_cy.as_deref(),
    );
    let org = organisation(&st, &s).await?;
    let cert = &v.certificate;
    let (heading, body) = match (cert.kind.as_str(), v.session_starts_at) {
        ("delivery", Some(at)) => (
            c.get("certificate-delivery-heading"),
            c.with(
                "certificate-delivery-body",
                &[
                    ("name", v.person_name.clone()),
                    ("course", course.text.clone()),
                    ("date", format_date(local_date(at, &tz), c.lang)),
                ],
            ),
        ),
        _ => (
            c.get("certificate-completion-heading"),
            c.with(
                "certificate-completion-body",
                &[
                    ("name", v.person_name.clone()),
                    ("course", course.text.clone()),
                ],
            ),
        ),
    };
    let credits = (cert.kind == "completion")
        .then(|| v.course.credits.zip(v.course.cqfw_level.as_ref()))
        .flatten()
        .map(|(n, l)| {
            c.with(
                "course-credits",
                &[
                    ("count", n.to_string()),
                    (
                        "level",
                        CqfwLevel::parse(l)
                            .map(|x| c.get(&x.label_id()))
                            .unwrap_or_default(),
                    ),
                ],
            )
        });
    let can_reissue = s.actor().can(Permission::ManageRegisters)
        && cert.replaced_at.is_none()
        && st.app.now() - cert.issued_at
            <= cairn_app::training::CORRECTION_DAYS * 24 * 60 * 60 * 1000;
    // The page's title is in the reader's language; the certificate keeps its holder's.
    let title = t.get(if cert.kind == "delivery" {
        "certificate-delivery-heading"
    } else {
        "certificate-completion-heading"
    });
    let chrome = Chrome::signed(&s, title, org.clone()).about(format!(
        "{} – {}",
        // The title is in the reader's language, like the rest of the frame.
        local(
            &t,
            v.course.title_en.as_deref(),
            v.course.title_cy.as_deref()
        )
        .text,
        v.person_name
    ));
    html(&CertificatePage {
        chrome,
        id,
        organisation: org,
        heading,
        body,
        credits,
        issued: format_date(local_date(cert.issued_at, &tz), c.lang),
        reference: cert.reference.clone(),
        replaced: cert.replaced_by_id,
        can_reissue,
        c,
        t,
    })
}

async fn reissue(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<crate::context::NoFields>,
) -> WebResult {
    let new = cairn_app::training::reissue(&st.app, s.actor(), id).await?;
    see_other(&format!("/training/certificates/{new}"))
}

#[derive(Template)]
#[template(path = "training/verify.html")]
struct VerifyPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    /// (certificate id, holder, what it is for, replaced)
    found: Option<(i64, String, String, bool)>,
    searched: bool,
}

#[derive(Deserialize)]
struct VerifyQuery {
    reference: Option<String>,
}

/// Staff check a certificate's reference.
async fn verify(State(st): State<AppState>, s: Signed, Query(q): Query<VerifyQuery>) -> WebResult {
    if !s.actor().can(Permission::ManageRegisters) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let reference = q.reference.unwrap_or_default();
    let searched = !reference.trim().is_empty();
    let found = if searched {
        cairn_app::training::verify(&st.app, s.actor(), &reference)
            .await?
            .map(|v| {
                let course = local(
                    &t,
                    v.course.title_en.as_deref(),
                    v.course.title_cy.as_deref(),
                );
                (
                    v.certificate.id,
                    v.person_name,
                    t.with(
                        &format!("certificate-kind-{}", v.certificate.kind),
                        &[("course", course.text)],
                    ),
                    v.certificate.replaced_at.is_some(),
                )
            })
    } else {
        None
    };
    let mut form = FormState::new();
    form.set("reference", reference);
    let chrome = Chrome::signed(&s, t.get("verify-title"), organisation(&st, &s).await?);
    html(&VerifyPage {
        chrome,
        t,
        form,
        found,
        searched,
    })
}

// ---------------------------------------------------------------------------------------------
// Ideas for the training agenda
// ---------------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct TopicIn {
    #[serde(default)]
    topic: String,
}

async fn suggest_topic(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<TopicIn>,
) -> WebResult {
    match cairn_app::training::suggest_topic(&st.app, s.actor(), &f.topic).await {
        Ok(_) => see_other("/training?topic=sent#suggest-topic"),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("topic", f.topic);
            form.add_errors(&s.ctx.t(), &errs);
            prospectus_view(&st, &s, form, false).await
        }
        Err(e) => Err(e.into()),
    }
}

struct TopicRow {
    id: i64,
    text: String,
    by: String,
    when: String,
    course: Option<i64>,
}

#[derive(Template)]
#[template(path = "training/topics.html")]
struct TopicsPage {
    chrome: Chrome,
    t: Tr,
    rows: Vec<TopicRow>,
}

async fn topics_page(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let topics = cairn_app::training::topics(&st.app, s.actor()).await?;
    let tz = tz_of(&st, &s).await?;
    let rows = topics
        .into_iter()
        .map(|x| TopicRow {
            id: x.id,
            text: x.text,
            by: Constituency::parse(&x.constituency)
                .map(|k| t.get(&k.label_id()))
                .unwrap_or_default(),
            when: format_date(local_date(x.created_at, &tz), t.lang),
            course: x.course_id,
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("topics-title"), organisation(&st, &s).await?);
    html(&TopicsPage { chrome, t, rows })
}
