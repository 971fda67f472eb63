//! Text the organisation writes in both languages, on the web: the staff form side by side,
//! what a Welsh reader sees on the board, kiosk and poster (Welsh, or English marked and
//! noted), the translation list with its CSV out and back in, and the setting that holds an
//! item off public pages until both languages exist.

use crate::helpers::{Res, TestApp, Who};
use axum::http::{Method, StatusCode};

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

fn welsh(t: &TestApp, who: Who, path: &str) -> impl std::future::Future<Output = Res> {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
}

async fn stored(t: &TestApp, id: i64) -> cairn_db::feedback::Suggestion {
    let mut h = t.app.db.acquire().await.expect("acquire");
    cairn_db::feedback::get(&mut h.conn(), t.seed.org_a, id)
        .await
        .expect("get")
        .expect("suggestion")
}

fn board_path(t: &TestApp) -> String {
    format!(
        "/o/{}/units/{}/you-said-we-did",
        t.seed.org_a, t.seed.unit_a1
    )
}

/// Publishes and closes the seeded suggestion through the staff forms.
async fn publish_and_close(t: &TestApp, text: (&str, &str), response: (&str, &str)) {
    let id = t.seed.suggestion;
    let res = t
        .post(
            Who::Lead,
            &format!("/feedback/{id}/publish"),
            &format!("public_text={}&public_text_cy={}", enc(text.0), enc(text.1)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let status = stored(t, id).await.status;
    let res = t
        .post(
            Who::Lead,
            &format!("/feedback/{id}/status"),
            &format!(
                "from_status={status}&status=done&public_response={}&public_response_cy={}",
                enc(response.0),
                enc(response.1)
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
}

#[tokio::test]
async fn the_staff_form_has_english_and_welsh_boxes_each_marked_with_its_language() {
    let t = TestApp::new().await;

    let res = t
        .get(Who::Lead, &format!("/feedback/{}", t.seed.suggestion))
        .await;

    assert_eq!(res.status, StatusCode::OK);
    for (id, lang) in [
        ("public_text", "en"),
        ("public_text_cy", "cy"),
        ("public_response", "en"),
        ("public_response_cy", "cy"),
    ] {
        let tag = format!("id=\"{id}\" name=\"{id}\"");
        let at = res.body.find(&tag).unwrap_or_else(|| panic!("a box {id}"));
        let rest = &res.body[at..at + 200];
        assert!(
            rest.contains(&format!("lang=\"{lang}\"")),
            "{id} is marked {lang}: {rest}"
        );
    }
}

#[tokio::test]
async fn a_welsh_reader_sees_the_welsh_on_the_board_kiosk_and_poster_with_welsh_first() {
    let t = TestApp::new().await;
    publish_and_close(
        &t,
        ("A quiet room, please", "Ystafell dawel, os gwelwch yn dda"),
        (
            "The old office is now a quiet room",
            "Mae'r hen swyddfa yn ystafell dawel erbyn hyn",
        ),
    )
    .await;

    let board = welsh(&t, Who::Anon, &board_path(&t)).await;
    let kiosk = welsh(
        &t,
        Who::Anon,
        &format!("/kiosk/{}/board", t.seed.kiosk_token),
    )
    .await;
    let poster = t
        .get(
            Who::Anon,
            &format!("/o/{}/units/{}/poster", t.seed.org_a, t.seed.unit_a1),
        )
        .await;

    for res in [&board, &kiosk] {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("<html lang=\"cy\""), "a Welsh page");
        assert!(
            res.body
                .contains("<span lang=\"cy\">Ystafell dawel, os gwelwch yn dda</span>")
        );
        assert!(res.body.contains("hen swyddfa yn ystafell dawel erbyn hyn"));
        assert!(
            !res.body.contains("A quiet room, please"),
            "no English under Welsh headings"
        );
        assert!(!res.body.contains("Nid yw ar gael yn Gymraeg eto"));
    }
    assert_eq!(poster.status, StatusCode::OK);
    let cy = poster
        .body
        .find("<p lang=\"cy\">Ystafell dawel")
        .expect("the Welsh");
    let en = poster
        .body
        .find("<p lang=\"en\">A quiet room, please</p>")
        .expect("the English");
    assert!(cy < en, "Welsh first on the bilingual poster");
}

#[tokio::test]
async fn english_only_wording_shows_to_a_welsh_reader_marked_english_with_a_welsh_note() {
    let t = TestApp::new().await;
    publish_and_close(&t, ("A quiet room, please", ""), ("Done", "")).await;

    let board = welsh(&t, Who::Anon, &board_path(&t)).await;
    let poster = t
        .get(
            Who::Anon,
            &format!("/o/{}/units/{}/poster", t.seed.org_a, t.seed.unit_a1),
        )
        .await;

    assert_eq!(board.status, StatusCode::OK);
    assert!(board
        .body
        .contains("<span lang=\"en\">A quiet room, please</span> <span class=\"cairn-untranslated\">(Nid yw ar gael yn Gymraeg eto)</span>"));
    assert!(poster.body.contains(
        "<p lang=\"cy\" class=\"cairn-untranslated\">(Nid yw ar gael yn Gymraeg eto)</p>"
    ));
    assert!(
        poster
            .body
            .contains("<p lang=\"en\">A quiet room, please</p>")
    );
}

#[tokio::test]
async fn with_both_languages_required_the_board_waits_until_the_welsh_is_added_from_the_list() {
    let t = TestApp::new().await;
    publish_and_close(&t, ("A quiet room, please", ""), ("Done", "Wedi'i wneud")).await;
    let id = t.seed.suggestion;

    let set = t
        .post(Who::Lead, "/translations/settings", "board_needs_both=yes")
        .await;
    let held = t.get(Who::Anon, &board_path(&t)).await;
    let list = t.get(Who::Lead, "/translations").await;
    let form = t
        .get(
            Who::Lead,
            &format!("/translations/suggestion_public_text/{id}"),
        )
        .await;
    let empty = t
        .post(
            Who::Lead,
            &format!("/translations/suggestion_public_text/{id}"),
            "lang=cy&text=+",
        )
        .await;
    let saved = t
        .post(
            Who::Lead,
            &format!("/translations/suggestion_public_text/{id}"),
            "lang=cy&text=Ystafell+dawel",
        )
        .await;
    let shown = t.get(Who::Anon, &board_path(&t)).await;

    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert!(!held.body.contains("A quiet room, please"), "held back");
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body
            .contains(&format!("/translations/suggestion_public_text/{id}"))
    );
    assert!(list.body.contains("A quiet room, please"));
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"lang\" value=\"cy\""));
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(crate::helpers::field_error(&empty.body, "text").is_some());
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        shown.body.contains("A quiet room, please"),
        "both now exist"
    );
    assert_eq!(
        stored(&t, id).await.public_text_cy.as_deref(),
        Some("Ystafell dawel")
    );
}

#[tokio::test]
async fn the_translation_csv_goes_out_and_comes_back_filling_only_what_was_missing() {
    let t = TestApp::new().await;
    publish_and_close(&t, ("A quiet room, please", ""), ("Done", "")).await;
    let id = t.seed.suggestion;

    let out = t.get(Who::Lead, "/translations.csv").await;
    assert_eq!(out.status, StatusCode::OK);
    assert!(out.body.starts_with('\u{feff}'));
    let mut lines: Vec<String> = out
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    let ours: Vec<usize> = (1..lines.len())
        .filter(|i| {
            lines[*i].starts_with("suggestion_") && lines[*i].contains(&format!(",{id},cy,"))
        })
        .collect();
    assert_eq!(
        ours.len(),
        2,
        "wording and response both need Welsh: {lines:?}"
    );
    // The translation service fills the last column of each line.
    for (i, text) in ours.iter().zip(["Ystafell dawel", "Wedi'i wneud"]) {
        lines[*i] = format!("{}{text}", lines[*i]);
    }
    let back = lines.join("\r\n");
    let bad = back.replace(",cy,", ",fr,");

    let refused = t
        .post_multipart(
            Who::Lead,
            "/translations/upload",
            Some(("file", bad.as_bytes())),
        )
        .await;
    let taken = t
        .post_multipart(
            Who::Lead,
            "/translations/upload",
            Some(("file", back.as_bytes())),
        )
        .await;
    let again = t
        .post_multipart(
            Who::Lead,
            "/translations/upload",
            Some(("file", back.as_bytes())),
        )
        .await;

    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("the language must be en or cy"));
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
    assert!(taken.location().contains("added=2"), "{}", taken.location());
    assert!(again.location().contains("added=0"));
    let s = stored(&t, id).await;
    assert_eq!(s.public_text_cy.as_deref(), Some("Ystafell dawel"));
    assert_eq!(s.public_response_cy.as_deref(), Some("Wedi'i wneud"));
    assert_eq!(
        s.public_text.as_deref(),
        Some("A quiet room, please"),
        "the English kept"
    );
}

#[tokio::test]
async fn the_api_reads_and_writes_the_welsh_beside_the_english() {
    let t = TestApp::new().await;
    let id = t.seed.suggestion;

    let published = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/suggestions/{id}/publish"),
            Some(serde_json::json!({"public_text_cy": "Ystafell dawel"})),
        )
        .await;
    let closed = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/suggestions/{id}/transitions"),
            Some(serde_json::json!({"status": "done", "public_response": "Done", "public_response_cy": "Wedi'i wneud"})),
        )
        .await;
    let board = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/units/{}/you-said-we-did", t.seed.unit_a1),
            None,
        )
        .await;

    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    let p = published.json();
    assert_eq!(p["public_text_cy"], "Ystafell dawel");
    assert_eq!(p["public_text"], serde_json::Value::Null);
    assert_eq!(closed.status, StatusCode::OK, "{}", closed.body);
    assert_eq!(closed.json()["public_response_cy"], "Wedi'i wneud");
    let item = &board.json()["items"][0];
    assert_eq!(item["you_said_cy"], "Ystafell dawel");
    assert_eq!(item["we_did"], "Done");
    assert_eq!(item["we_did_cy"], "Wedi'i wneud");
}

#[tokio::test]
async fn units_are_listed_in_welsh_alphabetical_order_on_a_welsh_page() {
    let t = TestApp::new().await;
    let admin = t.actor(Who::OrgAdmin).await;
    // English order puts Alder (Llys) first; Welsh order puts "Lôn" before "Llys", as ll is a
    // letter after l.
    for (en, cy) in [("Alder House", "Llys Gwern"), ("Birch House", "Lôn Fedw")] {
        let d = cairn_domain::units::UnitDraft {
            name: en.into(),
            name_cy: Some(cy.into()),
            service_id: Some(t.seed.service_a),
            unit_type: "open_rehab".into(),
            beds: Some("10".into()),
            gender_mix: "mixed".into(),
            ..Default::default()
        };
        cairn_app::units::create_unit(&t.app, &admin, &d)
            .await
            .expect("unit");
    }

    let english = t.get(Who::OrgAdmin, "/feedback").await;
    let welsh = welsh(&t, Who::OrgAdmin, "/feedback").await;

    let at = |body: &str, name: &str| {
        body.find(&format!(">{name}</option>"))
            .unwrap_or(usize::MAX)
    };
    assert!(at(&english.body, "Alder House") < at(&english.body, "Birch House"));
    assert!(
        at(&welsh.body, "Lôn Fedw") < at(&welsh.body, "Llys Gwern"),
        "ll sorts after l in Welsh"
    );
    assert!(at(&welsh.body, "Llys Gwern") < usize::MAX);
}

#[tokio::test]
async fn name_cards_print_the_groups_welsh_name_before_its_english_one_in_either_language() {
    let t = TestApp::new().await;
    let path = format!("/meetings/{}/name-cards", t.seed.meeting);

    for res in [
        t.get(Who::Lead, &path).await,
        welsh(&t, Who::Lead, &path).await,
    ] {
        assert_eq!(res.status, StatusCode::OK);
        let cy = res
            .body
            .find("<span lang=\"cy\">Cyfarfod cymunedol</span>")
            .expect("the Welsh name");
        let en = res
            .body
            .find("<span lang=\"en\">Community meeting</span>")
            .expect("the English name");
        assert!(cy < en, "Welsh first");
    }
}
