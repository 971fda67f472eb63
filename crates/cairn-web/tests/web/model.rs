//! The co-production model on the web: the model page with its credit, in English and Welsh;
//! the status form's errors and what it saves; the unit and service pages with their charts
//! and CSV; baselines through the rounds form; and the assessment API.

use crate::helpers::{Res, TestApp, Who};
use axum::http::{Method, StatusCode};
use cairn_domain::model::{Status, TEMPLATE};
use serde_json::json;

/// The row of a unit's assessment page for one practice.
fn row<'a>(page: &'a str, code: &str) -> &'a str {
    let start = page
        .find(&format!("id=\"{code}\""))
        .unwrap_or_else(|| panic!("a row for {code}"));
    let rest = &page[start..];
    &rest[..rest.find("</tr>").unwrap_or(rest.len())]
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

/// The current status of a practice on a unit, read past the web layer.
async fn status_of(t: &TestApp, unit: i64, code: &str) -> Status {
    let lead = t.actor(Who::Lead).await;
    cairn_app::model::unit_assessment(&t.app, &lead, unit)
        .await
        .expect("assessment")
        .items
        .into_iter()
        .find(|i| i.practice.code == code)
        .map(|i| i.status)
        .expect("practice on the unit")
}

fn unit_page(unit: i64) -> String {
    format!("/units/{unit}/assessment")
}

#[tokio::test]
async fn the_model_page_credits_the_paper_and_lists_all_32_codes_in_english_and_welsh() {
    let t = TestApp::new().await;

    let en = t.get(Who::Lead, "/model").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(
        en.body
            .contains("Freeman L., Waldman M., Storey J., Williams M., Griffiths C., Hopkins K., Beer E., Bidmead L. &amp; Davies J. (2016)")
    );
    assert!(en.body.contains(
        "<cite>Working towards Co-production in Rehabilitation and Recovery Services</cite>"
    ));
    assert!(en.body.contains("DOI: 10.1108/JMHTEP-01-2016-0009"));
    for p in TEMPLATE {
        assert!(
            en.body
                .contains(&format!("<td class=\"nhsuk-table__cell\">{}</td>", p.code)),
            "{} listed",
            p.code
        );
    }
    assert_eq!(TEMPLATE.len(), 32);
    assert!(en.body.contains("Suggestion boxes in the main areas"));

    let res = t.post(Who::Lead, "/language", "to=cy&next=/model").await;
    assert_eq!(res.location(), "/model");
    let cy = t.get(Who::Lead, "/model").await;
    assert_eq!(cy.status, StatusCode::OK);
    assert!(cy.body.contains("<html lang=\"cy\">"));
    assert!(cy.body.contains("Blychau awgrymiadau yn y prif fannau"));
    assert!(
        !cy.body.contains("Suggestion boxes in the main areas"),
        "the Welsh page shows the Welsh wording"
    );
    assert!(cy.body.contains("Mae model adeiledig Cairn yn rhoi"));
    assert!(
        cy.body.contains("10.1108/JMHTEP-01-2016-0009"),
        "credit kept"
    );
}

#[tokio::test]
async fn does_not_apply_without_a_reason_comes_back_422_with_the_message_by_the_field_and_the_evidence_kept()
 {
    let t = TestApp::new().await;
    let path = format!("/units/{}/assessment/L1.07", t.seed.unit_a1);

    let res = t
        .post(
            Who::UnitStaff,
            &path,
            "status=not_applicable&reason=&evidence=Carers+meet+monthly",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("id=\"reason-error\""));
    assert!(
        res.body
            .contains("Say why this practice does not apply to the unit")
    );
    assert!(
        res.body.contains("href=\"#reason\""),
        "in the error summary"
    );
    assert!(
        res.body.contains(">Carers meet monthly</textarea>"),
        "typed evidence kept"
    );
    assert!(
        res.body.contains("value=\"not_applicable\" checked"),
        "chosen status kept"
    );
    assert_eq!(
        status_of(&t, t.seed.unit_a1, "L1.07").await,
        Status::NotStarted
    );
    let page = t.get(Who::UnitStaff, &path).await;
    assert!(page.body.contains("Nothing has been recorded yet."));
    assert!(!page.body.contains("Carers meet monthly"), "nothing saved");
}

#[tokio::test]
async fn the_reason_error_comes_back_in_welsh_for_a_welsh_speaker() {
    let t = TestApp::new().await;
    t.post(Who::UnitStaff, "/language", "to=cy&next=/home")
        .await;

    let res = t
        .post(
            Who::UnitStaff,
            &format!("/units/{}/assessment/L1.07", t.seed.unit_a1),
            "status=not_applicable&reason=&evidence=Tystiolaeth",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("<html lang=\"cy\">"));
    assert!(res.body.contains("<title>Gwall:"));
    assert!(
        res.body
            .contains("Dywedwch pam nad yw&#39;r arfer hwn yn berthnasol i&#39;r uned")
            || res
                .body
                .contains("Dywedwch pam nad yw'r arfer hwn yn berthnasol i'r uned"),
        "{}",
        res.body
    );
    assert!(res.body.contains(">Tystiolaeth</textarea>"));
}

#[tokio::test]
async fn a_valid_status_redirects_and_the_unit_page_shows_the_new_percent_and_a_green_in_place_tag()
{
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let before = t.get(Who::UnitStaff, &unit_page(unit)).await;
    assert!(before.body.contains("data-level-percent>0%</td>"));

    let res = t
        .post(
            Who::UnitStaff,
            &format!("/units/{unit}/assessment/L1.02"),
            "status=in_place&reason=&evidence=Boxes+on+both+corridors",
        )
        .await;

    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/units/{unit}/assessment#L1.02"));
    let page = t.get(Who::UnitStaff, &unit_page(unit)).await;
    assert_eq!(page.status, StatusCode::OK);
    // 1 of 13 level-1 practices is 7%.
    assert!(
        page.body.contains("data-level-percent>7%</td>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("1 of 13 in place"));
    let l102 = row(&page.body, "L1.02");
    assert!(
        l102.contains("<strong class=\"nhsuk-tag nhsuk-tag--green\">In place</strong>"),
        "{l102}"
    );
    assert!(l102.contains("(Green)"), "the colour is named in words too");
    assert!(l102.contains("Boxes on both corridors"));
    let l101 = row(&page.body, "L1.01");
    assert!(
        l101.contains("nhsuk-tag--red\">Not started</strong>"),
        "{l101}"
    );
    let history = t
        .get(Who::UnitStaff, &format!("/units/{unit}/assessment/L1.02"))
        .await;
    assert!(history.body.contains("staff@a.cairn.test"));
    assert!(!history.body.contains("Nothing has been recorded yet."));
}

#[tokio::test]
async fn the_unit_csv_starts_with_a_bom_and_has_one_row_per_live_practice() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let res = t.post(Who::Lead, "/model/practices/L3.10/retire", "").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = t
        .post(
            Who::Lead,
            &format!("/units/{unit}/assessment/L1.02"),
            "status=in_place",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let res = t
        .get(Who::Lead, &format!("/units/{unit}/assessment.csv"))
        .await;

    assert_eq!(res.status, StatusCode::OK);
    let lines = csv_lines(&res);
    assert!(
        lines[0].starts_with("Code,Level,Practice,Status,"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 31, "a heading and 31 live practices");
    assert!(
        lines.iter().all(|l| !l.starts_with("L3.10,")),
        "retired left out"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("L1.02,1,Suggestion boxes in the main areas,In place,Green,")),
        "{lines:?}"
    );
}

#[tokio::test]
async fn the_service_view_has_an_svg_chart_with_a_data_table_and_a_csv() {
    let t = TestApp::new().await;

    let page = t.get(Who::Lead, "/assessment").await;

    assert_eq!(page.status, StatusCode::OK);
    let svg = page
        .body
        .split("<svg")
        .nth(1)
        .and_then(|s| s.split('>').next())
        .expect("an SVG chart");
    assert!(svg.contains("role=\"img\""), "{svg}");
    assert!(svg.contains("aria-labelledby="));
    assert!(page.body.contains("Red, Amber and Green by level"));
    let after_chart = page.body.split("</svg>").nth(1).expect("after the chart");
    assert!(
        after_chart.contains("<table class=\"nhsuk-table\">")
            && after_chart.contains("Not counted"),
        "the chart's data as a table"
    );
    let alder = page.body.find(">Alder</a>").expect("Alder listed");
    let birch = page.body.find(">Birch</a>").expect("Birch listed");
    assert!(alder < birch, "units by name");
    assert!(page.body.contains("href=\"/assessment.csv\""));

    let csv = t.get(Who::Lead, "/assessment.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let lines = csv_lines(&csv);
    assert_eq!(
        lines[0],
        "Unit,Level,In place,Applicable,Percent,Level reached,At the baseline,Where the unit is"
    );
    assert_eq!(lines.len(), 1 + 2 * 3, "three levels for each of two units");
    assert!(
        lines[1].starts_with("Alder,1,0,13,0,Not yet,,Doing to"),
        "{}",
        lines[1]
    );

    let staff = t.get(Who::UnitStaff, "/assessment.csv").await;
    let lines = csv_lines(&staff);
    assert_eq!(lines.len(), 1 + 3, "unit staff get only their unit");
    assert!(lines[1..].iter().all(|l| l.starts_with("Alder,")));
}

#[tokio::test]
async fn a_baseline_taken_through_the_rounds_form_shows_on_the_unit_page_after_a_change() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;

    let res = t
        .post(
            Who::Lead,
            "/assessment/rounds",
            "kind=baseline&name=Baseline+2026",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), "/assessment/rounds");
    let res = t
        .post(
            Who::Lead,
            &format!("/units/{unit}/assessment/L1.02"),
            "status=in_place",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);

    let page = t.get(Who::Lead, &unit_page(unit)).await;

    assert!(
        page.body.contains("At Baseline 2026"),
        "the baseline column"
    );
    let l102 = row(&page.body, "L1.02");
    assert!(l102.contains("At the baseline: Not started"), "{l102}");
    assert!(
        !row(&page.body, "L1.03").contains("At the baseline:"),
        "unchanged practices say nothing"
    );
    let rounds = t.get(Who::Lead, "/assessment/rounds").await;
    assert!(rounds.body.contains("Baseline 2026"));
    let service = t.get(Who::Lead, "/assessment").await;
    assert!(service.body.contains("Baseline 2026"));
}

#[tokio::test]
async fn the_api_refuses_does_not_apply_without_a_reason_and_returns_the_rag_of_a_good_status() {
    let t = TestApp::new().await;
    let path = format!("/api/v1/units/{}/assessment/L1.02", t.seed.unit_a1);

    let bad = t
        .api(
            Who::Lead,
            Method::PUT,
            &path,
            Some(json!({"status": "not_applicable"})),
        )
        .await;
    let good = t
        .api(
            Who::Lead,
            Method::PUT,
            &path,
            Some(json!({"status": "in_place", "evidence": "x"})),
        )
        .await;

    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let body = bad.json();
    assert_eq!(body["error"], "invalid");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["field"].as_str().expect("field"))
        .collect();
    assert_eq!(fields, vec!["reason"]);
    assert_eq!(
        body["fields"][0]["message"],
        "Say why this practice does not apply to the unit"
    );
    assert_eq!(good.status, StatusCode::OK, "{}", good.body);
    let item = good.json();
    assert_eq!(item["code"], "L1.02");
    assert_eq!(item["status"], "in_place");
    assert_eq!(item["rag"], "green");
    assert_eq!(item["evidence"], "x");
    assert_eq!(item["model_version"], 1);
    let list = t
        .api(
            Who::Viewer,
            Method::GET,
            &format!("/api/v1/units/{}/assessment", t.seed.unit_a1),
            None,
        )
        .await
        .json();
    assert_eq!(list["items"].as_array().expect("items").len(), 32);
}

#[tokio::test]
async fn the_api_keeps_unit_staff_to_their_units_and_viewers_to_reading() {
    let t = TestApp::new().await;
    let draft = json!({"status": "in_place"});

    let other_unit = t
        .api(
            Who::UnitStaff,
            Method::PUT,
            &format!("/api/v1/units/{}/assessment/L1.02", t.seed.unit_a2),
            Some(draft.clone()),
        )
        .await;
    let viewer = t
        .api(
            Who::Viewer,
            Method::PUT,
            &format!("/api/v1/units/{}/assessment/L1.02", t.seed.unit_a1),
            Some(draft.clone()),
        )
        .await;
    let other_org = t
        .api(
            Who::OtherAdmin,
            Method::GET,
            &format!("/api/v1/units/{}/progress", t.seed.unit_a1),
            None,
        )
        .await;

    assert_eq!(other_unit.status, StatusCode::NOT_FOUND);
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(other_org.status, StatusCode::NOT_FOUND);
    assert_eq!(
        status_of(&t, t.seed.unit_a2, "L1.02").await,
        Status::NotStarted
    );
    assert_eq!(
        status_of(&t, t.seed.unit_a1, "L1.02").await,
        Status::NotStarted
    );
}

#[tokio::test]
async fn the_progress_api_returns_every_level_and_the_ladder() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    for code in ["L1.01", "L1.02"] {
        let res = t
            .api(
                Who::Lead,
                Method::PUT,
                &format!("/api/v1/units/{unit}/assessment/{code}"),
                Some(json!({"status": "in_place"})),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    }

    let res = t
        .api(
            Who::Viewer,
            Method::GET,
            &format!("/api/v1/units/{unit}/progress"),
            None,
        )
        .await;

    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let body = res.json();
    assert_eq!(body["ladder"], "doing_to");
    let levels = body["levels"].as_array().expect("levels");
    assert_eq!(levels.len(), 3);
    assert_eq!(
        levels[0],
        json!({"level": 1, "in_place": 2, "applicable": 13, "percent": 15, "reached": false})
    );
    assert_eq!(
        levels[1],
        json!({"level": 2, "in_place": 0, "applicable": 9, "percent": 0, "reached": false})
    );
    assert_eq!(levels[2]["applicable"], 10);
}

#[tokio::test]
async fn a_round_opened_and_closed_through_the_api_cannot_be_closed_again() {
    let t = TestApp::new().await;

    let opened = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/assessment-rounds",
            Some(json!({"kind": "round", "name": "Quarter 1"})),
        )
        .await;
    assert_eq!(opened.status, StatusCode::CREATED, "{}", opened.body);
    let round = opened.json();
    assert_eq!(round["name"], "Quarter 1");
    assert!(round["closed_at"].is_null());
    let id = round["id"].as_i64().expect("id");
    let close = format!("/api/v1/assessment-rounds/{id}/close");

    let first = t.api(Who::Lead, Method::POST, &close, None).await;
    let second = t.api(Who::Lead, Method::POST, &close, None).await;
    let by_staff = t
        .api(
            Who::UnitStaff,
            Method::POST,
            &format!("/api/v1/assessment-rounds/{}/close", t.seed.open_rounds[0]),
            None,
        )
        .await;

    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let closed = first.json();
    assert!(
        closed["closed_at"]
            .as_str()
            .is_some_and(|s| s.parse::<jiff::Timestamp>().is_ok()),
        "an RFC 3339 instant: {closed}"
    );
    assert_eq!(closed["closed_by_label"], "lead@a.cairn.test");
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(second.json()["error"], "conflict");
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_board_reads_a_small_count_of_people_on_a_unit_page_as_fewer_than_five() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let hidden = "fewer than 5 people, so the figure is not shown";

    let board = t.get(Who::Viewer, &unit_page(unit)).await;
    let staff = t.get(Who::UnitStaff, &unit_page(unit)).await;
    let cy = t
        .send(
            Who::Viewer,
            Method::GET,
            &unit_page(unit),
            None,
            &[("accept-language", "cy")],
        )
        .await;

    assert_eq!(board.status, 200);
    // The unit's few newcomers (its seeded people joined this year) are a share of too few.
    assert!(board.body.contains(hidden), "{}", board.body);
    assert!(!staff.body.contains(hidden));
    assert!(staff.body.contains("Newcomers"));
    assert!(
        cy.body
            .contains("llai na 5 o bobl, felly ni ddangosir y ffigur")
    );
}

#[tokio::test]
async fn a_practice_shows_the_other_reviews_it_evidences_and_the_service_view_filters_by_one() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let placed = t
        .post(
            Who::UnitStaff,
            &format!("{}/L3.02", unit_page(unit)),
            "status=in_place&reason=&evidence=Mair+is+the+coordinator",
        )
        .await;
    assert_eq!(placed.status, StatusCode::SEE_OTHER, "{}", placed.body);

    let practice = t
        .get(Who::UnitStaff, &format!("{}/L1.09", unit_page(unit)))
        .await;
    let cy = t
        .send(
            Who::UnitStaff,
            Method::GET,
            &format!("{}/L1.09", unit_page(unit)),
            None,
            &[("accept-language", "cy")],
        )
        .await;
    let toc = t
        .get(Who::Lead, "/assessment?instrument=triangle_of_care")
        .await;
    let unknown = t.get(Who::Lead, "/assessment?instrument=nice").await;

    assert_eq!(practice.status, StatusCode::OK);
    assert!(practice.body.contains("data-crosswalk"));
    assert!(practice.body.contains("Triangle of Care"));
    assert!(
        practice
            .body
            .contains("A range of support for carers is available")
    );
    assert!(cy.body.contains("Triongl Gofal"));
    assert_eq!(toc.status, StatusCode::OK);
    assert!(
        toc.body
            .contains("There are defined posts responsible for carers")
    );
    // The coordinator role (L3.02) is in place on one of organisation A's two units.
    assert!(
        toc.body.contains("L3.02:") && toc.body.contains("in place on 1 of 2 units"),
        "{}",
        toc.body
    );
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(
        !unknown.body.contains("data-crosswalk"),
        "an unknown review shows none"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_baseline_taken_later_is_the_comparison_on_the_unit_and_service_pages() {
    let mut apps = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        apps.push(pg);
    }
    for t in apps {
        let unit = t.seed.unit_a1;
        let baseline = |name: &'static str| {
            let t = &t;
            async move {
                let res = t
                    .post(
                        Who::Lead,
                        "/assessment/rounds",
                        &format!("kind=baseline&name={name}"),
                    )
                    .await;
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
            }
        };
        let in_place = |code: &'static str| {
            let t = &t;
            async move {
                let res = t
                    .post(
                        Who::Lead,
                        &format!("/units/{unit}/assessment/{code}"),
                        "status=in_place",
                    )
                    .await;
                assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
            }
        };
        baseline("Baseline+2025").await;
        in_place("L1.02").await;
        baseline("Baseline+2026").await;
        in_place("L1.03").await;

        let page = t.get(Who::Lead, &unit_page(unit)).await;
        let service = t.get(Who::Lead, "/assessment").await;

        assert!(
            page.body.contains("At Baseline 2026"),
            "the newest baseline"
        );
        assert!(!page.body.contains("At Baseline 2025"));
        assert!(
            !row(&page.body, "L1.02").contains("At the baseline:"),
            "in place at the newest baseline, so unchanged since"
        );
        let l103 = row(&page.body, "L1.03");
        assert!(l103.contains("At the baseline: Not started"), "{l103}");
        let since = service
            .body
            .find("Changes are shown since the baseline")
            .map(|i| &service.body[i..i + 80])
            .expect("the comparison named");
        assert!(since.contains("Baseline 2026"), "{since}");
    }
}

#[tokio::test]
async fn the_progress_chart_shows_the_latest_twelve_rounds_and_the_csv_keeps_every_one() {
    let t = TestApp::new().await;
    let unit = t.seed.unit_a1;
    let admin = t.actor(Who::OrgAdmin).await;
    let mut closed = 0;
    for id in &t.seed.open_rounds {
        cairn_app::model::close_round(&t.app, &admin, *id)
            .await
            .expect("close a seeded round");
        closed += 1;
    }
    while closed < 14 {
        let id = cairn_app::model::open_round(&t.app, &admin, "round", &format!("Later {closed}"))
            .await
            .expect("open");
        cairn_app::model::close_round(&t.app, &admin, id)
            .await
            .expect("close");
        closed += 1;
    }
    let page = t.get(Who::Lead, &format!("/units/{unit}/assessment")).await;
    assert_eq!(page.status, StatusCode::OK);
    let table_start = page
        .body
        .find("<h2>Level progress over time</h2>")
        .expect("section");
    let table = &page.body[table_start..];
    let table = &table[..table.find("</table>").expect("table")];
    let rows: Vec<&str> = table
        .split(r#"<th scope="row" class="nhsuk-table__header">"#)
        .skip(1)
        .map(|r| &r[..r.find("</th>").expect("name")])
        .collect();
    assert_eq!(rows.len(), 12, "{rows:?}");
    assert_eq!(rows.first(), Some(&"Round 2"), "the oldest shown: {rows:?}");
    assert_eq!(rows.last(), Some(&"Later 13"), "the latest shown: {rows:?}");
    assert!(
        page.body
            .contains("The chart and table show the latest 12 of 14 rounds."),
        "the page says rounds are left out"
    );
    let csv = t
        .get(Who::Lead, &format!("/units/{unit}/progress.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 1 + 14, "{}", csv.body);
    assert!(csv.body.contains("Round 0,") && csv.body.contains("Later 13,"));

    t.post(Who::Lead, "/language", "to=cy&next=/home").await;
    let cy = t.get(Who::Lead, &format!("/units/{unit}/assessment")).await;
    assert!(
        cy.body
            .contains("Mae&#39;r siart a&#39;r tabl yn dangos y 12 rownd ddiweddaraf o 14.")
            || cy
                .body
                .contains("Mae'r siart a'r tabl yn dangos y 12 rownd ddiweddaraf o 14."),
        "the Welsh page says it too"
    );
}
