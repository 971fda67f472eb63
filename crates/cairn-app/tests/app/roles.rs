//! Use-case tests for involvement roles: role descriptions (drafts hidden from members),
//! opportunities, the interest path and its history, a double move counting once, appointing
//! making an appointment, who may see and record what, stepping down and leaving with exit
//! feedback, the exits report by quarter, and the recruitment-panel verdict.
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock
//! (29 March 2026). Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::roles::{self, Expressed};
use cairn_app::{Actor, App, AppError, people};
use cairn_db::audit::AuditQuery;
use cairn_domain::Role;
use cairn_domain::people::{PersonDraft, PersonStatus};
use cairn_domain::roles::{
    ExitDraft, ExitReason, InterestStatus, OpportunityDraft, RecruitmentDraft, RoleDraft,
};
use cairn_domain::time::DateParts;
use cairn_testkit::both_engines;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn parts(d: u8, m: u8, y: u16) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

async fn person(app: &App, org: &Org, name: &str, constituency: &str, unit_ids: &[i64]) -> i64 {
    let d = PersonDraft {
        chosen_name: name.into(),
        constituency: constituency.into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    people::create(app, &org.admin, &d)
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e:?}"))
}

fn role_draft(kind: &str, title: &str, published: bool, checks: &[&str]) -> RoleDraft {
    let t = |s: &str| s.to_owned();
    RoleDraft {
        kind: t(kind),
        title_en: t(title),
        title_cy: format!("{title} (cy)"),
        purpose_en: t("Welcome newcomers"),
        purpose_cy: t("Croesawu pobl newydd"),
        involves_en: t("Meeting a newcomer"),
        involves_cy: t("Cwrdd â pherson newydd"),
        time_en: t("An hour a week"),
        time_cy: t("Awr yr wythnos"),
        support_en: t("Training"),
        support_cy: t("Hyfforddiant"),
        level: t("2"),
        payment: t("fee"),
        leadership: false,
        checks: checks.iter().map(|c| (*c).to_owned()).collect(),
        published,
    }
}

fn opportunity_draft(role: i64, unit: Option<i64>) -> OpportunityDraft {
    OpportunityDraft {
        role_id: role.to_string(),
        unit_id: unit.map(|u| u.to_string()).unwrap_or_default(),
        closes_on: parts(30, 4, 2026),
        ..Default::default()
    }
}

fn exit_draft(reasons: &[&str], stay: &str) -> ExitDraft {
    ExitDraft {
        left_on: parts(29, 3, 2026),
        reasons: reasons.iter().map(|r| (*r).to_owned()).collect(),
        own_words: "It was good".into(),
        stay_in_touch: stay.into(),
    }
}

/// An organisation with two units, a lead, staff on the first unit, and two members (one per
/// unit), a published buddy role and an opportunity for it across the whole service.
struct World {
    org: Org,
    u1: i64,
    u2: i64,
    lead: Actor,
    staff: Actor,
    mo: i64,
    mo_actor: Actor,
    dai: i64,
    dai_actor: Actor,
    role: i64,
    opp: i64,
}

async fn world(app: &App) -> World {
    let org = org(app, "Org A", "admin@org-a.example").await;
    let u1 = unit(app, &org, "Alder").await;
    let u2 = unit(app, &org, "Birch").await;
    let lead = account(app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
    let staff = account(
        app,
        &org,
        "staff@org-a.example",
        Role::UnitStaff,
        &[u1],
        None,
    )
    .await;
    let mo = person(app, &org, "Mo", "service_user", &[u1]).await;
    let dai = person(app, &org, "Dai", "carer", &[u2]).await;
    let mo_actor = account(app, &org, "mo@org-a.example", Role::Member, &[], Some(mo)).await;
    let dai_actor = account(app, &org, "dai@org-a.example", Role::Member, &[], Some(dai)).await;
    let role = roles::create_role(
        app,
        &lead,
        &role_draft("buddy", "Buddy", true, &["references", "dbs"]),
    )
    .await
    .expect("role");
    let opp = roles::create_opportunity(app, &lead, &opportunity_draft(role, None))
        .await
        .expect("opportunity");
    World {
        org,
        u1,
        u2,
        lead,
        staff,
        mo,
        mo_actor,
        dai,
        dai_actor,
        role,
        opp,
    }
}

async fn interested(app: &App, who: &Actor, opp: i64, for_person: Option<i64>) -> i64 {
    match roles::express_interest(app, who, opp, for_person, "I like meeting people")
        .await
        .expect("interest")
    {
        Expressed::New(id) => id,
        Expressed::Already(id) => panic!("interest {id} already there"),
    }
}

async fn step(app: &App, who: &Actor, id: i64, to: &str) -> Option<i64> {
    roles::move_interest(app, who, id, to, "", &DateParts::default())
        .await
        .unwrap_or_else(|e| panic!("move to {to}: {e:?}"))
}

/// Takes an interest all the way to appointed; returns the appointment.
async fn appoint(app: &App, w: &World, interest: i64) -> i64 {
    step(app, &w.lead, interest, "talked").await;
    step(app, &w.lead, interest, "offered").await;
    step(app, &w.lead, interest, "appointed")
        .await
        .expect("an appointment")
}

fn not_found<T: std::fmt::Debug>(r: Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::NotFound))
}

// ---------------------------------------------------------------------------------------------
// Role descriptions
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_read_only_published_role_descriptions() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let draft = roles::create_role(
            &app,
            &w.lead,
            &role_draft("coordinator", "Coordinator", false, &[]),
        )
        .await
        .expect("draft role");

        // Exec
        let member_list = roles::roles(&app, &w.mo_actor).await.expect("list");
        let lead_list = roles::roles(&app, &w.lead).await.expect("list");

        // Check
        assert_eq!(
            member_list.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![w.role]
        );
        assert_eq!(lead_list.len(), 2);
        assert!(not_found(roles::role(&app, &w.mo_actor, draft).await));
        let r = roles::role(&app, &w.lead, draft)
            .await
            .expect("lead sees drafts");
        assert!(r.published_at.is_none());
        assert!(matches!(
            roles::create_role(&app, &w.mo_actor, &role_draft("buddy", "X", true, &[])).await,
            Err(AppError::Forbidden)
        ));
        // A draft cannot be advertised.
        match roles::create_opportunity(&app, &w.lead, &opportunity_draft(draft, None)).await {
            Err(AppError::Invalid(e)) => assert!(e.for_field("role_id").is_some()),
            other => panic!("expected a field error, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn publishing_keeps_the_first_publication_time_and_unpublishing_clears_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let first = roles::role(&app, &w.lead, w.role)
            .await
            .expect("role")
            .published_at;
        app.clock.set(T0 + 60_000);

        // Exec
        roles::update_role(
            &app,
            &w.lead,
            w.role,
            &role_draft("buddy", "Buddy", true, &[]),
        )
        .await
        .expect("update");
        let kept = roles::role(&app, &w.lead, w.role).await.expect("role");
        roles::update_role(
            &app,
            &w.lead,
            w.role,
            &role_draft("buddy", "Buddy", false, &[]),
        )
        .await
        .expect("unpublish");
        let cleared = roles::role(&app, &w.lead, w.role).await.expect("role");

        // Check
        assert_eq!(first, Some(T0));
        assert_eq!(kept.published_at, Some(T0));
        assert!(kept.checks().is_empty());
        assert_eq!(cleared.published_at, None);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The interest path
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn appointing_from_an_interest_makes_an_appointment_starting_today_on_the_opportunitys_unit()
{
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let unit_opp =
            roles::create_opportunity(&app, &w.lead, &opportunity_draft(w.role, Some(w.u1)))
                .await
                .expect("unit opportunity");
        let id = interested(&app, &w.mo_actor, unit_opp, None).await;

        // Exec
        let appointment = appoint(&app, &w, id).await;

        // Check
        let v = roles::interest(&app, &w.mo_actor, id)
            .await
            .expect("own interest");
        assert_eq!(v.interest.status, InterestStatus::Appointed);
        assert!(!v.interest.on_behalf);
        assert_eq!(
            v.events
                .iter()
                .map(|e| e.to_status.as_str())
                .collect::<Vec<_>>(),
            vec!["received", "talked", "offered", "appointed"]
        );
        assert_eq!(v.appointment_id, Some(appointment));
        assert!(v.moves.is_empty(), "a member cannot move an interest");
        let a = roles::appointment(&app, &w.mo_actor, appointment)
            .await
            .expect("appointment");
        assert_eq!(a.appointment.starts_on, "2026-03-29");
        assert_eq!(a.appointment.unit_id, Some(w.u1));
        assert_eq!(a.appointment.person_id, w.mo);
        assert_eq!(a.appointment.checklist().len(), 2);
        let held = {
            let mut h = app.db.acquire().await.expect("h");
            cairn_db::roles::current_roles_of(&mut h.conn(), w.mo, "2026-03-29")
                .await
                .expect("held")
        };
        assert_eq!(held.len(), 1);
        assert_eq!(held[0].title_en, "Buddy");
        assert_eq!(held[0].kind, cairn_domain::roles::RoleKind::Buddy);
        // Nothing moves once appointed.
        assert!(matches!(
            roles::move_interest(
                &app,
                &w.lead,
                id,
                "not_this_time",
                "Sorry",
                &DateParts::default()
            )
            .await,
            Err(AppError::Conflict(_))
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_this_time_needs_feedback_which_the_member_can_read() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;

        // Exec
        let without = roles::move_interest(
            &app,
            &w.lead,
            id,
            "not_this_time",
            "  ",
            &DateParts::default(),
        )
        .await;
        let with = roles::move_interest(
            &app,
            &w.lead,
            id,
            "not_this_time",
            "Thank you. We would love you to try the forum first.",
            &DateParts::default(),
        )
        .await;

        // Check
        match without {
            Err(AppError::Invalid(e)) => assert_eq!(
                e.for_field("feedback").map(|x| x.code),
                Some("roles-error-feedback-required")
            ),
            other => panic!("expected a field error, got {other:?}"),
        }
        assert_eq!(with.expect("moved"), None);
        let mine = roles::opportunities(&app, &w.mo_actor)
            .await
            .expect("page")
            .mine;
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].status, InterestStatus::NotThisTime);
        assert_eq!(
            mine[0].feedback.as_deref(),
            Some("Thank you. We would love you to try the forum first.")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_transition_counts_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;

        // Exec: the same move twice at once, then again afterwards.
        let blank = DateParts::default();
        let (a, b) = tokio::join!(
            roles::move_interest(&app, &w.lead, id, "talked", "", &blank),
            roles::move_interest(&app, &w.lead, id, "talked", "", &blank),
        );
        let again =
            roles::move_interest(&app, &w.lead, id, "talked", "", &DateParts::default()).await;
        // The data layer's conditional update, from a status it has already left.
        let stale = {
            let mut tx = app.db.begin().await.expect("tx");
            let moved = cairn_db::roles::move_interest(
                &mut tx.conn(),
                id,
                InterestStatus::Received,
                InterestStatus::Talked,
                None,
                T0,
            )
            .await
            .expect("update");
            tx.commit().await.expect("commit");
            moved
        };

        // Check
        assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
        let lost = if a.is_ok() { b } else { a };
        assert!(
            matches!(lost, Err(AppError::Conflict("roles-error-already-moved"))),
            "{lost:?}"
        );
        assert!(matches!(
            again,
            Err(AppError::Conflict("roles-error-already-moved"))
        ));
        assert!(!stale);
        let v = roles::interest(&app, &w.lead, id).await.expect("view");
        assert_eq!(v.events.len(), 2, "received and one talked");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saying_interested_twice_gives_back_the_first_expression_of_interest() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let first = interested(&app, &w.mo_actor, w.opp, None).await;

        // Exec
        let second = roles::express_interest(&app, &w.mo_actor, w.opp, None, "Again")
            .await
            .expect("kind answer");

        // Check
        assert_eq!(second, Expressed::Already(first));
        let v = roles::opportunity(&app, &w.lead, w.opp)
            .await
            .expect("view");
        assert_eq!(v.interests.len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_cannot_see_another_members_interest_appointment_or_exit_feedback() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.dai_actor, w.opp, None).await;
        let appointment = appoint(&app, &w, id).await;
        roles::end_appointment(
            &app,
            &w.dai_actor,
            appointment,
            &exit_draft(&["time"], "no"),
        )
        .await
        .expect("step down");

        // Exec / Check
        assert!(not_found(roles::interest(&app, &w.mo_actor, id).await));
        assert!(not_found(
            roles::appointment(&app, &w.mo_actor, appointment).await
        ));
        assert!(not_found(roles::exits_of(&app, &w.mo_actor, w.dai).await));
        assert!(not_found(
            roles::move_interest(&app, &w.mo_actor, id, "talked", "", &DateParts::default()).await
        ));
        assert!(not_found(roles::leaving(&app, &w.mo_actor, w.dai).await));
        // Another member's interest does not show on the opportunity page either.
        let v = roles::opportunity(&app, &w.mo_actor, w.opp)
            .await
            .expect("view");
        assert!(v.interests.is_empty());
        // Dai sees their own.
        let own = roles::exits_of(&app, &w.dai_actor, w.dai)
            .await
            .expect("own exits");
        assert_eq!(own.len(), 1);
        // A member cannot say it for somebody else.
        assert!(not_found(
            roles::express_interest(&app, &w.mo_actor, w.opp, Some(w.dai), "").await
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_record_interest_only_for_people_in_their_units_and_the_person_is_told() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;

        // Exec
        let outside = roles::express_interest(&app, &w.staff, w.opp, Some(w.dai), "").await;
        let inside = interested(&app, &w.staff, w.opp, Some(w.mo)).await;

        // Check
        match outside {
            Err(AppError::Invalid(e)) => assert_eq!(
                e.for_field("person_id").map(|x| x.code),
                Some("roles-error-person")
            ),
            other => panic!("expected a field error, got {other:?}"),
        }
        let v = roles::interest(&app, &w.staff, inside)
            .await
            .expect("staff see it");
        assert!(v.interest.on_behalf);
        assert_eq!(v.interest.entered_by_label, "staff@org-a.example");
        assert!(v.moves.is_empty(), "staff cannot move interests");
        let entries = cairn_app::audit::list(
            &app,
            &w.org.admin,
            &AuditQuery {
                action: Some("create".into()),
                entity: Some("interest".into()),
                entity_id: Some(inside),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .expect("audit");
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].on_behalf_of_person_id, Some(w.mo));
        let notices =
            cairn_app::notices::for_actor(&app, &w.mo_actor, cairn_domain::people::Language::En)
                .await
                .expect("notices");
        assert_eq!(notices.len(), 1);
        assert!(
            notices[0].text.contains("notice-interest-recorded"),
            "{}",
            notices[0].text
        );
        // Dai's interest is out of the staff member's reach.
        let dai_interest = interested(&app, &w.dai_actor, w.opp, None).await;
        assert!(not_found(
            roles::interest(&app, &w.staff, dai_interest).await
        ));
        // Finance has no part in interests.
        let finance = account(
            &app,
            &w.org,
            "finance@org-a.example",
            Role::Finance,
            &[],
            None,
        )
        .await;
        assert!(matches!(
            roles::express_interest(&app, &finance, w.opp, Some(w.mo), "").await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_see_open_opportunities_on_their_units_and_across_the_service_only() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let mine = roles::create_opportunity(&app, &w.lead, &opportunity_draft(w.role, Some(w.u1)))
            .await
            .expect("u1");
        let other =
            roles::create_opportunity(&app, &w.lead, &opportunity_draft(w.role, Some(w.u2)))
                .await
                .expect("u2");
        let gone = roles::create_opportunity(&app, &w.lead, &opportunity_draft(w.role, None))
            .await
            .expect("withdrawn");
        roles::withdraw_opportunity(&app, &w.lead, gone)
            .await
            .expect("withdraw");

        // Exec
        let page = roles::opportunities(&app, &w.mo_actor).await.expect("page");
        let lead_page = roles::opportunities(&app, &w.lead)
            .await
            .expect("lead page");

        // Check
        let mut ids: Vec<i64> = page.open.iter().map(|o| o.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, vec![w.opp, mine]);
        assert!(page.closed.is_empty());
        assert!(not_found(
            roles::opportunity(&app, &w.mo_actor, other).await
        ));
        assert!(not_found(roles::opportunity(&app, &w.mo_actor, gone).await));
        assert_eq!(lead_page.open.len(), 3);
        assert_eq!(
            lead_page.closed.iter().map(|o| o.id).collect::<Vec<_>>(),
            vec![gone]
        );
        // Nobody can say they are interested in a withdrawn opportunity.
        assert!(matches!(
            roles::express_interest(&app, &w.lead, gone, Some(w.mo), "").await,
            Err(AppError::Conflict("roles-error-closed"))
        ));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Appointments and leaving
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_are_recorded_only_for_checks_the_role_needs() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;
        let appointment = appoint(&app, &w, id).await;

        // Exec
        roles::record_check(&app, &w.lead, appointment, "dbs", &parts(28, 3, 2026))
            .await
            .expect("dbs");
        let unneeded = roles::record_check(
            &app,
            &w.lead,
            appointment,
            "occupational_health",
            &parts(28, 3, 2026),
        )
        .await;
        let by_member = roles::record_check(
            &app,
            &w.mo_actor,
            appointment,
            "references",
            &parts(28, 3, 2026),
        )
        .await;

        // Check
        let a = roles::appointment(&app, &w.lead, appointment)
            .await
            .expect("view")
            .appointment;
        assert_eq!(a.dbs_on.as_deref(), Some("2026-03-28"));
        assert_eq!(a.references_on, None);
        assert!(matches!(unneeded, Err(AppError::Invalid(_))));
        assert!(matches!(by_member, Err(AppError::Forbidden)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stepping_down_ends_the_appointment_and_records_the_exit_reasons() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;
        let appointment = appoint(&app, &w, id).await;
        let second_role = roles::create_role(
            &app,
            &w.lead,
            &role_draft("forum_chair", "Forum chair", true, &[]),
        )
        .await
        .expect("role");
        let second_opp =
            roles::create_opportunity(&app, &w.lead, &opportunity_draft(second_role, None))
                .await
                .expect("opp");
        let second = interested(&app, &w.mo_actor, second_opp, None).await;
        let kept = appoint(&app, &w, second).await;

        // Exec
        let empty =
            roles::end_appointment(&app, &w.mo_actor, appointment, &ExitDraft::default()).await;
        let exit = roles::end_appointment(
            &app,
            &w.mo_actor,
            appointment,
            &exit_draft(&["time", "health"], "buddy"),
        )
        .await
        .expect("step down");
        let twice =
            roles::end_appointment(&app, &w.lead, appointment, &exit_draft(&["time"], "no")).await;

        // Check
        assert!(matches!(empty, Err(AppError::Invalid(_))));
        assert!(matches!(twice, Err(AppError::Conflict(_))));
        let v = roles::appointment(&app, &w.mo_actor, appointment)
            .await
            .expect("view");
        assert_eq!(v.appointment.ends_on.as_deref(), Some("2026-03-29"));
        let e = v.exit.expect("exit feedback");
        assert_eq!(e.id, exit);
        assert_eq!(e.appointment_id, Some(appointment));
        assert_eq!(e.reason_list(), vec![ExitReason::Health, ExitReason::Time]);
        assert!(!e.on_behalf);
        assert!(!v.can_end);
        // One person holds several roles: the other one goes on. (An appointment ending
        // today still counts as held today.)
        let held = {
            let mut h = app.db.acquire().await.expect("h");
            cairn_db::roles::current_roles_of(&mut h.conn(), w.mo, "2026-03-30")
                .await
                .expect("held")
        };
        assert_eq!(
            held.iter().map(|r| r.appointment_id).collect::<Vec<_>>(),
            vec![kept]
        );
        // Stepping down from one role does not change the person's status.
        let p = people::view(&app, &w.lead, w.mo).await.expect("person");
        assert_eq!(p.person.status, PersonStatus::Active);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn leaving_ends_every_role_and_sets_moved_on_or_left_by_staying_in_touch() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;
        let appointment = appoint(&app, &w, id).await;

        // Exec
        roles::leave(&app, &w.staff, w.mo, &exit_draft(&["moved_on"], "mentor"))
            .await
            .expect("mo leaves");
        roles::leave(&app, &w.lead, w.dai, &exit_draft(&["discharged"], "no"))
            .await
            .expect("dai leaves");
        let again = roles::leave(&app, &w.lead, w.dai, &exit_draft(&["other"], "no")).await;
        let staff_outside = roles::leaving(&app, &w.staff, w.dai).await;

        // Check
        let mo = people::view(&app, &w.lead, w.mo).await.expect("mo").person;
        assert_eq!(mo.status, PersonStatus::MovedOn);
        assert_eq!(mo.status_since.as_deref(), Some("2026-03-29"));
        let dai = people::view(&app, &w.lead, w.dai)
            .await
            .expect("dai")
            .person;
        assert_eq!(dai.status, PersonStatus::Left);
        let a = roles::appointment(&app, &w.lead, appointment)
            .await
            .expect("view")
            .appointment;
        assert_eq!(a.ends_on.as_deref(), Some("2026-03-29"));
        let exits = roles::exits_of(&app, &w.lead, w.mo).await.expect("exits");
        assert_eq!(exits.len(), 1);
        assert_eq!(exits[0].appointment_id, None);
        assert!(exits[0].on_behalf);
        assert!(matches!(again, Err(AppError::Conflict(_))));
        assert!(not_found(staff_outside));
        let entries = cairn_app::audit::list(
            &app,
            &w.org.admin,
            &AuditQuery {
                entity: Some("person".into()),
                entity_id: Some(w.mo),
                action: Some("update".into()),
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .expect("audit");
        assert!(entries.iter().any(|e| {
            e.on_behalf_of_person_id == Some(w.mo)
                && e.after_json
                    .as_deref()
                    .is_some_and(|j| j.contains("moved_on"))
        }));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_exits_report_counts_reasons_and_staying_in_touch_by_quarter() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let mut earlier = exit_draft(&["time", "health"], "adviser");
        earlier.left_on = parts(15, 12, 2025);
        roles::leave(&app, &w.lead, w.mo, &earlier)
            .await
            .expect("mo");
        roles::leave(&app, &w.lead, w.dai, &exit_draft(&["time"], "no"))
            .await
            .expect("dai");

        // Exec
        let report = roles::exits_report(&app, &w.lead).await.expect("report");
        let refused = roles::exits_report(&app, &w.staff).await;

        // Check
        assert_eq!(
            report
                .iter()
                .map(|q| q.quarter.as_str())
                .collect::<Vec<_>>(),
            vec!["2025-Q4", "2026-Q1"]
        );
        let count = |q: usize, r: ExitReason| {
            report[q]
                .reasons
                .iter()
                .find(|(x, _)| *x == r)
                .map(|(_, n)| *n)
        };
        assert_eq!(report[0].exits, 1);
        assert_eq!(count(0, ExitReason::Health), Some(1));
        assert_eq!(count(0, ExitReason::Time), Some(1));
        assert_eq!(report[0].stayed_in_touch, 1);
        assert_eq!(report[1].exits, 1);
        assert_eq!(count(1, ExitReason::Health), Some(0));
        assert_eq!(report[1].stayed_in_touch, 0);
        assert!(matches!(refused, Err(AppError::Forbidden)));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Recruitment panels
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recruitment_process_involves_lived_experience_only_from_the_job_description_onwards() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let nurse = person(&app, &w.org, "Nia", "staff", &[w.u1]).await;
        let draft = |unit: i64| RecruitmentDraft {
            post: "Ward manager".into(),
            unit_id: unit.to_string(),
            opened_on: parts(1, 3, 2026),
        };
        let id = roles::create_process(&app, &w.staff, &draft(w.u1))
            .await
            .expect("process");
        let outside = roles::create_process(&app, &w.staff, &draft(w.u2)).await;
        let other_unit = roles::create_process(&app, &w.lead, &draft(w.u2))
            .await
            .expect("u2");

        // Exec: staff only at the job description, a carer at interview.
        roles::set_panel(&app, &w.staff, id, "job_description", &[nurse])
            .await
            .expect("jd");
        // Dai is on another unit, so the lead seats the interview panel.
        roles::set_panel(&app, &w.lead, id, "interview", &[w.dai, nurse])
            .await
            .expect("interview");
        let before = roles::process(&app, &w.staff, id).await.expect("view");
        // Then Mo (a service user) on the job description too.
        roles::set_panel(&app, &w.staff, id, "job_description", &[nurse, w.mo])
            .await
            .expect("jd");
        let after = roles::process(&app, &w.staff, id).await.expect("view");

        // Check
        assert!(!before.involved);
        assert!(after.involved);
        assert_eq!(after.stages[0].1.len(), 2);
        assert!(after.stages[1].1.is_empty());
        assert_eq!(after.stages[2].1.len(), 2);
        match outside {
            Err(AppError::Invalid(e)) => assert!(e.for_field("unit_id").is_some()),
            other => panic!("expected a field error, got {other:?}"),
        }
        assert!(not_found(roles::process(&app, &w.staff, other_unit).await));
        let list = roles::processes(&app, &w.staff).await.expect("list");
        assert_eq!(
            list.iter().map(|p| p.process.id).collect::<Vec<_>>(),
            vec![id]
        );
        assert!(matches!(
            roles::processes(&app, &w.mo_actor).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            roles::set_panel(&app, &w.lead, id, "coffee", &[w.mo]).await,
            Err(AppError::Invalid(_))
        ));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Races, buddies who step down, and who unit staff may seat on a panel
// ---------------------------------------------------------------------------------------------

async fn open_pairings_of(app: &App, newcomer: i64) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(
        &mut h.conn(),
        i64,
        "SELECT COUNT(*) FROM buddy_pairings WHERE newcomer_id = $1 AND ends_on IS NULL",
        newcomer
    )
    .expect("count")
}

async fn exits_recorded(app: &App, person: i64) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(
        &mut h.conn(),
        i64,
        "SELECT COUNT(*) FROM exits WHERE person_id = $1",
        person
    )
    .expect("count")
}

/// Mo holds the buddy role and buddies Dai, a newcomer.
async fn mo_buddies_dai(app: &App, w: &World) -> i64 {
    let id = interested(app, &w.mo_actor, w.opp, None).await;
    let appointment = appoint(app, w, id).await;
    cairn_app::people::buddies::pair(
        app,
        &w.lead,
        &cairn_domain::people::PairingDraft {
            newcomer_id: w.dai.to_string(),
            buddy_id: w.mo.to_string(),
            starts_on: parts(29, 3, 2026),
        },
    )
    .await
    .expect("pair");
    appointment
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_people_recording_the_same_leaving_at_once_record_it_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;

        // Exec
        let mut tasks = Vec::new();
        for _ in 0..20 {
            let (app, lead, mo) = (app.clone(), w.lead.clone(), w.mo);
            tasks.push(tokio::spawn(async move {
                roles::leave(&app, &lead, mo, &exit_draft(&["time"], "mentor")).await
            }));
        }
        let mut ok = 0;
        for t in tasks {
            match t.await.expect("task") {
                Ok(_) => ok += 1,
                Err(AppError::Conflict(_)) => {}
                Err(e) => panic!("unexpected: {e:?}"),
            }
        }

        // Check
        assert_eq!(ok, 1, "one leaving is recorded");
        assert_eq!(exits_recorded(&app, w.mo).await, 1, "one exit row");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buddy_who_steps_down_from_the_buddy_role_stops_buddying_their_newcomer() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let appointment = mo_buddies_dai(&app, &w).await;
        assert_eq!(open_pairings_of(&app, w.dai).await, 1);

        // Exec
        roles::end_appointment(&app, &w.mo_actor, appointment, &exit_draft(&["time"], "no"))
            .await
            .expect("step down");

        // Check: Dai waits for a buddy again.
        assert_eq!(open_pairings_of(&app, w.dai).await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_who_leaves_no_longer_has_an_open_pairing() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        mo_buddies_dai(&app, &w).await;

        // Exec
        roles::leave(&app, &w.lead, w.dai, &exit_draft(&["discharged"], "no"))
            .await
            .expect("leave");

        // Check
        assert_eq!(open_pairings_of(&app, w.dai).await, 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_are_offered_and_may_seat_only_people_on_their_units() {
    both_engines(|db| async move {
        // Setup: a process on the staff's unit; Mo is on it, Dai is not.
        let app = app(db);
        let w = world(&app).await;
        let process = roles::create_process(
            &app,
            &w.staff,
            &cairn_domain::roles::RecruitmentDraft {
                post: "Staff nurse".into(),
                unit_id: w.u1.to_string(),
                opened_on: parts(29, 3, 2026),
            },
        )
        .await
        .expect("process");

        // Exec
        let offered = roles::panel_candidates(&app, &w.staff)
            .await
            .expect("candidates");
        let outside = roles::set_panel(&app, &w.staff, process, "interview", &[w.dai]).await;
        let inside = roles::set_panel(&app, &w.staff, process, "interview", &[w.mo]).await;
        let by_lead = roles::set_panel(&app, &w.lead, process, "interview", &[w.mo, w.dai]).await;
        // Dai, seated by the lead, may stay when the staff change the stage.
        let kept = roles::set_panel(&app, &w.staff, process, "interview", &[w.mo, w.dai]).await;

        // Check
        let ids: Vec<i64> = offered.iter().map(|(id, _, _)| *id).collect();
        assert!(ids.contains(&w.mo));
        assert!(
            !ids.contains(&w.dai),
            "nobody outside the staff's units is listed"
        );
        assert!(
            matches!(&outside, Err(AppError::Invalid(e)) if e.for_field("person_ids").is_some()),
            "{outside:?}"
        );
        assert!(inside.is_ok(), "{inside:?}");
        assert!(by_lead.is_ok(), "{by_lead:?}");
        assert!(kept.is_ok(), "{kept:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reading_someone_elses_interest_or_appointment_is_audited_and_reading_ones_own_is_not() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let id = interested(&app, &w.mo_actor, w.opp, None).await;
        let appointment = appoint(&app, &w, id).await;
        let views = |entity: &'static str, entity_id: i64| {
            let (app, admin) = (app.clone(), w.org.admin.clone());
            async move {
                cairn_app::audit::list(
                    &app,
                    &admin,
                    &AuditQuery {
                        action: Some("view".into()),
                        entity: Some(entity.into()),
                        entity_id: Some(entity_id),
                        limit: 10,
                        ..Default::default()
                    },
                )
                .await
                .expect("audit")
            }
        };

        // Exec
        roles::interest(&app, &w.mo_actor, id).await.expect("own");
        roles::appointment(&app, &w.mo_actor, appointment)
            .await
            .expect("own");
        let own = (
            views("interest", id).await.len(),
            views("appointment", appointment).await.len(),
        );
        roles::interest(&app, &w.lead, id).await.expect("lead");
        roles::appointment(&app, &w.lead, appointment)
            .await
            .expect("lead");

        // Check
        assert_eq!(own, (0, 0), "reading one's own records is not logged");
        let seen = views("interest", id).await;
        assert_eq!(seen.len(), 1);
        assert_eq!(
            seen[0].on_behalf_of_person_id,
            Some(w.mo),
            "the row names Mo"
        );
        assert_eq!(views("appointment", appointment).await.len(), 1);
    })
    .await;
}
