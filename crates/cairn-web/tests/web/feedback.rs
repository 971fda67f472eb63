//! The feedback loop on the web: the staff list with its filters in the URL and its CSV; the
//! status form's errors; the ward kiosk, which leads nowhere else in Cairn and stops working
//! once revoked; the public board and poster, which show only reviewed wording; the member's
//! form in Welsh; and the suggestions API.

use crate::helpers::{Res, TestApp, Who};
use axum::http::{Method, StatusCode};
use cairn_domain::feedback::SuggestionDraft;
use cairn_domain::people::Language;
use serde_json::json;

/// Staff type in a suggestion from a meeting (as the organisation's administrator).
async fn entered(t: &TestApp, unit: Option<i64>, channel: &str, text: &str) -> i64 {
    let admin = t.actor(Who::OrgAdmin).await;
    let draft = SuggestionDraft {
        unit_id: unit,
        text: text.into(),
        channel: channel.into(),
        ..Default::default()
    };
    cairn_app::feedback::enter(&t.app, &admin, &draft, Language::En)
        .await
        .unwrap_or_else(|e| panic!("enter {text:?}: {e:?}"))
}

async fn publish(t: &TestApp, id: i64, wording: &str) {
    let admin = t.actor(Who::OrgAdmin).await;
    cairn_app::feedback::publish(&t.app, &admin, id, wording)
        .await
        .expect("publish");
}

async fn move_to(t: &TestApp, id: i64, status: &str, response: Option<&str>) {
    let admin = t.actor(Who::OrgAdmin).await;
    cairn_app::feedback::transition(&t.app, &admin, id, status, response, None)
        .await
        .unwrap_or_else(|e| panic!("move {id} to {status}: {e:?}"));
}

async fn status_of(t: &TestApp, id: i64) -> String {
    let mut h = t.app.db.acquire().await.expect("acquire");
    cairn_db::feedback::get(&mut h.conn(), t.seed.org_a, id)
        .await
        .expect("get")
        .expect("suggestion")
        .status
}

/// A CSV body's lines after the byte-order mark, without the empty one after the last CRLF.
fn csv_lines(res: &Res) -> Vec<&str> {
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    assert!(res.body.starts_with('\u{feff}'), "BOM first");
    res.body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The staff list
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_staff_list_filters_by_status_rag_channel_and_unit_from_the_url() {
    let t = TestApp::new().await;
    let quiet = "A quiet room for visits"; // The seeded one: unit A1, meeting, received (red).
    let fruit = "More fruit at breakfast";
    let chairs = "=SUM(A1) more chairs in the garden";
    let id = entered(&t, Some(t.seed.unit_a1), "meeting", fruit).await;
    move_to(&t, id, "considering", None).await;
    entered(&t, Some(t.seed.unit_a2), "survey", chairs).await;

    let shown = |res: &Res| {
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        [quiet, fruit, chairs].map(|s| res.body.contains(s))
    };
    let everything = t.get(Who::Lead, "/feedback").await;
    let considering = t.get(Who::Lead, "/feedback?status=considering").await;
    let red = t.get(Who::Lead, "/feedback?rag=red").await;
    let survey = t.get(Who::Lead, "/feedback?channel=survey").await;
    let unit_a2 = t
        .get(Who::Lead, &format!("/feedback?unit_id={}", t.seed.unit_a2))
        .await;
    let combined = t
        .get(
            Who::Lead,
            &format!("/feedback?unit_id={}&rag=amber", t.seed.unit_a1),
        )
        .await;

    assert_eq!(shown(&everything), [true, true, true]);
    assert_eq!(shown(&considering), [false, true, false]);
    assert_eq!(shown(&red), [true, false, true]);
    assert_eq!(shown(&survey), [false, false, true]);
    assert_eq!(shown(&unit_a2), [false, false, true]);
    assert_eq!(shown(&combined), [false, true, false]);
    assert!(
        considering.body.contains("value=\"considering\" selected"),
        "the filter is kept in the form"
    );
    assert!(
        survey
            .body
            .contains("href=\"/feedback.csv?channel=survey\""),
        "the CSV link carries the filters"
    );
    // Unit staff see only their unit (and whole-service suggestions).
    assert_eq!(
        shown(&t.get(Who::UnitStaff, "/feedback").await),
        [true, true, false]
    );
}

#[tokio::test]
async fn the_staff_list_shows_the_first_140_characters_and_reads_nothing_it_does_not_show() {
    for t in engines().await {
        // Setup: 200 characters (some of two bytes), one of exactly 140, each with a way to
        // reach the person and a public wording and answer.
        let long = "Gŵyl haf i'r ward i gyd ".repeat(8);
        let exact = "abcdefghij".repeat(14);
        for text in [&long, &exact] {
            let admin = t.actor(Who::OrgAdmin).await;
            let draft = SuggestionDraft {
                unit_id: Some(t.seed.unit_a1),
                text: text.clone(),
                channel: "meeting".into(),
                contact: Some("reach-me@example.test".into()),
                ..Default::default()
            };
            let id = cairn_app::feedback::enter(&t.app, &admin, &draft, Language::En)
                .await
                .expect("enter");
            publish(&t, id, "Reviewed public wording").await;
        }

        // Exec
        let (res, queries) = cairn_db::record_queries(t.get(Who::Lead, "/feedback")).await;

        // Check
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let page = text_of(&res);
        let first: String = long.chars().take(140).collect();
        let one_more: String = long.chars().take(141).collect();
        assert!(page.contains(&format!("{first}…")), "cut after 140");
        assert!(!page.contains(&one_more), "nothing after the 140th");
        assert!(page.contains(&format!("{exact}<")), "140 shown whole");
        assert!(
            !page.contains(&format!("{exact}…")),
            "and not marked as cut"
        );
        assert!(!page.contains("reach-me@example.test"));
        let listing: Vec<_> = queries
            .iter()
            .filter(|q| q.contains("FROM suggestions") && q.contains("ORDER BY id DESC"))
            .collect();
        assert_eq!(listing.len(), 1, "{queries:#?}");
        for column in [
            "contact",
            "public_text",
            "public_response",
            "entered_by_label",
        ] {
            assert!(!listing[0].contains(column), "the list reads {column}");
        }
    }
}

#[tokio::test]
async fn the_csv_has_a_bom_follows_the_filters_and_neutralises_a_text_starting_with_equals() {
    let t = TestApp::new().await;
    let chairs = "=SUM(A1) more chairs in the garden";
    entered(&t, Some(t.seed.unit_a2), "survey", chairs).await;

    let res = t.get(Who::Lead, "/feedback.csv?channel=survey").await;
    let all = t.get(Who::Lead, "/feedback.csv").await;

    assert_eq!(res.status, StatusCode::OK);
    let lines = csv_lines(&res);
    assert_eq!(
        lines.len(),
        2,
        "a heading and the one survey row: {lines:?}"
    );
    assert!(lines[0].starts_with("Number,"), "{}", lines[0]);
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert!(
        cells.contains(&"'=SUM(A1) more chairs in the garden"),
        "the formula is text: {cells:?}"
    );
    assert!(
        !cells.iter().any(|c| c.starts_with('=')),
        "no cell starts with =: {cells:?}"
    );
    assert_eq!(csv_lines(&all).len(), 3, "unfiltered: both suggestions");
}

#[tokio::test]
async fn closing_from_the_status_form_without_a_public_response_comes_back_422_with_the_note_kept()
{
    let t = TestApp::new().await;
    let path = format!("/feedback/{}/status", t.seed.suggestion);

    let res = t
        .post(
            Who::Lead,
            &path,
            "status=done&public_response=&note=Spoke+to+the+ward+manager",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("id=\"public_response-error\""));
    assert!(
        res.body
            .contains("Write the public response: what was done, or why it can"),
        "the message beside the field"
    );
    assert!(
        res.body.contains("href=\"#public_response\""),
        "in the error summary"
    );
    assert!(
        res.body.contains(">Spoke to the ward manager</textarea>"),
        "the typed note is kept"
    );
    assert_eq!(status_of(&t, t.seed.suggestion).await, "received");

    let res = t
        .post(
            Who::Lead,
            &path,
            "status=done&public_response=We+made+a+quiet+room&note=",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(status_of(&t, t.seed.suggestion).await, "done");
    let again = t
        .post(
            Who::Lead,
            &path,
            "status=considering&public_response=&note=",
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "a closed suggestion never moves"
    );
}

// ---------------------------------------------------------------------------------------------
// The ward kiosk
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_kiosk_offers_two_choices_and_links_nowhere_else_in_cairn() {
    let t = TestApp::new().await;
    let token = &t.seed.kiosk_token;

    let res = t.get(Who::Anon, &format!("/kiosk/{token}")).await;

    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body.matches("cairn-kiosk__choice").count(), 2);
    assert!(
        res.body
            .contains(&format!("href=\"/kiosk/{token}/suggest\""))
    );
    assert!(res.body.contains(&format!("href=\"/kiosk/{token}/board\"")));
    let links: Vec<&str> = res
        .body
        .match_indices("href=\"/")
        .map(|(i, _)| &res.body[i + 6..])
        .collect();
    assert!(!links.is_empty());
    for l in links {
        assert!(
            l.starts_with("/kiosk/") || l.starts_with("/assets/") || l.starts_with("/language?"),
            "a link out of the kiosk: {}",
            &l[..l.find('"').unwrap_or(l.len())]
        );
    }
    assert!(res.body.contains("Alder"), "the unit's name");
}

#[tokio::test]
async fn a_kiosk_suggestion_needs_text_then_thanks_and_a_revoked_kiosk_link_is_404() {
    let t = TestApp::new().await;
    let token = t.seed.kiosk_token.clone();
    let path = format!("/kiosk/{token}/suggest");

    let empty = t.post(Who::Anon, &path, "text=&contact=").await;
    let ok = t
        .post(Who::Anon, &path, "text=A+clock+in+the+lounge&contact=")
        .await;

    assert_eq!(
        empty.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        empty.body
    );
    assert!(empty.body.contains("id=\"text-error\""));
    assert!(empty.body.contains("Write your suggestion"));
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), format!("/kiosk/{token}/thanks"));
    let admin = t.actor(Who::OrgAdmin).await;
    let (rows, _, _) = cairn_app::feedback::list(
        &t.app,
        &admin,
        &cairn_app::feedback::ListFilters {
            channel: Some("kiosk".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .await
    .expect("list");
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].text, "A clock in the lounge");
    assert_eq!(rows[0].unit_id, Some(t.seed.unit_a1));

    let day_room = cairn_app::feedback::kiosks(&t.app, &admin)
        .await
        .expect("kiosks")
        .into_iter()
        .find(|k| k.label == "Day room")
        .expect("the live kiosk");
    let res = t
        .post(
            Who::OrgAdmin,
            &format!("/feedback/kiosks/{}/revoke", day_room.id),
            "",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    for p in [
        format!("/kiosk/{token}"),
        format!("/kiosk/{token}/suggest"),
        format!("/kiosk/{token}/board"),
    ] {
        assert_eq!(
            t.get(Who::Anon, &p).await.status,
            StatusCode::NOT_FOUND,
            "{p}"
        );
    }
    let after = t.post(Who::Anon, &path, "text=Still+here&contact=").await;
    assert_eq!(after.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------------------------
// The public board and poster
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_public_unit_board_shows_only_the_reviewed_wording_and_response_of_closed_suggestions()
{
    let t = TestApp::new().await;
    let member = t.actor(Who::Member).await;
    let draft = SuggestionDraft {
        unit_id: Some(t.seed.unit_a1),
        text: "Mo here: the TV room is freezing".into(),
        contact: Some("mo.home@example.org".into()),
        ..Default::default()
    };
    let id = cairn_app::feedback::submit_online(&t.app, &member, &draft, Language::En)
        .await
        .expect("submit");
    publish(&t, id, "The TV room is too cold").await;
    move_to(&t, id, "done", Some("We fixed the heating")).await;
    let open = entered(&t, Some(t.seed.unit_a1), "meeting", "Open idea").await;
    publish(&t, open, "Published but still open").await;
    let unreviewed = entered(&t, Some(t.seed.unit_a1), "meeting", "Closed unreviewed").await;
    move_to(&t, unreviewed, "cannot_do", Some("Closed answer")).await;

    let res = t
        .get(
            Who::Anon,
            &format!(
                "/o/{}/units/{}/you-said-we-did",
                t.seed.org_a, t.seed.unit_a1
            ),
        )
        .await;

    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("The TV room is too cold"));
    assert!(res.body.contains("We fixed the heating"));
    for hidden in [
        "Mo here",
        "freezing",
        "mo.home@example.org",
        "member@a.cairn.test",
        "admin@a.cairn.test",
        "Published but still open",
        "Closed unreviewed",
        "Closed answer",
        "A quiet room for visits",
    ] {
        assert!(!res.body.contains(hidden), "{hidden:?} is not public");
    }
    let other_org = t
        .get(
            Who::Anon,
            &format!(
                "/o/{}/units/{}/you-said-we-did",
                t.seed.org_b, t.seed.unit_a1
            ),
        )
        .await;
    assert_eq!(
        other_org.status,
        StatusCode::NOT_FOUND,
        "the unit belongs to A"
    );
}

#[tokio::test]
async fn the_poster_puts_the_welsh_heading_before_the_english_one() {
    let t = TestApp::new().await;
    publish(&t, t.seed.suggestion, "A quiet room").await;
    move_to(
        &t,
        t.seed.suggestion,
        "done",
        Some("The old office is now a quiet room"),
    )
    .await;

    let res = t
        .get(
            Who::Anon,
            &format!("/o/{}/units/{}/poster", t.seed.org_a, t.seed.unit_a1),
        )
        .await;

    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let cy = res
        .body
        .find("<span lang=\"cy\">Dywedoch chi, gwnaethom ni</span>")
        .expect("a Welsh heading");
    let en = res
        .body
        .find("<span lang=\"en\">You said, we did</span>")
        .expect("an English heading");
    assert!(cy < en, "Welsh first");
    assert!(res.body.contains("The old office is now a quiet room"));
    assert!(
        !res.body.contains("A quiet room for visits"),
        "never the original"
    );
}

// ---------------------------------------------------------------------------------------------
// The member's form
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_welsh_speaking_member_sees_the_suggestion_errors_in_welsh() {
    let t = TestApp::new().await;
    let res = t
        .post(Who::Member, "/language", "to=cy&next=/suggest")
        .await;
    assert_eq!(res.location(), "/suggest");

    let res = t
        .post(
            Who::Member,
            "/suggest",
            "text=&unit_id=&contact=Ffôn+y+ward",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("<html lang=\"cy\">"));
    assert!(res.body.contains("id=\"text-error\""));
    assert!(res.body.contains("Ysgrifennwch eich awgrym"));
    assert!(!res.body.contains("Write your suggestion"));
    assert!(
        res.body.contains("value=\"Ffôn y ward\""),
        "the contact is kept"
    );

    let ok = t
        .post(Who::Member, "/suggest", "text=Mwy+o+ffrwythau&unit_id=")
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert_eq!(ok.location(), "/suggest/thanks");
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_api_refuses_empty_or_too_long_suggestions_and_creates_a_valid_one() {
    let t = TestApp::new().await;

    let empty = t
        .api(
            Who::Member,
            Method::POST,
            "/api/v1/suggestions",
            Some(json!({"text": ""})),
        )
        .await;
    let long = t
        .api(
            Who::Member,
            Method::POST,
            "/api/v1/suggestions",
            Some(json!({"text": "x".repeat(2001)})),
        )
        .await;
    let ok = t
        .api(
            Who::Member,
            Method::POST,
            "/api/v1/suggestions",
            Some(json!({"text": "More plants", "unit_id": t.seed.unit_a1})),
        )
        .await;
    let by_staff = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/suggestions",
            Some(json!({"text": "From the forum", "channel": "meeting"})),
        )
        .await;

    for res in [&empty, &long] {
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
        let j = res.json();
        assert_eq!(j["error"], "invalid");
        assert_eq!(j["fields"][0]["field"], "text");
    }
    assert_eq!(
        long.json()["fields"][0]["message"],
        "Write 2,000 characters or fewer"
    );
    assert_eq!(ok.status, StatusCode::CREATED, "{}", ok.body);
    let j = ok.json();
    assert_eq!(j["status"], "received");
    assert_eq!(j["channel"], "online");
    assert_eq!(j["visibility"], "pending");
    assert_eq!(by_staff.status, StatusCode::CREATED, "{}", by_staff.body);
    assert_eq!(by_staff.json()["channel"], "meeting");
}

#[tokio::test]
async fn api_transitions_need_a_public_response_to_close_and_then_nothing_moves() {
    let t = TestApp::new().await;
    let path = format!("/api/v1/suggestions/{}/transitions", t.seed.suggestion);

    let without = t
        .api(
            Who::Lead,
            Method::POST,
            &path,
            Some(json!({"status": "done"})),
        )
        .await;
    let with = t
        .api(
            Who::Lead,
            Method::POST,
            &path,
            Some(json!({"status": "done", "public_response": "We made a quiet room"})),
        )
        .await;
    let after = t
        .api(
            Who::Lead,
            Method::POST,
            &path,
            Some(json!({"status": "considering"})),
        )
        .await;
    let to_other_closed = t
        .api(
            Who::Lead,
            Method::POST,
            &path,
            Some(json!({"status": "cannot_do", "public_response": "No"})),
        )
        .await;
    let from_other_org = t
        .api(
            Who::OtherAdmin,
            Method::POST,
            &path,
            Some(json!({"status": "considering"})),
        )
        .await;

    assert_eq!(
        without.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        without.body
    );
    assert_eq!(without.json()["fields"][0]["field"], "public_response");
    assert_eq!(with.status, StatusCode::OK, "{}", with.body);
    let j = with.json();
    assert_eq!(j["status"], "done");
    assert_eq!(j["rag"], "green");
    assert_eq!(j["public_response"], "We made a quiet room");
    // Instants are RFC 3339 strings in UTC.
    for at in ["closed_at", "first_response_at"] {
        assert!(
            j[at]
                .as_str()
                .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok()),
            "{at}: {j}"
        );
    }
    assert_eq!(after.status, StatusCode::CONFLICT, "{}", after.body);
    assert_eq!(after.json()["error"], "conflict");
    assert_eq!(to_other_closed.status, StatusCode::CONFLICT);
    assert_eq!(from_other_org.status, StatusCode::NOT_FOUND);
    assert_eq!(status_of(&t, t.seed.suggestion).await, "done");
}

#[tokio::test]
async fn the_api_board_lists_only_published_closed_suggestions_without_original_text_or_contact() {
    let t = TestApp::new().await;
    publish(&t, t.seed.suggestion, "A quiet room").await;
    move_to(
        &t,
        t.seed.suggestion,
        "done",
        Some("The old office is now a quiet room"),
    )
    .await;
    let member = t.actor(Who::Member).await;
    let draft = SuggestionDraft {
        unit_id: Some(t.seed.unit_a1),
        text: "Mo here: a closed, unpublished one".into(),
        contact: Some("mo.home@example.org".into()),
        ..Default::default()
    };
    let closed = cairn_app::feedback::submit_online(&t.app, &member, &draft, Language::En)
        .await
        .expect("submit");
    move_to(&t, closed, "cannot_do", Some("Not this year")).await;
    let open = entered(&t, Some(t.seed.unit_a1), "meeting", "Open").await;
    publish(&t, open, "Published, still open").await;
    let elsewhere = entered(&t, Some(t.seed.unit_a2), "meeting", "Other unit").await;
    publish(&t, elsewhere, "On Birch").await;
    move_to(&t, elsewhere, "done", Some("Done on Birch")).await;

    let res = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/units/{}/you-said-we-did", t.seed.unit_a1),
            None,
        )
        .await;

    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let j = res.json();
    let items = j["items"].as_array().expect("items");
    assert_eq!(items.len(), 1, "{items:?}");
    let item = items[0].as_object().expect("an object");
    assert_eq!(item["id"], t.seed.suggestion);
    assert_eq!(item["you_said"], "A quiet room");
    assert_eq!(item["we_did"], "The old office is now a quiet room");
    for field in [
        "text",
        "contact",
        "public_text",
        "submitted_by_user_id",
        "entered_by_label",
    ] {
        assert!(
            !item.contains_key(field),
            "no {field} on the board: {item:?}"
        );
    }
    assert!(!res.body.contains("A quiet room for visits"));
    assert!(!res.body.contains("mo.home@example.org"));
}

#[tokio::test]
async fn the_monthly_chart_has_an_accessible_svg_and_a_data_table_counting_this_months_arrivals() {
    let t = TestApp::new().await;
    let res = t.get(Who::Lead, "/feedback/by-month").await;
    assert_eq!(res.status, axum::http::StatusCode::OK);
    assert!(
        res.body.contains(r#"role="img""#) && res.body.contains("<table"),
        "{}",
        res.body
    );
    // The seeded suggestion arrived this month: the last row counts it.
    let last_row = res
        .body
        .rsplit("<tr class=\"nhsuk-table__row\">")
        .next()
        .expect("a row");
    assert!(
        last_row.contains("<td class=\"nhsuk-table__cell\">1</td>"),
        "{last_row}"
    );
}

#[tokio::test]
async fn an_anonymous_suggestion_is_recorded_without_its_author_anywhere_an_administrator_reads() {
    let t = TestApp::new().await;
    let member = "member@a.cairn.test";
    let named_in = |path: &'static str| {
        let t = &t;
        async move {
            t.get(Who::OrgAdmin, path)
                .await
                .body
                .matches(member)
                .count()
        }
    };
    let before = (
        named_in("/audit?entity=suggestion").await,
        named_in("/audit.csv?entity=suggestion").await,
    );
    let ok = t
        .post(
            Who::Member,
            "/suggest",
            "text=Quieter+mornings+please&unit_id=&anonymous=true",
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let named = t
        .post(Who::Member, "/suggest", "text=More+fruit&unit_id=")
        .await;
    assert_eq!(named.status, StatusCode::SEE_OTHER, "{}", named.body);

    let log = cairn_app::audit::list(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        &cairn_db::audit::AuditQuery {
            entity: Some("suggestion".into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit");
    let created = |label: &str| {
        log.iter()
            .filter(|e| e.action == "create" && e.actor_label == label)
            .collect::<Vec<_>>()
    };
    let (anon, mine) = (created("anonymous"), created(member));
    assert_eq!(anon.len(), 1, "the anonymous one names nobody");
    assert_eq!(anon[0].actor_user_id, None);
    assert_eq!(mine.len(), 1, "the named one is the member's");

    // The page and the export name the member once more than before: for the named one.
    let after = (
        named_in("/audit?entity=suggestion").await,
        named_in("/audit.csv?entity=suggestion").await,
    );
    assert_eq!(after, (before.0 + 1, before.1 + 1));
    // The suggestion itself holds no account.
    let id = anon[0].entity_id.expect("suggestion id");
    let d = cairn_app::feedback::detail(&t.app, &t.actor(Who::Lead).await, id)
        .await
        .expect("suggestion");
    assert!(d.suggestion.anonymous);
    assert_eq!(d.suggestion.submitted_by_user_id, None);
    assert!(d.events.iter().all(|e| e.actor_label == "anonymous"));
}

// ---------------------------------------------------------------------------------------------
// Slips keep their date, the stated limit, refusals, the poster's count, names, kiosk links
// ---------------------------------------------------------------------------------------------

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<TestApp> {
    let mut v = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(pg);
    }
    v
}

/// Today in the organisation's time zone, `days` ago.
fn days_ago(days: i64) -> jiff::civil::Date {
    let now = jiff::Timestamp::now().as_millisecond();
    cairn_domain::time::local_date(
        now - days * 24 * 60 * 60 * 1000,
        &cairn_domain::time::time_zone("Europe/London"),
    )
}

/// The text of a page without its markup's escaping of apostrophes.
fn text_of(res: &Res) -> String {
    res.body.replace("&#39;", "'").replace("&#x27;", "'")
}

#[tokio::test]
async fn a_slip_found_twenty_days_ago_and_typed_in_today_is_listed_as_waiting_too_long() {
    for t in engines().await {
        let found = days_ago(20);
        let form = format!(
            "channel=box&unit_id={}&text=A+bench+by+the+door&found_on_day={}&found_on_month={}&found_on_year={}&contact=",
            t.seed.unit_a1,
            found.day(),
            found.month(),
            found.year()
        );

        let res = t.post(Who::UnitStaff, "/feedback/new", &form).await;
        let overdue = t.get(Who::Lead, "/feedback?overdue=yes").await;
        let everything = t.get(Who::Lead, "/feedback").await;

        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        assert_eq!(overdue.status, StatusCode::OK);
        assert!(
            overdue.body.contains("A bench by the door"),
            "typed in today, found 20 days ago: waiting too long"
        );
        assert!(
            !overdue.body.contains("A quiet room for visits"),
            "the meeting suggestion typed in today is not"
        );
        let row = everything
            .body
            .split("<tr class=\"nhsuk-table__row\">")
            .find(|r| r.contains("A bench by the door"))
            .expect("the slip's row");
        assert!(row.contains("Waiting too long"), "{row}");
        let quiet = everything
            .body
            .split("<tr class=\"nhsuk-table__row\">")
            .find(|r| r.contains("A quiet room for visits"))
            .expect("the seeded row");
        assert!(!quiet.contains("Waiting too long"), "{quiet}");
        let id = res
            .location()
            .trim_start_matches("/feedback/")
            .parse::<i64>()
            .expect("id");
        let page = t.get(Who::Lead, &format!("/feedback/{id}")).await;
        assert!(
            page.body.contains("Not recorded (Waiting too long)"),
            "the slip's own page says so"
        );
    }
}

#[tokio::test]
async fn the_forms_state_the_limit_and_count_each_line_break_once() {
    for t in engines().await {
        let path = format!("/kiosk/{}/suggest", t.seed.kiosk_token);
        let max = cairn_domain::feedback::TEXT_MAX;
        let third = (max - 2) / 3;
        // Form-encoded CR LF, as a browser sends a textarea's line breaks.
        let text = format!(
            "{}%0D%0A{}%0D%0A{}",
            "a".repeat(third),
            "b".repeat(third),
            "c".repeat(max - 2 - 2 * third)
        );

        let kiosk = t.get(Who::Anon, &path).await;
        let member = t.get(Who::Member, "/suggest").await;
        let staff = t.get(Who::UnitStaff, "/feedback/new").await;
        let at_limit = t
            .post(Who::Anon, &path, &format!("text={text}&contact="))
            .await;
        let over = t
            .post(Who::Anon, &path, &format!("text={text}d&contact="))
            .await;

        for page in [&kiosk, &member, &staff] {
            assert_eq!(page.status, StatusCode::OK);
            assert!(
                page.body.contains("Up to 2,000 characters."),
                "{}",
                page.body
            );
        }
        assert!(
            kiosk.body.contains("aria-describedby=\"text-hint\""),
            "the limit is read with the box"
        );
        assert_eq!(at_limit.status, StatusCode::SEE_OTHER, "{}", at_limit.body);
        assert_eq!(over.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(over.body.contains("Write 2,000 characters or fewer"));
        assert!(
            over.body.contains("Up to 2,000 characters."),
            "still stated"
        );
    }
}

#[tokio::test]
async fn the_kiosks_anonymity_box_says_what_it_does_as_the_kiosk_never_asks_a_name() {
    for t in engines().await {
        let res = t
            .get(Who::Anon, &format!("/kiosk/{}/suggest", t.seed.kiosk_token))
            .await;

        assert_eq!(res.status, StatusCode::OK);
        let page = text_of(&res);
        assert!(page.contains("Keep my suggestion anonymous"), "{page}");
        assert!(page.contains("This tablet never asks your name."));
        assert!(page.contains("aria-describedby=\"anonymous-hint\""));
        assert!(
            !page.contains("Do not show my name to anyone"),
            "no promise about a name it never asked for"
        );
    }
}

#[tokio::test]
async fn a_cant_do_answer_is_headed_as_a_refusal_on_the_board_the_poster_and_the_kiosk() {
    for t in engines().await {
        let refused = entered(&t, Some(t.seed.unit_a1), "meeting", "A swimming pool").await;
        publish(&t, refused, "A swimming pool please").await;
        move_to(
            &t,
            refused,
            "cannot_do",
            Some("There is no room for a pool"),
        )
        .await;
        let done = entered(&t, Some(t.seed.unit_a1), "meeting", "A kettle").await;
        publish(&t, done, "A kettle please").await;
        move_to(&t, done, "done", Some("We bought a kettle")).await;
        let (org, unit) = (t.seed.org_a, t.seed.unit_a1);

        let board = t
            .get(Who::Anon, &format!("/o/{org}/units/{unit}/you-said-we-did"))
            .await;
        let poster = t
            .get(Who::Anon, &format!("/o/{org}/units/{unit}/poster"))
            .await;
        let kiosk = t
            .get(Who::Anon, &format!("/kiosk/{}/board", t.seed.kiosk_token))
            .await;

        for res in [&board, &poster, &kiosk] {
            assert_eq!(res.status, StatusCode::OK);
            let page = text_of(res);
            // Each answer sits under its own heading: the refusal under "We can't do this".
            let pool = page.find("There is no room for a pool").expect("refusal");
            let kettle = page.find("We bought a kettle").expect("done");
            let heading_before = |at: usize| {
                let before = &page[..at];
                let cannot = before.rfind("We can't do this, because…");
                let did = before.rfind(">We did<");
                (cannot, did)
            };
            let (cannot, did) = heading_before(pool);
            assert!(cannot > did, "the refusal is headed as one");
            let (cannot, did) = heading_before(kettle);
            assert!(did > cannot, "what was done is headed \"We did\"");
        }
        assert!(
            text_of(&poster).contains("Ni allwn wneud hyn oherwydd…"),
            "in Welsh too"
        );
    }
}

#[tokio::test]
async fn the_poster_says_how_many_answers_it_shows_and_shows_the_newest_when_there_are_more() {
    for t in engines().await {
        let (org, unit) = (t.seed.org_a, t.seed.unit_a1);
        let path = format!("/o/{org}/units/{unit}/poster");
        let close = |n: usize| {
            let t = &t;
            async move {
                let id = entered(t, Some(unit), "meeting", &format!("Idea {n}")).await;
                publish(t, id, &format!("Public idea {n}")).await;
                move_to(t, id, "done", Some(&format!("Answer {n}"))).await;
            }
        };
        let few = 3;
        for n in 0..few {
            close(n).await;
        }

        let three = t.get(Who::Anon, &path).await;
        let more = 10;
        for n in few..more {
            close(n).await;
        }
        let ten = t.get(Who::Anon, &path).await;

        assert_eq!(three.status, StatusCode::OK);
        assert!(
            three.body.contains(&format!("Last 8 weeks: {few} answers")),
            "{}",
            three.body
        );
        assert!(
            three
                .body
                .contains(&format!("Y 8 wythnos diwethaf: {few} ateb"))
        );
        assert_eq!(three.body.matches("cairn-poster__item\"").count(), few);
        assert!(
            ten.body
                .contains(&format!("Last 8 weeks: the newest 8 of {more} answers"))
        );
        assert!(
            ten.body
                .contains(&format!("8 ateb, y rhai diweddaraf o {more}"))
        );
        assert_eq!(ten.body.matches("cairn-poster__item\"").count(), 8);
        assert!(
            ten.body.contains(&format!("Answer {}", more - 1)),
            "the newest"
        );
        assert!(
            !ten.body.contains("Answer 0<"),
            "the oldest left off, and said so"
        );
    }
}

#[tokio::test]
async fn the_suggestions_csv_names_each_unit_rather_than_numbering_it() {
    for t in engines().await {
        entered(&t, None, "survey", "For the whole service").await;
        let names = {
            let mut h = t.app.db.acquire().await.expect("acquire");
            let a1 = cairn_db::units::get_unit(&mut h.conn(), t.seed.org_a, t.seed.unit_a1)
                .await
                .expect("unit");
            a1.name
        };

        let res = t.get(Who::Lead, "/feedback.csv").await;

        let lines = csv_lines(&res);
        let quiet = lines
            .iter()
            .find(|l| l.contains("A quiet room for visits"))
            .expect("the seeded row");
        let cells: Vec<&str> = quiet.split(',').collect();
        assert_eq!(cells[1], names, "{quiet}");
        assert_ne!(cells[1], t.seed.unit_a1.to_string());
        let whole = lines
            .iter()
            .find(|l| l.contains("For the whole service"))
            .expect("the whole-service row");
        assert_eq!(whole.split(',').nth(1), Some("The whole service"));
    }
}

#[tokio::test]
async fn staff_are_named_by_their_name_not_their_email_on_a_suggestion_and_in_owner_lists() {
    for t in engines().await {
        // The unit staff account belongs to a member of staff with a record of their own.
        let admin = t.actor(Who::OrgAdmin).await;
        let pid = cairn_app::people::create(
            &t.app,
            &admin,
            &cairn_domain::people::PersonDraft {
                chosen_name: "Sioned Pritchard".into(),
                constituency: "staff".into(),
                unit_ids: vec![t.seed.unit_a1],
                status: "active".into(),
                preferred_language: "en".into(),
                ..Default::default()
            },
        )
        .await
        .expect("person");
        {
            let mut h = t.app.db.acquire().await.expect("acquire");
            cairn_db::execute!(
                &mut h.conn(),
                "UPDATE users SET person_id = $1 WHERE email = $2",
                pid,
                Who::UnitStaff.email()
            )
            .expect("link");
        }
        let res = t
            .post(
                Who::UnitStaff,
                "/feedback/new",
                &format!(
                    "channel=meeting&unit_id={}&text=Longer+visiting+hours&contact=",
                    t.seed.unit_a1
                ),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let page = res.location().to_owned();
        let staff_id = t.actor(Who::UnitStaff).await.user_id;
        let owned = t
            .post(
                Who::Lead,
                &format!("{page}/owner"),
                &format!("owner={staff_id}"),
            )
            .await;
        assert_eq!(owned.status, StatusCode::SEE_OTHER, "{}", owned.body);

        let shown = t.get(Who::Lead, &page).await;
        let list = t.get(Who::UnitStaff, "/feedback").await;

        assert_eq!(shown.status, StatusCode::OK);
        assert!(
            shown
                .body
                .contains("Entered by Sioned Pritchard for someone else"),
            "{}",
            shown.body
        );
        assert!(
            shown.body.contains(&format!(
                "<option value=\"{staff_id}\" selected>Sioned Pritchard</option>"
            )),
            "the owner list names them"
        );
        assert!(
            !shown.body.contains(Who::UnitStaff.email()),
            "their address appears nowhere on the page"
        );
        assert!(
            shown.body.contains(Who::OrgAdmin.email()),
            "an account with no person keeps its address"
        );
        assert!(
            list.body.contains(&format!(
                "<option value=\"{staff_id}\">Sioned Pritchard</option>"
            )),
            "the list's owner filter, for unit staff too"
        );
    }
}

#[tokio::test]
async fn unit_staff_make_a_kiosk_link_for_their_own_unit_and_not_for_another() {
    for t in engines().await {
        let page = t.get(Who::UnitStaff, "/feedback/kiosks").await;
        let own = t
            .post(
                Who::UnitStaff,
                "/feedback/kiosks",
                &format!("unit_id={}&label=Alder+tablet", t.seed.unit_a1),
            )
            .await;
        let other = t
            .post(
                Who::UnitStaff,
                "/feedback/kiosks",
                &format!("unit_id={}&label=Birch+tablet", t.seed.unit_a2),
            )
            .await;
        let statuses = t.get(Who::UnitStaff, "/feedback/statuses").await;

        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body
                .contains(&format!("<option value=\"{}\"", t.seed.unit_a1))
        );
        assert!(
            !page
                .body
                .contains(&format!("<option value=\"{}\"", t.seed.unit_a2)),
            "only their own unit is offered"
        );
        assert_eq!(own.status, StatusCode::OK, "{}", own.body);
        assert!(own.body.contains("/kiosk/"), "the new link is shown once");
        assert_eq!(other.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(other.body.contains("Choose a unit from the list"));
        let admin = t.actor(Who::OrgAdmin).await;
        let labels: Vec<String> = cairn_app::feedback::kiosks(&t.app, &admin)
            .await
            .expect("kiosks")
            .into_iter()
            .map(|k| k.label)
            .collect();
        assert!(labels.contains(&"Alder tablet".to_owned()));
        assert!(!labels.contains(&"Birch tablet".to_owned()));
        assert!(
            !statuses.body.contains("action=\"/feedback/statuses\""),
            "statuses stay with leads and administrators"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A long board comes in pages
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_long_board_shows_the_newest_fifty_answers_and_links_to_the_older_ones() {
    for t in engines().await {
        let (org, unit) = (t.seed.org_a, t.seed.unit_a1);
        let mut ids = Vec::new();
        for n in 0..55 {
            let id = entered(&t, Some(unit), "meeting", &format!("Idea {n:02}")).await;
            publish(&t, id, &format!("Idea {n:02} please")).await;
            move_to(&t, id, "done", Some(&format!("Answer {n:02}"))).await;
            ids.push(id);
        }
        // Ten answers share each closing time, so the page break falls among equal times and
        // only the id can order them.
        let mut h = t.app.db.acquire().await.expect("acquire");
        let now = jiff::Timestamp::now().as_millisecond();
        for (n, id) in ids.iter().enumerate() {
            let closed_at = now - 1000 * (10 - i64::try_from(n / 10).expect("small"));
            cairn_db::execute!(
                &mut h.conn(),
                "UPDATE suggestions SET closed_at = $1 WHERE id = $2",
                closed_at,
                *id
            )
            .expect("closing time");
        }
        drop(h);
        let base = format!("/o/{org}/units/{unit}/you-said-we-did");
        let shown = |res: &Res| -> Vec<usize> {
            (0..55)
                .filter(|n| res.body.contains(&format!("Answer {n:02}<")))
                .collect()
        };
        let link_of = |res: &Res, label: &str| -> Option<String> {
            let at = res.body.find(&format!("\">{label}</a>"))?;
            let start = res.body[..at].rfind("href=\"")? + "href=\"".len();
            Some(
                res.body[start..at]
                    .replace("&amp;", "&")
                    .replace("&#38;", "&"),
            )
        };

        let first = t.get(Who::Anon, &base).await;
        assert_eq!(first.status, StatusCode::OK, "{}", first.body);
        assert_eq!(shown(&first), (5..55).collect::<Vec<_>>(), "the newest 50");
        assert!(
            first.body.find("Answer 54<") < first.body.find("Answer 05<"),
            "newest first"
        );
        assert_eq!(link_of(&first, "Back to the newest answers"), None);
        let older = link_of(&first, "Older answers").expect("a link to older answers");

        let second = t.get(Who::Anon, &older).await;
        assert_eq!(second.status, StatusCode::OK, "{older}: {}", second.body);
        assert_eq!(shown(&second), (0..5).collect::<Vec<_>>(), "the rest, once");
        assert_eq!(link_of(&second, "Older answers"), None, "nothing older");
        assert_eq!(
            link_of(&second, "Back to the newest answers").as_deref(),
            Some(base.as_str())
        );

        // The weeks asked for carry over to the next page.
        let weeks = t.get(Who::Anon, &format!("{base}?weeks=4")).await;
        let older = link_of(&weeks, "Older answers").expect("older, within four weeks");
        assert!(
            older.starts_with(&format!("{base}?weeks=4&before=")),
            "{older}"
        );

        let welsh = t
            .send(
                Who::Anon,
                Method::GET,
                &base,
                None,
                &[("accept-language", "cy")],
            )
            .await;
        assert!(welsh.body.contains("Atebion hŷn"), "{}", welsh.body);

        for bad in ["x", "12", "12-", "-5", "5-0", "99999999999999999999-1"] {
            let res = t.get(Who::Anon, &format!("{base}?before={bad}")).await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "before={bad}");
        }
    }
}
