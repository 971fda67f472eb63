//! Reports over HTTP: the catalogue and dashboards in both languages, a measure's chart with
//! its table and CSV, the baseline form keeping what was typed, and the API's contract for
//! measures, series and board packs (201 on assembling, 200 and `"frozen": true` on signing
//! off, 409 afterwards).

use crate::helpers::{TestApp, Who, field_error};
use axum::http::Method;
use cairn_domain::reports::CATALOGUE;
use cairn_domain::reports::live::LIVE;
use serde_json::json;

#[tokio::test]
async fn the_catalogue_lists_every_measure_in_english_and_in_welsh() {
    let t = TestApp::new().await;
    let en = t.get(Who::Lead, "/reports/measures").await;
    assert_eq!(en.status, 200);
    let cy = t
        .send(
            Who::Viewer,
            Method::GET,
            "/reports/measures",
            None,
            &[("accept-language", "cy")],
        )
        .await;
    assert_eq!(cy.status, 200);
    for m in CATALOGUE {
        assert!(
            en.body.contains(&format!("data-measure=\"{}\"", m.key)),
            "{} listed",
            m.key
        );
    }
    assert!(en.body.contains("Suggestions answered within the target"));
    assert!(cy.body.contains("Awgrymiadau a atebwyd o fewn y targed"));
    assert!(cy.body.contains("Mesurau byw ar y model"));
    // The dashboard's summary, for the service and for a unit, one row a measure.
    for path in [
        "/reports/summary.csv".to_owned(),
        format!("/reports/summary.csv?unit_id={}", t.seed.unit_a1),
    ] {
        let csv = t.get(Who::Lead, &path).await;
        assert_eq!(csv.status, 200, "{path}");
        let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), CATALOGUE.len() + 1, "{path}");
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("suggestions_received,Suggestions received,"))
        );
    }
    // Every live measure of the model, with what "check this" means and its small-number rule.
    for m in LIVE {
        assert!(
            en.body.contains(&format!("data-live=\"{}\"", m.code)),
            "{} listed",
            m.code
        );
    }
    assert!(en.body.contains("Newcomers whose first 14 days are over"));
    assert!(en.body.contains("the share is under 80%"));
    assert!(cy.body.contains("y gyfran o dan 80%"));
    assert!(
        en.body
            .contains("fewer than 5&#34; to those who may not see the unit")
    );
    // The catalogue's CSV: a heading row and one row a measure, monthly then live, with a
    // byte-order mark.
    let csv = t.get(Who::Lead, "/reports/measures.csv").await;
    assert_eq!(&csv.bytes[..3], &[0xEF, 0xBB, 0xBF]);
    let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), CATALOGUE.len() + LIVE.len() + 1);
    assert!(lines.iter().any(|l| l.starts_with("live:L1.08,")));
    // And the playbook's signals, each with its threshold.
    for s in cairn_domain::playbook::SIGNALS {
        assert!(
            en.body.contains(&format!("data-signal=\"{}\"", s.key)),
            "{} listed",
            s.key
        );
    }
    assert!(en.body.contains("Raised at 91 or more"));
}

#[tokio::test]
async fn a_measure_page_draws_its_chart_with_a_summary_a_table_and_a_csv_of_the_same_months() {
    let t = TestApp::new().await;
    let page = t
        .get(
            Who::Lead,
            "/reports/measures/suggestions_received?from=2025-01&to=2025-12",
        )
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<svg class=\"cairn-chart cairn-spc\""));
    assert!(page.body.contains("role=\"img\""));
    assert_eq!(page.body.matches("data-month=\"2025-").count(), 12);
    let csv = t
        .get(
            Who::Lead,
            "/reports/measures/suggestions_received/data.csv?from=2025-01&to=2025-12",
        )
        .await;
    assert_eq!(csv.status, 200);
    let lines: Vec<&str> = csv.body.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 13);
    assert!(lines[1].starts_with("2025-01,"), "{}", lines[1]);
    // A month that cannot be read is shown beside the field, and the chart still shows.
    let bad = t
        .get(
            Who::Lead,
            "/reports/measures/suggestions_received?from=2025-13",
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        field_error(&bad.body, "from"),
        Some("Enter a year and month like 2026-07")
    );
    assert!(bad.body.contains("value=\"2025-13\""));
    assert!(bad.body.contains("cairn-spc"));
    // An unknown measure is not found.
    assert_eq!(
        t.get(Who::Lead, "/reports/measures/nothing").await.status,
        404
    );
}

#[tokio::test]
async fn the_baseline_form_refuses_a_missing_reason_beside_the_field_and_keeps_the_months() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::Lead,
            "/reports/measures/suggestions_received/baseline",
            "baseline_from=2025-01&baseline_to=2025-12&reason=",
        )
        .await;
    assert_eq!(res.status, 422);
    assert_eq!(
        field_error(&res.body, "reason"),
        Some("Say why these months")
    );
    assert!(res.body.contains("value=\"2025-01\"") && res.body.contains("value=\"2025-12\""));
    let ok = t
        .post(
            Who::Lead,
            "/reports/measures/suggestions_received/baseline",
            "baseline_from=2025-01&baseline_to=2025-12&reason=New+kiosk",
        )
        .await;
    assert_eq!(ok.status, 303);
    let page = t.get(Who::Lead, ok.location()).await;
    assert!(page.body.contains("New kiosk"));
}

#[tokio::test]
async fn the_api_gives_the_catalogue_a_series_with_its_spc_and_freezes_a_signed_off_pack() {
    let t = TestApp::new().await;
    let m = t
        .api(Who::Viewer, Method::GET, "/api/v1/measures", None)
        .await;
    assert_eq!(m.status, 200);
    let items = m.json()["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), CATALOGUE.len());
    for i in &items {
        for field in ["key", "name", "name_cy", "better"] {
            assert!(i[field].is_string(), "{field} in {i}");
        }
        assert!(["higher", "lower"].contains(&i["better"].as_str().expect("better")));
    }
    let live = m.json()["live"].as_array().expect("live").clone();
    assert_eq!(live.len(), LIVE.len());
    let buddies = live
        .iter()
        .find(|l| l["code"] == "L1.08")
        .expect("L1.08 is live");
    assert_eq!(buddies["kind"], "proportion");
    assert_eq!(buddies["target_percent"], 100);
    assert_eq!(buddies["small_numbers"], "people");
    assert_eq!(buddies["hidden_below"], 5);
    assert!(
        buddies["name_cy"]
            .as_str()
            .is_some_and(|n| n.starts_with("Newydd-ddyfodiaid"))
    );

    let s = t
        .api(
            Who::Lead,
            Method::GET,
            "/api/v1/measures/suggestions_received/series?from=2025-01&to=2026-02",
            None,
        )
        .await;
    assert_eq!(s.status, 200);
    let s = s.json();
    assert_eq!(s["points"].as_array().expect("points").len(), 14);
    for field in [
        "mean",
        "upper",
        "lower",
        "trial",
        "points",
        "variation_icon",
        "assurance_icon",
    ] {
        assert!(s["spc"].get(field).is_some(), "spc.{field}");
    }
    assert!(s["spc"]["trial"].is_boolean());
    for bad in [
        "/api/v1/measures/suggestions_received/series?from=2025-13",
        "/api/v1/measures/suggestions_received/series?from=2026-02&to=2025-01",
    ] {
        let r = t.api(Who::Lead, Method::GET, bad, None).await;
        assert_eq!(r.status, 422, "{bad}: {}", r.body);
    }
    // A query that cannot be read at all is the documented 400.
    for bad in [
        "/api/v1/measures/suggestions_received/series?unit_id=abc",
        "/api/v1/measures/suggestions_received/series?to=",
    ] {
        let r = t.api(Who::Lead, Method::GET, bad, None).await;
        assert_eq!(r.status, 400, "{bad}: {}", r.body);
        assert_eq!(r.json()["error"], "bad_query", "{bad}");
    }
    assert_eq!(
        t.api(
            Who::Lead,
            Method::GET,
            "/api/v1/measures/nothing/series",
            None
        )
        .await
        .status,
        404
    );

    let made = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/board-packs",
            Some(json!({"title": "Quarter 4", "period_from": "2025-10", "period_to": "2025-12"})),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.body);
    let pack = made.json();
    assert_eq!(pack["frozen"], json!(false));
    let id = pack["id"].as_i64().expect("id");
    let refused = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/board-packs",
            Some(json!({"title": "", "period_from": "2025-12", "period_to": "2025-10"})),
        )
        .await;
    assert_eq!(refused.status, 422);
    let fields: Vec<String> = refused.json()["fields"]
        .as_array()
        .map(|e| {
            e.iter()
                .filter_map(|x| x["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    assert!(
        fields.contains(&"title".to_owned()) && fields.contains(&"period_to".to_owned()),
        "{fields:?}"
    );

    let signed = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/board-packs/{id}/sign-off"),
            None,
        )
        .await;
    assert_eq!(signed.status, 200, "{}", signed.body);
    assert_eq!(signed.json()["frozen"], json!(true));
    let read = t
        .api(
            Who::Viewer,
            Method::GET,
            &format!("/api/v1/board-packs/{id}"),
            None,
        )
        .await;
    assert_eq!(read.status, 200);
    assert_eq!(read.json()["frozen"], json!(true));
    assert_eq!(read.json()["charts"], signed.json()["charts"]);
    let again = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/board-packs/{id}/sign-off"),
            None,
        )
        .await;
    assert_eq!(again.status, 409);
}

#[tokio::test]
async fn a_pack_prints_with_its_own_page_rules_and_welsh_first_when_in_both_languages() {
    let t = TestApp::new().await;
    let id = t.seed.pack;
    let both = t
        .get(Who::Lead, &format!("/reports/packs/{id}/print?lang=both"))
        .await;
    assert_eq!(both.status, 200);
    let cy = both.body.find("lang=\"cy\"").expect("a Welsh cell");
    let en = both.body.find("lang=\"en\"").expect("an English cell");
    assert!(cy < en, "Welsh first");
    assert!(
        both.body
            .contains(&format!("/reports/packs/{id}/print.css?lang=both"))
    );
    let css = t
        .get(
            Who::Lead,
            &format!("/reports/packs/{id}/print.css?lang=both"),
        )
        .await;
    assert_eq!(css.status, 200);
    assert!(
        css.headers["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/css")
    );
    assert!(css.body.contains("size: A4") && css.body.contains("counter(pages)"));
    // Letters and spaces are kept; everything else is escaped, so nothing typed can end
    // the CSS string.
    assert!(
        css.body.contains("Quality and Safety \\0000b7 "),
        "{}",
        css.body
    );
}

#[tokio::test]
async fn the_chart_tables_of_the_model_and_feedback_pages_download_as_csv() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    // The unit's progress over time shows once a round has closed.
    let admin = t.actor(Who::OrgAdmin).await;
    cairn_app::model::close_round(&t.app, &admin, t.seed.open_rounds[0])
        .await
        .expect("close");
    for (page, csv, heading) in [
        (
            format!("/units/{unit}/assessment"),
            format!("/units/{unit}/progress.csv"),
            "Round,Level 1,Level 2,Level 3",
        ),
        (
            "/assessment".to_owned(),
            "/assessment/levels.csv".to_owned(),
            "Level,Red,Amber,Green,Not counted",
        ),
        (
            "/feedback/by-month".to_owned(),
            "/feedback/by-month.csv".to_owned(),
            "Month,Arrived,Closed",
        ),
    ] {
        let p = t.get(Who::Lead, &page).await;
        assert!(
            p.body.contains(&format!("href=\"{csv}\"")),
            "{page} links {csv}"
        );
        let c = t.get(Who::Lead, &csv).await;
        assert_eq!(c.status, 200, "{csv}");
        assert_eq!(
            &c.bytes[..3],
            &[0xEF, 0xBB, 0xBF],
            "{csv} has a byte-order mark"
        );
        let first = c
            .body
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap_or("");
        assert_eq!(first, heading, "{csv}");
    }
}
