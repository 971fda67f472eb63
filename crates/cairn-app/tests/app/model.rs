//! Use-case tests for the co-production model: the template copied per organisation, adapting
//! it, units' statuses with their history and audit, who may do what, level progress and the
//! ladder, baselines and rounds, the live measure, and the service-wide view. Every body runs
//! twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock. Each test reads
//! Setup → Exec → Check.

use crate::common::*;
use cairn_app::model::{self, ItemView, UnitAssessment};
use cairn_app::{Actor, App, AppError, AppResult, people, units};
use cairn_db::accounts::NewUser;
use cairn_db::audit::{AuditQuery, Entry};
use cairn_domain::Role;
use cairn_domain::model::{AssessmentDraft, Ladder, PracticeDraft, Rag, Status};
use cairn_domain::people::PersonDraft;
use cairn_domain::time::DateParts;
use cairn_domain::units::UnitDraft;
use cairn_testkit::both_engines;
use std::fmt::Debug;

/// 29 March 2026, 12:00 UTC.
const MINUTE: i64 = 60_000;

/// The built-in level 1 codes, L1.01 to L1.13.
const LEVEL_1: [&str; 13] = [
    "L1.01", "L1.02", "L1.03", "L1.04", "L1.05", "L1.06", "L1.07", "L1.08", "L1.09", "L1.10",
    "L1.11", "L1.12", "L1.13",
];

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// An account without a password, written straight to the database.
async fn account(
    app: &App,
    org: &Org,
    email: &str,
    role: Role,
    unit_ids: &[i64],
    person_id: Option<i64>,
) -> Actor {
    let mut tx = app.db.begin().await.expect("begin");
    let uid = cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &NewUser {
            organisation_id: Some(org.id),
            email,
            password_hash: None,
            role,
            person_id,
            locale: None,
        },
        app.now(),
    )
    .await
    .expect("insert user");
    cairn_db::accounts::set_user_units(&mut tx.conn(), uid, unit_ids)
        .await
        .expect("user units");
    tx.commit().await.expect("commit");
    actor_of(app, uid).await
}

fn unit_draft(service: i64, name: &str) -> UnitDraft {
    UnitDraft {
        name: name.into(),
        service_id: Some(service),
        unit_type: "open_rehab".into(),
        beds: Some("12".into()),
        gender_mix: "mixed".into(),
        ..Default::default()
    }
}

async fn unit(app: &App, org: &Org, name: &str) -> i64 {
    units::create_unit(app, &org.admin, &unit_draft(org.service, name))
        .await
        .expect("create unit")
}

async fn person_with_status(
    app: &App,
    org: &Org,
    name: &str,
    unit_ids: &[i64],
    status: &str,
) -> i64 {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: "service_user".into(),
        unit_ids: unit_ids.to_vec(),
        status: status.into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    people::create(app, &org.admin, &draft)
        .await
        .expect("create person")
}

fn date(y: i16, m: i8, d: i8) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// A status change with a line of evidence.
fn status(key: &str) -> AssessmentDraft {
    AssessmentDraft {
        status: key.into(),
        evidence: Some(format!("evidence for {key}")),
        ..Default::default()
    }
}

/// "Does not apply", with its reason.
fn not_applicable() -> AssessmentDraft {
    AssessmentDraft {
        status: "not_applicable".into(),
        reason: Some("No carers on this unit".into()),
        ..Default::default()
    }
}

fn wording(level: &str, en: &str, cy: &str) -> PracticeDraft {
    PracticeDraft {
        level: level.into(),
        title_en: en.into(),
        title_cy: cy.into(),
    }
}

async fn set(app: &App, actor: &Actor, unit: i64, code: &str, draft: &AssessmentDraft) {
    model::set_status(app, actor, unit, code, draft)
        .await
        .unwrap_or_else(|e| panic!("set {code}: {e:?}"));
}

/// Puts the given codes in place on a unit.
async fn in_place(app: &App, actor: &Actor, unit: i64, codes: &[&str]) {
    for code in codes {
        set(app, actor, unit, code, &status("in_place")).await;
    }
}

async fn assessment(app: &App, actor: &Actor, unit: i64) -> UnitAssessment {
    model::unit_assessment(app, actor, unit)
        .await
        .expect("unit assessment")
}

fn item<'a>(a: &'a UnitAssessment, code: &str) -> &'a ItemView {
    a.items
        .iter()
        .find(|i| i.practice.code == code)
        .unwrap_or_else(|| panic!("{code} is among the unit's items"))
}

async fn practice_id(app: &App, org: i64, code: &str) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::model::find_practice(&mut h.conn(), org, code)
        .await
        .expect("find practice")
        .expect("practice exists")
        .id
}

async fn history(app: &App, org: i64, unit: i64, code: &str) -> Vec<cairn_db::model::HistoryEntry> {
    let pid = practice_id(app, org, code).await;
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::model::history(&mut h.conn(), unit, pid, 100)
        .await
        .expect("history")
}

/// The organisation's audit rows about one thing, newest first (read past the permission check).
async fn audit_of(app: &App, org: i64, entity: &str, entity_id: Option<i64>) -> Vec<Entry> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &AuditQuery {
            entity: Some(entity.into()),
            entity_id,
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit rows")
}

fn json(s: Option<&str>) -> serde_json::Value {
    serde_json::from_str(s.expect("JSON present")).expect("valid JSON")
}

#[track_caller]
fn assert_invalid<T: Debug>(r: AppResult<T>, field: &str) {
    match r {
        Err(AppError::Invalid(e)) => assert!(
            e.for_field(field).is_some(),
            "expected an error on `{field}`, got {e:?}"
        ),
        other => panic!("expected Invalid on `{field}`, got {other:?}"),
    }
}

#[track_caller]
fn assert_not_found<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::NotFound)),
        "expected NotFound, got {r:?}"
    );
}

#[track_caller]
fn assert_forbidden<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::Forbidden)),
        "expected Forbidden, got {r:?}"
    );
}

#[track_caller]
fn assert_conflict<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::Conflict(_))),
        "expected Conflict, got {r:?}"
    );
}

/// (level, in place, applicable, percent, reached) for each level.
fn summary(a: &UnitAssessment) -> Vec<(i64, i64, i64, i64, bool)> {
    a.levels
        .iter()
        .map(|l| (l.level, l.in_place, l.applicable, l.percent, l.reached))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The template, copied per organisation
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_template_is_copied_once_on_first_use_with_32_practices_at_version_1() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let first = model::model(&app, &org.admin).await.expect("model");
        let again = model::model(&app, &org.admin).await.expect("model again");

        // Check
        assert_eq!(first.version, 1);
        assert_eq!(first.practices.len(), 32);
        let by_level: Vec<usize> = (1..=3)
            .map(|l| first.practices.iter().filter(|p| p.level == l).count())
            .collect();
        assert_eq!(by_level, vec![13, 9, 10]);
        assert!(
            first
                .practices
                .iter()
                .all(|p| p.built_in && p.added_in_version == 1 && p.retired_in_version.is_none())
        );
        let l102 = first
            .practices
            .iter()
            .find(|p| p.code == "L1.02")
            .expect("L1.02");
        assert_eq!(l102.title_en, "Suggestion boxes in the main areas");
        assert_eq!(l102.title_cy, "Blychau awgrymiadau yn y prif fannau");
        assert_eq!(again.practices.len(), 32, "copied once, not twice");
        assert_eq!(again.version, 1);
        let kinds: Vec<&str> = again.changes.iter().map(|c| c.kind.as_str()).collect();
        assert_eq!(kinds, vec!["template"]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_checks_for_the_model_once_and_a_second_instance_finds_it_in_place() {
    both_engines(|db| async move {
        // Setup
        let app = app(db.clone());
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Ward A").await;
        let checks = |sent: &[String]| {
            sent.iter()
                .filter(|q| q.contains("COUNT(*) FROM model_practices"))
                .count()
        };

        // Exec: the first page copies the template; later ones, and a second instance's
        // first, find it in place.
        let (first, first_sent) =
            cairn_db::record_queries(model::unit_assessment(&app, &org.admin, u)).await;
        let (again, again_sent) =
            cairn_db::record_queries(model::unit_assessment(&app, &org.admin, u)).await;
        let second = crate::common::app(db);
        let (other, other_sent) =
            cairn_db::record_queries(model::unit_assessment(&second, &org.admin, u)).await;

        // Check
        for a in [&first, &again, &other] {
            assert_eq!(a.as_ref().expect("assessment").items.len(), 32);
        }
        assert!(checks(&first_sent) >= 1, "{first_sent:#?}");
        assert_eq!(checks(&again_sent), 0, "{again_sent:#?}");
        assert_eq!(checks(&other_sent), 1, "{other_sent:#?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_self_assessment_reads_its_measures_in_a_few_queries_not_one_per_practice() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Ward A").await;
        model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("first view puts the model in place");

        // Exec
        let (page, sent) =
            cairn_db::record_queries(model::unit_assessment(&app, &org.admin, u)).await;

        // Check
        let page = page.expect("assessment");
        let measured = page.items.iter().filter(|i| i.measure.is_some()).count();
        let reading = |table: &str| sent.iter().filter(|q| q.contains(table)).count();
        assert!(measured >= 25, "{measured} practices carry a measure");
        assert!(
            sent.len() < measured / 2,
            "{} queries for {measured} measures: {sent:#?}",
            sent.len()
        );
        for table in [
            "FROM suggestions",
            "FROM meetings",
            "FROM practice_evidence",
            "FROM survey_responses",
            "FROM training_topics",
            "FROM session_attendance",
        ] {
            assert_eq!(reading(table), 1, "{table}: {sent:#?}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_organisations_get_separate_copies_and_rewording_in_one_leaves_the_other_alone() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let a = org(&app, "Org A", "admin@org-a.example").await;
        let b = org(&app, "Org B", "admin@org-b.example").await;
        let b_before = model::model(&app, &b.admin).await.expect("B's model");

        // Exec
        model::reword_practice(
            &app,
            &a.admin,
            "L1.02",
            &wording(
                "",
                "Suggestion boxes on every corridor",
                "Blychau ym mhob coridor",
            ),
        )
        .await
        .expect("reword in A");
        let a_after = model::model(&app, &a.admin).await.expect("A's model");
        let b_after = model::model(&app, &b.admin).await.expect("B's model");

        // Check
        let find = |m: &model::Model| {
            m.practices
                .iter()
                .find(|p| p.code == "L1.02")
                .cloned()
                .expect("L1.02")
        };
        assert_eq!(
            find(&a_after).title_en,
            "Suggestion boxes on every corridor"
        );
        assert_eq!(
            find(&b_after).title_en,
            "Suggestion boxes in the main areas"
        );
        assert_eq!(
            find(&b_after).title_cy,
            "Blychau awgrymiadau yn y prif fannau"
        );
        assert_ne!(find(&a_after).id, find(&b_after).id, "separate rows");
        assert_eq!((a_after.version, b_after.version), (2, 1));
        assert_eq!(b_after.practices.len(), b_before.practices.len());
        assert!(b_after.practices.iter().all(|p| p.organisation_id == b.id));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn several_first_uses_at_the_same_moment_all_succeed_and_copy_the_template_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;

        // Exec
        let tasks: Vec<_> = (0..8)
            .map(|_| {
                let (app, lead) = (app.clone(), lead.clone());
                tokio::spawn(async move { model::model(&app, &lead).await.map(|m| m.version) })
            })
            .collect();
        let mut results = Vec::new();
        for t in tasks {
            results.push(t.await.expect("task"));
        }
        let m = model::model(&app, &org.admin).await.expect("model");

        // Check
        for r in &results {
            assert!(matches!(r, Ok(1)), "every first use sees version 1: {r:?}");
        }
        assert_eq!((m.practices.len(), m.version), (32, 1));
        assert_eq!(m.changes.len(), 1);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Adapting the model
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn adding_a_practice_gives_the_next_code_on_its_level_and_a_new_version() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;

        // Exec
        let l1 = model::add_practice(
            &app,
            &lead,
            &wording("1", "A welcome pack for carers", "Pecyn croeso i ofalwyr"),
        )
        .await
        .expect("add level 1");
        let l3 = model::add_practice(
            &app,
            &lead,
            &wording(
                "3",
                "Peer workers on every shift",
                "Gweithwyr cymheiriaid ar bob shifft",
            ),
        )
        .await
        .expect("add level 3");
        let m = model::model(&app, &lead).await.expect("model");
        let a = assessment(&app, &lead, u).await;

        // Check
        assert_eq!(l1, "L1.14");
        assert_eq!(l3, "L3.11");
        assert_eq!(m.version, 3, "each addition is a version");
        assert_eq!(m.practices.len(), 34);
        let added = m
            .practices
            .iter()
            .find(|p| p.code == "L1.14")
            .expect("L1.14 listed");
        assert_eq!(
            (added.level, added.built_in, added.added_in_version),
            (1, false, 2)
        );
        assert_eq!(added.title_cy, "Pecyn croeso i ofalwyr");
        assert_eq!(item(&a, "L1.14").status, Status::NotStarted);
        assert_eq!((a.levels[0].applicable, a.levels[2].applicable), (14, 11));
        let kinds: Vec<(&str, i64)> = m
            .changes
            .iter()
            .map(|c| (c.kind.as_str(), c.version))
            .collect();
        assert_eq!(kinds, vec![("add", 3), ("add", 2), ("template", 1)]);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_practice_needs_both_english_and_welsh_wording() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let no_welsh =
            model::add_practice(&app, &org.admin, &wording("1", "A welcome pack", "  ")).await;
        let no_english =
            model::add_practice(&app, &org.admin, &wording("2", "", "Pecyn croeso")).await;
        let m = model::model(&app, &org.admin).await.expect("model");

        // Check
        assert_invalid(no_welsh, "title_cy");
        assert_invalid(no_english, "title_en");
        assert_eq!((m.version, m.practices.len()), (1, 32), "nothing added");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rewording_bumps_the_version_and_changes_only_the_wording() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        set(&app, &org.admin, u, "L1.02", &status("in_place")).await;
        let before = model::model(&app, &org.admin).await.expect("model");
        let old = before
            .practices
            .iter()
            .find(|p| p.code == "L1.02")
            .cloned()
            .expect("L1.02");

        // Exec
        app.clock.set(T0 + MINUTE);
        model::reword_practice(
            &app,
            &org.admin,
            "L1.02",
            &wording(
                "3",
                "Suggestion boxes everywhere",
                "Blychau awgrymiadau ym mhobman",
            ),
        )
        .await
        .expect("reword");
        let after = model::model(&app, &org.admin).await.expect("model");
        let a = assessment(&app, &org.admin, u).await;

        // Check
        let new = after
            .practices
            .iter()
            .find(|p| p.code == "L1.02")
            .cloned()
            .expect("L1.02");
        assert_eq!(after.version, before.version + 1);
        assert_eq!(new.title_en, "Suggestion boxes everywhere");
        assert_eq!(new.title_cy, "Blychau awgrymiadau ym mhobman");
        assert_eq!(
            (new.id, new.level, new.position, new.added_in_version),
            (old.id, old.level, old.position, old.added_in_version),
            "the level asked for is ignored; only the wording changes"
        );
        assert_eq!(
            (&new.shows_en, &new.shows_cy),
            (&old.shows_en, &old.shows_cy)
        );
        assert_eq!(new.retired_in_version, None);
        assert_eq!(after.practices.len(), 32);
        assert_eq!(item(&a, "L1.02").status, Status::InPlace, "status kept");
        assert_eq!(after.changes[0].kind, "reword");
        assert_eq!(after.changes[0].version, 2);
        assert_eq!(
            after.changes[0].title_en.as_deref(),
            Some("Suggestion boxes everywhere")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retiring_keeps_the_practice_but_takes_it_out_of_unit_items_and_level_counts() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        set(&app, &org.admin, u, "L1.13", &status("in_place")).await;
        let before = assessment(&app, &org.admin, u).await;

        // Exec
        model::retire_practice(&app, &org.admin, "L1.13")
            .await
            .expect("retire");
        let m = model::model(&app, &org.admin).await.expect("model");
        let after = assessment(&app, &org.admin, u).await;
        let again = model::retire_practice(&app, &org.admin, "L1.13").await;
        let status_on_retired =
            model::set_status(&app, &org.admin, u, "L1.13", &status("planned")).await;

        // Check
        assert_eq!(
            (before.levels[0].in_place, before.levels[0].applicable),
            (1, 13)
        );
        assert_eq!(m.version, 2);
        assert_eq!(m.practices.len(), 32, "kept, never deleted");
        let retired = m
            .practices
            .iter()
            .find(|p| p.code == "L1.13")
            .expect("still listed");
        assert_eq!(retired.retired_in_version, Some(2));
        assert!(after.items.iter().all(|i| i.practice.code != "L1.13"));
        assert_eq!(after.items.len(), 31);
        assert_eq!(
            (after.levels[0].in_place, after.levels[0].applicable),
            (0, 12)
        );
        assert_conflict(again);
        assert_conflict(status_on_retired);
        let m2 = model::model(&app, &org.admin).await.expect("model");
        assert_eq!(m2.version, 2, "the refused retirement made no version");
        assert_eq!(
            history(&app, org.id, u, "L1.13").await.len(),
            1,
            "no new history"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Setting a status
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn not_applicable_without_a_reason_is_refused_on_the_reason_field_and_nothing_is_saved() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let draft = AssessmentDraft {
            status: "not_applicable".into(),
            reason: Some("   ".into()),
            evidence: Some("typed".into()),
            ..Default::default()
        };

        // Exec
        let r = model::set_status(&app, &org.admin, u, "L1.07", &draft).await;

        // Check
        assert_invalid(r, "reason");
        let a = assessment(&app, &org.admin, u).await;
        assert_eq!(item(&a, "L1.07").status, Status::NotStarted);
        assert_eq!(item(&a, "L1.07").updated_at, None);
        assert!(history(&app, org.id, u, "L1.07").await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_status_change_appends_to_the_history_newest_first() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;

        // Exec
        set(&app, &org.admin, u, "L1.04", &status("planned")).await;
        let after_one = history(&app, org.id, u, "L1.04").await;
        app.clock.set(T0 + MINUTE);
        set(&app, &org.admin, u, "L1.04", &status("in_progress")).await;
        let after_two = history(&app, org.id, u, "L1.04").await;
        app.clock.set(T0 + 2 * MINUTE);
        set(&app, &org.admin, u, "L1.04", &status("in_place")).await;
        let after_three = history(&app, org.id, u, "L1.04").await;

        // Check
        assert_eq!(
            (after_one.len(), after_two.len(), after_three.len()),
            (1, 2, 3)
        );
        let statuses: Vec<Status> = after_three.iter().map(|h| h.status).collect();
        assert_eq!(
            statuses,
            vec![Status::InPlace, Status::InProgress, Status::Planned]
        );
        let times: Vec<i64> = after_three.iter().map(|h| h.at).collect();
        assert_eq!(times, vec![T0 + 2 * MINUTE, T0 + MINUTE, T0]);
        assert_eq!(
            after_three[2].evidence.as_deref(),
            Some("evidence for planned"),
            "older entries are never rewritten"
        );
        assert_eq!(after_three[0].actor_label, "admin@org-a.example");
        let a = assessment(&app, &org.admin, u).await;
        assert_eq!(
            item(&a, "L1.04").status,
            Status::InPlace,
            "the newest is current"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_records_the_model_version_current_when_it_was_set() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        set(&app, &org.admin, u, "L2.03", &status("planned")).await;

        // Exec
        model::reword_practice(
            &app,
            &org.admin,
            "L2.01",
            &wording(
                "",
                "Newcomers are helped through level 1",
                "Mae newydd-ddyfodiaid yn cael help",
            ),
        )
        .await
        .expect("reword");
        app.clock.set(T0 + MINUTE);
        set(&app, &org.admin, u, "L2.03", &status("in_progress")).await;

        // Check
        let h = history(&app, org.id, u, "L2.03").await;
        let versions: Vec<i64> = h.iter().map(|e| e.model_version).collect();
        assert_eq!(
            versions,
            vec![2, 1],
            "the later entry has the higher version"
        );
        let a = assessment(&app, &org.admin, u).await;
        assert_eq!(item(&a, "L2.03").model_version, Some(2));
        assert_eq!(a.model_version, 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_status_change_writes_an_audit_row_with_before_and_after() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;

        // Exec
        set(&app, &lead, u, "L1.05", &status("planned")).await;
        app.clock.set(T0 + MINUTE);
        set(&app, &lead, u, "L1.05", &status("in_place")).await;

        // Check
        let pid = practice_id(&app, org.id, "L1.05").await;
        let rows = audit_of(&app, org.id, "assessment", Some(pid)).await;
        assert_eq!(rows.len(), 2, "one row per change");
        let (newest, oldest) = (&rows[0], &rows[1]);
        assert_eq!(oldest.before_json, None, "nothing before the first change");
        assert_eq!(json(oldest.after_json.as_deref())["status"], "planned");
        assert_eq!(newest.action, "update");
        assert_eq!(newest.at, T0 + MINUTE);
        assert_eq!(newest.actor_user_id, Some(lead.user_id));
        assert_eq!(newest.actor_label, "lead@org-a.example");
        let before = json(newest.before_json.as_deref());
        let after = json(newest.after_json.as_deref());
        assert_eq!(before["status"], "planned");
        assert_eq!(before["evidence"], "evidence for planned");
        assert_eq!(after["status"], "in_place");
        assert_eq!(after["unit_id"], u);
        assert_eq!(after["code"], "L1.05");
        assert_eq!(after["model_version"], 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_status_shows_the_red_amber_green_rating_the_domain_gives_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let pairs = [
            ("L1.01", Status::NotStarted),
            ("L1.02", Status::Planned),
            ("L1.03", Status::InProgress),
            ("L1.04", Status::InPlace),
            ("L1.05", Status::NotApplicable),
        ];

        // Exec
        for (code, s) in pairs {
            let draft = if s == Status::NotApplicable {
                not_applicable()
            } else {
                status(s.key())
            };
            set(&app, &org.admin, u, code, &draft).await;
        }
        let a = assessment(&app, &org.admin, u).await;

        // Check
        let seen: Vec<(Status, Rag)> = pairs
            .iter()
            .map(|(code, _)| (item(&a, code).status, item(&a, code).rag))
            .collect();
        assert_eq!(
            seen,
            vec![
                (Status::NotStarted, Rag::Red),
                (Status::Planned, Rag::Amber),
                (Status::InProgress, Rag::Amber),
                (Status::InPlace, Rag::Green),
                (Status::NotApplicable, Rag::NotApplicable),
            ]
        );
        assert!(pairs.iter().all(|(code, s)| item(&a, code).rag == s.rag()));
        assert_eq!(
            item(&a, "L1.05").reason.as_deref(),
            Some("No carers on this unit")
        );
        assert_eq!(
            item(&a, "L1.06").rag,
            Rag::Red,
            "never touched is not started"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Who may do what
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lead_the_organisation_administrator_and_the_units_own_staff_may_set_statuses() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;

        // Exec
        let by_admin = model::set_status(&app, &org.admin, u, "L1.01", &status("planned")).await;
        let by_lead = model::set_status(&app, &lead, u, "L1.02", &status("in_progress")).await;
        let by_staff = model::set_status(&app, &staff, u, "L1.03", &status("in_place")).await;
        let staff_reads = model::unit_assessment(&app, &staff, u).await;

        // Check
        assert!(by_admin.is_ok(), "{by_admin:?}");
        assert!(by_lead.is_ok(), "{by_lead:?}");
        assert!(by_staff.is_ok(), "{by_staff:?}");
        let a = staff_reads.expect("staff read their unit");
        let who: Vec<Option<&str>> = ["L1.01", "L1.02", "L1.03"]
            .iter()
            .map(|c| item(&a, c).updated_by.as_deref())
            .collect();
        assert_eq!(
            who,
            vec![
                Some("admin@org-a.example"),
                Some("lead@org-a.example"),
                Some("staff@org-a.example")
            ]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_get_not_found_for_another_units_assessment() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mine = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[mine],
            None,
        )
        .await;

        // Exec
        let write = model::set_status(&app, &staff, other, "L1.01", &status("in_place")).await;
        let read = model::unit_assessment(&app, &staff, other).await;
        let progress = model::unit_progress(&app, &staff, other).await;

        // Check
        assert_not_found(write);
        assert_not_found(read.map(|a| a.items.len()));
        assert_not_found(progress);
        let a = assessment(&app, &org.admin, other).await;
        assert_eq!(
            item(&a, "L1.01").status,
            Status::NotStarted,
            "nothing saved"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_may_read_a_units_assessment_but_not_change_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let viewer = account(&app, &org, "board@org-a.example", Role::Viewer, &[], None).await;
        set(&app, &org.admin, u, "L1.01", &status("planned")).await;

        // Exec
        let read = model::unit_assessment(&app, &viewer, u).await;
        let write = model::set_status(&app, &viewer, u, "L1.01", &status("in_place")).await;

        // Check
        let a = read.expect("viewer reads");
        assert_eq!(item(&a, "L1.01").status, Status::Planned);
        assert_forbidden(write);
        let a = assessment(&app, &org.admin, u).await;
        assert_eq!(item(&a, "L1.01").status, Status::Planned, "unchanged");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn finance_may_not_read_assessments() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let finance = account(&app, &org, "money@org-a.example", Role::Finance, &[], None).await;

        // Exec
        let read = model::unit_assessment(&app, &finance, u).await;
        let progress = model::unit_progress(&app, &finance, u).await;
        let service = model::service_view(&app, &finance, jiff::civil::date(2026, 3, 29)).await;

        // Check
        assert_forbidden(read.map(|a| a.items.len()));
        assert_forbidden(progress);
        assert_forbidden(service.map(|v| v.rows.len()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reads_assessments_only_once_the_administrator_publishes_them() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let me = person_with_status(&app, &org, "Ama", &[u], "active").await;
        let member = account(&app, &org, "ama@org-a.example", Role::Member, &[], Some(me)).await;
        set(&app, &org.admin, u, "L1.01", &status("in_place")).await;

        // Exec
        let before = model::unit_assessment(&app, &member, u).await;
        model::set_settings(&app, &org.admin, "80", true)
            .await
            .expect("publish");
        let after = model::unit_assessment(&app, &member, u).await;
        let write = model::set_status(&app, &member, u, "L1.02", &status("in_place")).await;
        let other_unit = unit(&app, &org, "Birch").await;
        let not_mine = model::unit_assessment(&app, &member, other_unit).await;

        // Check
        assert_forbidden(before.map(|a| a.items.len()));
        assert!(
            matches!(not_mine, Err(cairn_app::AppError::NotFound)),
            "a member sees only their own units"
        );
        let a = after.expect("published to members");
        assert_eq!(item(&a, "L1.01").status, Status::InPlace);
        assert_forbidden(write);
        let m = model::model(&app, &org.admin).await.expect("model");
        assert!(m.publish_assessments);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_organisation_administrator_changes_the_model_settings() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;

        // Exec
        let by_lead = model::set_settings(&app, &lead, "50", true).await;
        let m = model::model(&app, &org.admin).await.expect("model");

        // Check
        assert_forbidden(by_lead);
        assert_eq!((m.threshold_percent, m.publish_assessments), (80, false));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisations_administrator_gets_not_found_for_the_unit() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let a = org(&app, "Org A", "admin@org-a.example").await;
        let b = org(&app, "Org B", "admin@org-b.example").await;
        let unit_a = unit(&app, &a, "Alder").await;

        // Exec
        let read = model::unit_assessment(&app, &b.admin, unit_a).await;
        let progress = model::unit_progress(&app, &b.admin, unit_a).await;
        let write = model::set_status(&app, &b.admin, unit_a, "L1.01", &status("in_place")).await;
        let view = model::service_view(&app, &b.admin, jiff::civil::date(2026, 3, 29))
            .await
            .expect("B's own service view");

        // Check
        assert_not_found(read.map(|a| a.items.len()));
        assert_not_found(progress);
        assert_not_found(write);
        assert!(view.rows.iter().all(|r| r.unit.id != unit_a));
        let mine = assessment(&app, &a.admin, unit_a).await;
        assert_eq!(item(&mine, "L1.01").status, Status::NotStarted);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Levels and the ladder
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn enough_level_one_practices_in_place_reach_level_one_and_move_the_ladder_to_doing_for() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        in_place(&app, &org.admin, u, &LEVEL_1[..10]).await;
        let ten = assessment(&app, &org.admin, u).await;

        // Exec
        in_place(&app, &org.admin, u, &LEVEL_1[10..11]).await;
        let eleven = assessment(&app, &org.admin, u).await;
        let (levels, ladder) = model::unit_progress(&app, &org.admin, u)
            .await
            .expect("progress");

        // Check
        assert_eq!(ten.organisation.model_threshold_percent, 80, "the default");
        assert_eq!(summary(&ten)[0], (1, 10, 13, 76, false), "10 of 13 is 76%");
        assert_eq!(ten.ladder, Ladder::DoingTo);
        assert_eq!(
            summary(&eleven)[0],
            (1, 11, 13, 84, true),
            "11 of 13 is 84%"
        );
        assert_eq!(eleven.ladder, Ladder::DoingFor);
        assert_eq!(summary(&eleven)[1], (2, 0, 9, 0, false));
        assert_eq!(summary(&eleven)[2], (3, 0, 10, 0, false));
        assert_eq!(levels, eleven.levels, "progress agrees with the assessment");
        assert_eq!(ladder, Ladder::DoingFor);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practices_that_do_not_apply_leave_the_denominator() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        in_place(&app, &org.admin, u, &LEVEL_1[..10]).await;
        let before = assessment(&app, &org.admin, u).await;

        // Exec
        set(&app, &org.admin, u, "L1.12", &not_applicable()).await;
        let one = assessment(&app, &org.admin, u).await;
        set(&app, &org.admin, u, "L1.13", &not_applicable()).await;
        let two = assessment(&app, &org.admin, u).await;

        // Check
        assert_eq!(summary(&before)[0], (1, 10, 13, 76, false));
        // 10 of 12 is 83%, which reaches 80%.
        assert_eq!(summary(&one)[0], (1, 10, 12, 83, true));
        assert_eq!(one.ladder, Ladder::DoingFor);
        assert_eq!(summary(&two)[0], (1, 10, 11, 90, true));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lower_threshold_changes_which_levels_are_reached() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        in_place(&app, &org.admin, u, &LEVEL_1[..7]).await;
        let at_80 = assessment(&app, &org.admin, u).await;

        // Exec
        model::set_settings(&app, &org.admin, "50", false)
            .await
            .expect("threshold 50");
        let at_50 = assessment(&app, &org.admin, u).await;

        // Check
        assert_eq!(summary(&at_80)[0], (1, 7, 13, 53, false));
        assert_eq!(summary(&at_50)[0], (1, 7, 13, 53, true));
        assert_eq!(at_50.organisation.model_threshold_percent, 50);
        assert_eq!(
            (at_80.ladder, at_50.ladder),
            (Ladder::DoingTo, Ladder::DoingFor)
        );
        let rows = audit_of(&app, org.id, "model_settings", Some(org.id)).await;
        assert_eq!(json(rows[0].after_json.as_deref())["threshold"], 50);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_threshold_of_zero_or_not_a_number_is_refused() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let zero = model::set_settings(&app, &org.admin, "0", true).await;
        let word = model::set_settings(&app, &org.admin, "abc", true).await;
        let over = model::set_settings(&app, &org.admin, "101", true).await;
        let m = model::model(&app, &org.admin).await.expect("model");

        // Check
        assert_invalid(zero, "threshold");
        assert_invalid(word, "threshold");
        assert_invalid(over, "threshold");
        assert_eq!(
            (m.threshold_percent, m.publish_assessments),
            (80, false),
            "nothing changed"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Baselines and rounds
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_baseline_is_frozen_while_later_changes_move_the_live_levels() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        in_place(&app, &lead, u, &LEVEL_1[..5]).await;
        set(&app, &lead, u, "L1.06", &status("planned")).await;

        // Exec
        let id = model::take_baseline(&app, &lead, "Baseline March 2026")
            .await
            .expect("baseline");
        app.clock.set(T0 + MINUTE);
        in_place(&app, &lead, u, &LEVEL_1[5..10]).await;
        set(&app, &lead, u, "L1.01", &status("in_progress")).await;
        let a = assessment(&app, &lead, u).await;

        // Check
        let (round, frozen) = a.baseline.as_ref().expect("a baseline");
        assert_eq!(round.id, id);
        assert_eq!(round.kind, "baseline");
        assert_eq!(round.closed_at, Some(T0), "taken and closed at once");
        assert_eq!(
            (frozen[0].in_place, frozen[0].applicable, frozen[0].percent),
            (5, 13, 38)
        );
        assert_eq!(
            (a.levels[0].in_place, a.levels[0].percent),
            (9, 69),
            "the live levels moved"
        );
        assert_eq!(item(&a, "L1.01").at_baseline, Some(Status::InPlace));
        assert_eq!(item(&a, "L1.01").status, Status::InProgress);
        assert_eq!(item(&a, "L1.06").at_baseline, Some(Status::Planned));
        assert_eq!(item(&a, "L1.07").at_baseline, Some(Status::NotStarted));
        assert_eq!(item(&a, "L1.07").status, Status::InPlace);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_opened_and_closed_by_the_lead_is_frozen_and_cannot_be_closed_again() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        in_place(&app, &lead, u, &LEVEL_1[..3]).await;

        // Exec
        let id = model::open_round(&app, &lead, "round", "Quarter 1")
            .await
            .expect("open");
        let open = model::rounds(&app, &lead).await.expect("rounds");
        app.clock.set(T0 + MINUTE);
        model::close_round(&app, &lead, id).await.expect("close");
        app.clock.set(T0 + 2 * MINUTE);
        in_place(&app, &lead, u, &LEVEL_1[3..6]).await;
        let again = model::close_round(&app, &lead, id).await;
        let rounds = model::rounds(&app, &lead).await.expect("rounds");
        let a = assessment(&app, &lead, u).await;

        // Check
        assert_eq!(open[0].closed_at, None);
        let r = rounds.iter().find(|r| r.id == id).expect("round listed");
        assert_eq!(r.closed_at, Some(T0 + MINUTE));
        assert_eq!(r.closed_by_label.as_deref(), Some("lead@org-a.example"));
        assert_eq!(r.model_version, 1);
        assert_conflict(again);
        let (last, frozen) = a.last_round.as_ref().expect("a last round");
        assert_eq!(last.id, id);
        assert_eq!(frozen[0].in_place, 3, "the round keeps what it froze");
        assert_eq!(a.levels[0].in_place, 6);
        assert!(a.baseline.is_none(), "a round is not a baseline");
        let rows = audit_of(&app, org.id, "assessment_round", Some(id)).await;
        assert_eq!(rows.len(), 2, "opening and closing, not the refused close");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_may_not_open_or_close_rounds() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        let id = model::open_round(&app, &lead, "round", "Quarter 1")
            .await
            .expect("open");

        // Exec
        let open = model::open_round(&app, &staff, "round", "Mine").await;
        let baseline = model::take_baseline(&app, &staff, "Mine").await;
        let close = model::close_round(&app, &staff, id).await;

        // Check
        assert_forbidden(open);
        assert_forbidden(baseline);
        assert_forbidden(close);
        let rounds = model::rounds(&app, &lead).await.expect("rounds");
        assert_eq!(rounds.len(), 1, "nothing opened");
        assert_eq!(rounds[0].closed_at, None, "still open");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_time_lists_closed_rounds_oldest_first_with_their_percentages() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        // Quarter 2 is opened first but closed last.
        let q2 = model::open_round(&app, &lead, "round", "Quarter 2")
            .await
            .expect("open");
        let q1 = model::open_round(&app, &lead, "round", "Quarter 1")
            .await
            .expect("open");

        // Exec
        app.clock.set(T0 + MINUTE);
        model::close_round(&app, &lead, q1).await.expect("close q1");
        app.clock.set(T0 + 2 * MINUTE);
        in_place(&app, &lead, u, &LEVEL_1).await;
        in_place(&app, &lead, u, &["L2.01", "L2.02", "L2.03"]).await;
        app.clock.set(T0 + 3 * MINUTE);
        model::close_round(&app, &lead, q2).await.expect("close q2");
        model::open_round(&app, &lead, "round", "Quarter 3")
            .await
            .expect("open q3");
        let a = assessment(&app, &lead, u).await;

        // Check
        let seen: Vec<(&str, [i64; 3])> = a
            .over_time
            .iter()
            .map(|(r, p)| (r.name.as_str(), *p))
            .collect();
        assert_eq!(
            seen,
            vec![("Quarter 1", [0, 0, 0]), ("Quarter 2", [100, 33, 0])],
            "closed rounds only, oldest first"
        );
        assert_eq!(a.last_round.as_ref().map(|(r, _)| r.id), Some(q2));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_time_leaves_not_applicable_practices_out_of_a_rounds_percentage() {
    both_engines(|db| async move {
        // Setup: level 2 has 9 practices. Three in place, three not applicable, one planned.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        in_place(&app, &lead, u, &["L2.01", "L2.02", "L2.03"]).await;
        for code in ["L2.04", "L2.05", "L2.06"] {
            set(&app, &lead, u, code, &not_applicable()).await;
        }
        set(&app, &lead, u, "L2.07", &status("planned")).await;
        // Another unit's statuses must not count towards this one's.
        in_place(&app, &lead, other, &LEVEL_1).await;
        let round = model::open_round(&app, &lead, "round", "Quarter 1")
            .await
            .expect("open");

        // Exec
        app.clock.set(T0 + MINUTE);
        model::close_round(&app, &lead, round).await.expect("close");
        let a = assessment(&app, &lead, u).await;

        // Check: 3 in place of 6 that apply is 50%, where 3 of all 9 would be 33%.
        let seen: Vec<[i64; 3]> = a.over_time.iter().map(|(_, p)| *p).collect();
        assert_eq!(
            seen,
            vec![[0, 50, 0]],
            "one closed round, not-applicable left out"
        );
        let b = assessment(&app, &lead, other).await;
        let seen: Vec<[i64; 3]> = b.over_time.iter().map(|(_, p)| *p).collect();
        assert_eq!(seen, vec![[100, 0, 0]], "the other unit's own round");
    })
    .await;
}

// The live measures of people and roles are tested in `people_measures.rs`.

// ---------------------------------------------------------------------------------------------
// The service-wide view
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_view_lists_units_by_name_and_counts_every_practice_on_every_unit() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let willow = unit(&app, &org, "Willow").await;
        let alder = unit(&app, &org, "Alder").await;
        let maple = unit(&app, &org, "Maple").await;
        // Willow leads on every level; Alder has done least.
        in_place(&app, &org.admin, willow, &LEVEL_1).await;
        in_place(&app, &org.admin, maple, &LEVEL_1[..4]).await;
        set(&app, &org.admin, alder, "L1.01", &status("planned")).await;
        set(&app, &org.admin, alder, "L2.01", &not_applicable()).await;

        // Exec
        let v = model::service_view(&app, &org.admin, jiff::civil::date(2026, 3, 29))
            .await
            .expect("service view");

        // Check
        let names: Vec<&str> = v.rows.iter().map(|r| r.unit.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Alder", "Maple", "Willow"],
            "by name, not by score"
        );
        assert_eq!(v.rows[2].levels[0].percent, 100);
        assert_eq!(v.rows[2].ladder, Ladder::DoingFor);
        let per_level = [13, 9, 10];
        for (l, r, a, g, n) in &v.rag_counts {
            let idx = usize::try_from(*l - 1).expect("level");
            assert_eq!(r + a + g + n, per_level[idx] * 3, "level {l} adds up");
        }
        assert_eq!(v.rag_counts[0], (1, 13 + 9 - 1, 1, 13 + 4, 0));
        assert_eq!(v.rag_counts[1], (2, 9 * 3 - 1, 0, 0, 1));
        assert_eq!(v.rag_counts[2], (3, 30, 0, 0, 0));
        assert!(v.baseline.is_none() && v.rows.iter().all(|r| r.baseline.is_none()));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_and_due_for_review_practices_appear_in_the_service_view() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let with =
            |s: &str, target: Option<DateParts>, review: Option<DateParts>| AssessmentDraft {
                status: s.into(),
                target_on: target.unwrap_or_default(),
                review_on: review.unwrap_or_default(),
                ..Default::default()
            };
        // Overdue: target passed, not in place.
        set(
            &app,
            &org.admin,
            u,
            "L1.01",
            &with("planned", Some(date(2026, 3, 1)), None),
        )
        .await;
        // Target passed but in place: not overdue.
        set(
            &app,
            &org.admin,
            u,
            "L1.02",
            &with("in_place", Some(date(2026, 3, 1)), None),
        )
        .await;
        // In place, review in a week: due for review.
        set(
            &app,
            &org.admin,
            u,
            "L1.03",
            &with("in_place", None, Some(date(2026, 4, 5))),
        )
        .await;
        // Review two months off and target ahead: neither.
        set(
            &app,
            &org.admin,
            u,
            "L1.04",
            &with("planned", Some(date(2026, 4, 30)), Some(date(2026, 5, 30))),
        )
        .await;
        // Target today is not yet overdue.
        set(
            &app,
            &org.admin,
            u,
            "L1.05",
            &with("in_progress", Some(date(2026, 3, 29)), None),
        )
        .await;

        // Exec
        let v = model::service_view(&app, &org.admin, jiff::civil::date(2026, 3, 29))
            .await
            .expect("service view");

        // Check
        let due: Vec<(&str, bool)> = v
            .due
            .iter()
            .map(|d| (d.practice.code.as_str(), d.overdue))
            .collect();
        assert_eq!(
            due,
            vec![("L1.01", true), ("L1.03", false)],
            "overdue first"
        );
        assert_eq!(v.due[0].target_on, Some(jiff::civil::date(2026, 3, 1)));
        assert_eq!(v.due[0].status, Status::Planned);
        assert_eq!(v.due[1].review_on, Some(jiff::civil::date(2026, 4, 5)));
        assert_eq!(v.due[0].unit.id, u);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_see_only_their_units_in_the_service_view() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mine = unit(&app, &org, "Birch").await;
        let other = unit(&app, &org, "Alder").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[mine],
            None,
        )
        .await;
        let overdue = AssessmentDraft {
            status: "planned".into(),
            target_on: date(2026, 3, 1),
            ..Default::default()
        };
        set(&app, &org.admin, mine, "L1.01", &overdue).await;
        set(&app, &org.admin, other, "L1.02", &overdue).await;

        // Exec
        let v = model::service_view(&app, &staff, jiff::civil::date(2026, 3, 29))
            .await
            .expect("service view");
        let all = model::service_view(&app, &org.admin, jiff::civil::date(2026, 3, 29))
            .await
            .expect("service view");

        // Check
        let ids: Vec<i64> = v.rows.iter().map(|r| r.unit.id).collect();
        assert_eq!(ids, vec![mine]);
        let due: Vec<(i64, &str)> = v
            .due
            .iter()
            .map(|d| (d.unit.id, d.practice.code.as_str()))
            .collect();
        assert_eq!(due, vec![(mine, "L1.01")]);
        let sum: i64 = v
            .rag_counts
            .iter()
            .map(|(_, r, a, g, n)| r + a + g + n)
            .sum();
        assert_eq!(sum, 32, "counts cover their one unit only");
        assert_eq!(all.rows.len(), 2);
        assert_eq!(all.due.len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_baseline_taken_later_is_the_one_the_unit_and_service_views_compare_with() {
    both_engines(|db| async move {
        // Setup: two practices in place at the first baseline, seven at the second.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        in_place(&app, &lead, u, &LEVEL_1[..2]).await;
        let first = model::take_baseline(&app, &lead, "Baseline 2025")
            .await
            .expect("first baseline");
        app.clock.set(T0 + MINUTE);
        in_place(&app, &lead, u, &LEVEL_1[2..7]).await;
        let second = model::take_baseline(&app, &lead, "Baseline 2026")
            .await
            .expect("second baseline");
        app.clock.set(T0 + 2 * MINUTE);
        in_place(&app, &lead, u, &LEVEL_1[7..9]).await;

        // Exec
        let a = assessment(&app, &lead, u).await;
        let v = model::service_view(&app, &lead, jiff::civil::date(2026, 3, 29))
            .await
            .expect("service view");

        // Check
        assert_ne!(first, second);
        let (round, frozen) = a.baseline.as_ref().expect("a baseline");
        assert_eq!(round.id, second, "the newest baseline");
        assert_eq!(frozen[0].in_place, 7);
        assert_eq!(item(&a, "L1.05").at_baseline, Some(Status::InPlace));
        assert_eq!(item(&a, "L1.08").at_baseline, Some(Status::NotStarted));
        assert_eq!(v.baseline.as_ref().map(|b| b.id), Some(second));
        let row = v.rows.iter().find(|r| r.unit.id == u).expect("Alder");
        let base = row.baseline.as_ref().expect("compared with a baseline");
        assert_eq!(base[0].in_place, 7);
        assert_eq!(row.levels[0].in_place, 9);
    })
    .await;
}
