//! Surveys on the web and in the API: the public answer page (Easy Read, a missing answer
//! refused beside its question keeping what was typed, a thank-you), staff typing in paper
//! forms through the API with the Friends and Family Test's keys, and results whose hidden
//! figures are the same on the page, in the CSV and in the API.

use crate::helpers::{TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn the_link_asks_in_easy_read_refuses_a_missing_rating_beside_it_and_thanks_the_person() {
    // Arrange
    let t = TestApp::new().await;
    let link = format!("/s/{}", t.seed.survey_token);

    // Exec
    let easy = t.get(Who::Anon, &format!("{link}?easy=1")).await;
    let missing = t
        .post(Who::Anon, &link, "fft_comment=The+food+is+cold")
        .await;
    let sent = t
        .post(Who::Anon, &link, "fft_rating=good&fft_comment=Kind")
        .await;
    let thanks = t.get(Who::Anon, &format!("{link}?sent=1")).await;

    // Check
    assert_eq!(easy.status, StatusCode::OK);
    assert!(easy.body.contains("How was our service?"), "{}", easy.body);
    assert!(easy.body.contains("This survey is anonymous."));
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&missing.body, "fft_rating").is_some(),
        "{}",
        missing.body
    );
    assert!(
        missing.body.contains("The food is cold"),
        "what was typed is kept"
    );
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(thanks.body.contains("Your answers have been sent."));
}

#[tokio::test]
async fn paper_forms_through_the_api_and_results_hide_the_same_figures_on_page_csv_and_api() {
    // Arrange: twelve paper forms on unit A1, nine "very good" and three "poor".
    let t = TestApp::new().await;
    let round = t.seed.survey_round;
    let mut created = Vec::new();
    for (rating, n) in [("very_good", 9), ("poor", 3)] {
        for _ in 0..n {
            created.push(
                t.api(
                    Who::UnitStaff,
                    Method::POST,
                    &format!("/api/v1/rounds/{round}/responses"),
                    Some(json!({"unit_id": t.seed.unit_a1, "answers": {"fft_rating": rating}})),
                )
                .await,
            );
        }
    }
    let refused = t
        .api(
            Who::UnitStaff,
            Method::POST,
            &format!("/api/v1/rounds/{round}/responses"),
            Some(json!({"unit_id": t.seed.unit_a1, "answers": {"fft_rating": "brilliant"}})),
        )
        .await;

    // Exec
    let api = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/rounds/{round}/results?unit_id={}", t.seed.unit_a1),
            None,
        )
        .await;
    let page = t
        .get(
            Who::Lead,
            &format!("/surveys/rounds/{round}?unit_id={}", t.seed.unit_a1),
        )
        .await;
    let csv = t
        .get(
            Who::Lead,
            &format!(
                "/surveys/rounds/{round}/results.csv?unit_id={}",
                t.seed.unit_a1
            ),
        )
        .await;

    // Check
    assert!(created.iter().all(|r| r.status == StatusCode::CREATED));
    assert_eq!(created[0].json()["channel"], "paper");
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let j = api.json();
    assert_eq!(j["responses"], 12);
    let answers = j["questions"][0]["answers"].as_array().expect("answers");
    let figure = |v: &str| answers.iter().find(|a| a["value"] == v).expect(v)["count"].clone();
    // 3 is under 5, and 9 would give it away from the 12: both hidden; zeros are shown.
    assert_eq!(figure("poor"), json!({"suppressed": true}));
    assert_eq!(figure("very_good"), json!({"suppressed": true}));
    assert_eq!(figure("good"), json!(0));
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.body.matches("numeric\">fewer than 5</td>").count(),
        2,
        "{}",
        page.body
    );
    let text = String::from_utf8(csv.bytes[3..].to_vec()).expect("utf-8");
    let line = |label: &str| {
        text.split("\r\n")
            .find(|l| l.contains(&format!(",{label},")))
            .unwrap_or_else(|| panic!("{label} in {text}"))
            .to_owned()
    };
    assert!(line("Very good").contains(",fewer than 5,"));
    assert!(line("Poor").contains(",fewer than 5,"));
    assert!(line("Good").ends_with(",0,0"), "{}", line("Good"));
}

#[tokio::test]
async fn on_a_kiosk_the_link_clears_itself_when_idle_and_starts_afresh_after_each_person() {
    // Arrange
    let t = TestApp::new().await;
    let link = format!("/s/{}", t.seed.survey_token);

    // Exec
    let form = t.get(Who::Anon, &format!("{link}?kiosk=1")).await;
    let sent = t
        .post(Who::Anon, &link, "kiosk=1&fft_rating=very_good")
        .await;
    let thanks = t.get(Who::Anon, &format!("{link}?sent=1&kiosk=1")).await;

    // Check
    assert!(
        form.body.contains("data-kiosk-idle=\"120\""),
        "{}",
        form.body
    );
    assert!(
        form.body
            .contains(&format!("data-kiosk-home=\"{link}?kiosk=1\""))
    );
    assert!(form.body.contains("id=\"kiosk-idle\""));
    assert!(form.body.contains("autocomplete=\"off\""));
    assert_eq!(
        sent.headers.get("location").and_then(|v| v.to_str().ok()),
        Some(format!("{link}?sent=1&kiosk=1").as_str())
    );
    assert!(thanks.body.contains("Start again for the next person"));
    let mut h = t.app.db.acquire().await.expect("acquire");
    let channel: String = cairn_db::fetch_scalar!(
        &mut h.conn(),
        String,
        "SELECT channel FROM survey_responses ORDER BY id DESC LIMIT 1"
    )
    .expect("channel");
    assert_eq!(channel, "kiosk");
}

/// A survey built from a built-in template by the organisation's administrator.
async fn survey_from(t: &TestApp, title: &str, privacy: &str, template: &str) -> i64 {
    cairn_app::surveys::create_survey(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        &cairn_app::surveys::SurveyDraft {
            title_en: title.into(),
            title_cy: String::new(),
            privacy: privacy.into(),
            template: template.into(),
            questions: None,
            by_hand: false,
        },
    )
    .await
    .expect("survey")
}

/// Opens a round of `survey` on unit A1 for today alone: (round id, the unit's link).
async fn round_on_a1(t: &TestApp, survey: i64, name: &str) -> (i64, String) {
    let today = cairn_domain::time::local_date(
        t.app.now(),
        &cairn_domain::time::time_zone("Europe/London"),
    );
    let round = cairn_app::surveys::open_round(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        survey,
        &cairn_app::surveys::RoundDraft {
            name: name.into(),
            unit_ids: vec![t.seed.unit_a1.to_string()],
            opens_on: Some(today.to_string()),
            closes_on: Some(today.to_string()),
        },
    )
    .await
    .expect("round");
    let link = format!(
        "/s/{}",
        cairn_db::surveys::round_units(&mut t.app.db.acquire().await.expect("db").conn(), round)
            .await
            .expect("units")[0]
            .1
    );
    (round, link)
}

/// The value of the hidden `response_id` of the form that follows `text` on a page.
fn response_after(body: &str, text: &str) -> String {
    let at = body
        .find(text)
        .unwrap_or_else(|| panic!("{text} not on the page"));
    let key = "name=\"response_id\" value=\"";
    let start = at + body[at..].find(key).expect("a form") + key.len();
    body[start..start + body[start..].find('"').expect("end")].to_owned()
}

#[tokio::test]
async fn a_confidential_survey_asks_to_sign_in_then_takes_a_members_answers_once() {
    // Arrange: a confidential baseline on unit A1, where the member belongs.
    let t = TestApp::new().await;
    let survey = survey_from(&t, "Baseline", "confidential", "baseline_service_user").await;
    let (_, link) = round_on_a1(&t, survey, "Baseline").await;

    // Exec
    let signed_out = t.get(Who::Anon, &link).await;
    let home = t.get(Who::Member, "/home").await;
    let sent = t.post(Who::Member, &link, "su_suggest=4").await;
    let again = t.get(Who::Member, &link).await;
    let home_after = t.get(Who::Member, "/home").await;

    // Check
    assert_eq!(signed_out.status, StatusCode::OK);
    assert!(signed_out.body.contains("Sign in to answer"));
    assert!(signed_out.body.contains(&format!(
        "/sign-in?next=%2Fs%2F{}",
        link.trim_start_matches("/s/")
    )));
    assert!(!signed_out.body.contains("name=\"su_suggest\""), "no form");
    assert!(home.body.contains("Surveys for you") && home.body.contains(&link));
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert!(
        again
            .body
            .contains("You have already answered this survey.")
    );
    assert!(home_after.body.contains("answered, thank you"));
}

#[tokio::test]
async fn a_card_takes_one_answer_and_cards_and_posters_print_with_qr_codes() {
    // Arrange
    let t = TestApp::new().await;
    let round = t.seed.survey_round;
    let card = format!("/c/{}", t.seed.survey_card);

    // Exec
    let printed = t
        .post(
            Who::Lead,
            &format!("/surveys/rounds/{round}/cards"),
            &format!(
                "unit_id={}&count=2&survey_id={}",
                t.seed.unit_a1, t.seed.survey
            ),
        )
        .await;
    let sheet = t.get(Who::Lead, printed.location()).await;
    let zero = t
        .post(
            Who::Lead,
            &format!("/surveys/rounds/{round}/cards"),
            &format!(
                "unit_id={}&count=0&survey_id={}",
                t.seed.unit_a1, t.seed.survey
            ),
        )
        .await;
    let answered = t.post(Who::Anon, &card, "fft_rating=good").await;
    let used = t.get(Who::Anon, &card).await;
    let twice = t.post(Who::Anon, &card, "fft_rating=poor").await;
    let poster = t
        .get(Who::Anon, &format!("/s/{}/poster", t.seed.survey_token))
        .await;

    // Check
    assert_eq!(printed.status, StatusCode::SEE_OTHER);
    assert_eq!(sheet.status, StatusCode::OK);
    assert_eq!(sheet.body.matches("<svg aria-hidden=\"true\"").count(), 2);
    assert_eq!(sheet.body.matches("http://localhost/c/").count(), 2);
    assert_eq!(zero.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&zero.body, "count").is_some(), "{}", zero.body);
    assert!(zero.body.contains("value=\"0\""), "what was typed is kept");
    assert_eq!(answered.status, StatusCode::SEE_OTHER);
    assert!(used.body.contains("This card has already been used."));
    assert!(!used.body.contains("name=\"fft_rating\""));
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(poster.body.contains("<svg aria-hidden=\"true\""));
    assert!(
        poster
            .body
            .contains(&format!("http://localhost/s/{}", t.seed.survey_token))
    );
}

#[tokio::test]
async fn a_small_units_comments_wait_for_a_check_for_names_then_show_and_go_on_as_suggestions() {
    // Arrange: three answers with comments on unit A1.
    let t = TestApp::new().await;
    let round = t.seed.survey_round;
    let link = format!("/s/{}", t.seed.survey_token);
    for comment in ["Nurse+Jones+was+kind", "More+walks", "Better+food"] {
        let r = t
            .post(
                Who::Anon,
                &link,
                &format!("fft_rating=good&fft_comment={comment}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let results = format!("/surveys/rounds/{round}?unit_id={}", t.seed.unit_a1);
    let before = t.get(Who::Lead, &results).await;

    // Exec
    let by_lead = t
        .get(Who::Lead, &format!("/surveys/rounds/{round}/comments"))
        .await;
    let list = t
        .get(Who::OrgAdmin, &format!("/surveys/rounds/{round}/comments"))
        .await;
    let response = response_after(&list.body, "Nurse Jones was kind");
    let check = format!("/surveys/rounds/{round}/comments/check");
    let empty = t
        .post(
            Who::OrgAdmin,
            &check,
            &format!("response_id={response}&key=fft_comment&shown_text=+"),
        )
        .await;
    let checked = t
        .post(
            Who::OrgAdmin,
            &check,
            &format!("response_id={response}&key=fft_comment&shown_text=%5Bname%5D+was+kind"),
        )
        .await;
    let after = t.get(Who::Lead, &results).await;
    let sent = t
        .post(
            Who::Lead,
            &format!("/surveys/rounds/{round}/comments/suggestion"),
            &format!("response_id={response}&key=fft_comment"),
        )
        .await;
    let suggestion = t.get(Who::Lead, sent.location()).await;

    // Check
    assert!(!before.body.contains("Nurse Jones"));
    assert!(
        before
            .body
            .contains("shown only once someone has checked them for names")
    );
    assert_eq!(by_lead.status, StatusCode::FORBIDDEN);
    assert!(list.body.contains("3 comments are waiting for a check."));
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Enter the words to show"));
    assert_eq!(checked.status, StatusCode::SEE_OTHER);
    assert!(after.body.contains("[name] was kind"));
    assert!(!after.body.contains("Nurse Jones"));
    assert!(after.body.contains("Send to suggestions"));
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert!(sent.location().starts_with("/feedback/"));
    assert!(suggestion.body.contains("[name] was kind"));
}

#[tokio::test]
async fn the_small_number_rule_is_raised_on_the_surveys_page_and_refused_below_the_defaults() {
    // Arrange
    let t = TestApp::new().await;

    // Exec
    let low = t
        .post(
            Who::OrgAdmin,
            "/surveys/settings",
            "min_count=3&min_responses=10",
        )
        .await;
    let by_lead = t
        .post(
            Who::Lead,
            "/surveys/settings",
            "min_count=6&min_responses=10",
        )
        .await;
    let raised = t
        .post(
            Who::OrgAdmin,
            "/surveys/settings",
            "min_count=6&min_responses=12",
        )
        .await;
    let page = t.get(Who::Lead, "/surveys").await;

    // Check
    assert_eq!(low.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&low.body, "min_count").is_some(),
        "{}",
        low.body
    );
    assert!(low.body.contains("value=\"3\""), "what was typed is kept");
    assert_eq!(by_lead.status, StatusCode::FORBIDDEN);
    assert_eq!(raised.status, StatusCode::SEE_OTHER);
    assert!(page.body.contains("Counts under 6 are hidden"));
    assert!(page.body.contains("at least 12 responses"));
}

#[tokio::test]
async fn staff_type_in_a_paper_form_on_a_page_and_record_figures_from_other_surveys() {
    // Arrange
    let t = TestApp::new().await;
    let round = t.seed.survey_round;
    let paper = format!("/surveys/rounds/{round}/paper?unit_id={}", t.seed.unit_a1);
    let figures = format!("/surveys/rounds/{round}/figures");

    // Exec
    let form = t.get(Who::UnitStaff, &paper).await;
    let typed = t.post(Who::UnitStaff, &paper, "fft_rating=poor").await;
    let by_member = t.get(Who::Member, &paper).await;
    let bad = t
        .post(
            Who::Lead,
            &figures,
            &format!(
                "unit_id={}&source=People%27s+Experience+Survey&measure_en=&figure=87%25&responses=many&measured_on_day=1&measured_on_month=4&measured_on_year=2026",
                t.seed.unit_a1
            ),
        )
        .await;
    let good = t
        .post(
            Who::Lead,
            &figures,
            &format!(
                "unit_id={}&source=People%27s+Experience+Survey&measure_en=Rated+it+good&figure=87%25&responses=1204&measured_on_day=1&measured_on_month=1&measured_on_year=2026",
                t.seed.unit_a1
            ),
        )
        .await;
    let results = t
        .get(
            Who::UnitStaff,
            &format!("/surveys/rounds/{round}?unit_id={}", t.seed.unit_a1),
        )
        .await;

    // Check
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Typing in a paper form"));
    assert_eq!(typed.status, StatusCode::SEE_OTHER);
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&bad.body, "measure_en").is_some(),
        "{}",
        bad.body
    );
    assert!(field_error(&bad.body, "responses").is_some());
    assert!(
        bad.body.contains("value=\"many\""),
        "what was typed is kept"
    );
    assert_eq!(good.status, StatusCode::SEE_OTHER);
    assert!(results.body.contains("Rated it good"));
    assert!(results.body.contains("87%") && results.body.contains("1204"));
    assert!(
        results.body.contains("Responses</th>") || results.body.contains("Responses"),
        "the count of responses beside the figure"
    );
}

#[tokio::test]
async fn a_lead_writes_a_survey_by_hand_one_question_at_a_time_keeping_what_was_typed_when_refused()
{
    // Arrange
    let t = TestApp::new().await;
    let made = t
        .post(
            Who::Lead,
            "/surveys/new",
            "title_en=Garden+group&title_cy=&privacy=anonymous&template=own",
        )
        .await;
    let page = made.location().to_owned();

    // Exec
    let empty = t.get(Who::Lead, &page).await;
    let refused = t
        .post(
            Who::Lead,
            &format!("{page}/questions"),
            "text_en=Did+you+come%3F&kind=one_choice&choices=Yes+%7C+Do",
        )
        .await;
    let added = t
        .post(
            Who::Lead,
            &format!("{page}/questions"),
            "text_en=Did+you+come%3F&text_cy=Ddaethoch+chi%3F&kind=one_choice&choices=Yes+%7C+Do%0D%0ANo+%7C+Naddo&required=yes",
        )
        .await;
    let shown = t.get(Who::Lead, &page).await;

    // Check
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    assert!(
        empty
            .body
            .contains("Add at least one question before opening a round.")
    );
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&refused.body, "choices").is_some(),
        "{}",
        refused.body
    );
    assert!(
        refused.body.contains("Did you come?"),
        "what was typed is kept"
    );
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    assert!(shown.body.contains("Did you come?"));
    assert!(
        shown.body.contains("name=\"opens_on_day\""),
        "a round may now open"
    );
}

#[tokio::test]
async fn results_compare_the_first_question_across_rounds_each_with_its_responses() {
    // Arrange: a second round of the seeded survey on unit A1; twelve answers in the first
    // round, three in the second.
    let t = TestApp::new().await;
    let (second, second_link) = round_on_a1(&t, t.seed.survey, "Spring").await;
    for _ in 0..12 {
        t.post(
            Who::Anon,
            &format!("/s/{}", t.seed.survey_token),
            "fft_rating=good",
        )
        .await;
    }
    for _ in 0..3 {
        t.post(Who::Anon, &second_link, "fft_rating=poor").await;
    }

    // Exec
    let page = t
        .get(
            Who::Lead,
            &format!(
                "/surveys/rounds/{second}/compare?unit_id={}",
                t.seed.unit_a1
            ),
        )
        .await;

    // Check: both rounds, the first with its 12 responses and "Good" at 100%, the second's 3
    // responses hidden and its shares too few to show.
    assert_eq!(page.status, StatusCode::OK);
    let table = &page.body[page.body.find("id=\"across-rounds\"").expect("the table")..];
    let row = |name: &str| {
        let at = table.find(&format!(">{name}</th>")).expect(name);
        table[at..at + table[at..].find("</tr>").expect("row end")].to_owned()
    };
    assert!(row("Baseline").contains(">12</td>"));
    assert!(row("Baseline").contains(">100%</td>"));
    assert!(row("Spring").contains(">fewer than 5</td>"));
    assert!(row("Spring").contains("too few to show"));
}

#[tokio::test]
async fn a_named_answer_shows_on_the_persons_page_in_words_for_staff() {
    // Arrange: a named exit survey on unit A1, answered by the member signed in.
    let t = TestApp::new().await;
    let survey = survey_from(&t, "Leaving conversation", "named", "exit").await;
    let (_, link) = round_on_a1(&t, survey, "Autumn").await;
    let sent = t
        .post(
            Who::Member,
            &link,
            "ex_reason=time&ex_comment=Back+in+spring",
        )
        .await;

    // Exec
    let page = t
        .get(Who::UnitStaff, &format!("/people/{}", t.seed.member_person))
        .await;
    let by_viewer = t
        .get(Who::Viewer, &format!("/people/{}", t.seed.member_person))
        .await;

    // Check
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert!(
        page.body.contains("Answers to named surveys"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Leaving conversation"));
    assert!(
        page.body.contains("I do not have the time"),
        "the choice in words"
    );
    assert!(page.body.contains("Back in spring"));
    assert!(!by_viewer.body.contains("Back in spring"));
}
