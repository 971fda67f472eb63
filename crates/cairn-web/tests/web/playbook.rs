//! The playbook over HTTP: a unit's page with a raised challenge in both languages, taking on
//! and closing an action one page at a time with mistakes kept beside their fields, the
//! thresholds form changing nothing when one value is wrong, the lead's home and the unit's
//! page listing what is raised, and the API's contract (`items`, 201 on an action).

use crate::helpers::{TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use serde_json::json;

fn unit_page(unit: i64) -> String {
    format!("/units/{unit}/playbook")
}

#[tokio::test]
async fn a_unit_without_a_link_person_shows_time_commitment_raised_in_english_and_welsh() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;

    let en = t.get(Who::Lead, &unit_page(unit)).await;
    let cy = t
        .send(
            Who::Lead,
            Method::GET,
            &unit_page(unit),
            None,
            &[("accept-language", "cy")],
        )
        .await;
    let board = t.get(Who::Viewer, &unit_page(unit)).await;

    assert_eq!(en.status, StatusCode::OK);
    assert!(
        en.body
            .contains("data-challenge=\"time_commitment\" data-raised"),
        "{}",
        en.body
    );
    assert!(en.body.contains("No link person"));
    assert!(en.body.contains("A link person for each unit"));
    assert!(
        en.body.contains("href=\"/units\""),
        "what helped links to its page"
    );
    assert!(cy.body.contains("Ymrwymiad amser"));
    assert!(cy.body.contains("Dim person cyswllt"));
    assert_eq!(board.status, StatusCode::OK);
    assert!(
        !board.body.contains("/actions/new"),
        "the board reads, and takes on nothing"
    );
    // The unit's own page and the lead's home list it too.
    let unit_home = t.get(Who::Lead, &format!("/units/{unit}")).await;
    assert!(unit_home.body.contains("data-raised-challenges"));
    assert!(unit_home.body.contains("Time commitment"));
    let home = t.get(Who::Lead, "/home").await;
    assert!(
        home.body.contains("Alder: Time commitment"),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn an_action_with_mistakes_keeps_what_was_typed_and_a_good_one_is_listed_and_closed() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let form = format!("/units/{unit}/playbook/time_commitment/actions/new");
    let page = t.get(Who::UnitStaff, &form).await;
    assert_eq!(page.status, StatusCode::OK);

    let bad = t
        .post(
            Who::UnitStaff,
            &form,
            "text=Name+a+link+person&due_on_day=31&due_on_month=2&due_on_year=2027",
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad.body, "due_on").is_some(), "{}", bad.body);
    assert!(
        bad.body.contains("Name a link person"),
        "kept what was typed"
    );

    let ok = t
        .post(
            Who::UnitStaff,
            &form,
            "text=Name+a+link+person&due_on_day=28&due_on_month=2&due_on_year=2027",
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    let listed = t.get(Who::UnitStaff, ok.location()).await;
    assert!(listed.body.contains("The action has been saved."));
    assert!(listed.body.contains("Name a link person"));
    let close_href = listed
        .body
        .split("href=\"")
        .find(|s| s.starts_with("/playbook/actions/") && s.contains("/close"))
        .and_then(|s| s.split('"').next())
        .expect("a link to close the action")
        .to_owned();

    let empty = t.post(Who::UnitStaff, &close_href, "note=").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&empty.body, "note").is_some());
    let closed = t
        .post(Who::UnitStaff, &close_href, "note=Lee+is+the+link+person")
        .await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER);
    let after = t.get(Who::UnitStaff, closed.location()).await;
    assert!(after.body.contains("Lee is the link person"));
    assert!(after.body.contains("The action has been closed."));
}

#[tokio::test]
async fn a_wrong_threshold_changes_none_of_them_and_right_ones_are_saved() {
    let t = TestApp::new().await;
    let page = t.get(Who::Lead, "/playbook/thresholds").await;
    assert_eq!(page.status, StatusCode::OK);
    let all = |over: &str| {
        [
            ("newcomers_without_buddy", "1"),
            ("first_timers_not_back", "2"),
            ("no_link_person", "1"),
            ("meetings_cancelled", "2"),
            ("overdue_actions", "1"),
            ("suggestions_unanswered", "1"),
            ("assessment_unchanged_days", "91"),
            ("carers_attendance_fall", "5"),
            ("carers_share_of_members", over),
            ("carers_members_fall", "5"),
            ("claims_waiting", "1"),
            ("near_benefit_limit", "1"),
            ("members_leaving", "3"),
        ]
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
    };

    let bad = t.post(Who::Lead, "/playbook/thresholds", &all("150")).await;
    let after_bad = t.get(Who::Lead, "/playbook").await;
    let ok = t.post(Who::Lead, "/playbook/thresholds", &all("20")).await;
    let after_ok = t.get(Who::Lead, "/playbook").await;

    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(field_error(&bad.body, "carers_share_of_members").is_some());
    assert!(bad.body.contains("value=\"150\""), "kept what was typed");
    assert!(
        after_bad.body.contains("Raised at 2 or more")
            && !after_bad.body.contains("Raised at 3 or more"),
        "nothing saved"
    );
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(after_ok.body.contains("Raised below 20"));
    assert!(after_ok.body.contains("Raised at 3 or more"));
}

#[tokio::test]
async fn the_api_lists_a_units_challenges_and_takes_on_an_action_with_201() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;

    let one = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/playbook?unit_id={unit}"),
            None,
        )
        .await;
    let all = t
        .api(Who::Viewer, Method::GET, "/api/v1/playbook", None)
        .await;
    let made = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/playbook/actions",
            Some(json!({"unit_id": unit, "challenge": "time_commitment", "text": "Name a link person", "due_on": "2027-01-31"})),
        )
        .await;
    let refused = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/playbook/actions",
            Some(json!({"unit_id": unit, "challenge": "weather", "text": "", "due_on": "soon"})),
        )
        .await;

    assert_eq!(one.status, StatusCode::OK);
    let items = one.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 6);
    let time = items
        .iter()
        .find(|i| i["key"] == "time_commitment")
        .expect("time commitment");
    assert_eq!(time["raised"], true);
    assert!(
        time["signals"]
            .as_array()
            .expect("signals")
            .iter()
            .any(|s| s["measure"] == "no_link_person" && s["value"] == 1 && s["threshold"] == 1)
    );
    assert_eq!(all.status, StatusCode::OK);
    assert!(
        all.json()["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|i| i["key"] == "time_commitment" && i["raised"] == true)
    );
    let raised_on: Vec<serde_json::Value> = all.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|i| i["key"] == "time_commitment")
        .flat_map(|i| i["units"].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(
        raised_on.iter().any(|u| u["unit_id"] == unit
            && u["signals"]
                .as_array()
                .is_some_and(|s| s.contains(&json!({"measure": "no_link_person", "value": 1})))),
        "{raised_on:?}"
    );
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.json()["due_on"], "2027-01-31");
    assert_eq!(made.json()["closed"], false);
    assert!(made.json()["raised_id"].is_i64());
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = refused.json()["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str().map(str::to_owned))
        .collect();
    assert!(fields.contains(&"challenge".to_owned()), "{}", refused.body);
}
