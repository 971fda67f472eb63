//! What is kept for a unit's self-assessment so it need not count every row: the suggestion
//! tallies and each membership's copy of its person's status, constituency and whether they
//! have interests, kept by triggers (migration 0035); and each closed round's counts per level,
//! written when it closes (migration 0037). After the demo generator, after each of a random
//! sequence of writes made straight in SQL (the triggers must hold whoever writes), and after
//! each migration's fill, what the page reads equals a count of every row. Every body runs on SQLite and
//! PostgreSQL through [`both_engines`]. Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::App;
use cairn_db::model::measures::{UnitCounts, Window, unit_counts};
use cairn_db::{Conn, Db, execute, fetch_all, fetch_one, fetch_scalar};
use cairn_testkit::both_engines;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// The day the counts are taken on, and its instant.
const TODAY: &str = "2026-06-15";
const NOW: i64 = 1_781_481_600_000;

/// The counts the triggers serve, read the old way: every suggestion and member of the unit.
#[derive(Debug, PartialEq, Eq)]
struct Counted {
    with_interests: i64,
    leaders: i64,
    moved_on_active: i64,
    closed: i64,
    answered: i64,
    needing_forum: i64,
    forum_decided: i64,
}

impl Counted {
    fn of(n: &UnitCounts) -> Self {
        Self {
            with_interests: n.with_interests,
            leaders: n.leaders,
            moved_on_active: n.moved_on_active,
            closed: n.closed,
            answered: n.answered,
            needing_forum: n.needing_forum,
            forum_decided: n.forum_decided,
        }
    }
}

async fn counted(c: &mut Conn<'_>, org: i64, unit: i64) -> Counted {
    let n: (i64, i64, i64, i64, i64, i64, i64) = fetch_one!(
        c,
        (i64, i64, i64, i64, i64, i64, i64),
        "SELECT \
           (SELECT COUNT(*) FROM person_units pu JOIN people p ON p.id = pu.person_id WHERE pu.unit_id = $2 \
              AND p.constituency IN ('service_user', 'carer') AND p.status = 'active' AND p.interests IS NOT NULL) AS with_interests, \
           (SELECT COUNT(DISTINCT a.person_id) FROM appointments a \
              JOIN person_units pu ON pu.person_id = a.person_id AND pu.unit_id = $2 \
              JOIN people p ON p.id = a.person_id \
              JOIN involvement_roles r ON r.id = a.role_id AND r.leadership = TRUE \
              WHERE a.organisation_id = $1 AND p.constituency IN ('service_user', 'carer') \
              AND a.starts_on <= $3 AND (a.ends_on IS NULL OR a.ends_on >= $3)) AS leaders, \
           (SELECT COUNT(*) FROM person_units pu JOIN people p ON p.id = pu.person_id \
              WHERE pu.unit_id = $2 AND p.status = 'moved_on' AND ( \
                EXISTS (SELECT 1 FROM appointments a WHERE a.person_id = p.id AND a.starts_on <= $3 AND (a.ends_on IS NULL OR a.ends_on >= $3)) \
                OR EXISTS (SELECT 1 FROM buddy_pairings b WHERE b.buddy_id = p.id AND b.starts_on <= $3 AND (b.ends_on IS NULL OR b.ends_on >= $3)))) AS moved_on_active, \
           (SELECT COUNT(*) FROM suggestions WHERE unit_id = $2 AND closed_at IS NOT NULL) AS closed, \
           (SELECT COUNT(*) FROM suggestions WHERE unit_id = $2 AND closed_at IS NOT NULL \
              AND public_response IS NOT NULL AND public_response <> '') AS answered, \
           (SELECT COUNT(*) FROM suggestions WHERE unit_id = $2 AND needs_forum) AS needing_forum, \
           (SELECT COUNT(*) FROM suggestions WHERE unit_id = $2 AND needs_forum AND forum_decision IS NOT NULL) AS forum_decided",
        org,
        unit,
        TODAY
    )
    .expect("count every row");
    Counted {
        with_interests: n.0,
        leaders: n.1,
        moved_on_active: n.2,
        closed: n.3,
        answered: n.4,
        needing_forum: n.5,
        forum_decided: n.6,
    }
}

async fn served(c: &mut Conn<'_>, org: i64, unit: i64) -> Counted {
    let n = unit_counts(
        c,
        &Window {
            organisation: org,
            unit,
            today: TODAY,
            ninety_days: "2026-03-17",
            quarter_from: "2026-03-16",
            month_ms: NOW - 30 * DAY,
            quarter_ms: NOW - 91 * DAY,
            year_ms: NOW - 364 * DAY,
            now_ms: NOW,
        },
    )
    .await
    .expect("unit counts");
    Counted::of(&n)
}

const DAY: i64 = 24 * 60 * 60 * 1000;

/// Asserts that every unit's served counts equal the counted ones; returns them.
async fn assert_served_equal_counted(db: &Db, org: i64, units: &[i64], step: &str) -> Vec<Counted> {
    let mut h = db.acquire().await.expect("acquire");
    let mut c = h.conn();
    let mut all = Vec::new();
    for &u in units {
        let by_rows = counted(&mut c, org, u).await;
        assert_eq!(
            served(&mut c, org, u).await,
            by_rows,
            "unit {u} after {step}"
        );
        all.push(by_rows);
    }
    all
}

/// An organisation with three units, twelve people of every constituency and status on them (half
/// with interests), a leadership role with appointments, and a buddy pairing.
struct World {
    app: App,
    org: i64,
    units: Vec<i64>,
    people: Vec<i64>,
}

const CONSTITUENCIES: [&str; 5] = ["service_user", "carer", "staff", "third_sector", "manager"];
const STATUSES: [&str; 4] = ["active", "paused", "moved_on", "left"];

async fn world(db: Db) -> World {
    let app = app(db);
    let o = org(&app, "Tally Health Board", "admin@tally.test").await;
    let units = vec![
        unit(&app, &o, "Alder").await,
        unit(&app, &o, "Birch").await,
        unit(&app, &o, "Cedar").await,
    ];
    let mut tx = app.db.begin().await.expect("tx");
    let c = &mut tx.conn();
    let role: i64 = fetch_scalar!(
        c,
        i64,
        "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, \
           involves_en, involves_cy, time_en, time_cy, support_en, support_cy, level, payment, leadership, created_at, updated_at) \
         VALUES ($1, 'other', 'Peer lead', 'Arweinydd cymheiriaid', 'Leads', 'Arwain', 'Meetings', 'Cyfarfodydd', \
           'Weekly', 'Yn wythnosol', 'A mentor', 'Mentor', 3, 'voluntary', TRUE, $2, $2) RETURNING id",
        o.id,
        NOW
    )
    .expect("role");
    let mut people = Vec::new();
    for i in 0..12usize {
        let id: i64 = fetch_scalar!(
            c,
            i64,
            "INSERT INTO people (organisation_id, chosen_name, search_name, constituency, status, preferred_language, joined_on, interests, created_at, updated_at) \
             VALUES ($1, $2, $2, $3, $4, 'en', '2026-01-01', $5, $6, $6) RETURNING id",
            o.id,
            format!("person {i}"),
            CONSTITUENCIES[i % CONSTITUENCIES.len()],
            STATUSES[(i / 2) % STATUSES.len()],
            (i % 2 == 1).then_some("Walking"),
            NOW
        )
        .expect("person");
        execute!(
            c,
            "INSERT INTO person_units (person_id, unit_id) VALUES ($1, $2)",
            id,
            units[i % units.len()]
        )
        .expect("membership");
        if i % 3 == 0 {
            execute!(
                c,
                "INSERT INTO appointments (organisation_id, role_id, person_id, starts_on, created_by_label, created_at, updated_at) \
                 VALUES ($1, $2, $3, '2026-01-01', 'test', $4, $4)",
                o.id,
                role,
                id,
                NOW
            )
            .expect("appointment");
        }
        people.push(id);
    }
    execute!(
        c,
        "INSERT INTO buddy_pairings (organisation_id, newcomer_id, buddy_id, starts_on, created_by_label, created_at) \
         VALUES ($1, $2, $3, '2026-02-01', 'test', $4)",
        o.id,
        people[0],
        people[5],
        NOW
    )
    .expect("buddy");
    tx.commit().await.expect("commit");
    World {
        app,
        org: o.id,
        units,
        people,
    }
}

/// A closed suggestion with a public response on the first unit, and the first person an active
/// carer with interests: a write that moves both kinds of kept count.
async fn closed_suggestion_and_interests(c: &mut Conn<'_>, w: &World) {
    execute!(
        c,
        "INSERT INTO suggestions (organisation_id, unit_id, channel, text, visibility, anonymous, contact_language, status, received_at, updated_at, closed_at, public_response) \
         VALUES ($1, $2, 'online', 'More walks', 'pending', TRUE, 'en', 'received', $3, $3, $3, 'Done')",
        w.org,
        w.units[0],
        NOW
    )
    .expect("suggestion");
    execute!(
        c,
        "UPDATE people SET interests = 'Music', status = 'active', constituency = 'carer' WHERE id = $1",
        w.people[0]
    )
    .expect("interests");
}

/// One random write straight in SQL; returns what it was, for the failure message.
async fn random_write(w: &World, rng: &mut StdRng) -> String {
    let mut tx = w.app.db.begin().await.expect("tx");
    let c = &mut tx.conn();
    let suggestions: Vec<i64> = fetch_all!(
        c,
        (i64,),
        "SELECT id FROM suggestions WHERE organisation_id = $1 ORDER BY id",
        w.org
    )
    .expect("suggestions")
    .into_iter()
    .map(|(id,)| id)
    .collect();
    let unit = |rng: &mut StdRng| -> Option<i64> {
        let i = rng.random_range(0..=w.units.len());
        w.units.get(i).copied()
    };
    let closed = |rng: &mut StdRng| rng.random_bool(0.5).then_some(NOW - DAY);
    let response = |rng: &mut StdRng| match rng.random_range(0..3) {
        0 => None,
        1 => Some(String::new()),
        _ => Some("We changed the visiting hours".to_owned()),
    };
    let decision = |rng: &mut StdRng| rng.random_bool(0.5).then_some("approved");
    let pick = |rng: &mut StdRng, ids: &[i64]| ids[rng.random_range(0..ids.len())];
    // Moving a person re-inserts their membership, which copies their columns afresh: kept
    // rarest, so that a stale copy left by another write is not hidden by the next move.
    let r = if suggestions.is_empty() {
        0
    } else {
        rng.random_range(0..12)
    };
    let step = match r {
        0 | 1 => {
            let (u, at, r, forum, d) = (
                unit(rng),
                closed(rng),
                response(rng),
                rng.random_bool(0.5),
                decision(rng),
            );
            execute!(
                c,
                "INSERT INTO suggestions (organisation_id, unit_id, channel, text, visibility, anonymous, contact_language, status, received_at, updated_at, closed_at, public_response, needs_forum, forum_decision) \
                 VALUES ($1, $2, 'online', 'More walks', 'pending', TRUE, 'en', 'received', $3, $3, $4, $5, $6, $7)",
                w.org,
                u,
                NOW - 2 * DAY,
                at,
                r.clone(),
                forum,
                d
            )
            .expect("insert suggestion");
            format!("a suggestion on {u:?}, closed {at:?}, response {r:?}, forum {forum} {d:?}")
        }
        2 => {
            let (s, at, r) = (pick(rng, &suggestions), closed(rng), response(rng));
            execute!(
                c,
                "UPDATE suggestions SET closed_at = $2, public_response = $3 WHERE id = $1",
                s,
                at,
                r.clone()
            )
            .expect("close or reopen");
            format!("suggestion {s} closed {at:?} with {r:?}")
        }
        3 => {
            let (s, forum, d) = (pick(rng, &suggestions), rng.random_bool(0.5), decision(rng));
            execute!(
                c,
                "UPDATE suggestions SET needs_forum = $2, forum_decision = $3 WHERE id = $1",
                s,
                forum,
                d
            )
            .expect("forum");
            format!("suggestion {s} forum {forum} {d:?}")
        }
        4 => {
            let (s, u) = (pick(rng, &suggestions), unit(rng));
            execute!(c, "UPDATE suggestions SET unit_id = $2 WHERE id = $1", s, u).expect("move");
            format!("suggestion {s} moved to {u:?}")
        }
        5 => {
            let s = pick(rng, &suggestions);
            execute!(c, "DELETE FROM suggestions WHERE id = $1", s).expect("delete");
            format!("suggestion {s} deleted")
        }
        6..=8 => {
            let (p, st) = (
                pick(rng, &w.people),
                STATUSES[rng.random_range(0..STATUSES.len())],
            );
            let k = CONSTITUENCIES[rng.random_range(0..CONSTITUENCIES.len())];
            execute!(
                c,
                "UPDATE people SET status = $2, constituency = $3 WHERE id = $1",
                p,
                st,
                k
            )
            .expect("status");
            format!("person {p} now {st}, {k}")
        }
        9 | 10 => {
            let p = pick(rng, &w.people);
            let interests = rng.random_bool(0.5).then_some("Gardening, art");
            execute!(
                c,
                "UPDATE people SET interests = $2 WHERE id = $1",
                p,
                interests
            )
            .expect("interests");
            format!("person {p} interests {interests:?}")
        }
        _ => {
            let (p, u) = (pick(rng, &w.people), pick(rng, &w.units));
            execute!(c, "DELETE FROM person_units WHERE person_id = $1", p).expect("leave");
            execute!(
                c,
                "INSERT INTO person_units (person_id, unit_id) VALUES ($1, $2)",
                p,
                u
            )
            .expect("join");
            format!("person {p} moved to unit {u}")
        }
    };
    tx.commit().await.expect("commit");
    step
}

#[tokio::test]
async fn served_counts_equal_a_count_of_every_row_after_each_of_a_random_sequence_of_writes() {
    both_engines(|db| async move {
        // Setup
        let w = world(db.clone()).await;
        let mut rng = StdRng::seed_from_u64(35);
        assert_served_equal_counted(&db, w.org, &w.units, "setup").await;

        // Exec, and Check after each write
        let mut seen = Counted {
            with_interests: 0,
            leaders: 0,
            moved_on_active: 0,
            closed: 0,
            answered: 0,
            needing_forum: 0,
            forum_decided: 0,
        };
        for i in 0..120 {
            let step = random_write(&w, &mut rng).await;
            let all =
                assert_served_equal_counted(&db, w.org, &w.units, &format!("{i}: {step}")).await;
            for n in all {
                seen.with_interests = seen.with_interests.max(n.with_interests);
                seen.leaders = seen.leaders.max(n.leaders);
                seen.moved_on_active = seen.moved_on_active.max(n.moved_on_active);
                seen.closed = seen.closed.max(n.closed);
                seen.answered = seen.answered.max(n.answered);
                seen.needing_forum = seen.needing_forum.max(n.needing_forum);
                seen.forum_decided = seen.forum_decided.max(n.forum_decided);
            }
        }

        // Check: the sequence reached every count, so none was compared only at zero.
        for (name, most) in [
            ("with interests", seen.with_interests),
            ("leaders", seen.leaders),
            ("moved on and active", seen.moved_on_active),
            ("closed", seen.closed),
            ("answered", seen.answered),
            ("needing a forum", seen.needing_forum),
            ("forum decided", seen.forum_decided),
        ] {
            assert!(most > 0, "{name} was never above zero");
        }
    })
    .await;
}

#[tokio::test]
async fn a_rolled_back_write_leaves_the_served_counts_as_they_were() {
    both_engines(|db| async move {
        // Setup
        let w = world(db.clone()).await;
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..20 {
            random_write(&w, &mut rng).await;
        }
        let before = assert_served_equal_counted(&db, w.org, &w.units, "setup").await;

        // Exec: a closed, answered suggestion and a person's new interests, then a rollback.
        {
            let mut tx = db.begin().await.expect("tx");
            let c = &mut tx.conn();
            closed_suggestion_and_interests(c, &w).await;
            // Dropped without a commit: rolled back.
            drop(tx);
        }

        // Check
        let after = assert_served_equal_counted(&db, w.org, &w.units, "the rollback").await;
        assert_eq!(after, before);
    })
    .await;
}

#[tokio::test]
async fn the_demo_generator_leaves_served_counts_equal_to_a_count_of_every_row() {
    both_engines(|db| async move {
        // Setup and Exec
        let (org, units) = demo_units(&db).await;

        // Check
        let all = assert_served_equal_counted(&db, org, &units, "the demo").await;
        let closed: i64 = all.iter().map(|n| n.closed).sum();
        let with_interests: i64 = all.iter().map(|n| n.with_interests).sum();
        assert!(closed > 0, "the demo's closed suggestions are counted");
        assert!(
            with_interests > 0,
            "the demo's people with interests are counted"
        );
    })
    .await;
}

#[tokio::test]
async fn migration_0035_fills_the_tallies_and_copies_from_the_rows_already_there() {
    both_engines(|db| async move {
        // Setup: a world with history, then the tallies emptied and the copies blanked, as in a
        // database from before the migration.
        let w = world(db.clone()).await;
        let mut rng = StdRng::seed_from_u64(11);
        for _ in 0..40 {
            random_write(&w, &mut rng).await;
        }
        {
            // Whatever the sequence did, one closed suggestion and one person with interests.
            let mut tx = db.begin().await.expect("tx");
            let c = &mut tx.conn();
            closed_suggestion_and_interests(c, &w).await;
            tx.commit().await.expect("commit");
        }
        let kept = assert_served_equal_counted(&db, w.org, &w.units, "setup").await;
        let migration = match &db {
            Db::Sqlite(_) => include_str!("../../../../migrations/sqlite/0035_unit_tallies.sql"),
            Db::Postgres(_) => {
                include_str!("../../../../migrations/postgres/0035_unit_tallies.sql")
            }
        };
        let statements = migration_statements(
            migration,
            &["INSERT INTO unit_suggestion_tallies", "UPDATE person_units"],
        );
        {
            let mut tx = db.begin().await.expect("begin");
            let c = &mut tx.conn();
            execute!(c, "DELETE FROM unit_suggestion_tallies").expect("empty the tallies");
            execute!(
                c,
                "UPDATE person_units SET person_constituency = '', person_status = '', person_has_interests = FALSE"
            )
            .expect("blank the copies");
            tx.commit().await.expect("commit");
        }
        let emptied = {
            let mut h = db.acquire().await.expect("acquire");
            let mut all = Vec::new();
            for &u in &w.units {
                all.push(served(&mut h.conn(), w.org, u).await);
            }
            all
        };

        // Exec
        {
            let mut tx = db.begin().await.expect("begin");
            for s in &statements {
                execute!(&mut tx.conn(), s.as_str()).expect("fill");
            }
            tx.commit().await.expect("commit");
        }

        // Check
        assert_eq!(statements.len(), 2, "the migration fills both");
        let total = |all: &[Counted]| -> (i64, i64) {
            all.iter()
                .fold((0, 0), |(c, i), n| (c + n.closed, i + n.with_interests))
        };
        assert_eq!(total(&emptied), (0, 0), "the tallies and copies were emptied");
        let (closed, with_interests) = total(&kept);
        assert!(closed > 0 && with_interests > 0, "there was something to fill");
        let filled = assert_served_equal_counted(&db, w.org, &w.units, "the fill").await;
        assert_eq!(filled, kept);
    })
    .await;
}

/// Every unit's closed rounds' level counts, kept and counted from the snapshots.
async fn round_levels(
    db: &Db,
    units: &[i64],
) -> (
    Vec<cairn_db::model::RoundLevelCounts>,
    Vec<cairn_db::model::RoundLevelCounts>,
) {
    let mut h = db.acquire().await.expect("acquire");
    let (mut kept, mut counted) = (Vec::new(), Vec::new());
    for &u in units {
        kept.extend(
            cairn_db::model::unit_round_level_counts(&mut h.conn(), u)
                .await
                .expect("kept"),
        );
        counted.extend(
            cairn_db::model::unit_round_level_counts_rescanned(&mut h.conn(), u)
                .await
                .expect("counted"),
        );
    }
    (kept, counted)
}

async fn demo_units(db: &Db) -> (i64, Vec<i64>) {
    let app = app(db.clone());
    let org = cairn_app::demo::build(&app, "pw-long-enough-123", cairn_app::demo::Scale::Demo)
        .await
        .expect("build demo");
    let mut h = db.acquire().await.expect("acquire");
    let units = cairn_db::units::list_units(&mut h.conn(), org, None, None, 100)
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.id)
        .collect();
    (org, units)
}

#[tokio::test]
async fn closed_rounds_level_counts_equal_a_count_of_their_snapshots() {
    both_engines(|db| async move {
        // Setup and Exec: the demo closes its rounds through `close_round`.
        let (_, units) = demo_units(&db).await;

        // Check
        let (kept, counted) = round_levels(&db, &units).await;
        assert!(!counted.is_empty(), "the demo has closed rounds");
        assert_eq!(kept, counted);
    })
    .await;
}

#[tokio::test]
async fn each_closed_rounds_counts_by_unit_equal_a_count_of_its_snapshot() {
    both_engines(|db| async move {
        // Setup and Exec: the demo closes its rounds through `close_round`.
        let (org, _) = demo_units(&db).await;

        // Check
        let mut h = db.acquire().await.expect("acquire");
        let rounds: Vec<_> = cairn_db::model::list_rounds(&mut h.conn(), org)
            .await
            .expect("rounds")
            .into_iter()
            .filter(|r| r.closed_at.is_some())
            .collect();
        assert!(!rounds.is_empty(), "the demo has closed rounds");
        for r in rounds {
            let kept = cairn_db::model::round_level_counts(&mut h.conn(), r.id)
                .await
                .expect("kept");
            let counted = cairn_db::model::round_level_counts_rescanned(&mut h.conn(), r.id)
                .await
                .expect("counted");
            assert!(!counted.is_empty(), "round {} has a snapshot", r.id);
            assert_eq!(kept, counted, "round {}", r.id);
        }
    })
    .await;
}

#[tokio::test]
async fn migration_0037_fills_the_round_levels_from_the_snapshots_already_there() {
    both_engines(|db| async move {
        // Setup: closed rounds, then their level counts removed, as before the migration.
        let (_, units) = demo_units(&db).await;
        let migration = match &db {
            Db::Sqlite(_) => {
                include_str!("../../../../migrations/sqlite/0037_unit_round_levels.sql")
            }
            Db::Postgres(_) => {
                include_str!("../../../../migrations/postgres/0037_unit_round_levels.sql")
            }
        };
        let fill = migration_statements(migration, &["INSERT INTO unit_round_levels"]);
        {
            let mut tx = db.begin().await.expect("begin");
            execute!(&mut tx.conn(), "DELETE FROM unit_round_levels").expect("empty");
            tx.commit().await.expect("commit");
        }
        let (emptied, _) = round_levels(&db, &units).await;

        // Exec
        {
            let mut tx = db.begin().await.expect("begin");
            for s in &fill {
                execute!(&mut tx.conn(), s.as_str()).expect("fill");
            }
            tx.commit().await.expect("commit");
        }

        // Check
        assert_eq!(fill.len(), 1, "the migration fills the round levels");
        assert!(emptied.is_empty(), "the round levels were emptied");
        let (kept, counted) = round_levels(&db, &units).await;
        assert!(!counted.is_empty(), "the demo has closed rounds");
        assert_eq!(kept, counted);
    })
    .await;
}
