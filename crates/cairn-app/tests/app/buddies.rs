//! Use-case tests for buddies (L1.08) and welcome meetings (L1.09): who may be a buddy (only a
//! current holder of a buddy role), one open pairing per newcomer, the newcomers still without
//! a buddy and the fourteen-day boundary, unit scope, check-ins and end dates, audit rows and
//! notices naming the newcomer, a member's own pairings, and arrivals (a unit and dates only,
//! the date rules, the share offered a meeting over ninety days).
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock
//! (29 March 2026). Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::people::{buddies, welcome};
use cairn_app::{Actor, App, AppError, people};
use cairn_db::audit::AuditQuery;
use cairn_domain::Role;
use cairn_domain::people::{
    ArrivalDraft, CheckinDraft, EndDraft, Language, PairingDraft, PersonDraft,
};
use cairn_domain::time::DateParts;
use cairn_testkit::both_engines;
use jiff::civil::{Date, date};

/// The organisation's date at [`T0`].
const TODAY: Date = date(2026, 3, 29);

fn days_ago(n: i64) -> Date {
    TODAY
        .checked_sub(jiff::Span::new().days(n))
        .expect("a real date")
}

fn parts(d: Date) -> DateParts {
    DateParts::from_date(Some(d))
}

/// A person added by the administrator, who joined on `joined` (or has no joining date).
async fn person(
    app: &App,
    org: &Org,
    name: &str,
    constituency: &str,
    unit_ids: &[i64],
    joined: Option<Date>,
) -> i64 {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: constituency.into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    let id = people::create(app, &org.admin, &draft)
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e:?}"));
    let mut tx = app.db.begin().await.expect("begin");
    cairn_db::execute!(
        &mut tx.conn(),
        "UPDATE people SET joined_on = $2 WHERE id = $1",
        id,
        joined.map(|d| d.to_string())
    )
    .expect("joined on");
    tx.commit().await.expect("commit");
    id
}

async fn set_status(app: &App, id: i64, status: &str) {
    let mut tx = app.db.begin().await.expect("begin");
    cairn_db::execute!(
        &mut tx.conn(),
        "UPDATE people SET status = $2 WHERE id = $1",
        id,
        status
    )
    .expect("status");
    tx.commit().await.expect("commit");
}

/// A role of `kind` and an appointment of `person` to it, written straight to the tables.
async fn appoint(
    app: &App,
    org: &Org,
    person: i64,
    kind: &str,
    starts_on: Date,
    ends_on: Option<Date>,
) {
    let mut tx = app.db.begin().await.expect("begin");
    let role = cairn_db::fetch_scalar!(
        &mut tx.conn(),
        i64,
        "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, \
         time_en, time_cy, support_en, support_cy, level, payment, created_at, updated_at) \
         VALUES ($1, $2, 'Buddy', 'Cyfaill', 'p', 'p', 'i', 'i', 't', 't', 's', 's', 1, 'voluntary', 0, 0) RETURNING id",
        org.id,
        kind
    )
    .expect("role");
    cairn_db::execute!(
        &mut tx.conn(),
        "INSERT INTO appointments (organisation_id, person_id, role_id, starts_on, ends_on, created_by_label, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'test', 0, 0)",
        org.id,
        person,
        role,
        starts_on.to_string(),
        ends_on.map(|d| d.to_string())
    )
    .expect("appointment");
    tx.commit().await.expect("commit");
}

fn pairing(newcomer: i64, buddy: i64, starts: Date) -> PairingDraft {
    PairingDraft {
        newcomer_id: newcomer.to_string(),
        buddy_id: buddy.to_string(),
        starts_on: parts(starts),
    }
}

/// The Fluent id of the error on `field`, or a panic saying what came back instead.
fn field_code<T: std::fmt::Debug>(r: Result<T, AppError>, field: &str) -> &'static str {
    match r {
        Err(AppError::Invalid(e)) => e
            .for_field(field)
            .map(|x| x.code)
            .unwrap_or_else(|| panic!("no error on {field}: {e:?}")),
        other => panic!("expected a field error on {field}, got {other:?}"),
    }
}

struct World {
    org: Org,
    alder: i64,
    birch: i64,
    /// Unit staff on Alder only.
    staff: Actor,
}

async fn world(app: &App) -> World {
    let org = org(app, "Org A", "admin@org-a.example").await;
    let alder = unit(app, &org, "Alder").await;
    let birch = unit(app, &org, "Birch").await;
    let staff = account(
        app,
        &org,
        "staff@org-a.example",
        Role::UnitStaff,
        &[alder],
        None,
    )
    .await;
    World {
        org,
        alder,
        birch,
        staff,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pairing_needs_someone_who_holds_a_buddy_role_today() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = person(&app, &w.org, "Nia", "service_user", &[a], Some(days_ago(3))).await;
        let nobody = person(&app, &w.org, "Owen", "carer", &[a], None).await;
        let ended = person(&app, &w.org, "Pat", "carer", &[a], None).await;
        appoint(
            &app,
            &w.org,
            ended,
            "buddy",
            days_ago(100),
            Some(days_ago(1)),
        )
        .await;
        let future = person(&app, &w.org, "Rhys", "carer", &[a], None).await;
        appoint(&app, &w.org, future, "buddy", days_ago(-1), None).await;
        let chair = person(&app, &w.org, "Sian", "carer", &[a], None).await;
        appoint(&app, &w.org, chair, "forum_chair", days_ago(100), None).await;
        let paused = person(&app, &w.org, "Tom", "carer", &[a], None).await;
        appoint(&app, &w.org, paused, "buddy", days_ago(100), None).await;
        set_status(&app, paused, "paused").await;
        let holder = person(&app, &w.org, "Ula", "service_user", &[a], None).await;
        appoint(&app, &w.org, holder, "buddy", days_ago(100), Some(TODAY)).await;

        // Exec + Check: nobody but the current, active buddy-role holder may be the buddy.
        for b in [nobody, ended, future, chair, paused] {
            assert_eq!(
                field_code(
                    buddies::pair(&app, &w.org.admin, &pairing(newcomer, b, TODAY)).await,
                    "buddy_id"
                ),
                "buddies-error-buddy-not-holder",
                "buddy {b}"
            );
        }
        assert_eq!(
            field_code(
                buddies::pair(&app, &w.org.admin, &pairing(holder, holder, TODAY)).await,
                "buddy_id"
            ),
            "buddies-error-same"
        );
        let choices = buddies::choices(&app, &w.org.admin).await.expect("choices");
        assert_eq!(choices.buddies, vec![(holder, "Ula".to_owned())]);
        let id = buddies::pair(&app, &w.org.admin, &pairing(newcomer, holder, days_ago(1)))
            .await
            .expect("pair with the holder");
        let v = buddies::view(&app, &w.org.admin, id).await.expect("view");
        assert_eq!(
            (
                v.pairing.newcomer_name.as_str(),
                v.pairing.buddy_name.as_str()
            ),
            ("Nia", "Ula")
        );
        assert_eq!(v.pairing.starts_on, days_ago(1).to_string());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newcomer_with_an_open_pairing_cannot_get_a_second_until_it_ends() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = person(&app, &w.org, "Nia", "carer", &[a], Some(days_ago(3))).await;
        let first = person(&app, &w.org, "Ula", "service_user", &[a], None).await;
        let second = person(&app, &w.org, "Val", "service_user", &[a], None).await;
        for b in [first, second] {
            appoint(&app, &w.org, b, "buddy", days_ago(100), None).await;
        }
        let id = buddies::pair(&app, &w.org.admin, &pairing(newcomer, first, days_ago(2)))
            .await
            .expect("first pairing");

        // Exec
        let again = buddies::pair(&app, &w.org.admin, &pairing(newcomer, second, TODAY)).await;

        // Check
        assert_eq!(
            field_code(again, "newcomer_id"),
            "buddies-error-newcomer-has-buddy"
        );
        buddies::end(
            &app,
            &w.org.admin,
            id,
            &EndDraft {
                ends_on: parts(TODAY),
            },
        )
        .await
        .expect("end");
        let next = buddies::pair(&app, &w.org.admin, &pairing(newcomer, second, TODAY))
            .await
            .expect("a new pairing once the first has ended");
        assert_ne!(next, id);
        let o = buddies::overview(&app, &w.org.admin, None)
            .await
            .expect("overview");
        assert_eq!(
            o.pairings.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![next]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overdue_list_starts_the_day_after_fourteen_days_and_holds_only_newcomers_without_a_buddy()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let p = |name: &'static str, k: &'static str, joined: Option<Date>| {
            let (app, org) = (&app, &w.org);
            async move { person(app, org, name, k, &[a], joined).await }
        };
        let day14 = p("Day fourteen", "service_user", Some(days_ago(14))).await;
        let day15 = p("Day fifteen", "carer", Some(days_ago(15))).await;
        let today = p("Joined today", "carer", Some(TODAY)).await;
        let last = p("Last newcomer day", "service_user", Some(days_ago(182))).await;
        p("Too long ago", "service_user", Some(days_ago(183))).await;
        p("Not joined yet", "service_user", Some(days_ago(-1))).await;
        p("No joining date", "service_user", None).await;
        p("Staff member", "staff", Some(days_ago(20))).await;
        let paused = p("Paused", "carer", Some(days_ago(20))).await;
        set_status(&app, paused, "paused").await;
        let paired = p("Paired", "carer", Some(days_ago(30))).await;
        let was_paired = p("Pairing ended", "carer", Some(days_ago(40))).await;
        let buddy = p("Buddy", "service_user", None).await;
        appoint(&app, &w.org, buddy, "buddy", days_ago(300), None).await;
        buddies::pair(&app, &w.org.admin, &pairing(paired, buddy, days_ago(20)))
            .await
            .expect("pair");
        let ended = buddies::pair(
            &app,
            &w.org.admin,
            &pairing(was_paired, buddy, days_ago(38)),
        )
        .await
        .expect("pair");
        buddies::end(
            &app,
            &w.org.admin,
            ended,
            &EndDraft {
                ends_on: parts(days_ago(10)),
            },
        )
        .await
        .expect("end");

        // Exec
        let o = buddies::overview(&app, &w.org.admin, None)
            .await
            .expect("overview");

        // Check: longest waiting first, overdue only after the fourteenth day.
        let got: Vec<(i64, bool)> = o.waiting.iter().map(|x| (x.person_id, x.overdue)).collect();
        assert_eq!(
            got,
            vec![
                (last, true),
                (was_paired, true),
                (day15, true),
                (day14, false),
                (today, false),
            ]
        );
        let d14 = o
            .waiting
            .iter()
            .find(|x| x.person_id == day14)
            .expect("d14");
        assert_eq!(d14.due_on, TODAY);
        assert_eq!(d14.unit_ids, vec![a]);
        assert_eq!(
            buddies::waiting_count(&app, &w.org.admin).await.expect("n"),
            Some((5, 3))
        );
        // The next day, the fourteenth-day newcomer is overdue too, the oldest is no longer a
        // newcomer, and the one joining tomorrow has joined.
        app.clock.set(T0 + 24 * 60 * 60 * 1000);
        let next = buddies::overview(&app, &w.org.admin, None)
            .await
            .expect("overview");
        let d14 = next
            .waiting
            .iter()
            .find(|x| x.person_id == day14)
            .expect("d14");
        assert!(d14.overdue);
        assert!(next.waiting.iter().all(|x| x.person_id != last));
        assert_eq!(next.waiting.len(), 5);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_pair_and_see_only_people_in_their_units() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let (a, b) = (w.alder, w.birch);
        let here = person(&app, &w.org, "Here", "carer", &[a], Some(days_ago(20))).await;
        let there = person(&app, &w.org, "There", "carer", &[b], Some(days_ago(20))).await;
        let buddy_here = person(&app, &w.org, "Buddy here", "carer", &[a], None).await;
        let buddy_there = person(&app, &w.org, "Buddy there", "carer", &[b], None).await;
        for x in [buddy_here, buddy_there] {
            appoint(&app, &w.org, x, "buddy", days_ago(300), None).await;
        }
        let theirs = buddies::pair(&app, &w.org.admin, &pairing(there, buddy_there, TODAY))
            .await
            .expect("admin pairs on Birch");

        // Exec + Check
        let other_newcomer = person(&app, &w.org, "There too", "carer", &[b], Some(TODAY)).await;
        assert_eq!(
            field_code(
                buddies::pair(&app, &w.staff, &pairing(other_newcomer, buddy_here, TODAY)).await,
                "newcomer_id"
            ),
            "buddies-error-newcomer"
        );
        assert_eq!(
            field_code(
                buddies::pair(&app, &w.staff, &pairing(here, buddy_there, TODAY)).await,
                "buddy_id"
            ),
            "buddies-error-buddy-not-holder"
        );
        let o = buddies::overview(&app, &w.staff, None).await.expect("o");
        assert_eq!(
            o.waiting.iter().map(|x| x.person_id).collect::<Vec<_>>(),
            vec![here]
        );
        assert!(o.pairings.is_empty());
        assert!(matches!(
            buddies::view(&app, &w.staff, theirs).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            buddies::add_checkin(
                &app,
                &w.staff,
                theirs,
                &CheckinDraft {
                    held_on: parts(TODAY),
                    note: String::new()
                }
            )
            .await,
            Err(AppError::NotFound)
        ));
        let c = buddies::choices(&app, &w.staff).await.expect("choices");
        assert_eq!(c.buddies, vec![(buddy_here, "Buddy here".to_owned())]);
        assert!(c.newcomers.iter().all(|(id, _)| *id != there));
        let mine = buddies::pair(&app, &w.staff, &pairing(here, buddy_here, TODAY))
            .await
            .expect("staff pair on their unit");
        // The lead's unit filter keeps to the unit asked for.
        let lead = account(&app, &w.org, "lead@org-a.example", Role::Lead, &[], None).await;
        let on_birch = buddies::overview(&app, &lead, Some(b)).await.expect("o");
        assert_eq!(
            on_birch.pairings.iter().map(|p| p.id).collect::<Vec<_>>(),
            vec![theirs]
        );
        let all = buddies::overview(&app, &lead, None).await.expect("o");
        assert_eq!(all.pairings.len(), 2, "{mine}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_ins_fall_inside_the_pairing_ends_follow_the_start_and_audit_rows_name_the_newcomer()
{
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = person(&app, &w.org, "Nia", "carer", &[a], Some(days_ago(10))).await;
        let buddy = person(&app, &w.org, "Ula", "carer", &[a], None).await;
        appoint(&app, &w.org, buddy, "buddy", days_ago(300), None).await;
        let id = buddies::pair(&app, &w.staff, &pairing(newcomer, buddy, days_ago(7)))
            .await
            .expect("pair");
        let checkin = |d: Date, note: &str| CheckinDraft {
            held_on: parts(d),
            note: note.into(),
        };

        // Exec + Check
        assert_eq!(
            field_code(
                buddies::add_checkin(&app, &w.staff, id, &checkin(days_ago(8), "")).await,
                "held_on"
            ),
            "buddies-error-checkin-before-start"
        );
        assert_eq!(
            field_code(
                buddies::add_checkin(&app, &w.staff, id, &checkin(days_ago(-1), "")).await,
                "held_on"
            ),
            "date-error-future"
        );
        assert_eq!(
            field_code(
                buddies::add_checkin(&app, &w.staff, id, &checkin(TODAY, &"x".repeat(2001))).await,
                "note"
            ),
            "buddies-error-note-too-long"
        );
        buddies::add_checkin(&app, &w.staff, id, &checkin(days_ago(7), "Met for tea"))
            .await
            .expect("check-in");
        let end = |d: Date| EndDraft { ends_on: parts(d) };
        assert_eq!(
            field_code(
                buddies::end(&app, &w.staff, id, &end(days_ago(8))).await,
                "ends_on"
            ),
            "buddies-error-end-before-start"
        );
        assert_eq!(
            field_code(
                buddies::end(&app, &w.staff, id, &end(days_ago(-1))).await,
                "ends_on"
            ),
            "date-error-future"
        );
        assert_eq!(
            field_code(
                buddies::end(&app, &w.staff, id, &EndDraft::default()).await,
                "ends_on"
            ),
            "buddies-error-end-date"
        );
        buddies::end(&app, &w.staff, id, &end(days_ago(2)))
            .await
            .expect("end");
        assert!(matches!(
            buddies::end(&app, &w.staff, id, &end(TODAY)).await,
            Err(AppError::Conflict("buddies-error-already-ended"))
        ));
        // After the end, a check-in may still be recorded for a day inside the pairing.
        assert_eq!(
            field_code(
                buddies::add_checkin(&app, &w.staff, id, &checkin(days_ago(1), "")).await,
                "held_on"
            ),
            "buddies-error-checkin-after-end"
        );
        let v = buddies::view(&app, &w.staff, id).await.expect("view");
        assert_eq!(v.pairing.ends_on, Some(days_ago(2).to_string()));
        assert_eq!(
            v.checkins
                .iter()
                .map(|c| (c.held_on.clone(), c.note.clone()))
                .collect::<Vec<_>>(),
            vec![(days_ago(7).to_string(), Some("Met for tea".to_owned()))]
        );
        let mut h = app.db.acquire().await.expect("h");
        for (entity, actions) in [
            ("buddy_pairing", vec!["view", "update", "create"]),
            ("buddy_checkin", vec!["create"]),
        ] {
            let rows = cairn_db::audit::list(
                &mut h.conn(),
                w.org.id,
                &AuditQuery {
                    entity: Some(entity.into()),
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .expect("audit");
            assert_eq!(
                rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
                actions,
                "{entity}"
            );
            assert!(
                rows.iter()
                    .all(|r| r.on_behalf_of_person_id == Some(newcomer)),
                "{entity}"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_newcomer_and_the_buddy_each_get_a_notice_in_their_own_language() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = people::create(
            &app,
            &w.org.admin,
            &PersonDraft {
                chosen_name: "Nia".into(),
                constituency: "service_user".into(),
                unit_ids: vec![a],
                status: "active".into(),
                preferred_language: "cy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("newcomer");
        let buddy = person(&app, &w.org, "Ula", "carer", &[a], None).await;
        appoint(&app, &w.org, buddy, "buddy", days_ago(300), None).await;
        let n = account(
            &app,
            &w.org,
            "nia@example.org",
            Role::Member,
            &[],
            Some(newcomer),
        )
        .await;
        let b = account(
            &app,
            &w.org,
            "ula@example.org",
            Role::Member,
            &[],
            Some(buddy),
        )
        .await;

        // Exec
        buddies::pair(&app, &w.org.admin, &pairing(newcomer, buddy, days_ago(1)))
            .await
            .expect("pair");

        // Check
        let mut h = app.db.acquire().await.expect("h");
        let to_n = cairn_db::notices::list(&mut h.conn(), n.user_id, 10)
            .await
            .expect("n");
        let to_b = cairn_db::notices::list(&mut h.conn(), b.user_id, 10)
            .await
            .expect("b");
        assert_eq!(to_n.len(), 1);
        assert_eq!(to_n[0].message_id, "notice-buddy-paired-newcomer");
        let args: serde_json::Value = serde_json::from_str(&to_n[0].args_json).expect("json");
        assert_eq!(args["name"], "Ula");
        // The date is stored as a date, to be put into words when the notice is read.
        assert_eq!(args["date"], serde_json::json!({"date": "2026-03-28"}));
        assert_eq!(to_b.len(), 1);
        assert_eq!(to_b[0].message_id, "notice-buddy-paired-buddy");
        let args: serde_json::Value = serde_json::from_str(&to_b[0].args_json).expect("json");
        assert_eq!(args["name"], "Nia");
        assert_eq!(args["date"], serde_json::json!({"date": "2026-03-28"}));
        drop(h);
        let shown = |who: Actor, lang| {
            let app = app.clone();
            async move {
                cairn_app::notices::for_actor(&app, &who, lang)
                    .await
                    .expect("notices")
                    .into_iter()
                    .map(|n| n.text)
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            shown(n, Language::Cy).await,
            vec!["Cy:notice-buddy-paired-newcomer:date=28 Mawrth 2026,name=Ula"]
        );
        assert_eq!(
            shown(b, Language::En).await,
            vec!["En:notice-buddy-paired-buddy:date=28 March 2026,name=Nia"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buddy_notice_shows_its_date_in_the_language_it_is_read_in_not_the_one_it_was_written_in()
{
    both_engines(|db| async move {
        // Setup: the newcomer reads Welsh when paired, the buddy English.
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = people::create(
            &app,
            &w.org.admin,
            &PersonDraft {
                chosen_name: "Nia".into(),
                constituency: "service_user".into(),
                unit_ids: vec![a],
                status: "active".into(),
                preferred_language: "cy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("newcomer");
        let buddy = person(&app, &w.org, "Ula", "carer", &[a], None).await;
        appoint(&app, &w.org, buddy, "buddy", days_ago(300), None).await;
        let n = account(
            &app,
            &w.org,
            "nia@example.org",
            Role::Member,
            &[],
            Some(newcomer),
        )
        .await;
        let b = account(
            &app,
            &w.org,
            "ula@example.org",
            Role::Member,
            &[],
            Some(buddy),
        )
        .await;
        buddies::pair(&app, &w.org.admin, &pairing(newcomer, buddy, days_ago(1)))
            .await
            .expect("pair");

        // Exec: each later reads Cairn in the other language.
        let to_n = cairn_app::notices::for_actor(&app, &n, Language::En)
            .await
            .expect("newcomer's notices");
        let to_b = cairn_app::notices::for_actor(&app, &b, Language::Cy)
            .await
            .expect("buddy's notices");

        // Check
        assert_eq!(
            to_n.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
            vec!["En:notice-buddy-paired-newcomer:date=28 March 2026,name=Ula"]
        );
        assert_eq!(
            to_b.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
            vec!["Cy:notice-buddy-paired-buddy:date=28 Mawrth 2026,name=Nia"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_stored_with_text_arguments_before_typed_ones_reads_as_it_did() {
    both_engines(|db| async move {
        // Setup: a notice as Cairn stored them before, every argument already text.
        let app = app(db);
        let w = world(&app).await;
        let buddy = person(&app, &w.org, "Ula", "carer", &[w.alder], None).await;
        let b = account(
            &app,
            &w.org,
            "ula@example.org",
            Role::Member,
            &[],
            Some(buddy),
        )
        .await;
        {
            let mut h = app.db.acquire().await.expect("h");
            cairn_db::notices::insert(
                &mut h.conn(),
                b.user_id,
                "notice-buddy-paired-buddy",
                r#"{"name":"Nia","date":"28 March 2026","odd":{"shape":1}}"#,
                app.now(),
            )
            .await
            .expect("insert");
        }

        // Exec
        let shown = cairn_app::notices::for_actor(&app, &b, Language::Cy)
            .await
            .expect("notices");

        // Check: text as stored; a value of an unknown shape is shown, not lost.
        assert_eq!(
            shown.iter().map(|x| x.text.as_str()).collect::<Vec<_>>(),
            vec!["Cy:notice-buddy-paired-buddy:date=28 March 2026,name=Nia,odd={\"shape\":1}"]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_sees_only_the_pairings_they_are_in() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let a = w.alder;
        let newcomer = person(&app, &w.org, "Nia", "carer", &[a], Some(days_ago(5))).await;
        let buddy = person(&app, &w.org, "Ula", "carer", &[a], None).await;
        let other = person(&app, &w.org, "Wyn", "carer", &[a], Some(days_ago(5))).await;
        appoint(&app, &w.org, buddy, "buddy", days_ago(300), None).await;
        let id = buddies::pair(&app, &w.org.admin, &pairing(newcomer, buddy, days_ago(2)))
            .await
            .expect("pair");
        buddies::add_checkin(
            &app,
            &w.org.admin,
            id,
            &CheckinDraft {
                held_on: parts(days_ago(1)),
                note: "Walk in the garden".into(),
            },
        )
        .await
        .expect("check-in");
        let as_newcomer = account(
            &app,
            &w.org,
            "n@example.org",
            Role::Member,
            &[],
            Some(newcomer),
        )
        .await;
        let as_buddy = account(
            &app,
            &w.org,
            "b@example.org",
            Role::Member,
            &[],
            Some(buddy),
        )
        .await;
        let as_other = account(
            &app,
            &w.org,
            "o@example.org",
            Role::Member,
            &[],
            Some(other),
        )
        .await;

        // Exec
        let n = buddies::mine(&app, &as_newcomer).await.expect("n");
        let b = buddies::mine(&app, &as_buddy).await.expect("b");
        let o = buddies::mine(&app, &as_other).await.expect("o");

        // Check
        assert_eq!(n.len(), 1);
        assert!(n[0].i_am_newcomer);
        assert_eq!(n[0].pairing.buddy_name, "Ula");
        assert_eq!(n[0].checkins.len(), 1);
        assert_eq!(b.len(), 1);
        assert!(!b[0].i_am_newcomer);
        assert!(o.is_empty());
        assert!(buddies::has_mine(&app, &as_buddy).await.expect("has"));
        assert!(!buddies::has_mine(&app, &as_other).await.expect("has"));
        for m in [&as_newcomer, &as_other] {
            assert!(matches!(
                buddies::view(&app, m, id).await,
                Err(AppError::Forbidden)
            ));
            assert!(matches!(
                buddies::overview(&app, m, None).await,
                Err(AppError::Forbidden)
            ));
        }
        // Staff without a person record of their own have no pairings page.
        assert!(matches!(
            buddies::mine(&app, &w.staff).await,
            Err(AppError::Forbidden)
        ));
        // Once the pairing ends, it is no longer "my buddy".
        buddies::end(
            &app,
            &w.org.admin,
            id,
            &EndDraft {
                ends_on: parts(TODAY),
            },
        )
        .await
        .expect("end");
        assert!(
            buddies::mine(&app, &as_newcomer)
                .await
                .expect("n")
                .is_empty()
        );
        assert!(!buddies::has_mine(&app, &as_newcomer).await.expect("has"));
    })
    .await;
}

fn arrival(arrived: Date, offered: Option<Date>) -> ArrivalDraft {
    ArrivalDraft {
        arrived_on: parts(arrived),
        offered_on: DateParts::from_date(offered),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_arrival_is_a_unit_and_dates_and_nothing_that_names_anyone() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;

        // Exec
        let id = welcome::create(
            &app,
            &w.staff,
            Some(w.alder),
            &arrival(days_ago(3), Some(days_ago(2))),
        )
        .await
        .expect("arrival");

        // Check: the table has no column a name or a clinical detail could go in.
        let columns: Vec<String> = app
            .db
            .schema_columns()
            .await
            .expect("schema")
            .into_iter()
            .filter(|(t, _)| t == "arrivals")
            .map(|(_, c)| c)
            .collect();
        assert_eq!(
            columns,
            vec![
                "accepted_on",
                "arrived_on",
                "created_at",
                "declined_on",
                "held_on",
                "id",
                "offered_on",
                "organisation_id",
                "recorded_by_label",
                "unit_id",
                "updated_at",
            ]
        );
        let got = welcome::get(&app, &w.staff, id).await.expect("get");
        assert_eq!(got.unit_id, w.alder);
        assert_eq!(got.arrived_on, days_ago(3).to_string());
        assert_eq!(got.offered_on, Some(days_ago(2).to_string()));
        assert_eq!(got.held_on, None);
        // The audit row names nobody.
        let mut h = app.db.acquire().await.expect("h");
        let rows = cairn_db::audit::list(
            &mut h.conn(),
            w.org.id,
            &AuditQuery {
                entity: Some("arrival".into()),
                limit: 5,
                ..Default::default()
            },
        )
        .await
        .expect("audit");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].on_behalf_of_person_id, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrival_and_meeting_dates_are_checked_and_units_kept_to_the_staffs_own() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let on_birch = welcome::create(
            &app,
            &w.org.admin,
            Some(w.birch),
            &arrival(days_ago(5), None),
        )
        .await
        .expect("arrival on Birch");
        let id = welcome::create(&app, &w.staff, Some(w.alder), &arrival(days_ago(5), None))
            .await
            .expect("arrival on Alder");
        let meeting = |offered: Option<Date>,
                       accepted: Option<Date>,
                       declined: Option<Date>,
                       held: Option<Date>| ArrivalDraft {
            offered_on: DateParts::from_date(offered),
            accepted_on: DateParts::from_date(accepted),
            declined_on: DateParts::from_date(declined),
            held_on: DateParts::from_date(held),
            ..Default::default()
        };

        // Exec + Check
        assert_eq!(
            field_code(
                welcome::create(&app, &w.staff, Some(w.birch), &arrival(TODAY, None)).await,
                "unit_id"
            ),
            "welcome-error-unit"
        );
        assert_eq!(
            field_code(
                welcome::create(&app, &w.staff, Some(w.alder), &arrival(days_ago(-1), None)).await,
                "arrived_on"
            ),
            "date-error-future"
        );
        assert_eq!(
            field_code(
                welcome::create(&app, &w.staff, None, &ArrivalDraft::default()).await,
                "arrived_on"
            ),
            "welcome-error-arrived"
        );
        assert!(matches!(
            welcome::get(&app, &w.staff, on_birch).await,
            Err(AppError::NotFound)
        ));
        let s = &w.staff;
        for (draft, field, code) in [
            (
                meeting(None, None, None, None),
                "offered_on",
                "welcome-error-offered-required",
            ),
            (
                meeting(Some(days_ago(6)), None, None, None),
                "offered_on",
                "welcome-error-before-arrival",
            ),
            (
                meeting(None, None, None, Some(days_ago(1))),
                "held_on",
                "welcome-error-needs-offered",
            ),
            (
                meeting(
                    Some(days_ago(4)),
                    Some(days_ago(3)),
                    Some(days_ago(3)),
                    None,
                ),
                "declined_on",
                "welcome-error-accepted-and-declined",
            ),
            (
                meeting(Some(days_ago(4)), None, None, Some(days_ago(-1))),
                "held_on",
                "date-error-future",
            ),
        ] {
            assert_eq!(
                field_code(welcome::record_meeting(&app, s, id, &draft).await, field),
                code,
                "{field}"
            );
        }
        welcome::record_meeting(
            &app,
            s,
            id,
            &meeting(
                Some(days_ago(4)),
                Some(days_ago(3)),
                None,
                Some(days_ago(1)),
            ),
        )
        .await
        .expect("record the meeting");
        let got = welcome::get(&app, s, id).await.expect("get");
        assert_eq!(
            got.arrived_on,
            days_ago(5).to_string(),
            "the arrival date is kept"
        );
        assert_eq!(
            (
                got.offered_on,
                got.accepted_on,
                got.declined_on,
                got.held_on
            ),
            (
                Some(days_ago(4).to_string()),
                Some(days_ago(3).to_string()),
                None,
                Some(days_ago(1).to_string())
            )
        );
        // A member has no part in arrivals at all.
        let member_person = person(&app, &w.org, "Mo", "service_user", &[w.alder], None).await;
        let m = account(
            &app,
            &w.org,
            "m@example.org",
            Role::Member,
            &[],
            Some(member_person),
        )
        .await;
        assert!(matches!(
            welcome::overview(&app, &m, None).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            welcome::get(&app, &m, id).await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_share_offered_counts_arrivals_of_the_last_ninety_days_per_unit() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let w = world(&app).await;
        let admin = &w.org.admin;
        for (u, arrived, offered) in [
            (w.alder, days_ago(89), Some(days_ago(88))),
            (w.alder, days_ago(10), None),
            (w.alder, days_ago(1), None),
            // A day too early for the window.
            (w.alder, days_ago(90), Some(days_ago(90))),
            (w.birch, TODAY, Some(TODAY)),
        ] {
            welcome::create(&app, admin, Some(u), &arrival(arrived, offered))
                .await
                .expect("arrival");
        }

        // Exec
        let all = welcome::overview(&app, admin, None).await.expect("all");
        let staff = welcome::overview(&app, &w.staff, None)
            .await
            .expect("staff");

        // Check
        assert_eq!(all.window_from, days_ago(89));
        assert_eq!(
            all.shares,
            vec![
                welcome::Share {
                    unit_id: w.alder,
                    arrivals: 3,
                    offered: 1
                },
                welcome::Share {
                    unit_id: w.birch,
                    arrivals: 1,
                    offered: 1
                },
            ]
        );
        assert_eq!(all.shares[0].percent(), 33);
        assert_eq!(all.shares[1].percent(), 100);
        assert_eq!(
            all.arrivals.len(),
            5,
            "the list itself is not cut to the window"
        );
        assert_eq!(all.arrivals[0].arrived_on, TODAY.to_string());
        assert_eq!(staff.shares.len(), 1);
        assert_eq!(staff.shares[0].unit_id, w.alder);
        assert!(staff.arrivals.iter().all(|x| x.unit_id == w.alder));
        let birch = welcome::overview(&app, admin, Some(w.birch))
            .await
            .expect("birch");
        assert_eq!(birch.arrivals.len(), 1);
    })
    .await;
}
