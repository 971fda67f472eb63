//! The guiding principles over HTTP: the member is asked on their home page, reads the
//! principles in Welsh or in Easy Read and says they have read them; the lead publishes a new
//! version, and a form with a missing part comes back with the message beside it and what was
//! typed kept.

use crate::helpers::{TestApp, Who, field_error};
use axum::http::Method;

#[tokio::test]
async fn a_member_is_asked_on_their_home_page_reads_the_principles_and_says_so() {
    let t = TestApp::new().await;
    let home = t.get(Who::Member, "/home").await;
    assert!(home.body.contains("data-principles-asked"), "asked on home");
    let page = t.get(Who::Member, "/principles").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("We work with the people who use our services")
    );
    assert!(page.body.contains("I have read these principles"));
    let easy = t.get(Who::Member, "/principles?easy=1").await;
    assert!(easy.body.contains("We work with you. You are a partner."));
    assert!(easy.body.contains("cairn-easy-read"));
    let cy = t
        .send(
            Who::Viewer,
            Method::GET,
            "/principles",
            None,
            &[("accept-language", "cy")],
        )
        .await;
    assert!(cy.body.contains("Ein hegwyddorion arweiniol"));
    assert!(
        cy.body.contains("Rydym yn gweithio gyda&#39;r bobl")
            || cy.body.contains("Rydym yn gweithio gyda'r bobl")
    );

    let done = t.post(Who::Member, "/principles/acknowledge", "").await;
    assert_eq!(done.status, 303);
    let after = t.get(Who::Member, done.location()).await;
    assert!(after.body.contains("data-acknowledged"));
    assert!(!after.body.contains("I have read these principles"));
    assert!(
        !t.get(Who::Member, "/home")
            .await
            .body
            .contains("data-principles-asked")
    );
    // Staff without a person record are never asked.
    assert!(
        !t.get(Who::Lead, "/home")
            .await
            .body
            .contains("data-principles-asked")
    );

    // The API says the same.
    let api = t
        .api(Who::Member, Method::GET, "/api/v1/principles", None)
        .await;
    assert_eq!(api.status, 200);
    let j = api.json();
    assert_eq!(j["current"]["version"], 1);
    assert_eq!(j["asked"], false);
    assert!(
        j["current"]["text_cy"]
            .as_str()
            .unwrap_or("")
            .starts_with("Rydym")
    );
}

#[tokio::test]
async fn publishing_a_version_without_its_welsh_text_keeps_what_was_typed_beside_the_message() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::Lead,
            "/principles/edit",
            "text_en=We+listen.&text_cy=&change=Shorter",
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        field_error(&res.body, "text_cy"),
        Some("Enter the principles")
    );
    assert!(res.body.contains("We listen.") && res.body.contains("value=\"Shorter\""));
    let ok = t
        .post(
            Who::Lead,
            "/principles/edit",
            "text_en=We+listen.&text_cy=Rydym+yn+gwrando.&change=Shorter&material=yes",
        )
        .await;
    assert_eq!(ok.status, 303);
    let page = t.get(Who::Lead, "/principles").await;
    assert!(page.body.contains("We listen.") && page.body.contains("Version 2"));
    assert!(page.body.contains("Everyone asked again"));
    // The model page's supports show the figure.
    let model = t.get(Who::Lead, "/model").await;
    assert!(model.body.contains("Version 2: 0 of"), "{}", model.body);
}

#[tokio::test]
async fn the_starting_versions_change_note_is_in_the_readers_language() {
    let t = TestApp::new().await;
    let cy = t
        .send(
            Who::Member,
            Method::GET,
            "/principles",
            None,
            &[("accept-language", "cy")],
        )
        .await;
    assert!(cy.body.contains("Testun cychwynnol Cairn"));
    assert!(
        !cy.body.contains("Cairn&#39;s starting text")
            && !cy.body.contains("Cairn's starting text")
    );
}

#[tokio::test]
async fn the_handbook_is_assembled_from_the_principles_rates_roles_courses_and_link_people() {
    let t = TestApp::new().await;
    // A rate in force since 2020; the seed's units have no link person.
    let lead = t.actor(Who::Lead).await;
    let rate = cairn_app::payments::add_fee_rate(
        &t.app,
        &lead,
        &cairn_app::payments::FeeRateDraft {
            activity_type: "meeting".into(),
            basis: "hour".into(),
            hour: "17.50".into(),
            valid_from: cairn_domain::time::DateParts {
                day: "1".into(),
                month: "1".into(),
                year: "2020".into(),
            },
            source: "Policy".into(),
            ..Default::default()
        },
    )
    .await;
    assert!(rate.is_ok(), "{rate:?}");

    let en = t.get(Who::Member, "/handbook").await;
    let both = t.get(Who::Member, "/handbook?lang=both").await;
    let easy = t.get(Who::Member, "/handbook?lang=cy&easy=1").await;

    assert_eq!(en.status, 200);
    assert!(en.body.contains("Handbook for service users and carers"));
    assert!(en.body.contains("Our guiding principles"));
    assert!(en.body.contains("£17.50"), "the rate in force");
    assert!(en.body.contains("Money paid into your bank account."));
    assert!(en.body.contains("Who to ask"));
    assert!(
        en.body.contains("Ask any member of staff on the unit"),
        "no link person named"
    );
    // Welsh first when both, each side marked with its language.
    let cy_at = both.body.find("lang=\"cy\">").expect("a Welsh side");
    let en_at = both.body.find("lang=\"en\">").expect("an English side");
    assert!(cy_at < en_at, "Welsh first");
    assert!(
        both.body
            .contains("Llawlyfr i ddefnyddwyr gwasanaeth a gofalwyr")
    );
    assert!(easy.body.contains("cairn-easy-read"));
    assert!(easy.body.contains("Hawdd ei Ddeall"));
}
