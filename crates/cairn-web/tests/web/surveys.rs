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
