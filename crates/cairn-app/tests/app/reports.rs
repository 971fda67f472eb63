//! Use-case tests for reports: a measure's months are the organisation's local months, shares
//! are worked out as the catalogue defines them, months that could identify people are hidden
//! (and kept off the chart), a re-basing starts a new phase, access follows the role, and a
//! signed-off board pack never changes whatever changes afterwards. Every body runs on SQLite
//! and PostgreSQL.

use crate::common::*;
use crate::payments::{World, world};
use cairn_app::AppError;
use cairn_app::reports::{self, Series};
use cairn_db::execute;
use cairn_domain::Role;
use cairn_domain::reports::PackDraft;
use cairn_domain::reports::spc::{Cause, ChartKind};
use cairn_testkit::both_engines;

const DAY: i64 = 24 * 60 * 60 * 1000;

/// A suggestion received at `at` on `unit`, first answered at `answered`.
async fn suggestion(w: &World, unit: Option<i64>, at: i64, answered: Option<i64>) {
    let mut tx = w.app.db.begin().await.expect("tx");
    execute!(
        &mut tx.conn(),
        "INSERT INTO suggestions (organisation_id, unit_id, channel, text, visibility, anonymous, contact_language, status, received_at, first_response_at, updated_at) \
         VALUES ($1, $2, 'online', 'More walks', 'pending', TRUE, 'en', 'received', $3, $4, $3)",
        w.org.id,
        unit,
        at,
        answered
    )
    .expect("suggestion");
    tx.commit().await.expect("commit");
}

/// A service user who joined on `joined` (ISO date) on `unit`, with a buddy from `buddy`.
async fn newcomer(w: &World, unit: i64, joined: &str, buddy: Option<&str>) {
    let mut tx = w.app.db.begin().await.expect("tx");
    let c = &mut tx.conn();
    let id: i64 = cairn_db::fetch_scalar!(
        c,
        i64,
        "INSERT INTO people (organisation_id, chosen_name, search_name, constituency, status, preferred_language, joined_on, created_at, updated_at) \
         VALUES ($1, 'Newcomer', 'newcomer', 'service_user', 'active', 'en', $2, $3, $3) RETURNING id",
        w.org.id,
        joined,
        T0
    )
    .expect("person");
    execute!(
        c,
        "INSERT INTO person_units (person_id, unit_id) VALUES ($1, $2)",
        id,
        unit
    )
    .expect("unit");
    if let Some(on) = buddy {
        let buddy_id: i64 = cairn_db::fetch_scalar!(
            c,
            i64,
            "INSERT INTO people (organisation_id, chosen_name, search_name, constituency, status, preferred_language, created_at, updated_at) \
             VALUES ($1, 'Buddy', 'buddy', 'service_user', 'active', 'en', $2, $2) RETURNING id",
            w.org.id,
            T0
        )
        .expect("buddy");
        execute!(
            c,
            "INSERT INTO buddy_pairings (organisation_id, newcomer_id, buddy_id, starts_on, created_at, created_by_label) \
             VALUES ($1, $2, $3, $4, $5, 'test')",
            w.org.id,
            id,
            buddy_id,
            on,
            T0
        )
        .expect("pairing");
    }
    tx.commit().await.expect("commit");
}

fn month_of<'a>(s: &'a Series, key: &str) -> &'a cairn_app::reports::MonthPoint {
    s.points
        .iter()
        .find(|p| p.month.0.to_string() == key)
        .expect("month in the series")
}

#[tokio::test]
async fn suggestions_count_in_the_organisations_local_month_and_shares_follow_the_target() {
    both_engines(|db| async move {
        let w = world(db).await;
        // 23:30 UTC on 31 May 2025 is 00:30 on 1 June in London: a June suggestion.
        suggestion(&w, Some(w.alder), utc(2025, 5, 31, 23, 30), None).await;
        // Two in June answered in 10 and in 20 days (the target is 14), one on Birch.
        let june = utc(2025, 6, 10, 9, 0);
        suggestion(&w, Some(w.alder), june, Some(june + 10 * DAY)).await;
        suggestion(&w, Some(w.alder), june, Some(june + 20 * DAY)).await;
        suggestion(&w, Some(w.birch), june, Some(june + DAY)).await;
        // One in May, at 22:30 UTC on 31 May (23:30 in London).
        suggestion(&w, Some(w.alder), utc(2025, 5, 31, 22, 30), None).await;

        let received = reports::series(
            &w.app,
            &w.lead,
            "suggestions_received",
            Some(w.alder),
            Some("2025-04"),
            Some("2025-07"),
        )
        .await
        .expect("series");
        assert_eq!(month_of(&received, "2025-05").numerator, 1);
        assert_eq!(month_of(&received, "2025-06").numerator, 3);
        assert_eq!(month_of(&received, "2025-07").numerator, 0);
        // Before the first month with anything counted, a count is off the chart.
        assert_eq!(month_of(&received, "2025-04").value, None);
        assert_eq!(month_of(&received, "2025-07").value, Some(0.0));

        let service = reports::series(
            &w.app,
            &w.lead,
            "suggestions_received",
            None,
            Some("2025-06"),
            Some("2025-06"),
        )
        .await
        .expect("service");
        assert_eq!(service.points[0].numerator, 4, "both units");

        let answered = reports::series(
            &w.app,
            &w.lead,
            "suggestions_answered_in_target",
            Some(w.alder),
            Some("2025-06"),
            Some("2025-06"),
        )
        .await
        .expect("answered");
        let june = &answered.points[0];
        // Three due (two answered, one past its target unanswered), one within 14 days.
        assert_eq!((june.numerator, june.denominator), (1, Some(3)));
        let v = june.value.expect("a share");
        assert!((v - 100.0 / 3.0).abs() < 1e-9, "{v}");
    })
    .await;
}

#[tokio::test]
async fn months_with_fewer_newcomers_than_the_rule_are_hidden_and_left_off_the_chart() {
    both_engines(|db| async move {
        let w = world(db).await;
        // January 2026: 6 newcomers, 3 with a buddy in time (one too late). February: 2.
        for (i, buddy) in [
            Some("2026-01-05"),
            Some("2026-01-10"),
            Some("2026-01-20"),
            Some("2026-01-30"),
            None,
            None,
        ]
        .into_iter()
        .enumerate()
        {
            let joined = format!("2026-01-{:02}", 2 + i);
            newcomer(&w, w.alder, &joined, buddy).await;
        }
        newcomer(&w, w.alder, "2026-02-02", Some("2026-02-03")).await;
        newcomer(&w, w.alder, "2026-02-03", None).await;
        let s = reports::series(
            &w.app,
            &w.lead,
            "newcomers_with_buddy_in_time",
            Some(w.alder),
            Some("2026-01"),
            Some("2026-02"),
        )
        .await
        .expect("series");
        let jan = month_of(&s, "2026-01");
        // Joined 2, 3, 4 January with buddies from 5, 10, 20 January: the first two in time;
        // the one who joined on the 5th got a buddy on the 30th, too late.
        assert_eq!((jan.numerator, jan.denominator), (2, Some(6)));
        assert!(!jan.suppressed);
        let feb = month_of(&s, "2026-02");
        assert!(feb.suppressed, "2 newcomers is fewer than 5");
        assert_eq!((feb.numerator, feb.denominator, feb.value), (0, None, None));
        assert_eq!(s.hidden_below, Some(5));
        assert_eq!(
            s.charted().count(),
            1,
            "the hidden month is not on the chart"
        );
    })
    .await;
}

#[tokio::test]
async fn a_rebasing_with_its_reason_starts_a_new_phase_with_its_own_mean() {
    both_engines(|db| async move {
        let w = world(db).await;
        // Twelve months with 2 suggestions each, then twelve with 6.
        let months: Vec<(i16, i8)> = (0..24)
            .map(|i| (2024 + (i / 12) as i16, (i % 12 + 1) as i8))
            .collect();
        for (k, (y, m)) in months.iter().enumerate() {
            let n = if k < 12 { 2 } else { 6 };
            for d in 0..n {
                suggestion(&w, Some(w.alder), utc(*y, *m, 3 + d, 10, 0), None).await;
            }
        }
        let get = || {
            reports::series(
                &w.app,
                &w.lead,
                "suggestions_received",
                Some(w.alder),
                Some("2024-01"),
                Some("2025-12"),
            )
        };
        let before = get().await.expect("series");
        assert_eq!(before.analysis.kind, ChartKind::Xmr);
        assert_eq!(before.analysis.mean, Some(4.0));
        let last = before.points[23].spc.expect("charted");
        assert_eq!(last.special_cause, Some(Cause::Improvement), "a shift up");

        let refused = reports::set_baseline(
            &w.app,
            &w.lead,
            "suggestions_received",
            Some(w.alder),
            "2025-01",
            "2025-12",
            "  ",
        )
        .await;
        assert!(matches!(refused, Err(AppError::Invalid(e)) if e.for_field("reason").is_some()));
        let by_viewer = reports::set_baseline(
            &w.app,
            &account(
                &w.app,
                &w.org,
                "board@org-a.example",
                Role::Viewer,
                &[],
                None,
            )
            .await,
            "suggestions_received",
            Some(w.alder),
            "2025-01",
            "2025-12",
            "New kiosk",
        )
        .await;
        assert!(matches!(by_viewer, Err(AppError::Forbidden)));
        reports::set_baseline(
            &w.app,
            &w.lead,
            "suggestions_received",
            Some(w.alder),
            "2025-01",
            "2025-12",
            "A kiosk on the ward from January",
        )
        .await
        .expect("re-based");

        let after = get().await.expect("series");
        assert_eq!(after.baselines.len(), 1);
        assert_eq!(
            after.baselines[0].reason,
            "A kiosk on the ward from January"
        );
        let first = after.points[0].spc.expect("charted");
        let last = after.points[23].spc.expect("charted");
        assert_eq!((first.phase, last.phase), (0, 1));
        assert_eq!((first.mean, last.mean), (2.0, 6.0));
        assert_eq!(last.special_cause, None, "steady within the new phase");
        // The service's chart is not re-based by a unit's baseline.
        let service = reports::series(
            &w.app,
            &w.lead,
            "suggestions_received",
            None,
            Some("2024-01"),
            Some("2025-12"),
        )
        .await
        .expect("service");
        assert!(service.baselines.is_empty());
        assert_eq!(service.analysis.mean, Some(4.0));
    })
    .await;
}

#[tokio::test]
async fn reports_are_for_report_readers_and_unit_staff_see_only_their_units() {
    both_engines(|db| async move {
        let w = world(db).await;
        let key = "suggestions_received";
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            Role::Viewer,
            &[],
            None,
        )
        .await;
        reports::series(&w.app, &viewer, key, None, None, None)
            .await
            .expect("the board reads the service");
        reports::series(&w.app, &w.staff, key, Some(w.alder), None, None)
            .await
            .expect("staff read their unit");
        assert!(matches!(
            reports::series(&w.app, &w.staff, key, Some(w.birch), None, None).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            reports::series(&w.app, &w.staff, key, None, None, None).await,
            Err(AppError::Forbidden)
        ));
        for who in [&w.mo, &w.finance] {
            assert!(matches!(
                reports::series(&w.app, who, key, None, None, None).await,
                Err(AppError::Forbidden)
            ));
        }
        assert!(matches!(
            reports::series(&w.app, &w.lead, "no_such_measure", None, None, None).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            reports::series(&w.app, &w.lead, key, None, Some("2025-13"), None).await,
            Err(AppError::Invalid(e)) if e.for_field("from").is_some()
        ));
        // The board reads signed-off packs, never drafts, and assembles none.
        let draft = PackDraft {
            title: "Quarter 2".into(),
            period_from: "2025-04".into(),
            period_to: "2025-06".into(),
            ..Default::default()
        };
        assert!(matches!(
            reports::create_pack(&w.app, &viewer, &draft).await,
            Err(AppError::Forbidden)
        ));
        let id = reports::create_pack(&w.app, &w.lead, &draft)
            .await
            .expect("pack");
        assert!(matches!(
            reports::pack(&w.app, &viewer, id).await,
            Err(AppError::NotFound)
        ));
        reports::sign_off(&w.app, &w.lead, id)
            .await
            .expect("sign off");
        let read = reports::pack(&w.app, &viewer, id).await.expect("read");
        assert!(read.frozen);
        assert!(matches!(
            reports::pack(&w.app, &w.staff, id).await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test]
async fn a_signed_off_pack_stays_exactly_as_signed_off_whatever_changes_afterwards() {
    both_engines(|db| async move {
        let w = world(db).await;
        let june = utc(2025, 6, 10, 9, 0);
        suggestion(&w, Some(w.alder), june, Some(june + DAY)).await;
        let id = reports::create_pack(
            &w.app,
            &w.lead,
            &PackDraft {
                title: "Quarter 2".into(),
                committee: "Quality, Safety and Experience".into(),
                period_from: "2025-04".into(),
                period_to: "2025-06".into(),
                summary: "Suggestions are answered sooner.".into(),
                measures: vec!["suggestions_received".into(), "survey_satisfaction".into()],
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let signed = reports::sign_off(&w.app, &w.lead, id)
            .await
            .expect("signed");
        assert!(signed.frozen);
        assert_eq!(signed.charts.len(), 2);
        let frozen = serde_json::to_string(&signed).expect("json");
        let june_figure = |p: &cairn_app::reports::PackContent| {
            p.charts[0]
                .points
                .iter()
                .find(|m| m.month.0.to_string() == "2025-06")
                .map(|m| m.numerator)
        };
        assert_eq!(june_figure(&signed), Some(1));

        // Every kind of later change: more suggestions in the period, a target, a baseline,
        // a stricter small-number rule, and attempts to edit or sign off again.
        let changes: Vec<&str> = vec!["suggestions", "target", "baseline", "rule", "edit", "again"];
        for change in changes {
            match change {
                "suggestions" => {
                    for d in 1..5 {
                        suggestion(&w, Some(w.birch), june + d * DAY, None).await;
                    }
                }
                "target" => reports::set_target(&w.app, &w.lead, "suggestions_received", "12")
                    .await
                    .expect("target"),
                "baseline" => {
                    reports::set_baseline(
                        &w.app,
                        &w.lead,
                        "suggestions_received",
                        None,
                        "2024-07",
                        "2025-06",
                        "Correction",
                    )
                    .await
                    .expect("baseline");
                }
                "rule" => {
                    cairn_app::surveys::set_thresholds(&w.app, &w.org.admin, "8", "20")
                        .await
                        .expect("rule");
                }
                "edit" => assert!(matches!(
                    reports::update_pack(
                        &w.app,
                        &w.lead,
                        id,
                        &PackDraft {
                            title: "Changed".into(),
                            period_from: "2025-04".into(),
                            period_to: "2025-06".into(),
                            ..Default::default()
                        }
                    )
                    .await,
                    Err(AppError::Conflict(_))
                )),
                _ => assert!(matches!(
                    reports::sign_off(&w.app, &w.lead, id).await,
                    Err(AppError::Conflict(_))
                )),
            }
            let read = reports::pack(&w.app, &w.lead, id).await.expect("read");
            assert_eq!(
                serde_json::to_string(&read).expect("json"),
                frozen,
                "the pack changed after: {change}"
            );
        }
        // A draft assembled now does see the new figures.
        let fresh = reports::create_pack(
            &w.app,
            &w.lead,
            &PackDraft {
                title: "Quarter 2 again".into(),
                period_from: "2025-04".into(),
                period_to: "2025-06".into(),
                measures: vec!["suggestions_received".into()],
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let now = reports::pack(&w.app, &w.lead, fresh).await.expect("draft");
        assert!(!now.frozen);
        assert_eq!(june_figure(&now), Some(5));
    })
    .await;
}

/// A change made after a pack is signed off, drawn at random.
#[derive(Debug, Clone)]
enum Change {
    /// A suggestion `months` back from June 2025 on Alder (or Birch), answered after `days`.
    Suggestion(i64, bool, Option<i64>),
    Target(i64),
    /// A service baseline starting `from` months before June 2025, `len` months long.
    Baseline(i32, i32),
    Rule(i64, i64),
}

#[tokio::test]
async fn a_frozen_pack_never_changes_for_any_mix_of_later_changes() {
    use proptest::prelude::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    both_engines(|db| async move {
        let w = world(db).await;
        let june = utc(2025, 6, 10, 9, 0);
        for d in 0..3 {
            suggestion(&w, Some(w.alder), june - d * 30 * DAY, Some(june)).await;
        }
        let id = reports::create_pack(
            &w.app,
            &w.lead,
            &PackDraft {
                title: "Quarter 2".into(),
                period_from: "2025-04".into(),
                period_to: "2025-06".into(),
                measures: vec![
                    "suggestions_received".into(),
                    "suggestions_answered_in_target".into(),
                ],
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let frozen = serde_json::to_string(
            &reports::sign_off(&w.app, &w.lead, id)
                .await
                .expect("signed"),
        )
        .expect("json");
        let change = prop_oneof![
            (0..24_i64, any::<bool>(), proptest::option::of(0..40_i64))
                .prop_map(|(m, a, d)| Change::Suggestion(m, a, d)),
            (0..=100_i64).prop_map(Change::Target),
            (0..12_i32, 1..12_i32).prop_map(|(f, l)| Change::Baseline(f, l)),
            (5..30_i64, 10..60_i64).prop_map(|(c, r)| Change::Rule(c, r)),
        ];
        let mut runner = TestRunner::deterministic();
        for case in 0..24 {
            let c = change.new_tree(&mut runner).expect("a change").current();
            match &c {
                Change::Suggestion(months, alder, days) => {
                    let at = june - months * 30 * DAY;
                    let unit = if *alder { w.alder } else { w.birch };
                    suggestion(&w, Some(unit), at, days.map(|d| at + d * DAY)).await;
                }
                Change::Target(v) => {
                    reports::set_target(
                        &w.app,
                        &w.lead,
                        "suggestions_answered_in_target",
                        &v.to_string(),
                    )
                    .await
                    .expect("target");
                }
                Change::Baseline(from, len) => {
                    let start = cairn_domain::reports::Month {
                        year: 2025,
                        month: 6,
                    }
                    .minus(*from);
                    reports::set_baseline(
                        &w.app,
                        &w.lead,
                        "suggestions_received",
                        None,
                        &start.to_string(),
                        &start.minus(-*len).to_string(),
                        "A change of practice",
                    )
                    .await
                    .expect("baseline");
                }
                Change::Rule(count, responses) => {
                    cairn_app::surveys::set_thresholds(
                        &w.app,
                        &w.org.admin,
                        &count.to_string(),
                        &responses.to_string(),
                    )
                    .await
                    .expect("rule");
                }
            }
            let read = reports::pack(&w.app, &w.lead, id).await.expect("read");
            assert_eq!(
                serde_json::to_string(&read).expect("json"),
                frozen,
                "case {case}: the pack changed after {c:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn erasing_a_lead_takes_their_name_and_address_out_of_packs_targets_and_baselines() {
    both_engines(|db| async move {
        let w = world(db).await;
        let pid =
            crate::payments::person(&w.app, &w.org, "Ffion Hughes", "staff", &[w.alder]).await;
        let ffion = account(
            &w.app,
            &w.org,
            "ffion@org-a.example",
            Role::Lead,
            &[],
            Some(pid),
        )
        .await;
        suggestion(&w, Some(w.alder), utc(2025, 6, 10, 9, 0), None).await;
        reports::set_target(&w.app, &ffion, "suggestions_received", "3")
            .await
            .expect("target");
        reports::set_baseline(
            &w.app,
            &ffion,
            "suggestions_received",
            None,
            "2025-01",
            "2025-06",
            "Start",
        )
        .await
        .expect("baseline");
        let signed = reports::create_pack(
            &w.app,
            &ffion,
            &PackDraft {
                title: "Quarter 2".into(),
                period_from: "2025-04".into(),
                period_to: "2025-06".into(),
                author: "ffion@org-a.example".into(),
                executive_lead: "Ffion Hughes".into(),
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let before = reports::sign_off(&w.app, &ffion, signed)
            .await
            .expect("signed");
        let draft = reports::create_pack(
            &w.app,
            &ffion,
            &PackDraft {
                title: "Quarter 3".into(),
                period_from: "2025-07".into(),
                period_to: "2025-09".into(),
                executive_lead: "Ffion Hughes".into(),
                ..Default::default()
            },
        )
        .await
        .expect("draft");
        let erased =
            cairn_app::people::erasure::erase(&w.app, &w.org.admin, pid, "She asked us to")
                .await
                .expect("erase");

        let mut h = w.app.db.acquire().await.expect("conn");
        let c = &mut h.conn();
        for (table, columns) in [
            (
                "board_packs",
                "fields_json || created_by_label || COALESCE(signed_off_by_label, '')",
            ),
            (
                "board_pack_versions",
                "snapshot_json || signed_off_by_label",
            ),
            ("measure_targets", "updated_by_label"),
            ("measure_baselines", "created_by_label"),
        ] {
            let rows: Vec<(String,)> = cairn_db::fetch_all!(
                &mut *c,
                (String,),
                &format!("SELECT {columns} FROM {table}")
            )
            .expect("rows");
            assert!(!rows.is_empty(), "{table} has rows");
            for (text,) in rows {
                assert!(
                    !text.contains("ffion@org-a.example") && !text.contains("Ffion Hughes"),
                    "{table} still names her: {text}"
                );
            }
        }
        let redactions: i64 = cairn_db::fetch_scalar!(
            &mut *c,
            i64,
            "SELECT redactions FROM board_pack_versions WHERE pack_id = $1",
            signed
        )
        .expect("redactions");
        assert!(redactions >= 1, "erasure counted itself");
        // Any other change to the frozen version is still refused.
        let refused = cairn_db::execute!(
            &mut *c,
            "UPDATE board_pack_versions SET snapshot_json = '{}' WHERE pack_id = $1",
            signed
        );
        assert!(refused.is_err(), "the frozen version refused a change");
        drop(h);
        // The figures the committee read are unchanged; only who is named has changed.
        let after = reports::pack(&w.app, &w.lead, signed).await.expect("read");
        assert_eq!(
            serde_json::to_string(&after.charts).expect("json"),
            serde_json::to_string(&before.charts).expect("json")
        );
        assert_eq!(
            after.signed_off_by.as_deref(),
            Some(erased.pseudonym.as_str())
        );
        assert_eq!(after.fields.executive_lead, erased.pseudonym);
        let d = reports::pack_fields(&w.app, &w.lead, draft)
            .await
            .expect("draft")
            .1;
        assert_eq!(d.executive_lead, erased.pseudonym);
    })
    .await;
}

#[tokio::test]
async fn a_frozen_pack_naming_a_measure_no_longer_in_the_catalogue_is_an_error_not_a_guess() {
    both_engines(|db| async move {
        let w = world(db).await;
        let id = reports::create_pack(
            &w.app,
            &w.lead,
            &PackDraft {
                title: "Quarter 2".into(),
                period_from: "2025-04".into(),
                period_to: "2025-06".into(),
                measures: vec!["suggestions_received".into()],
                ..Default::default()
            },
        )
        .await
        .expect("pack");
        let signed = reports::sign_off(&w.app, &w.lead, id)
            .await
            .expect("signed");
        // Another pack whose frozen version names a key the catalogue does not have.
        let json = serde_json::to_string(&signed)
            .expect("json")
            .replace("\"suggestions_received\"", "\"a_measure_since_removed\"");
        let mut tx = w.app.db.begin().await.expect("tx");
        let c = &mut tx.conn();
        let other = cairn_db::reports::insert_pack(c, w.org.id, "Old", "", "{}", "test", 0)
            .await
            .expect("pack row");
        assert!(
            cairn_db::reports::sign_off(c, w.org.id, other, &json, "test", 0)
                .await
                .expect("frozen")
        );
        tx.commit().await.expect("commit");
        assert!(matches!(
            reports::pack(&w.app, &w.lead, other).await,
            Err(AppError::Unexpected(m)) if m.contains("a_measure_since_removed")
        ));
        // The real one still reads.
        reports::pack(&w.app, &w.lead, id).await.expect("read");
    })
    .await;
}
