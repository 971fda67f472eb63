//! The live measures of the people and roles practices, read from the unit's self-assessment:
//! buddies within 14 days (L1.08), welcome meetings offered (L1.09), open opportunities
//! (L1.10), newcomers' steps (L2.01, L3.01), interests written down (L2.06), published role
//! descriptions (L2.07), practising and shadowing (L2.08), the coordinator (L3.02),
//! recruitment from the job description (L3.04), leaders (L3.08) and people who moved on and
//! still take part (L3.10). Rows are written straight to the tables so each count is set up
//! exactly; every body runs on SQLite and PostgreSQL. Setup → Exec → Check.

use crate::common::*;
use cairn_app::model::{self, ItemView, UnitAssessment};
use cairn_app::{App, people};
use cairn_domain::Role;
use cairn_domain::model::AssessmentDraft;
use cairn_domain::people::PersonDraft;
use cairn_testkit::both_engines;

// Today, on the fixed clock, is 29 March 2026 (Europe/London).

/// A person on `unit` of `constituency` who joined on `joined` (ISO date).
async fn person(
    app: &App,
    org: &Org,
    name: &str,
    unit: i64,
    constituency: &str,
    status: &str,
    joined: &str,
) -> i64 {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: constituency.into(),
        unit_ids: vec![unit],
        status: status.into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    let id = people::create(app, &org.admin, &draft)
        .await
        .expect("create person");
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "UPDATE people SET joined_on = $1 WHERE id = $2",
        joined,
        id
    )
    .expect("set joined_on");
    id
}

/// A connection for writing rows straight to the tables.
async fn conn(app: &App) -> cairn_db::Handle {
    app.db.acquire().await.expect("acquire")
}

async fn role(app: &App, org: &Org, kind: &str, leadership: bool, published: bool) -> i64 {
    let mut h = conn(app).await;
    cairn_db::fetch_scalar!(
        &mut h.conn(),
        i64,
        "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, \
         time_en, time_cy, support_en, support_cy, level, payment, leadership, published_at, created_at, updated_at) \
         VALUES ($1, $2, 'Role', 'Rôl', 'p', 'p', 'i', 'i', 't', 't', 's', 's', 2, 'fee', $3, $4, 0, 0) RETURNING id",
        org.id,
        kind,
        leadership,
        published.then_some(1i64)
    )
    .expect("insert role")
}

async fn appoint(
    app: &App,
    org: &Org,
    person: i64,
    role: i64,
    unit: Option<i64>,
    starts: &str,
    ends: Option<&str>,
) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO appointments (organisation_id, person_id, role_id, unit_id, starts_on, ends_on, created_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'test', 0, 0)",
        org.id,
        person,
        role,
        unit,
        starts,
        ends
    )
    .expect("insert appointment");
}

async fn pair(app: &App, org: &Org, newcomer: i64, buddy: i64, starts: &str) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO buddy_pairings (organisation_id, newcomer_id, buddy_id, starts_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, $4, 'test', 0)",
        org.id,
        newcomer,
        buddy,
        starts
    )
    .expect("insert pairing");
}

async fn step(app: &App, org: &Org, person: i64, step: &str, on: &str) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO pathway_steps (organisation_id, person_id, step, done_on, recorded_by_label, created_at) \
         VALUES ($1, $2, $3, $4, 'test', 0)",
        org.id,
        person,
        step,
        on
    )
    .expect("insert step");
}

async fn arrival(app: &App, org: &Org, unit: i64, on: &str, offered: Option<&str>) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO arrivals (organisation_id, unit_id, arrived_on, offered_on, recorded_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'test', 0, 0)",
        org.id,
        unit,
        on,
        offered
    )
    .expect("insert arrival");
}

async fn opportunity(
    app: &App,
    org: &Org,
    role: i64,
    unit: Option<i64>,
    closes: &str,
    withdrawn: bool,
) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO opportunities (organisation_id, role_id, unit_id, opened_on, closes_on, withdrawn_at, created_by_label, created_at) \
         VALUES ($1, $2, $3, '2026-03-01', $4, $5, 'test', 0)",
        org.id,
        role,
        unit,
        closes,
        withdrawn.then_some(1i64)
    )
    .expect("insert opportunity");
}

async fn process(app: &App, org: &Org, unit: i64, post: &str) -> i64 {
    let mut h = conn(app).await;
    cairn_db::fetch_scalar!(
        &mut h.conn(),
        i64,
        "INSERT INTO recruitment_processes (organisation_id, unit_id, post, opened_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, '2026-01-05', 'test', 0) RETURNING id",
        org.id,
        unit,
        post
    )
    .expect("insert process")
}

async fn sat(app: &App, process: i64, stage: &str, who: i64) {
    let mut h = conn(app).await;
    cairn_db::execute!(
        &mut h.conn(),
        "INSERT INTO recruitment_panel (process_id, stage, person_id) VALUES ($1, $2, $3)",
        process,
        stage,
        who
    )
    .expect("insert panel member");
}

async fn in_place(app: &App, org: &Org, unit: i64, code: &str) {
    let draft = AssessmentDraft {
        status: "in_place".into(),
        evidence: Some("seen".into()),
        ..Default::default()
    };
    model::set_status(app, &org.admin, unit, code, &draft)
        .await
        .unwrap_or_else(|e| panic!("set {code}: {e:?}"));
}

async fn assessment(app: &App, org: &Org, unit: i64) -> UnitAssessment {
    model::unit_assessment(app, &org.admin, unit)
        .await
        .expect("unit assessment")
}

/// The measure of `code`: (message id, count, disagrees).
fn measure(a: &UnitAssessment, code: &str) -> (&'static str, i64, bool) {
    let item: &ItemView = a
        .items
        .iter()
        .find(|i| i.practice.code == code)
        .unwrap_or_else(|| panic!("{code} is among the unit's items"));
    let m = item
        .measure
        .as_ref()
        .unwrap_or_else(|| panic!("{code} has a live measure"));
    (m.message_id, m.count, m.disagrees)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_buddy_measure_is_the_share_of_newcomers_paired_within_fourteen_days_of_joining() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let buddy = person(&app, &org, "Bo", u, "service_user", "active", "2024-01-01").await;
        in_place(&app, &org, u, "L1.08").await;
        let before = assessment(&app, &org, u).await;
        let on_time = person(&app, &org, "Ana", u, "service_user", "active", "2026-03-01").await;
        let late = person(&app, &org, "Ben", u, "carer", "active", "2026-03-01").await;
        person(&app, &org, "Cal", u, "service_user", "active", "2026-03-01").await;
        // Not counted: still inside their first fortnight, staff, and long-standing members.
        person(&app, &org, "Dee", u, "service_user", "active", "2026-03-20").await;
        person(&app, &org, "Eve", u, "staff", "active", "2026-03-01").await;
        person(&app, &org, "Fay", u, "service_user", "active", "2025-01-01").await;

        // Exec
        pair(&app, &org, on_time, buddy, "2026-03-15").await;
        pair(&app, &org, late, buddy, "2026-03-16").await;
        let after = assessment(&app, &org, u).await;

        // Check
        assert_eq!(
            measure(&before, "L1.08"),
            ("model-measure-buddies", 0, true),
            "no newcomers is no evidence for \"in place\""
        );
        // Ana was paired on day 14, Ben on day 15, Cal never: one of three.
        assert_eq!(
            measure(&after, "L1.08"),
            ("model-measure-buddies", 33, true)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_measure_is_the_share_of_the_last_ninety_days_arrivals_offered_a_meeting() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        // Exec
        arrival(&app, &org, u, "2026-03-01", Some("2026-03-02")).await;
        arrival(&app, &org, u, "2026-02-01", None).await;
        arrival(&app, &org, u, "2026-03-28", Some("2026-03-28")).await;
        arrival(&app, &org, u, "2026-01-10", None).await;
        // Outside the window, or on another unit: not counted.
        arrival(&app, &org, u, "2025-10-01", None).await;
        arrival(&app, &org, other, "2026-03-01", None).await;
        let a = assessment(&app, &org, u).await;

        // Check: two of the four recent arrivals were offered a meeting.
        assert_eq!(measure(&a, "L1.09"), ("model-measure-welcome", 50, false));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_opportunities_are_the_units_own_and_the_services_that_have_not_closed() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let r = role(&app, &org, "buddy", false, true).await;
        in_place(&app, &org, u, "L1.10").await;

        // Exec
        opportunity(&app, &org, r, Some(u), "2026-04-30", false).await;
        opportunity(&app, &org, r, None, "2026-03-29", false).await;
        opportunity(&app, &org, r, Some(u), "2026-03-28", false).await;
        opportunity(&app, &org, r, Some(u), "2026-04-30", true).await;
        opportunity(&app, &org, r, Some(other), "2026-04-30", false).await;
        let a = assessment(&app, &org, u).await;

        // Check: the unit's open one and the service-wide one closing today.
        assert_eq!(
            measure(&a, "L1.10"),
            ("model-measure-opportunities", 2, false)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn coordinator_and_leadership_measures_count_appointments_held_today_only() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let coordinator = role(&app, &org, "coordinator", true, true).await;
        let chair = role(&app, &org, "forum_chair", true, true).await;
        let su = person(&app, &org, "Ana", u, "service_user", "active", "2025-01-01").await;
        let carer = person(&app, &org, "Ben", u, "carer", "active", "2025-01-01").await;
        let staff = person(&app, &org, "Cy", u, "staff", "active", "2025-01-01").await;
        in_place(&app, &org, u, "L3.02").await;
        in_place(&app, &org, u, "L3.08").await;
        let before = assessment(&app, &org, u).await;

        // Exec
        appoint(&app, &org, su, coordinator, None, "2026-01-01", None).await;
        appoint(
            &app,
            &org,
            carer,
            chair,
            Some(u),
            "2025-01-01",
            Some("2026-03-01"),
        )
        .await;
        appoint(&app, &org, carer, chair, Some(u), "2026-04-01", None).await;
        appoint(&app, &org, staff, chair, Some(u), "2026-01-01", None).await;
        let after = assessment(&app, &org, u).await;

        // Check
        assert_eq!(
            measure(&before, "L3.02"),
            ("model-measure-coordinator", 0, true)
        );
        assert_eq!(
            measure(&after, "L3.02"),
            ("model-measure-coordinator", 1, false)
        );
        // Ben's chair has ended and the next starts in April; staff do not count.
        assert_eq!(
            measure(&after, "L3.08"),
            ("model-measure-leaders", 1, false)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recruitment_counts_only_when_service_users_or_carers_sat_from_the_job_description() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let su = person(&app, &org, "Ana", u, "service_user", "active", "2025-01-01").await;
        let carer = person(&app, &org, "Ben", u, "carer", "active", "2025-01-01").await;
        let staff = person(&app, &org, "Cy", u, "staff", "active", "2025-01-01").await;
        // Exec
        let from_start = process(&app, &org, u, "Staff nurse").await;
        sat(&app, from_start, "job_description", carer).await;
        sat(&app, from_start, "job_description", staff).await;
        sat(&app, from_start, "interview", su).await;
        let interview_only = process(&app, &org, u, "Occupational therapist").await;
        sat(&app, interview_only, "interview", su).await;
        sat(&app, interview_only, "interview", staff).await;
        let a = assessment(&app, &org, u).await;

        // Check
        assert_eq!(
            measure(&a, "L3.04"),
            ("model-measure-recruitment", 50, false)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_who_moved_on_count_while_they_hold_a_role_or_buddy_someone() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let buddy_role = role(&app, &org, "buddy", false, true).await;
        let mentor = person(
            &app,
            &org,
            "Ana",
            u,
            "service_user",
            "moved_on",
            "2024-01-01",
        )
        .await;
        let buddy = person(
            &app,
            &org,
            "Ben",
            u,
            "service_user",
            "moved_on",
            "2024-01-01",
        )
        .await;
        person(
            &app,
            &org,
            "Cal",
            u,
            "service_user",
            "moved_on",
            "2024-01-01",
        )
        .await;
        let active = person(&app, &org, "Dee", u, "service_user", "active", "2024-01-01").await;
        let newcomer = person(&app, &org, "Eve", u, "service_user", "active", "2026-03-20").await;
        in_place(&app, &org, u, "L3.10").await;
        let before = assessment(&app, &org, u).await;

        // Exec
        appoint(&app, &org, mentor, buddy_role, None, "2025-06-01", None).await;
        appoint(&app, &org, active, buddy_role, None, "2025-06-01", None).await;
        pair(&app, &org, newcomer, buddy, "2026-03-21").await;
        let after = assessment(&app, &org, u).await;

        // Check
        assert_eq!(
            measure(&before, "L3.10"),
            ("model-measure-moved-on", 0, true)
        );
        // Ana holds a role and Ben buddies Eve; Cal has moved on without taking part, and Dee
        // has not moved on.
        assert_eq!(
            measure(&after, "L3.10"),
            ("model-measure-moved-on", 2, false)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newcomers_steps_count_for_level_one_and_a_level_two_step_for_level_three() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let buddy = person(&app, &org, "Bo", u, "service_user", "active", "2024-01-01").await;
        let ana = person(&app, &org, "Ana", u, "service_user", "active", "2026-02-01").await;
        let ben = person(&app, &org, "Ben", u, "carer", "active", "2026-02-01").await;

        // Exec
        pair(&app, &org, ana, buddy, "2026-02-03").await;
        step(&app, &org, ana, "welcome", "2026-02-02").await;
        step(&app, &org, ana, "information", "2026-02-02").await;
        step(&app, &org, ben, "welcome", "2026-02-02").await;
        let level_one = assessment(&app, &org, u).await;
        step(&app, &org, ana, "shadowing", "2026-03-01").await;
        step(&app, &org, ben, "practice", "2026-03-02").await;
        let level_two = assessment(&app, &org, u).await;

        // Check: Ana has every level-1 step, Ben only a welcome.
        assert_eq!(
            measure(&level_one, "L2.01"),
            ("model-measure-level-one-steps", 50, false)
        );
        assert_eq!(
            measure(&level_one, "L3.01"),
            ("model-measure-level-two-steps", 0, false)
        );
        assert_eq!(
            measure(&level_two, "L3.01"),
            ("model-measure-level-two-steps", 50, false)
        );
        assert_eq!(
            measure(&level_two, "L2.08"),
            ("model-measure-practice", 2, false)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_descriptions_and_interests_are_counted_for_the_unit_and_its_organisation() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let ana = person(&app, &org, "Ana", u, "service_user", "active", "2025-01-01").await;
        person(&app, &org, "Ben", u, "carer", "active", "2025-01-01").await;
        in_place(&app, &org, u, "L2.07").await;

        // Exec
        role(&app, &org, "buddy", false, true).await;
        role(&app, &org, "forum_chair", true, false).await;
        {
            let mut h = conn(&app).await;
            cairn_db::execute!(
                &mut h.conn(),
                "UPDATE people SET interests = 'Gardening' WHERE id = $1",
                ana
            )
            .expect("interests");
        }
        let a = assessment(&app, &org, u).await;

        // Check: one of two roles is published, so "in place" is questioned.
        assert_eq!(
            measure(&a, "L2.07"),
            ("model-measure-role-descriptions", 1, true)
        );
        assert_eq!(measure(&a, "L2.06"), ("model-measure-interests", 1, false));
        // Complaints and compliments on display (L1.12) are measured by sampled audits: with
        // none recorded the share is nothing.
        assert_eq!(measure(&a, "L1.12"), ("model-measure-audits", 0, false));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_board_sees_small_counts_of_people_as_fewer_than_the_rule_and_staff_see_them_all() {
    both_engines(|db| async move {
        // Setup: two service users in leadership roles (L3.08) and three newcomers past their
        // first fortnight, one paired in time (L1.08): both under the rule of 5.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let chair = role(&app, &org, "forum_chair", true, true).await;
        for name in ["Ana", "Ben"] {
            let p = person(&app, &org, name, u, "service_user", "active", "2025-01-01").await;
            appoint(&app, &org, p, chair, Some(u), "2026-01-01", None).await;
        }
        let buddy = person(&app, &org, "Bo", u, "service_user", "active", "2024-01-01").await;
        let first = person(&app, &org, "Cal", u, "service_user", "active", "2026-03-01").await;
        person(&app, &org, "Dee", u, "carer", "active", "2026-03-01").await;
        person(&app, &org, "Eli", u, "service_user", "active", "2026-03-01").await;
        pair(&app, &org, first, buddy, "2026-03-02").await;
        let board = account(&app, &org, "board@org-a.example", Role::Viewer, &[], None).await;
        let ward = account(
            &app,
            &org,
            "ward@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;

        // Exec
        let seen_by_board = model::unit_assessment(&app, &board, u)
            .await
            .expect("the board reads the assessment");
        let seen_by_ward = model::unit_assessment(&app, &ward, u)
            .await
            .expect("the ward reads the assessment");

        // Check
        let m = |a: &UnitAssessment, code: &str| {
            a.items
                .iter()
                .find(|i| i.practice.code == code)
                .and_then(|i| i.measure.clone())
                .unwrap_or_else(|| panic!("{code} has a live measure"))
        };
        for code in ["L3.08", "L1.08"] {
            let hidden = m(&seen_by_board, code);
            assert_eq!(
                (hidden.hidden_below, hidden.count, hidden.of),
                (Some(5), 0, None),
                "{code}: the board gets no figure to show"
            );
        }
        assert_eq!(m(&seen_by_ward, "L3.08").count, 2);
        assert_eq!(m(&seen_by_ward, "L3.08").hidden_below, None);
        assert_eq!(
            (
                m(&seen_by_ward, "L1.08").count,
                m(&seen_by_ward, "L1.08").of
            ),
            (33, Some(3))
        );
        // A count of things (suggestions, opportunities) is shown to the board as it is.
        assert_eq!(m(&seen_by_board, "L1.10").hidden_below, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_practice_the_catalogue_lists_as_live_has_a_measure_on_the_assessment_and_no_other() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;

        // Exec
        let a = assessment(&app, &org, u).await;

        // Check
        let measured: Vec<&str> = a
            .items
            .iter()
            .filter(|i| i.measure.is_some())
            .map(|i| i.practice.code.as_str())
            .collect();
        let listed: Vec<&str> = cairn_domain::reports::live::LIVE
            .iter()
            .map(|m| m.code)
            .collect();
        assert_eq!(measured, listed);
    })
    .await;
}
