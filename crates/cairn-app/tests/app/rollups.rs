//! The monthly roll-ups behind the representation report and the reports' meeting measures
//! (`cairn_db::reports::rollups`): after any sequence of real changes — scheduling, recording
//! and correcting attendance, cancelling, people changing constituency or units, erasure,
//! retention, the demo generator — the roll-up figures equal the old scan of every meeting; a
//! change rolled back leaves them as they were; and migration 0032 fills them from the meetings
//! already there. Every body runs on SQLite and PostgreSQL through [`both_engines`].
//! Each test reads Setup → Exec → Check.

use crate::common::*;
use crate::meetings::{SU_AND_CARER, attended, group_draft, meeting_at, new_group, person_draft};
use cairn_app::meetings::{self, AttendanceLine};
use cairn_app::{App, AppError, AppResult, people, retention};
use cairn_db::meetings::{RepresentationCell, RepresentationQuery};
use cairn_db::reports::rollups::{self, MeetingMonth};
use cairn_db::{Conn, Db};
use cairn_domain::meetings::Presence;
use cairn_testkit::both_engines;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const MINUTE: i64 = 60_000;
const DAY: i64 = 24 * 60 * MINUTE;

/// The widest month range any test meeting falls in.
const FIRST_MONTH: &str = "2000-01";
const LAST_MONTH: &str = "2099-12";

/// The queries the report is read with: everything, one month range, one unit, one group, and
/// a reader scoped to one unit (with the service-wide groups).
fn queries(units: &[i64], group: i64) -> Vec<RepresentationQuery> {
    vec![
        RepresentationQuery::default(),
        RepresentationQuery {
            from_month: Some("2026-01".into()),
            to_month: Some("2026-02".into()),
            ..Default::default()
        },
        RepresentationQuery {
            unit_id: Some(units[0]),
            ..Default::default()
        },
        RepresentationQuery {
            group_id: Some(group),
            ..Default::default()
        },
        RepresentationQuery {
            within_units: Some(vec![units[1]]),
            ..Default::default()
        },
        RepresentationQuery {
            within_units: Some(vec![]),
            ..Default::default()
        },
    ]
}

/// Every figure the roll-ups serve, read from the roll-ups and from the scan of `meetings`.
#[derive(Debug, PartialEq, Eq)]
struct Figures {
    cells: Vec<Vec<RepresentationCell>>,
    months: Vec<Vec<MeetingMonth>>,
}

async fn figures(
    c: &mut Conn<'_>,
    org: i64,
    units: &[i64],
    group: i64,
    rescanned: bool,
) -> Figures {
    let mut cells = Vec::new();
    for q in queries(units, group) {
        let read = if rescanned {
            rollups::representation_cells_rescanned(c, org, &q).await
        } else {
            rollups::representation_cells(c, org, &q).await
        };
        cells.push(read.expect("representation cells"));
    }
    let mut months = Vec::new();
    for unit in std::iter::once(None).chain(units.iter().map(|u| Some(*u))) {
        let read = if rescanned {
            rollups::meeting_months_rescanned(c, org, unit, FIRST_MONTH, LAST_MONTH).await
        } else {
            rollups::meeting_months(c, org, unit, FIRST_MONTH, LAST_MONTH).await
        };
        months.push(read.expect("meeting months"));
    }
    Figures { cells, months }
}

/// Fails unless the roll-ups give exactly what scanning every meeting gives; returns them.
async fn assert_rollups_match_rescan(
    db: &Db,
    org: i64,
    units: &[i64],
    group: i64,
    step: &str,
) -> Figures {
    let mut h = db.acquire().await.expect("acquire");
    let mut c = h.conn();
    let from_rollups = figures(&mut c, org, units, group, false).await;
    let rescanned = figures(&mut c, org, units, group, true).await;
    assert_eq!(from_rollups, rescanned, "after {step}");
    from_rollups
}

/// A refusal the use cases give for a change that cannot be made (a meeting not yet started,
/// one already cancelled or held, an erased person): anything else fails the test.
fn refused_or_done<T: std::fmt::Debug>(r: AppResult<T>, step: &str) {
    match r {
        Ok(_) | Err(AppError::Conflict(_) | AppError::Invalid(_) | AppError::NotFound) => {}
        Err(e) => panic!("{step}: {e:?}"),
    }
}

/// An organisation with two units, a group on each and one for the whole service, and people
/// of every constituency.
struct World {
    app: App,
    org: Org,
    units: Vec<i64>,
    groups: Vec<i64>,
    people: Vec<(i64, String, Vec<i64>)>,
}

const CONSTITUENCIES: [&str; 5] = ["service_user", "carer", "staff", "third_sector", "manager"];

async fn world(db: Db, n: u64) -> World {
    let app = app(db);
    let org = org(
        &app,
        &format!("Rollup Health Board {n}"),
        &format!("admin{n}@rollup.test"),
    )
    .await;
    let units = vec![
        unit(&app, &org, "Alder").await,
        unit(&app, &org, "Birch").await,
    ];
    let mut groups = Vec::new();
    for (name, kind, u) in [
        ("Alder community", "community", Some(units[0])),
        ("Birch community", "community", Some(units[1])),
        ("Strategy group", "strategy", None),
    ] {
        groups.push(new_group(&app, &org.admin, &group_draft(name, kind, u, SU_AND_CARER)).await);
    }
    let mut everyone = Vec::new();
    for i in 0..10usize {
        let k = CONSTITUENCIES[i % CONSTITUENCIES.len()];
        let in_units = vec![units[i % 2]];
        let name = format!("Person {i}");
        let id = people::create(&app, &org.admin, &person_draft(&name, k, &in_units))
            .await
            .expect("create person");
        everyone.push((id, name, in_units));
    }
    World {
        app,
        org,
        units,
        groups,
        people: everyone,
    }
}

/// One random change through the use cases; returns what it was, for the failure message.
async fn random_change(w: &mut World, rng: &mut StdRng, meetings_so_far: &mut Vec<i64>) -> String {
    let admin = &w.org.admin;
    let op = if meetings_so_far.is_empty() {
        0
    } else {
        rng.random_range(0..10)
    };
    match op {
        // Scheduling, mostly in the past six months (some across a month's end on the London
        // clock), a few still to come.
        0 | 1 => {
            let group = w.groups[rng.random_range(0..w.groups.len())];
            let starts =
                T0 - rng.random_range(-10..180) * DAY + rng.random_range(0..48) * 30 * MINUTE;
            let id = meeting_at(&w.app, admin, group, starts, 90).await;
            meetings_so_far.push(id);
            format!("scheduling meeting {id} of group {group}")
        }
        // Recording attendance, or correcting it (the same call replaces the list).
        2..=4 => {
            let m = meetings_so_far[rng.random_range(0..meetings_so_far.len())];
            let mut lines = Vec::new();
            for (id, _, _) in &w.people {
                if rng.random_bool(0.6) {
                    lines.push(AttendanceLine {
                        person_id: *id,
                        presence: [Presence::Attended, Presence::Apologies, Presence::Absent]
                            [rng.random_range(0..3)],
                    });
                }
            }
            let others = rng.random_range(0..4);
            let r = meetings::record_attendance(&w.app, admin, m, &lines, others).await;
            let step = format!("recording attendance of {} on meeting {m}", lines.len());
            refused_or_done(r, &step);
            step
        }
        5 => {
            let m = meetings_so_far[rng.random_range(0..meetings_so_far.len())];
            refused_or_done(meetings::cancel(&w.app, admin, m).await, "cancelling");
            format!("cancelling meeting {m}")
        }
        // A person's constituency or units changing after their meetings.
        6 | 7 => {
            let i = rng.random_range(0..w.people.len());
            let k = CONSTITUENCIES[rng.random_range(0..CONSTITUENCIES.len())];
            let in_units = if rng.random_bool(0.5) {
                vec![w.units[rng.random_range(0..w.units.len())]]
            } else {
                w.units.clone()
            };
            let (id, name, _) = w.people[i].clone();
            let r = people::update(&w.app, admin, id, &person_draft(&name, k, &in_units)).await;
            refused_or_done(r, "updating a person");
            w.people[i].2 = in_units;
            format!("person {id} becoming {k} in {:?}", w.people[i].2)
        }
        8 => {
            let (id, _, _) = w.people[rng.random_range(0..w.people.len())].clone();
            let r = people::erasure::erase(&w.app, admin, id, "They asked us to").await;
            refused_or_done(r, "erasing");
            format!("erasing person {id}")
        }
        _ => {
            retention::apply(&w.app, admin).await.expect("retention");
            "running retention".to_owned()
        }
    }
}

#[tokio::test]
async fn rollups_equal_a_rescan_of_every_meeting_after_each_of_a_random_sequence_of_changes() {
    both_engines(|db| async move {
        for seed in [1u64, 2, 3] {
            // Setup
            let mut w = world(db.clone(), seed).await;
            let mut rng = StdRng::seed_from_u64(seed);
            let mut so_far = Vec::new();
            // A few meetings held before the random changes start.
            for (i, g) in w.groups.clone().into_iter().enumerate() {
                let weeks_back = i64::try_from(i).unwrap_or(0) + 3;
                let m = meeting_at(&w.app, &w.org.admin, g, T0 - weeks_back * 20 * DAY, 60).await;
                let present: Vec<i64> = w.people.iter().map(|p| p.0).take(4 + i).collect();
                meetings::record_attendance(&w.app, &w.org.admin, m, &attended(&present), 1)
                    .await
                    .expect("attendance");
                so_far.push(m);
            }
            let start =
                assert_rollups_match_rescan(&db, w.org.id, &w.units, w.groups[0], "setup").await;
            assert!(
                !start.cells[0].is_empty(),
                "the setup's meetings are counted"
            );

            // Exec and Check, after every step.
            for n in 0..40 {
                let step = random_change(&mut w, &mut rng, &mut so_far).await;
                assert_rollups_match_rescan(
                    &db,
                    w.org.id,
                    &w.units,
                    w.groups[0],
                    &format!("seed {seed}, step {n}: {step}"),
                )
                .await;
            }
            let end =
                assert_rollups_match_rescan(&db, w.org.id, &w.units, w.groups[0], "the end").await;
            assert_ne!(start, end, "seed {seed}: the changes changed the figures");
        }
    })
    .await;
}

#[tokio::test]
async fn attendance_rolled_back_leaves_the_rollups_as_they_were() {
    both_engines(|db| async move {
        // Setup
        let w = world(db.clone(), 0).await;
        let group = w.groups[0];
        let m = meeting_at(&w.app, &w.org.admin, group, T0 - 10 * DAY, 60).await;
        let everyone: Vec<i64> = w.people.iter().map(|p| p.0).collect();
        meetings::record_attendance(&w.app, &w.org.admin, m, &attended(&everyone[..2]), 0)
            .await
            .expect("attendance");
        let before = assert_rollups_match_rescan(&db, w.org.id, &w.units, group, "setup").await;

        // Exec: a correction written inside a transaction that is then abandoned.
        let inside = {
            let mut tx = db.begin().await.expect("begin");
            let g = cairn_db::meetings::get_group(&mut tx.conn(), w.org.id, group)
                .await
                .expect("group")
                .expect("group exists");
            let counts = cairn_domain::meetings::Counts([3, 2, 1, 0, 0]);
            cairn_db::meetings::set_attendance_summary(
                &mut tx.conn(),
                m,
                &counts,
                5,
                &g.rule(),
                true,
                T0,
            )
            .await
            .expect("summary");
            let inside = figures(&mut tx.conn(), w.org.id, &w.units, group, false).await;
            drop(tx);
            inside
        };
        // A use case refused half-way: attendance for a meeting still to come.
        let to_come = meeting_at(&w.app, &w.org.admin, group, T0 + 3 * DAY, 60).await;
        let refused =
            meetings::record_attendance(&w.app, &w.org.admin, to_come, &attended(&everyone), 2)
                .await;

        // Check
        assert_ne!(
            inside, before,
            "inside the transaction the correction was counted"
        );
        assert!(matches!(refused, Err(AppError::Conflict(_))), "{refused:?}");
        let after = assert_rollups_match_rescan(&db, w.org.id, &w.units, group, "rollback").await;
        assert_eq!(after, before);
    })
    .await;
}

#[tokio::test]
async fn migration_0032_fills_the_rollups_from_the_meetings_already_there() {
    both_engines(|db| async move {
        // Setup: meetings held, one cancelled, one not yet recorded; then the roll-ups emptied,
        // as in a database from before the migration.
        let w = world(db.clone(), 0).await;
        let everyone: Vec<i64> = w.people.iter().map(|p| p.0).collect();
        for (i, g) in w.groups.iter().enumerate() {
            for k in 0..3i64 {
                let m = meeting_at(&w.app, &w.org.admin, *g, T0 - (k * 17 + 2) * DAY, 60).await;
                meetings::record_attendance(
                    &w.app,
                    &w.org.admin,
                    m,
                    &attended(&everyone[i..i + 3 + usize::try_from(k).unwrap_or(0)]),
                    k,
                )
                .await
                .expect("attendance");
            }
        }
        let not_held = meeting_at(&w.app, &w.org.admin, w.groups[2], T0 - DAY, 60).await;
        meetings::cancel(&w.app, &w.org.admin, not_held)
            .await
            .expect("cancel");
        let kept = assert_rollups_match_rescan(&db, w.org.id, &w.units, w.groups[0], "setup").await;
        let migration = match &db {
            Db::Sqlite(_) => include_str!("../../../../migrations/sqlite/0032_monthly_rollups.sql"),
            Db::Postgres(_) => {
                include_str!("../../../../migrations/postgres/0032_monthly_rollups.sql")
            }
        };
        let statements = migration_statements(migration, &["INSERT INTO meeting_month_rollups"]);
        {
            let mut tx = db.begin().await.expect("begin");
            cairn_db::execute!(&mut tx.conn(), "DELETE FROM meeting_month_rollups")
                .expect("empty the roll-ups");
            tx.commit().await.expect("commit");
        }
        let emptied = {
            let mut h = db.acquire().await.expect("acquire");
            figures(&mut h.conn(), w.org.id, &w.units, w.groups[0], false).await
        };

        // Exec
        {
            let mut tx = db.begin().await.expect("begin");
            for s in &statements {
                cairn_db::execute!(&mut tx.conn(), s.as_str()).expect("fill");
            }
            tx.commit().await.expect("commit");
        }

        // Check
        assert_eq!(statements.len(), 1, "the migration fills the roll-ups");
        assert!(emptied.cells[0].is_empty(), "the roll-ups were emptied");
        let filled =
            assert_rollups_match_rescan(&db, w.org.id, &w.units, w.groups[0], "the fill").await;
        assert_eq!(filled, kept);
    })
    .await;
}

#[tokio::test]
async fn the_demo_generator_leaves_rollups_equal_to_a_rescan() {
    both_engines(|db| async move {
        // Setup
        let app = app(db.clone());

        // Exec
        let org = cairn_app::demo::build(&app, "pw-long-enough-123", cairn_app::demo::Scale::Demo)
            .await
            .expect("build demo");

        // Check
        let units: Vec<i64> = {
            let mut h = db.acquire().await.expect("acquire");
            cairn_db::units::list_units(&mut h.conn(), org, None, None, 100)
                .await
                .expect("units")
                .into_iter()
                .map(|u| u.id)
                .take(2)
                .collect()
        };
        let group = meetings::groups(&app, &signed_in(&app, "lead@demo.cairn.test").await)
            .await
            .expect("groups")[0]
            .id;
        let f = assert_rollups_match_rescan(&db, org, &units, group, "the demo").await;
        let held: i64 = f.cells[0].iter().map(|c| c.meetings).sum();
        assert!(held > 50, "a year of meetings is counted ({held})");
    })
    .await;
}

#[tokio::test]
async fn attendance_recorded_at_once_for_meetings_of_one_group_and_month_is_all_counted() {
    both_engines(|db| async move {
        // Setup: pairs of meetings of one group in one month.
        let w = world(db.clone(), 0).await;
        let group = w.groups[2];
        let everyone: Vec<i64> = w.people.iter().map(|p| p.0).collect();
        let mut pairs = Vec::new();
        for k in 0..4i64 {
            let first = meeting_at(&w.app, &w.org.admin, group, T0 - (k + 2) * DAY, 60).await;
            let second = meeting_at(
                &w.app,
                &w.org.admin,
                group,
                T0 - (k + 2) * DAY + 90 * MINUTE,
                60,
            )
            .await;
            pairs.push((first, second));
        }

        // Exec: each pair's attendance recorded in two transactions at the same time.
        let (some, others) = (attended(&everyone[..3]), attended(&everyone[3..]));
        for (first, second) in &pairs {
            let (a, b) = tokio::join!(
                meetings::record_attendance(&w.app, &w.org.admin, *first, &some, 1),
                meetings::record_attendance(&w.app, &w.org.admin, *second, &others, 2),
            );
            a.expect("first attendance");
            b.expect("second attendance");
        }

        // Check
        let f = assert_rollups_match_rescan(&db, w.org.id, &w.units, group, "both at once").await;
        let held: i64 = f.cells[0].iter().map(|c| c.meetings).sum();
        assert_eq!(held, 8, "every meeting of every pair is counted");
    })
    .await;
}
