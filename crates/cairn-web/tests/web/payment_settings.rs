//! A person's payment settings on the web: staff reach them from the person's page, named on
//! every page and audited; a member answers "How I am paid" one question a page, checks and
//! saves; a member cannot reach anyone else's; the statement takes three-field dates with the
//! message beside the field; a member's menu and account page show member things only, and
//! About me names their units. Both engines.

use crate::helpers::{Res, TestApp, Who, field_error};
use axum::http::StatusCode;
use cairn_db::audit::AuditQuery;

async fn engines() -> Vec<TestApp> {
    let mut all = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        all.push(pg);
    }
    all
}

/// Audit rows recording a read of `person`.
async fn reads_of(t: &TestApp, person: i64) -> usize {
    cairn_app::audit::list(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        &AuditQuery {
            limit: 100_000,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .filter(|e| e.action == "view" && e.on_behalf_of_person_id == Some(person))
    .count()
}

fn ok(r: &Res, what: &str) {
    assert_eq!(r.status, StatusCode::OK, "{what}: {}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_reach_a_persons_payments_from_their_page_named_on_every_page_and_audited() {
    for t in engines().await {
        // Setup: Dai, a service user with no account.
        let dai = t.seed.person_a2;
        let before = reads_of(&t, dai).await;

        // Exec
        let person = t.get(Who::Lead, &format!("/people/{dai}")).await;
        let summary = t.get(Who::Lead, &format!("/people/{dai}/payments")).await;
        let settings = t
            .get(Who::Lead, &format!("/people/{dai}/payments/settings"))
            .await;
        let statement = t
            .get(Who::Lead, &format!("/people/{dai}/payments/statement"))
            .await;
        let after = reads_of(&t, dai).await;

        // Check
        ok(&person, "person page");
        assert!(
            person
                .body
                .contains(&format!("href=\"/people/{dai}/payments\"")),
            "the person's page links to their payments"
        );
        for (page, title) in [
            (&summary, "<title>Payments: Dai"),
            (&settings, "<title>How Dai is paid"),
            (&statement, "<title>Statement of fees and expenses: Dai"),
        ] {
            ok(page, title);
            assert!(page.body.contains(title), "{title}");
            assert!(
                page.body
                    .contains("You are recording this for Dai (Service user)."),
                "{title}: names the person"
            );
        }
        assert!(summary.body.contains("This week so far"));
        assert!(
            summary
                .body
                .contains(&format!("/people/{dai}/payments/settings"))
        );
        assert!(
            summary
                .body
                .contains(&format!("/people/{dai}/payments/statement"))
        );
        assert!(
            after >= before + 3,
            "each staff page's read is audited ({before} → {after})"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_set_a_persons_limit_and_hold_and_a_bad_amount_stays_beside_its_field() {
    for t in engines().await {
        // Setup
        let dai = t.seed.person_a2;
        let path = format!("/people/{dai}/payments/settings");

        // Exec
        let bad = t
            .post(
                Who::Lead,
                &path,
                "choice=bank&limit_kind=own&limit_period=month&limit_amount=four+hundred&hold=yes&over_limit=later",
            )
            .await;
        let good = t
            .post(
                Who::Lead,
                &path,
                "choice=bank&limit_kind=own&limit_period=month&limit_amount=400&hold=yes&over_limit=later",
            )
            .await;
        let saved = cairn_app::payments::profile(&t.app, &t.actor(Who::Lead).await, dai)
            .await
            .expect("profile")
            .expect("saved");
        let page = t.get(Who::Lead, &format!("/people/{dai}/payments")).await;

        // Check
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            field_error(&bad.body, "limit_amount").is_some(),
            "beside the field"
        );
        assert!(bad.body.contains("value=\"four hundred\""), "kept as typed");
        assert!(bad.body.contains("You are recording this for Dai"));
        assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
        assert_eq!(good.location(), format!("{path}?saved=1"));
        assert_eq!(
            (saved.limit_period.as_deref(), saved.limit_pence),
            (Some("month"), Some(40_000))
        );
        assert!(saved.hold_at_limit);
        assert_eq!(saved.over_limit.as_deref(), Some("later"));
        assert!(page.body.contains("£400.00 a month"));
        assert!(
            page.body
                .contains("Paid only up to their limit; the rest in the next week or month")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_cannot_reach_someone_elses_payment_settings_or_statement() {
    for t in engines().await {
        // Setup
        let carys = t.seed.person_a1;

        // Exec
        let answers = [
            t.get(Who::Member, &format!("/people/{carys}/payments"))
                .await,
            t.get(Who::Member, &format!("/people/{carys}/payments/settings"))
                .await,
            t.get(Who::Member, &format!("/people/{carys}/payments/statement"))
                .await,
            t.get(
                Who::Member,
                &format!("/payments/settings?person_id={carys}"),
            )
            .await,
            t.get(
                Who::Member,
                &format!("/payments/statement?person_id={carys}"),
            )
            .await,
            t.post(
                Who::Member,
                &format!("/people/{carys}/payments/settings"),
                "choice=nothing&limit_kind=none",
            )
            .await,
        ];
        let unchanged = cairn_app::payments::profile(&t.app, &t.actor(Who::Lead).await, carys)
            .await
            .expect("profile");

        // Check
        for r in &answers {
            assert!(
                matches!(r.status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
                "{}",
                r.status
            );
            assert!(!r.body.contains("Carys"), "nothing about Carys shown");
        }
        assert!(
            unchanged.is_none_or(|p| p.choice != cairn_domain::payments::PaymentChoice::Nothing)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_answers_one_question_a_page_checks_their_answers_and_saves() {
    for t in engines().await {
        // Setup: the member's answers travel in the form from page to page.
        let me = t.seed.member_person;

        // Exec
        let start = t.get(Who::Member, "/payments/settings/choice").await;
        let limit = t
            .post(
                Who::Member,
                "/payments/settings/choice",
                "choice=bank&limit_kind=none",
            )
            .await;
        let own = t
            .post(
                Who::Member,
                "/payments/settings/limit",
                "choice=bank&limit_kind=own",
            )
            .await;
        let preset = t
            .post(
                Who::Member,
                "/payments/settings/limit",
                "choice=bank&limit_kind=preset",
            )
            .await;
        let bad = t
            .post(
                Who::Member,
                "/payments/settings/own",
                "choice=bank&limit_kind=own&limit_period=month&limit_amount=lots",
            )
            .await;
        let hold = t
            .post(
                Who::Member,
                "/payments/settings/own",
                "choice=bank&limit_kind=own&limit_period=month&limit_amount=400",
            )
            .await;
        let rest = t
            .post(
                Who::Member,
                "/payments/settings/hold",
                "choice=bank&limit_kind=own&limit_period=month&limit_amount=400&hold=yes",
            )
            .await;
        let answers = "choice=bank&limit_kind=own&limit_period=month&limit_amount=400&hold=yes&over_limit=none";
        let check = t
            .post(Who::Member, "/payments/settings/rest", answers)
            .await;
        let back = t
            .post(
                Who::Member,
                "/payments/settings/rest",
                &format!("{answers}&go=back"),
            )
            .await;
        let saved_before = cairn_app::payments::profile(&t.app, &t.actor(Who::Lead).await, me)
            .await
            .expect("profile");
        let save = t.post(Who::Member, "/payments/settings", answers).await;
        let summary = t.get(Who::Member, "/payments/settings?saved=1").await;
        let saved = cairn_app::payments::profile(&t.app, &t.actor(Who::Lead).await, me)
            .await
            .expect("profile")
            .expect("saved");

        // Check: one question a page, each page's heading the question.
        ok(&start, "first question");
        assert!(start.body.contains("<h1 class=\"nhsuk-fieldset__heading\">How would you like to be recognised for your time?</h1>"));
        assert!(!start.body.contains("name=\"limit_kind\" type=\"radio\""));
        ok(&limit, "limit question");
        assert!(
            limit
                .body
                .contains("Do you have a limit on the income you can receive?")
        );
        assert!(
            limit
                .body
                .contains("type=\"hidden\" name=\"choice\" value=\"bank\"")
        );
        ok(&own, "own limit");
        assert!(own.body.contains("What is your limit?"));
        ok(&preset, "presets");
        assert!(
            !preset.body.contains("2025/26") && !preset.body.contains("ESA permitted work"),
            "limits that ended on 5 April 2026 are not offered"
        );
        assert!(
            preset.body.contains("From 6 April 2026"),
            "a preset shows its dates"
        );
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&bad.body, "limit_amount").is_some());
        assert!(bad.body.contains("value=\"lots\""));
        ok(&hold, "hold question");
        assert!(
            hold.body
                .contains("If a claim would take you past your limit")
        );
        ok(&rest, "rest question");
        assert!(rest.body.contains("Vouchers count as income"));
        ok(&check, "check your answers");
        assert!(check.body.contains("Check your answers"));
        assert!(check.body.contains("£400.00 a month"));
        assert!(check.body.contains("Do not pay it"));
        ok(&back, "back");
        assert!(
            back.body
                .contains("If a claim would take you past your limit")
        );
        assert!(
            saved_before.is_none_or(|p| !p.hold_at_limit),
            "nothing saved before the last page"
        );
        assert_eq!(save.status, StatusCode::SEE_OTHER, "{}", save.body);
        assert_eq!(save.location(), "/payments/settings?saved=1");
        ok(&summary, "summary");
        assert!(summary.body.contains("Saved."));
        assert!(saved.hold_at_limit);
        assert_eq!(saved.over_limit.as_deref(), Some("none"));
        assert_eq!(saved.limit_pence, Some(40_000));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statement_takes_three_field_dates_and_puts_a_bad_one_beside_its_field() {
    for t in engines().await {
        // Exec
        let impossible = t
            .get(
                Who::Member,
                "/payments/statement?from_day=31&from_month=2&from_year=2026&to_day=1&to_month=3&to_year=2026",
            )
            .await;
        let backwards = t
            .get(
                Who::Member,
                "/payments/statement?from_day=1&from_month=3&from_year=2026&to_day=1&to_month=2&to_year=2026",
            )
            .await;
        let good = t
            .get(
                Who::Member,
                "/payments/statement?from_day=1&from_month=2&from_year=2026&to_day=31&to_month=3&to_year=2026",
            )
            .await;

        // Check
        assert_eq!(impossible.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            field_error(&impossible.body, "from").is_some(),
            "beside From"
        );
        assert!(
            impossible
                .body
                .contains("name=\"from_day\" type=\"text\" inputmode=\"numeric\" value=\"31\"")
        );
        assert!(
            !impossible.body.contains("By week"),
            "no half-empty statement"
        );
        assert_eq!(backwards.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(field_error(&backwards.body, "to").is_some(), "beside To");
        ok(&good, "a good period");
        assert!(good.body.contains("1 February 2026 to 31 March 2026"));
        assert!(good.body.contains("name=\"to_year\""));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_members_menu_and_account_show_member_things_only_and_about_me_names_their_units() {
    for t in engines().await {
        // Exec
        let member_home = t.get(Who::Member, "/home").await;
        let member_account = t.get(Who::Member, "/account").await;
        let lead_home = t.get(Who::Lead, "/home").await;
        let lead_account = t.get(Who::Lead, "/account").await;
        let me = t.get(Who::Member, "/me").await;

        // Check
        ok(&member_home, "member home");
        assert!(
            !member_home.body.contains("href=\"/model\""),
            "no model link"
        );
        ok(&member_account, "member account");
        assert!(!member_account.body.contains("action=\"/account/tokens\""));
        assert!(
            !member_account.body.contains("Access tokens"),
            "no API tokens"
        );
        assert!(
            lead_home.body.contains("href=\"/model\""),
            "staff keep the model"
        );
        assert!(lead_account.body.contains("action=\"/account/tokens\""));
        ok(&me, "about me");
        assert!(me.body.contains("Alder"), "the member's unit by name");
    }
}
