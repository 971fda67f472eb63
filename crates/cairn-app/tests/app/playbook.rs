//! The playbook: each signal fires on data made to fire it and stays quiet on data made not
//! to; a challenge is raised while any of its signals fires and clears by itself when they
//! stop, its history kept; actions are taken on and closed with a note; the board sees the
//! figures and never the people behind them. Every body runs on SQLite and PostgreSQL.
//! Setup → Exec → Check. Today, on the fixed clock, is 29 March 2026.

use crate::common::*;
use crate::meetings::{attended, group_draft, meeting_at, new_group, person};
use cairn_app::playbook::{self, UnitPlaybook};
use cairn_app::{App, meetings};
use cairn_domain::Role;
use cairn_domain::playbook::{ActionDraft, Challenge, OwnChallengeDraft};
use cairn_domain::time::DateParts;
use cairn_testkit::both_engines;

const DAY: i64 = 24 * 60 * 60 * 1000;

async fn sql(app: &App, q: &str, a: i64, b: &str) {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::execute!(&mut h.conn(), q, b, a).unwrap_or_else(|e| panic!("{q}: {e:?}"));
}

/// The figure of a signal on a unit's playbook, and whether it fired.
fn signal(p: &UnitPlaybook, key: &str) -> (i64, bool) {
    p.challenges
        .iter()
        .flat_map(|c| &c.signals)
        .find(|s| s.signal.key == key)
        .map(|s| (s.value, s.fired))
        .unwrap_or_else(|| panic!("{key} is on the playbook"))
}

fn raised(p: &UnitPlaybook, c: Challenge) -> bool {
    p.challenges
        .iter()
        .any(|v| v.challenge == c && v.raised.is_some())
}

async fn read(app: &App, org: &Org, unit: i64) -> UnitPlaybook {
    playbook::unit(app, &org.admin, unit)
        .await
        .expect("the unit's playbook")
}

/// A unit with a link person, so "no link person" stays quiet unless a test wants it.
async fn unit_with_link(app: &App, org: &Org, name: &str) -> i64 {
    let u = unit(app, org, name).await;
    let link = person(app, org, &format!("{name} link"), "staff", &[u]).await;
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::execute!(
        &mut h.conn(),
        "UPDATE units SET link_person_id = $1 WHERE id = $2",
        link,
        u
    )
    .expect("link person");
    u
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn newcomers_past_fourteen_days_without_a_buddy_raise_getting_to_know_each_other() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let ana = person(&app, &org, "Ana", "service_user", &[u]).await;
        let quiet = read(&app, &org, u).await;

        // Exec: Ana joined 20 days ago and has no buddy.
        sql(
            &app,
            "UPDATE people SET joined_on = $1 WHERE id = $2",
            ana,
            "2026-03-09",
        )
        .await;
        let loud = read(&app, &org, u).await;

        // Check
        assert_eq!(signal(&quiet, "newcomers_without_buddy"), (0, false));
        assert!(!raised(&quiet, Challenge::GettingToKnow));
        assert_eq!(signal(&loud, "newcomers_without_buddy"), (1, true));
        assert!(raised(&loud, Challenge::GettingToKnow));
        let s = loud
            .challenges
            .iter()
            .flat_map(|c| &c.signals)
            .find(|s| s.signal.key == "newcomers_without_buddy")
            .expect("signal");
        assert_eq!(s.names, vec!["Ana".to_owned()], "the lead sees who");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_timers_who_never_came_back_fire_at_the_organisations_threshold() {
    both_engines(|db| async move {
        // Setup: Bea came once, six weeks ago; Cai came then and again a week later.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft(
                "Alder community",
                "community",
                Some(u),
                ["", "", "", "", ""],
            ),
        )
        .await;
        let bea = person(&app, &org, "Bea", "service_user", &[u]).await;
        let cai = person(&app, &org, "Cai", "carer", &[u]).await;
        for (starts, present) in [(T0 - 42 * DAY, vec![bea, cai]), (T0 - 35 * DAY, vec![cai])] {
            let m = meeting_at(&app, &org.admin, g, starts, 60).await;
            meetings::record_attendance(&app, &org.admin, m, &attended(&present), 0)
                .await
                .expect("attendance");
        }
        let at_default = read(&app, &org, u).await;

        // Exec: the organisation lowers the threshold from 2 to 1.
        playbook::set_threshold(&app, &org.admin, "first_timers_not_back", "1")
            .await
            .expect("threshold");
        let at_one = read(&app, &org, u).await;
        let refused = playbook::set_threshold(&app, &org.admin, "first_timers_not_back", "many")
            .await
            .expect_err("not a number");

        // Check
        assert_eq!(signal(&at_default, "first_timers_not_back"), (1, false));
        assert_eq!(signal(&at_one, "first_timers_not_back"), (1, true));
        assert!(matches!(refused, cairn_app::AppError::Invalid(_)));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_link_person_or_cancelled_meetings_raise_time_commitment_and_it_clears_with_history() {
    both_engines(|db| async move {
        // Setup: a unit without a link person, and two meetings cancelled this quarter.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Alder forum", "forum", Some(u), ["", "", "", "", ""]),
        )
        .await;
        let before = read(&app, &org, u).await;
        for days in [10, 3] {
            let m = meeting_at(&app, &org.admin, g, T0 + days * DAY, 60).await;
            meetings::cancel(&app, &org.admin, m).await.expect("cancel");
        }
        let cancelled = read(&app, &org, u).await;

        // Exec: a link person is named; the cancellations age out of the quarter.
        let link = person(&app, &org, "Lee", "staff", &[u]).await;
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::execute!(
            &mut h.conn(),
            "UPDATE units SET link_person_id = $1 WHERE id = $2",
            link,
            u
        )
        .expect("link");
        drop(h);
        app.clock.set(T0 + 100 * DAY);
        let later = read(&app, &org, u).await;

        // Check
        assert_eq!(signal(&before, "no_link_person"), (1, true));
        assert_eq!(signal(&cancelled, "meetings_cancelled"), (2, true));
        assert!(raised(&cancelled, Challenge::TimeCommitment));
        assert_eq!(signal(&later, "no_link_person"), (0, false));
        assert_eq!(signal(&later, "meetings_cancelled"), (0, false));
        assert!(
            !raised(&later, Challenge::TimeCommitment),
            "cleared by itself"
        );
        let kept: Vec<_> = later
            .history
            .iter()
            .filter(|r| r.challenge == "time_commitment")
            .collect();
        assert_eq!(kept.len(), 1, "one raising, kept after it cleared");
        assert_eq!(kept[0].cleared_at, Some(T0 + 100 * DAY));
        assert!(
            kept[0].signals.contains("meetings_cancelled=2"),
            "{}",
            kept[0].signals
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_actions_unanswered_suggestions_and_a_still_assessment_raise_project_fatigue() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let fresh = read(&app, &org, u).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Alder community", "community", Some(u), ["", "", "", "", ""]),
        )
        .await;
        let m = meeting_at(&app, &org.admin, g, T0 - 20 * DAY, 60).await;
        let owner = person(&app, &org, "Owen", "staff", &[u]).await;
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO meeting_actions (organisation_id, meeting_id, text, owner_person_id, due_on, status, created_at, updated_at) \
             VALUES ($1, $2, 'Fix the kettle', $3, '2026-03-20', 'open', $4, $4)",
            org.id,
            m,
            owner,
            T0
        )
        .expect("action");
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO suggestions (organisation_id, unit_id, channel, text, visibility, anonymous, contact_language, status, received_at, updated_at) \
             VALUES ($1, $2, 'box', 'More fruit', 'pending', TRUE, 'en', 'received', $3, $3)",
            org.id,
            u,
            T0 - 40 * DAY
        )
        .expect("suggestion");
        drop(h);

        // Exec: a hundred days on, with nothing changed on the assessment.
        let now = read(&app, &org, u).await;
        app.clock.set(T0 + 100 * DAY);
        let still = read(&app, &org, u).await;

        // Check
        assert_eq!(signal(&fresh, "overdue_actions"), (0, false));
        assert_eq!(signal(&fresh, "suggestions_unanswered"), (0, false));
        assert_eq!(signal(&fresh, "assessment_unchanged_days"), (0, false));
        assert_eq!(signal(&now, "overdue_actions"), (1, true));
        assert_eq!(signal(&now, "suggestions_unanswered"), (1, true));
        assert!(raised(&now, Challenge::ProjectFatigue));
        assert_eq!(signal(&still, "assessment_unchanged_days"), (100, true));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn few_carers_among_members_and_a_falling_carers_share_raise_carer_involvement() {
    both_engines(|db| async move {
        // Setup: ten service users and no carers; meetings last quarter had carers, this
        // quarter's have none.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let mut users = Vec::new();
        for i in 0..10 {
            users.push(person(&app, &org, &format!("User {i}"), "service_user", &[u]).await);
        }
        let g = new_group(
            &app,
            &org.admin,
            &group_draft(
                "Alder community",
                "community",
                Some(u),
                ["", "", "", "", ""],
            ),
        )
        .await;
        let visiting_carer = person(&app, &org, "Cerys", "carer", &[]).await;
        for (starts, present) in [
            (T0 - 120 * DAY, vec![users[0], visiting_carer]),
            (T0 - 30 * DAY, vec![users[0], users[1]]),
        ] {
            let m = meeting_at(&app, &org.admin, g, starts, 60).await;
            meetings::record_attendance(&app, &org.admin, m, &attended(&present), 0)
                .await
                .expect("attendance");
        }
        let without = read(&app, &org, u).await;

        // Exec: two carers join the unit.
        for name in ["Carys", "Dai"] {
            person(&app, &org, name, "carer", &[u]).await;
        }
        let with = read(&app, &org, u).await;

        // Check
        assert_eq!(signal(&without, "carers_share_of_members"), (0, true));
        assert_eq!(signal(&without, "carers_attendance_fall"), (50, true));
        assert_eq!(signal(&with, "carers_share_of_members"), (16, false));
        assert!(
            raised(&with, Challenge::CarerInvolvement),
            "the fall still fires"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_claims_and_a_member_near_their_limit_raise_organising_payment() {
    both_engines(|db| async move {
        // Setup: Mo has a £100 monthly limit; a £85 claim this month waits for approval, sent
        // 30 days ago (the target is 21).
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let mo = person(&app, &org, "Mo", "service_user", &[u]).await;
        let quiet = read(&app, &org, u).await;
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO payment_profiles (person_id, choice, limit_period, limit_pence, updated_at, updated_by_label) \
             VALUES ($1, 'bank', 'month', 10000, $2, 'test')",
            mo,
            T0
        )
        .expect("profile");
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO claims (organisation_id, person_id, unit_id, constituency, activity_type, activity_on, minutes, description, choice, status, \
             fee_pence, expenses_pence, total_pence, income_pence, created_at, created_by_label, submitted_at, updated_at) \
             VALUES ($1, $2, $3, 'service_user', 'meeting', '2026-03-02', 60, 'Forum', 'bank', 'submitted', 8500, 0, 8500, 8500, $4, 'test', $4, $4)",
            org.id,
            mo,
            u,
            T0 - 30 * DAY
        )
        .expect("claim");
        drop(h);

        // Exec
        let loud = read(&app, &org, u).await;

        // Check
        assert_eq!(signal(&quiet, "claims_waiting"), (0, false));
        assert_eq!(signal(&quiet, "near_benefit_limit"), (0, false));
        assert_eq!(signal(&loud, "claims_waiting"), (1, true));
        assert_eq!(signal(&loud, "near_benefit_limit"), (1, true));
        assert!(raised(&loud, Challenge::OrganisingPayment));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_leaving_in_a_quarter_raise_drop_out_with_their_reasons_for_the_lead_only() {
    both_engines(|db| async move {
        // Setup: two members left this quarter, one long ago; one gave reasons.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let board = account(&app, &org, "board@org-a.example", Role::Viewer, &[], None).await;
        let one = read(&app, &org, u).await;
        let mut left = Vec::new();
        for (name, since) in [("Ed", "2026-03-01"), ("Flo", "2026-02-10"), ("Gus", "2025-06-01")] {
            let p = person(&app, &org, name, "service_user", &[u]).await;
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::execute!(
                &mut h.conn(),
                "UPDATE people SET status = 'left', status_since = $1 WHERE id = $2",
                since,
                p
            )
            .expect("left");
            left.push(p);
        }
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::execute!(
            &mut h.conn(),
            "INSERT INTO exits (organisation_id, person_id, left_on, reasons, stay_in_touch, entered_by_label, on_behalf, created_at) \
             VALUES ($1, $2, '2026-03-01', 'health,time', 'no', 'test', FALSE, $3)",
            org.id,
            left[0],
            T0
        )
        .expect("exit");
        drop(h);

        // Exec
        let lead = read(&app, &org, u).await;
        let seen = playbook::unit(&app, &board, u).await.expect("the board's view");

        // Check
        assert_eq!(signal(&one, "members_leaving"), (0, false));
        assert_eq!(signal(&lead, "members_leaving"), (2, true));
        let s = |p: &UnitPlaybook| {
            p.challenges
                .iter()
                .flat_map(|c| c.signals.clone())
                .find(|s| s.signal.key == "members_leaving")
                .expect("signal")
        };
        assert_eq!(s(&lead).names, vec!["Ed".to_owned(), "Flo".to_owned()]);
        assert_eq!(
            s(&lead).reasons,
            vec![("health".to_owned(), 1), ("time".to_owned(), 1)]
        );
        assert_eq!(s(&seen).value, 2, "the board sees the figure");
        assert!(
            s(&seen).names.is_empty() && s(&seen).ids.is_empty() && s(&seen).reasons.is_empty(),
            "and never who, nor their reasons"
        );
        assert!(!seen.can_act);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_takes_on_an_action_for_a_raised_challenge_and_closes_it_with_a_note() {
    both_engines(|db| async move {
        // Setup: no link person raises time commitment.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let owner = person(&app, &org, "Lee", "staff", &[u]).await;
        let first = read(&app, &org, u).await;
        let raised_id = first
            .challenges
            .iter()
            .find(|c| c.challenge == Challenge::TimeCommitment)
            .and_then(|c| c.raised.as_ref())
            .map(|r| r.id)
            .expect("raised");
        let draft = |text: &str, day: &str| ActionDraft {
            text: text.into(),
            owner_person_id: Some(owner),
            due_on: DateParts {
                day: day.into(),
                month: "4".into(),
                year: "2026".into(),
            },
        };

        // Exec
        let bad = playbook::add_action(&app, &org.admin, u, "time_commitment", &draft("", "31"))
            .await
            .expect_err("no words, no 31 April");
        let id = playbook::add_action(
            &app,
            &org.admin,
            u,
            "time_commitment",
            &draft("Ask the ward manager to name a link person", "15"),
        )
        .await
        .expect("action");
        let no_note = playbook::close_action(&app, &org.admin, id, " ")
            .await
            .expect_err("a note is needed");
        playbook::close_action(&app, &org.admin, id, "Lee is the link person now")
            .await
            .expect("closed");
        let twice = playbook::close_action(&app, &org.admin, id, "again")
            .await
            .expect_err("already closed");
        let after = read(&app, &org, u).await;

        // Check
        assert!(matches!(bad, cairn_app::AppError::Invalid(_)));
        assert!(matches!(no_note, cairn_app::AppError::Invalid(_)));
        assert!(matches!(twice, cairn_app::AppError::Conflict(_)));
        let a = after
            .challenges
            .iter()
            .find(|c| c.challenge == Challenge::TimeCommitment)
            .and_then(|c| c.actions.first())
            .expect("the action is listed");
        assert_eq!(a.raised_id, Some(raised_id));
        assert_eq!(a.owner_person_id, Some(owner));
        assert_eq!(a.due_on, "2026-04-15");
        assert_eq!(a.closed_note.as_deref(), Some("Lee is the link person now"));
        assert!(
            after
                .owners
                .iter()
                .any(|(id, n)| *id == owner && n == "Lee")
        );
        let choices = playbook::owner_choices(&app, &org.admin, u)
            .await
            .expect("choices");
        assert!(
            choices.iter().any(|(id, _)| *id == owner),
            "the unit's people"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sweep_raises_on_every_unit_and_the_home_list_shows_only_units_in_reach() {
    both_engines(|db| async move {
        // Setup: two units without link people; a ward account on the first only.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let alder = unit(&app, &org, "Alder").await;
        let birch = unit(&app, &org, "Birch").await;
        let ward = account(
            &app,
            &org,
            "ward@org-a.example",
            Role::UnitStaff,
            &[alder],
            None,
        )
        .await;
        let member = account(&app, &org, "member@org-a.example", Role::Member, &[], None).await;

        // Exec
        let looked_at = playbook::sweep(&app).await.expect("sweep");
        let all = playbook::raised(&app, &org.admin).await.expect("lead");
        let mine = playbook::raised(&app, &ward).await.expect("ward");
        let refused = playbook::raised(&app, &member).await;
        playbook::sweep(&app)
            .await
            .expect("a second sweep changes nothing");
        let again = playbook::raised(&app, &org.admin).await.expect("lead");

        // Check
        assert_eq!(looked_at, 2);
        let units_of = |v: &[(cairn_db::playbook::Raised, String)]| {
            let mut u: Vec<i64> = v.iter().map(|(r, _)| r.unit_id).collect();
            u.sort_unstable();
            u.dedup();
            u
        };
        assert_eq!(units_of(&all), {
            let mut v = vec![alder, birch];
            v.sort_unstable();
            v
        });
        assert_eq!(units_of(&mine), vec![alder]);
        assert!(matches!(refused, Err(cairn_app::AppError::Forbidden)));
        assert_eq!(
            again.len(),
            all.len(),
            "one open row per unit and challenge"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_adds_its_own_challenge_in_both_languages() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let ward_unit = unit(&app, &org, "Alder").await;
        let ward = account(
            &app,
            &org,
            "ward@org-a.example",
            Role::UnitStaff,
            &[ward_unit],
            None,
        )
        .await;
        let d = OwnChallengeDraft {
            title_en: "Winter transport".into(),
            title_cy: "Trafnidiaeth y gaeaf".into(),
            advice_en: "Offer taxis and online meetings".into(),
            advice_cy: String::new(),
        };

        // Exec
        let refused = playbook::add_own_challenge(&app, &ward, &d).await;
        let id = playbook::add_own_challenge(&app, &org.admin, &d)
            .await
            .expect("added");
        let own = playbook::own_challenges(&app, &ward).await.expect("listed");

        // Check
        assert!(matches!(refused, Err(cairn_app::AppError::Forbidden)));
        assert_eq!(own.len(), 1);
        assert_eq!(own[0].id, id);
        assert_eq!(own[0].title_cy, "Trafnidiaeth y gaeaf");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn carers_leaving_over_a_quarter_is_a_fall_in_their_share_of_members() {
    both_engines(|db| async move {
        // Setup: four service users and two carers, all taking part since last year.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit_with_link(&app, &org, "Alder").await;
        let mut carers = Vec::new();
        for (name, k) in [
            ("Ana", "service_user"),
            ("Ben", "service_user"),
            ("Cai", "service_user"),
            ("Dee", "service_user"),
            ("Eli", "carer"),
            ("Fay", "carer"),
        ] {
            let p = person(&app, &org, name, k, &[u]).await;
            sql(
                &app,
                "UPDATE people SET joined_on = $1 WHERE id = $2",
                p,
                "2025-01-01",
            )
            .await;
            if k == "carer" {
                carers.push(p);
            }
        }
        let steady = read(&app, &org, u).await;

        // Exec: both carers left a month ago.
        for p in &carers {
            sql(
                &app,
                "UPDATE people SET status = 'left', status_since = $1 WHERE id = $2",
                *p,
                "2026-02-27",
            )
            .await;
        }
        let after = read(&app, &org, u).await;

        // Check: 2 of 6 (33%) a quarter ago, none of 4 now.
        assert_eq!(signal(&steady, "carers_members_fall"), (0, false));
        assert_eq!(signal(&after, "carers_members_fall"), (33, true));
        assert!(raised(&after, Challenge::CarerInvolvement));
    })
    .await;
}
