//! Use-case tests for surveys: an anonymous answer that leaves no trace of who gave it in any
//! table (only the response and its answers are added), a confidential survey answered on paper and erased with the person, results under the
//! small-number rule that agree for a unit and for the service, and rounds refused when badly
//! made. Every body runs on SQLite and PostgreSQL.

use crate::common::*;
use crate::payments::{World, world};
use crate::training::people_erase;
use cairn_app::AppError;
use cairn_app::surveys::{self, RoundDraft, SurveyDraft};
use cairn_db::Engine;
use cairn_domain::surveys::Channel;
use cairn_domain::surveys::suppression::Cell;
use cairn_domain::time::{local_date, time_zone};
use cairn_testkit::both_engines;
use serde_json::{Value, json};
use std::collections::BTreeMap;

fn today() -> jiff::civil::Date {
    local_date(T0, &time_zone("Europe/London"))
}

async fn survey(w: &World, privacy: &str, template: &str) -> i64 {
    surveys::create_survey(
        &w.app,
        &w.lead,
        &SurveyDraft {
            title_en: "Your views".into(),
            title_cy: "Eich barn".into(),
            privacy: privacy.into(),
            template: template.into(),
            questions: None,
            by_hand: false,
        },
    )
    .await
    .expect("survey")
}

async fn round(w: &World, survey: i64, units: &[i64]) -> i64 {
    surveys::open_round(
        &w.app,
        &w.lead,
        survey,
        &RoundDraft {
            name: "Baseline".into(),
            unit_ids: units.iter().map(i64::to_string).collect(),
            opens_on: Some(today().to_string()),
            closes_on: Some(
                today()
                    .saturating_add(jiff::Span::new().days(30))
                    .to_string(),
            ),
        },
    )
    .await
    .expect("round")
}

async fn token(w: &World, round: i64, unit: i64) -> String {
    let mut h = w.app.db.acquire().await.expect("acquire");
    cairn_db::surveys::round_units(&mut h.conn(), round)
        .await
        .expect("units")
        .into_iter()
        .find(|(u, _)| *u == unit)
        .expect("unit")
        .1
}

fn answers(v: Value) -> BTreeMap<String, Value> {
    serde_json::from_value(v).expect("a map")
}

/// Rows in every table of the schema.
async fn row_counts(w: &World) -> BTreeMap<String, i64> {
    let mut h = w.app.db.acquire().await.expect("acquire");
    let tables_sql = match w.app.db.engine() {
        Engine::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'"
        }
        Engine::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'"
        }
    };
    let tables: Vec<(String,)> =
        cairn_db::fetch_all!(&mut h.conn(), (String,), tables_sql).expect("tables");
    let mut out = BTreeMap::new();
    for (t,) in tables {
        let n: i64 =
            cairn_db::fetch_scalar!(&mut h.conn(), i64, &format!("SELECT COUNT(*) FROM {t}"))
                .expect("count");
        out.insert(t, n);
    }
    out
}

#[tokio::test]
async fn an_anonymous_answer_adds_one_row_holding_its_week_and_no_link_to_anyone_anywhere() {
    both_engines(|db| async move {
        // Arrange: the Friends and Family Test, anonymous, open on Alder.
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        let before = row_counts(&w).await;

        // Exec
        let id = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            None,
            &answers(json!({"fft_rating": "good", "fft_comment": "Kind staff"})),
        )
        .await
        .expect("answer");
        let after = row_counts(&w).await;

        // Check: the response and its two answers, and nothing else anywhere (no audit
        // entry, no session, no address, no notice).
        let changed: Vec<(&String, i64)> = after
            .iter()
            .filter(|(t, n)| before.get(*t) != Some(*n))
            .map(|(t, n)| (t, n - before.get(t).copied().unwrap_or(0)))
            .collect();
        assert_eq!(
            changed,
            vec![
                (&"survey_answers".to_owned(), 2),
                (&"survey_responses".to_owned(), 1)
            ]
        );
        let mut h = w.app.db.acquire().await.expect("acquire");
        let (week, person, label): (String, Option<i64>, Option<String>) = cairn_db::fetch_one!(
            &mut h.conn(),
            (String, Option<i64>, Option<String>),
            "SELECT week_of, person_id, entered_by_label FROM survey_responses WHERE id = $1",
            id
        )
        .expect("row");
        assert_eq!(
            week,
            cairn_domain::payments::week_start(today()).to_string()
        );
        assert_eq!((person, label), (None, None));
    })
    .await;
}

#[tokio::test]
async fn a_confidential_survey_is_not_answered_by_link_and_a_paper_answer_goes_with_the_person() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let s = survey(&w, "confidential", "baseline_service_user").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;

        // Exec
        let by_link = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            None,
            &answers(json!({"su_suggest": "4"})),
        )
        .await;
        let on_birch = surveys::answer_on_paper(
            &w.app,
            &w.staff,
            r,
            &w.birch.to_string(),
            Some(w.mo_id),
            &answers(json!({"su_suggest": "4"})),
        )
        .await;
        let by_member = surveys::answer_on_paper(
            &w.app,
            &w.mo,
            r,
            &w.alder.to_string(),
            None,
            &answers(json!({})),
        )
        .await;
        surveys::answer_on_paper(
            &w.app,
            &w.staff,
            r,
            &w.alder.to_string(),
            Some(w.mo_id),
            &answers(json!({"su_suggest": "4", "su_better": "More groups at weekends"})),
        )
        .await
        .expect("paper");
        let export = cairn_app::people::export(&w.app, &w.org.admin, w.mo_id)
            .await
            .expect("export");
        people_erase(&w, w.mo_id).await;
        let left = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::surveys::responses_of(&mut h.conn(), w.mo_id)
                .await
                .expect("responses")
        };

        // Check
        assert!(matches!(
            by_link,
            Err(AppError::Conflict("survey-error-needs-sign-in"))
        ));
        match on_birch {
            Err(AppError::Invalid(e)) => assert!(e.for_field("unit_id").is_some()),
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(by_member, Err(AppError::Forbidden)));
        assert_eq!(export.survey_responses.len(), 1);
        assert_eq!(export.survey_responses[0].channel, "paper");
        assert!(export.survey_responses[0].answers_json.contains("weekends"));
        assert!(left.is_empty(), "erasure deletes their answers");
    })
    .await;
}

#[tokio::test]
async fn results_hide_small_counts_alike_for_a_unit_and_the_service_and_hold_comments_under_ten() {
    both_engines(|db| async move {
        // Arrange: Alder gives 8 "very good", 4 "good" and 6 "neither" (18 responses, with
        // comments); Birch gives 3 "poor".
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder, w.birch]).await;
        let (alder, birch) = (token(&w, r, w.alder).await, token(&w, r, w.birch).await);
        for (link, rating, n) in [
            (&alder, "very_good", 8),
            (&alder, "good", 4),
            (&alder, "neither", 6),
            (&birch, "poor", 3),
        ] {
            for i in 0..n {
                surveys::answer_by_link(
                    &w.app,
                    link,
                    Channel::Kiosk,
                    None,
                    &answers(json!({"fft_rating": rating, "fft_comment": format!("{rating} {i}")})),
                )
                .await
                .expect("answer");
            }
        }

        // Exec
        let a = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("Alder");
        let b = surveys::results(&w.app, &w.lead, r, Some(w.birch))
            .await
            .expect("Birch");
        let all = surveys::results(&w.app, &w.lead, r, None)
            .await
            .expect("service");
        let by_staff_birch = surveys::results(&w.app, &w.staff, r, Some(w.birch)).await;
        let by_member = surveys::results(&w.app, &w.mo, r, None).await;

        // Check
        let count = |res: &cairn_app::surveys::Results, value: &str| {
            res.questions[0]
                .answers
                .iter()
                .find(|x| x.value == value)
                .expect("answer")
                .count
        };
        // Birch's 3 responses are hidden; with the service's 21 shown, Alder's 18 would give
        // them away, so Alder's count is hidden too, and with it Alder's percentages.
        assert_eq!(a.responses, Cell::Suppressed);
        assert_eq!(count(&a, "very_good"), Cell::Shown(8));
        assert!(
            a.questions[0]
                .answers
                .iter()
                .all(|x| x.percent == Cell::Suppressed)
        );
        // Alder's 4 is hidden, and with it the next smallest on its line (6), not the 8.
        assert_eq!(count(&a, "good"), Cell::Suppressed);
        assert_eq!(count(&a, "neither"), Cell::Suppressed);
        assert_eq!(count(&a, "very_poor"), Cell::Shown(0));
        assert_eq!(b.responses, Cell::Suppressed, "3 responses");
        assert_eq!(count(&b, "poor"), Cell::Suppressed);
        // The service's "poor" (3) is hidden too: it is Birch's own figure.
        assert_eq!(count(&all, "poor"), Cell::Suppressed);
        assert_eq!(all.responses, Cell::Shown(21));
        assert_eq!(
            a.questions[1].comments.len(),
            18,
            "18 responses: comments shown"
        );
        assert!(b.questions[1].comments.is_empty() && b.comments_withheld);
        assert!(
            matches!(by_staff_birch, Err(AppError::NotFound)),
            "staff reach Alder only"
        );
        assert!(matches!(by_member, Err(AppError::Forbidden)));
    })
    .await;
}

#[tokio::test]
async fn a_round_needs_a_name_units_in_reach_and_a_closing_date_after_it_opens() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let s = survey(&w, "anonymous", "exit").await;

        // Exec
        let bad = surveys::open_round(
            &w.app,
            &w.lead,
            s,
            &RoundDraft {
                name: " ".into(),
                unit_ids: vec!["999999".into()],
                opens_on: Some("2026-04-10".into()),
                closes_on: Some("2026-04-01".into()),
            },
        )
        .await;
        let by_staff = surveys::open_round(
            &w.app,
            &w.staff,
            s,
            &RoundDraft {
                name: "Spring".into(),
                unit_ids: vec![w.alder.to_string()],
                opens_on: Some("2026-04-01".into()),
                closes_on: Some("2026-04-30".into()),
            },
        )
        .await;
        let no_template = surveys::create_survey(
            &w.app,
            &w.lead,
            &SurveyDraft {
                title_en: "X".into(),
                privacy: "whispered".into(),
                ..Default::default()
            },
        )
        .await;

        // Check
        match bad {
            Err(AppError::Invalid(e)) => {
                for (field, code) in [
                    ("name", "round-error-name"),
                    ("unit_ids", "round-error-units"),
                    ("closes_on", "round-error-closes"),
                ] {
                    assert_eq!(e.for_field(field).map(|x| x.code), Some(code), "{field}");
                }
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        match no_template {
            Err(AppError::Invalid(e)) => {
                assert_eq!(
                    e.for_field("privacy").map(|x| x.code),
                    Some("survey-error-privacy")
                );
                assert_eq!(
                    e.for_field("template").map(|x| x.code),
                    Some("survey-error-template")
                );
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
    })
    .await;
}

#[tokio::test]
async fn the_model_counts_a_units_satisfaction_answers_in_the_last_quarter() {
    both_engines(|db| async move {
        // Arrange: three answers to the Friends and Family Test on Alder; none on Birch.
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder, w.birch]).await;
        let link = token(&w, r, w.alder).await;
        for _ in 0..3 {
            surveys::answer_by_link(
                &w.app,
                &link,
                Channel::Kiosk,
                None,
                &answers(json!({"fft_rating": "good"})),
            )
            .await
            .expect("answer");
        }

        // Exec
        let alder = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.alder)
            .await
            .expect("Alder");
        let birch = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.birch)
            .await
            .expect("Birch");

        // Check
        let measure = |a: &cairn_app::model::UnitAssessment| {
            let m = a
                .items
                .iter()
                .find(|i| i.practice.code == "L1.04")
                .and_then(|i| i.measure.as_ref())
                .expect("L1.04 has a live measure");
            (m.message_id, m.count)
        };
        assert_eq!(measure(&alder), ("model-measure-satisfaction", 3));
        assert_eq!(measure(&birch), ("model-measure-satisfaction", 0));
    })
    .await;
}

#[tokio::test]
async fn a_signed_in_member_answers_a_confidential_survey_once_kept_with_them_and_audited() {
    both_engines(|db| async move {
        // Arrange: a confidential baseline on Alder, where Mo is a member.
        let w = world(db).await;
        let s = survey(&w, "confidential", "baseline_service_user").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        let listed_before = surveys::open_for_me(&w.app, &w.mo).await.expect("open");

        // Exec
        let first = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            Some(&w.mo),
            &answers(json!({"su_suggest": "5"})),
        )
        .await
        .expect("Mo answers");
        let again = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            Some(&w.mo),
            &answers(json!({"su_suggest": "1"})),
        )
        .await;
        let signed_out = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            None,
            &answers(json!({"su_suggest": "1"})),
        )
        .await;
        let listed_after = surveys::open_for_me(&w.app, &w.mo).await.expect("open");

        // Check: one response, Mo's, marked as a member's, with an audit row naming Mo.
        assert!(matches!(
            again,
            Err(AppError::Conflict("survey-error-already-answered"))
        ));
        assert!(matches!(
            signed_out,
            Err(AppError::Conflict("survey-error-needs-sign-in"))
        ));
        let mut h = w.app.db.acquire().await.expect("acquire");
        let (person, channel): (Option<i64>, String) = cairn_db::fetch_one!(
            &mut h.conn(),
            (Option<i64>, String),
            "SELECT person_id, channel FROM survey_responses WHERE id = $1",
            first
        )
        .expect("row");
        assert_eq!((person, channel.as_str()), (Some(w.mo_id), "member"));
        let audited: i64 = cairn_db::fetch_scalar!(
            &mut h.conn(),
            i64,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'survey_response' AND entity_id = $1 AND on_behalf_of_person_id = $2",
            first,
            w.mo_id
        )
        .expect("audit");
        assert_eq!(audited, 1);
        assert_eq!(listed_before.len(), 1);
        assert!(!listed_before[0].answered);
        assert!(listed_after[0].answered);
        assert_eq!(listed_after[0].link, format!("/s/{link}"));
    })
    .await;
}

#[tokio::test]
async fn a_single_use_card_takes_one_answer_and_keeps_no_link_to_the_response() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder]).await;
        let named = survey(&w, "named", "exit").await;
        let named_round = round(&w, named, &[w.alder]).await;

        // Exec
        let (printed_at, cards) = surveys::print_cards(&w.app, &w.lead, r, w.alder, "3")
            .await
            .expect("cards");
        let too_many = surveys::print_cards(&w.app, &w.lead, r, w.alder, "201").await;
        let for_named = surveys::print_cards(&w.app, &w.lead, named_round, w.alder, "2").await;
        let by_staff = surveys::print_cards(&w.app, &w.staff, r, w.alder, "2").await;
        let used = surveys::answer_by_card(
            &w.app,
            &cards[0],
            &answers(json!({"fft_rating": "good"})),
        )
        .await
        .expect("first answer");
        let second = surveys::answer_by_card(
            &w.app,
            &cards[0],
            &answers(json!({"fft_rating": "poor"})),
        )
        .await;
        let bad = surveys::answer_by_card(&w.app, &cards[1], &answers(json!({}))).await;
        let unused = surveys::unused_cards(&w.app, &w.lead, r, w.alder, printed_at)
            .await
            .expect("unused");

        // Check
        assert_eq!(cards.len(), 3);
        assert!(matches!(too_many, Err(AppError::Invalid(_))));
        assert!(matches!(
            for_named,
            Err(AppError::Conflict("survey-error-cards-anonymous"))
        ));
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        assert!(matches!(
            second,
            Err(AppError::Conflict("survey-error-card-used"))
        ));
        assert!(
            matches!(bad, Err(AppError::Invalid(_))),
            "a refused answer leaves the card unused"
        );
        assert_eq!(unused.len(), 2);
        assert!(!unused.contains(&cards[0]));
        let res = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");
        assert_eq!(res.responses, Cell::Suppressed, "one response, counted");
        let mut h = w.app.db.acquire().await.expect("acquire");
        let (person, week): (Option<i64>, String) = cairn_db::fetch_one!(
            &mut h.conn(),
            (Option<i64>, String),
            "SELECT person_id, week_of FROM survey_responses WHERE id = $1",
            used
        )
        .expect("row");
        assert_eq!(person, None);
        assert_eq!(week, cairn_domain::payments::week_start(today()).to_string());
        // The card's row holds nothing that could lead to the response.
        let columns: Vec<(String,)> = match w.app.db.engine() {
            Engine::Sqlite => cairn_db::fetch_all!(
                &mut h.conn(),
                (String,),
                "SELECT name FROM pragma_table_info('survey_cards') ORDER BY name"
            ),
            Engine::Postgres => cairn_db::fetch_all!(
                &mut h.conn(),
                (String,),
                "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'survey_cards' AND table_schema = current_schema() ORDER BY column_name"
            ),
        }
        .expect("columns");
        let names: Vec<&str> = columns.iter().map(|(c,)| c.as_str()).collect();
        assert_eq!(
            names,
            vec!["printed_at", "round_id", "token", "unit_id", "used"]
        );
    })
    .await;
}

#[tokio::test]
async fn a_small_units_comments_show_only_once_checked_for_names_and_go_on_as_anonymous_suggestions()
 {
    both_engines(|db| async move {
        // Arrange: three answers on Alder, one naming a nurse.
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        for comment in ["Nurse Jones was kind", "More walks", "Better food"] {
            surveys::answer_by_link(
                &w.app,
                &link,
                Channel::Link,
                None,
                &answers(json!({"fft_rating": "good", "fft_comment": comment})),
            )
            .await
            .expect("answer");
        }
        let before = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");

        // Exec
        let lead_reads = surveys::comments_to_check(&w.app, &w.lead, r).await;
        let (_, _, rows, under) = surveys::comments_to_check(&w.app, &w.org.admin, r)
            .await
            .expect("to check");
        let jones = rows
            .iter()
            .find(|c| c.written.contains("Jones"))
            .expect("the comment");
        let empty =
            surveys::check_comment(&w.app, &w.org.admin, r, jones.response_id, &jones.key, "  ")
                .await;
        surveys::check_comment(
            &w.app,
            &w.org.admin,
            r,
            jones.response_id,
            &jones.key,
            "[name] was kind",
        )
        .await
        .expect("checked");
        let unchecked = rows
            .iter()
            .find(|c| c.written == "More walks")
            .expect("walks");
        let too_soon = surveys::comment_to_suggestion(
            &w.app,
            &w.lead,
            r,
            unchecked.response_id,
            &unchecked.key,
            cairn_domain::people::Language::En,
        )
        .await;
        let after = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");
        let sent = surveys::comment_to_suggestion(
            &w.app,
            &w.lead,
            r,
            jones.response_id,
            &jones.key,
            cairn_domain::people::Language::En,
        )
        .await
        .expect("sent");
        let twice = surveys::comment_to_suggestion(
            &w.app,
            &w.lead,
            r,
            jones.response_id,
            &jones.key,
            cairn_domain::people::Language::En,
        )
        .await;
        let suggestion = cairn_app::feedback::detail(&w.app, &w.lead, sent)
            .await
            .expect("suggestion");

        // Check
        assert!(before.questions[1].comments.is_empty() && before.comments_withheld);
        assert!(matches!(lead_reads, Err(AppError::Forbidden)));
        assert_eq!(rows.len(), 3);
        assert_eq!(under, vec![w.alder]);
        assert!(matches!(empty, Err(AppError::Invalid(_))));
        assert!(matches!(
            too_soon,
            Err(AppError::Conflict("survey-error-comment-unchecked"))
        ));
        assert_eq!(
            after.questions[1].comments,
            vec!["[name] was kind".to_owned()]
        );
        assert!(after.comments_withheld, "two still wait for a check");
        assert!(matches!(
            twice,
            Err(AppError::Conflict("survey-error-comment-sent"))
        ));
        let x = suggestion.suggestion;
        assert_eq!(x.text, "[name] was kind");
        assert_eq!(x.channel.key(), "survey");
        assert!(x.anonymous);
        assert_eq!((x.unit_id, x.submitted_by_user_id), (Some(w.alder), None));
        let results = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");
        assert_eq!(results.questions[1].comment_refs[0].1, Some(sent));
    })
    .await;
}

#[tokio::test]
async fn the_organisation_may_raise_the_small_number_rule_but_never_lower_it() {
    both_engines(|db| async move {
        // Arrange: Alder gives 12 "good" and 6 "poor".
        let w = world(db).await;
        let s = survey(&w, "anonymous", "fft").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        for (rating, n) in [("good", 12), ("poor", 6)] {
            for _ in 0..n {
                surveys::answer_by_link(
                    &w.app,
                    &link,
                    Channel::Link,
                    None,
                    &answers(json!({"fft_rating": rating})),
                )
                .await
                .expect("answer");
            }
        }
        let poor = |res: &cairn_app::surveys::Results| {
            res.questions[0]
                .answers
                .iter()
                .find(|a| a.value == "poor")
                .expect("poor")
                .count
        };
        let before = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");

        // Exec
        let lower = surveys::set_thresholds(&w.app, &w.org.admin, "4", "9").await;
        let by_lead = surveys::set_thresholds(&w.app, &w.lead, "8", "20").await;
        surveys::set_thresholds(&w.app, &w.org.admin, "8", "20")
            .await
            .expect("raised");
        let after = surveys::results(&w.app, &w.lead, r, Some(w.alder))
            .await
            .expect("results");

        // Check
        match lower {
            Err(AppError::Invalid(e)) => {
                assert!(e.for_field("min_count").is_some());
                assert!(e.for_field("min_responses").is_some());
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(by_lead, Err(AppError::Forbidden)));
        assert_eq!(poor(&before), Cell::Shown(6));
        assert_eq!(poor(&after), Cell::Suppressed, "6 is under 8");
        // 18 responses are under the raised 20: no percentages.
        assert!(
            after.questions[0]
                .answers
                .iter()
                .all(|a| a.percent == Cell::Suppressed)
        );
        assert_eq!(after.thresholds.min_count, 8);
    })
    .await;
}

#[tokio::test]
async fn a_units_figures_from_other_surveys_keep_their_source_and_date_and_bad_ones_are_refused() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;
        let draft = |figure: &str, on: &str| surveys::OtherFigureDraft {
            unit_id: w.alder,
            source: "People's Experience Survey".into(),
            measure_en: "Rated their experience good or very good".into(),
            measure_cy: String::new(),
            figure: figure.into(),
            responses: "1,204".into(),
            measured_on: Some(on.into()),
        };
        let tomorrow = today()
            .saturating_add(jiff::Span::new().days(1))
            .to_string();
        let last_month = today()
            .saturating_sub(jiff::Span::new().days(30))
            .to_string();

        // Exec
        let id = surveys::record_other_figure(&w.app, &w.lead, &draft("87%", &last_month))
            .await
            .expect("recorded");
        let bad = surveys::record_other_figure(&w.app, &w.lead, &draft("", &tomorrow)).await;
        let by_member =
            surveys::record_other_figure(&w.app, &w.mo, &draft("90%", &last_month)).await;
        let listed = surveys::other_figures(&w.app, &w.staff, w.alder)
            .await
            .expect("listed");

        // Check
        match bad {
            Err(AppError::Invalid(e)) => {
                assert!(e.for_field("figure").is_some());
                assert!(e.for_field("measured_on").is_some());
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(by_member, Err(AppError::Forbidden)));
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, id);
        assert_eq!(listed[0].responses, Some(1204));
        assert_eq!(listed[0].measured_on, last_month);
    })
    .await;
}

#[tokio::test]
async fn exit_survey_reasons_feed_the_exits_report_and_are_offered_for_someone_who_left() {
    both_engines(|db| async move {
        // Arrange: an anonymous exit survey on Alder; 12 give "time", 6 "health", 2 "payment".
        let w = world(db).await;
        let s = survey(&w, "anonymous", "exit").await;
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        for (reason, n) in [("time", 12), ("health", 6), ("payment", 2)] {
            for _ in 0..n {
                surveys::answer_by_link(
                    &w.app,
                    &link,
                    Channel::Link,
                    None,
                    &answers(json!({"ex_reason": [reason]})),
                )
                .await
                .expect("answer");
            }
        }

        // Exec
        let report = surveys::exit_survey_reasons(&w.app, &w.lead)
            .await
            .expect("report");
        let offers = surveys::exit_offers(&w.app, &w.staff, w.mo_id)
            .await
            .expect("offers");
        let by_member = surveys::exit_survey_reasons(&w.app, &w.mo).await;

        // Check: one quarter of 20 responses; "payment" (2) is hidden and with it the next
        // smallest, "health" (6), so neither follows from the other; zeros are shown.
        assert_eq!(report.quarters.len(), 1);
        let (_, n, cells) = &report.quarters[0];
        assert_eq!(*n, Cell::Shown(20));
        let at = |v: &str| cells[report.reasons.iter().position(|x| x == v).expect(v)];
        assert_eq!(at("time"), Cell::Shown(12));
        assert_eq!(at("payment"), Cell::Suppressed);
        assert_eq!(at("health"), Cell::Suppressed);
        assert_eq!(at("not_heard"), Cell::Shown(0));
        assert!(matches!(by_member, Err(AppError::Forbidden)));
        assert_eq!(offers.len(), 1);
        assert_eq!(offers[0].round_id, r);
        assert_eq!(
            offers[0].link.as_deref(),
            Some(format!("/s/{link}").as_str())
        );
    })
    .await;
}

#[tokio::test]
async fn a_survey_written_by_hand_takes_questions_one_at_a_time_and_opens_a_round_only_with_some() {
    both_engines(|db| async move {
        // Arrange: a survey with no template and no questions yet.
        let w = world(db).await;
        let s = surveys::create_survey(
            &w.app,
            &w.lead,
            &SurveyDraft {
                title_en: "Garden group".into(),
                privacy: "anonymous".into(),
                by_hand: true,
                ..Default::default()
            },
        )
        .await
        .expect("survey");
        let q = |text: &str, kind: &str, choices: &str, show_if: &str| surveys::QuestionDraft {
            text_en: text.into(),
            text_cy: String::new(),
            kind: kind.into(),
            choices: choices.into(),
            required: true,
            show_if: show_if.into(),
            ..Default::default()
        };
        let too_soon = surveys::open_round(
            &w.app,
            &w.lead,
            s,
            &RoundDraft {
                name: "First".into(),
                unit_ids: vec![w.alder.to_string()],
                opens_on: Some(today().to_string()),
                closes_on: Some(today().to_string()),
            },
        )
        .await;

        // Exec
        surveys::add_question(
            &w.app,
            &w.lead,
            s,
            &q(
                "Did you come to the garden?",
                "one_choice",
                "Yes | Do\nNo | Naddo",
                "",
            ),
        )
        .await
        .expect("first");
        let one_answer =
            surveys::add_question(&w.app, &w.lead, s, &q("Why?", "one_choice", "Only one", ""))
                .await;
        let bad_link =
            surveys::add_question(&w.app, &w.lead, s, &q("Why not?", "free_text", "", "q1=c9"))
                .await;
        surveys::add_question(&w.app, &w.lead, s, &q("Why not?", "free_text", "", "q1=c2"))
            .await
            .expect("second");
        let depended_on = surveys::remove_question(&w.app, &w.lead, s, "q1").await;
        let fft = survey(&w, "anonymous", "fft").await;
        let on_template =
            surveys::add_question(&w.app, &w.lead, fft, &q("More?", "free_text", "", "")).await;
        let detail = surveys::survey(&w.app, &w.lead, s).await.expect("detail");
        let r = round(&w, s, &[w.alder]).await;
        let link = token(&w, r, w.alder).await;
        let answered = surveys::answer_by_link(
            &w.app,
            &link,
            Channel::Link,
            None,
            &answers(json!({"q1": "c2", "q2": "Too cold"})),
        )
        .await;

        // Check
        assert!(matches!(
            too_soon,
            Err(AppError::Conflict("round-error-no-questions"))
        ));
        match one_answer {
            Err(AppError::Invalid(e)) => assert!(e.for_field("choices").is_some()),
            other => panic!("expected Invalid, got {other:?}"),
        }
        match bad_link {
            Err(AppError::Invalid(e)) => assert!(e.for_field("show_if").is_some()),
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(
            depended_on,
            Err(AppError::Conflict("survey-error-question-depended-on"))
        ));
        assert!(matches!(
            on_template,
            Err(AppError::Conflict("survey-error-template-fixed"))
        ));
        assert_eq!(detail.questions.len(), 2);
        assert_eq!(detail.questions[0].choices[1].label.cy, "Naddo");
        assert_eq!(
            detail.questions[1]
                .show_if
                .as_ref()
                .map(|x| x.equals.as_str()),
            Some("c2")
        );
        assert!(answered.is_ok(), "{answered:?}");
    })
    .await;
}

#[tokio::test]
async fn named_answers_show_with_the_person_for_staff_and_confidential_ones_never_do() {
    both_engines(|db| async move {
        // Arrange: Mo answers a named exit survey and a confidential baseline.
        let w = world(db).await;
        let named = survey(&w, "named", "exit").await;
        let named_round = round(&w, named, &[w.alder]).await;
        let confidential = survey(&w, "confidential", "baseline_service_user").await;
        let confidential_round = round(&w, confidential, &[w.alder]).await;
        for (r, a) in [
            (
                named_round,
                json!({"ex_reason": ["time"], "ex_comment": "Back in spring"}),
            ),
            (confidential_round, json!({"su_suggest": "2"})),
        ] {
            surveys::answer_by_link(
                &w.app,
                &token(&w, r, w.alder).await,
                Channel::Link,
                Some(&w.mo),
                &answers(a),
            )
            .await
            .expect("answer");
        }

        // Exec
        let by_staff = surveys::named_answers(&w.app, &w.staff, w.mo_id)
            .await
            .expect("staff");
        let viewer = account(
            &w.app,
            &w.org,
            "board@org-a.example",
            cairn_domain::Role::Viewer,
            &[],
            None,
        )
        .await;
        let by_viewer = surveys::named_answers(&w.app, &viewer, w.mo_id)
            .await
            .expect("viewer");

        // Check
        assert_eq!(by_staff.len(), 1, "the confidential answer is not listed");
        let keys: Vec<&str> = by_staff[0]
            .answers
            .iter()
            .map(|(q, _)| q.key.as_str())
            .collect();
        assert_eq!(keys, vec!["ex_reason", "ex_comment"]);
        assert!(
            by_viewer.is_empty(),
            "the board never sees a person's answers"
        );
    })
    .await;
}
