//! Payments on the web: receipts uploaded through the form are checked by content and size and
//! a refused one changes nothing else; receipts are served only as downloads; the claim form
//! keeps what was typed; the benefits warning shows on the claim page; exports open in Excel;
//! and the claims API computes pence and refuses self-approval with a clear 409.

use crate::helpers::{Res, TestApp, Who};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use serde_json::json;

const BOUNDARY: &str = "cairnboundary7MA4YWxk";

/// Posts a multipart form with the member's session: the form token and one file.
async fn upload(t: &TestApp, who: Who, claim: i64, bytes: &[u8], name: &str) -> Res {
    let p = t.who.get(&who).expect("principal");
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
            p.csrf
        )
        .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"{name}\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("/payments/claims/{claim}/receipts"))
        .header(header::HOST, "localhost")
        .header(header::COOKIE, &p.cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(body))
        .expect("request");
    t.raw(req).await
}

async fn draft_claim(t: &TestApp) -> i64 {
    member_claim(t, "Forum").await
}

/// A member's draft claim for an hour's meeting and £3.20 of parking, in their own words.
async fn member_claim(t: &TestApp, description: &str) -> i64 {
    let member = t.actor(Who::Member).await;
    let d = cairn_domain::payments::ClaimDraft {
        activity_type: "meeting".into(),
        activity_on: cairn_domain::time::DateParts {
            day: "2".into(),
            month: "11".into(),
            year: "2026".into(),
        },
        hours: "1".into(),
        minutes: "0".into(),
        description: description.into(),
        expenses: vec![cairn_domain::payments::ExpenseDraft {
            category: "parking".into(),
            amount: "3.20".into(),
            ..Default::default()
        }],
    };
    cairn_app::payments::create_claim(&t.app, &member, None, None, &d)
        .await
        .expect("claim")
}

async fn totals(t: &TestApp, claim: i64) -> (i64, usize, usize) {
    let admin = t.actor(Who::OrgAdmin).await;
    let v = cairn_app::payments::claim(&t.app, &admin, claim)
        .await
        .expect("claim");
    (v.claim.total_pence, v.lines.len(), v.receipts.len())
}

#[tokio::test]
async fn a_receipt_is_checked_by_its_content_and_a_refused_one_changes_nothing_else() {
    // Setup
    let t = TestApp::new().await;
    let claim = draft_claim(&t).await;
    let before = totals(&t, claim).await;

    // Exec: text named .png, then a real PNG signature.
    let fake = upload(
        &t,
        Who::Member,
        claim,
        b"<html>not a picture</html>",
        "receipt.png",
    )
    .await;
    let after_fake = totals(&t, claim).await;
    let png = [
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
    ];
    let real = upload(&t, Who::Member, claim, &png, "photo.jpeg").await;
    let after_real = totals(&t, claim).await;

    // Check
    assert_eq!(fake.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        fake.body.contains("The file must be a JPEG, PNG or PDF"),
        "message beside the field"
    );
    assert_eq!(after_fake, before, "nothing else on the claim changed");
    assert_eq!(real.status, StatusCode::SEE_OTHER, "{}", real.body);
    assert_eq!(after_real.2, before.2 + 1);
    assert_eq!((after_real.0, after_real.1), (before.0, before.1));
}

#[tokio::test]
async fn an_oversized_upload_is_refused_cleanly_and_other_forms_keep_the_small_limit() {
    // Setup
    let t = TestApp::new().await;
    let claim = draft_claim(&t).await;
    let mut big = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    big.resize(cairn_app::payments::RECEIPT_MAX_BYTES + 1, 0);

    // Exec
    let res = upload(&t, Who::Member, claim, &big, "big.png").await;
    let too_big_form = t
        .post(
            Who::Member,
            "/payments/settings",
            &format!(
                "choice=bank&limit_kind={}",
                "x".repeat(cairn_web::BODY_LIMIT)
            ),
        )
        .await;

    // Check: the receipt is refused beside the field, the plain form by its body limit.
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert!(res.body.contains("5 MB or smaller"));
    assert_eq!(totals(&t, claim).await.2, 0);
    assert_eq!(too_big_form.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn receipts_are_downloads_with_a_sandbox_and_only_for_those_who_may_see_the_claim() {
    // Setup
    let t = TestApp::new().await;
    let id = t.seed.receipt;

    // Exec
    let mine = t
        .get(Who::Member, &format!("/payments/receipts/{id}"))
        .await;
    let viewer = t
        .get(Who::Viewer, &format!("/payments/receipts/{id}"))
        .await;
    let other = t
        .get(Who::OtherAdmin, &format!("/payments/receipts/{id}"))
        .await;

    // Check
    assert_eq!(mine.status, StatusCode::OK);
    let h = |k| {
        mine.headers
            .get(k)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(h(header::CONTENT_TYPE), "image/png");
    assert!(h(header::CONTENT_DISPOSITION).starts_with("attachment;"));
    assert!(h(header::CONTENT_SECURITY_POLICY).contains("sandbox"));
    assert_eq!(h(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(viewer.status, StatusCode::FORBIDDEN);
    assert_eq!(other.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_claim_form_keeps_what_was_typed_and_puts_each_message_by_its_field() {
    // Setup
    let t = TestApp::new().await;

    // Exec
    let res = t
        .post(
            Who::Member,
            "/payments/claims/new",
            "activity_type=meeting&activity_on_day=31&activity_on_month=2&activity_on_year=2026&hours=2&minutes=75\
             &description=Forum+meeting&expense_category_0=mileage_car&expense_miles_0=ten",
        )
        .await;

    // Check
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for text in [
        "Enter the time given in hours and minutes",
        "Enter the miles as a number",
    ] {
        assert!(res.body.contains(text), "{text}");
    }
    assert!(res.body.contains("value=\"Forum meeting\"") || res.body.contains(">Forum meeting<"));
    assert!(res.body.contains("value=\"ten\""), "typed miles kept");
    assert!(
        res.body.contains("href=\"#activity_on\""),
        "impossible date linked"
    );
    let claims = cairn_app::payments::list(
        &t.app,
        &t.actor(Who::Member).await,
        cairn_db::payments::ClaimQuery {
            limit: 50,
            ..Default::default()
        },
    )
    .await
    .expect("list");
    assert_eq!(
        claims.len(),
        1,
        "only the seeded claim: nothing new was stored"
    );
}

#[tokio::test]
async fn the_claim_page_warns_before_a_claim_takes_the_member_past_their_own_limit() {
    // Setup: the member records a £50 weekly limit; the seeded claim (yesterday) is £75 + £4.80.
    let t = TestApp::new().await;
    let set = t
        .post(
            Who::Member,
            "/payments/settings",
            "choice=bank&limit_kind=own&limit_period=week&limit_amount=50",
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER, "{}", set.body);

    // Exec
    let page = t
        .get(Who::Lead, &format!("/payments/claims/{}", t.seed.claims[0]))
        .await;

    // Check: the fee counts, the receipted bus fare does not.
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"benefits-warning\""));
    assert!(
        page.body.contains("counts £75.00 as income"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Own limit: £50.00 a week"));
}

#[tokio::test]
async fn run_exports_open_in_excel_and_add_up() {
    // Setup: finance locks the seeded run.
    let t = TestApp::new().await;
    let run = t.seed.run;
    let lock = t
        .post(Who::Finance, &format!("/payments/runs/{run}/lock"), "")
        .await;
    assert_eq!(lock.status, StatusCode::SEE_OTHER);

    // Exec
    let payroll = t
        .get(
            Who::Finance,
            &format!("/payments/runs/{run}/export.csv?format=payroll"),
        )
        .await;
    let accounts = t
        .get(
            Who::Finance,
            &format!("/payments/runs/{run}/export.csv?format=accounts"),
        )
        .await;

    // Check: a BOM, a header, and the one claim's pence in both.
    let claim = cairn_app::payments::claim(&t.app, &t.actor(Who::Finance).await, t.seed.claims[3])
        .await
        .expect("claim");
    for res in [&payroll, &accounts] {
        assert_eq!(res.status, StatusCode::OK);
        assert!(
            res.body.starts_with('\u{feff}'),
            "Excel reads UTF-8 with a BOM"
        );
        assert!(res.body.contains(&claim.claim.total_pence.to_string()));
    }
    assert!(payroll.body.contains("Taxable fees (pence)"));
    assert!(accounts.body.contains("Total for the cost centre"));
    assert!(accounts.body.contains("Total for the run"));
}

/// A CSV body as rows of cells, after its byte-order mark.
fn csv_rows(body: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn run_exports_read_in_welsh_have_welsh_headings_and_no_stored_codes() {
    let mut engines = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        engines.push(pg);
    }
    for t in engines {
        // Setup: finance locks the seeded run, whose claim is a consultation.
        let run = t.seed.run;
        let lock = t
            .post(Who::Finance, &format!("/payments/runs/{run}/lock"), "")
            .await;
        assert_eq!(lock.status, StatusCode::SEE_OTHER);

        // Exec: the page's downloads and the API's, in Welsh.
        let app = &t;
        let welsh = |path: String| async move {
            app.send(
                Who::Finance,
                Method::GET,
                &path,
                None,
                &[("accept-language", "cy")],
            )
            .await
        };
        let payroll = welsh(format!("/payments/runs/{run}/export.csv?format=payroll")).await;
        let accounts = welsh(format!("/payments/runs/{run}/export.csv?format=accounts")).await;
        let token = &t.who.get(&Who::Finance).expect("finance").token;
        let api = t
            .raw(
                Request::builder()
                    .uri(format!("/api/v1/payment-runs/{run}/export?format=accounts"))
                    .header(header::HOST, "localhost")
                    .header(header::AUTHORIZATION, format!("Bearer {token}"))
                    .header(header::ACCEPT_LANGUAGE, "cy")
                    .body(Body::empty())
                    .expect("request"),
            )
            .await;

        // Check: still Excel-ready; every heading is the Welsh message, and no cell holds a
        // stored code (a row kind, an activity, a payment method).
        let cy = cairn_web::i18n::Tr::new(cairn_domain::people::Language::Cy);
        let head = |ids: &[&str]| -> Vec<String> {
            ids.iter()
                .map(|id| {
                    let id = format!("payments-export-col-{id}");
                    assert!(cy.has(&id), "{id} has no Welsh");
                    cy.get(&id)
                })
                .collect()
        };
        let mut codes: Vec<&str> = vec!["claim", "person_total", "cost_centre_total", "run_total"];
        codes.extend(
            cairn_domain::payments::ActivityType::ALL
                .iter()
                .map(|a| a.key()),
        );
        codes.extend(
            cairn_domain::payments::PaymentChoice::ALL
                .iter()
                .map(|c| c.key()),
        );
        for res in [&payroll, &accounts, &api] {
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert!(
                res.body.starts_with('\u{feff}'),
                "Excel reads UTF-8 with a BOM"
            );
            assert!(res.body.contains("\r\n"), "CRLF lines");
            for row in csv_rows(&res.body) {
                for cell in &row {
                    assert!(
                        !codes.contains(&cell.as_str()),
                        "a raw code {cell:?} in {row:?}"
                    );
                }
            }
        }
        let payroll = csv_rows(&payroll.body);
        assert_eq!(
            payroll[0],
            head(&[
                "run",
                "person",
                "name",
                "method",
                "claims",
                "taxable-pence",
                "expenses-pence",
                "total-pence",
                "total-pounds",
            ])
        );
        assert_eq!(
            (payroll[0][0].as_str(), payroll[0][3].as_str()),
            ("Rhif y rhediad", "Dull talu")
        );
        for accounts in [csv_rows(&accounts.body), csv_rows(&api.body)] {
            assert_eq!(
                accounts[0],
                head(&[
                    "run",
                    "row",
                    "claim",
                    "person",
                    "name",
                    "cost-centre",
                    "activity",
                    "activity-on",
                    "method",
                    "fee-pence",
                    "expenses-pence",
                    "total-pence",
                    "total-pounds",
                ])
            );
            let kinds: Vec<&str> = accounts[1..].iter().map(|r| r[1].as_str()).collect();
            assert_eq!(
                kinds,
                vec![
                    "Hawliad",
                    "Cyfanswm y person",
                    "Cyfanswm y ganolfan gost",
                    "Cyfanswm y rhediad"
                ]
            );
            assert_eq!(accounts[1][6], "Ymgynghoriad", "the activity in Welsh");
            assert!(
                cairn_domain::payments::PaymentChoice::ALL
                    .iter()
                    .any(|c| accounts[1][8]
                        == cy.get(&format!(
                            "payments-export-method-{}",
                            c.key().replace('_', "-")
                        ))),
                "the payment method in Welsh: {:?}",
                accounts[1]
            );
        }
    }
}

#[test]
fn every_payment_method_has_export_words_in_both_languages() {
    for lang in [
        cairn_domain::people::Language::En,
        cairn_domain::people::Language::Cy,
    ] {
        let t = cairn_web::i18n::Tr::new(lang);
        for c in cairn_domain::payments::PaymentChoice::ALL {
            let id = format!("payments-export-method-{}", c.key().replace('_', "-"));
            assert!(t.has(&id), "{id} missing in {lang:?}");
        }
    }
}

#[tokio::test]
async fn the_claims_api_computes_pence_and_refuses_self_approval_with_a_clear_conflict() {
    // Setup: the lead's and finance's accounts both belong to one person, Carys, whose own
    // claim is seeded (so she would approve her own claim, or authorise one she approved).
    let t = TestApp::new().await;
    let pat = {
        let mut tx = t.app.db.begin().await.expect("tx");
        let id = cairn_db::people::insert(
            &mut tx.conn(),
            t.seed.org_a,
            &cairn_domain::people::PersonFields {
                chosen_name: "Pat".into(),
                constituency: cairn_domain::people::Constituency::Staff,
                discipline: None,
                unit_ids: vec![t.seed.unit_a1],
                status: cairn_domain::people::PersonStatus::Active,
                status_since: None,
                preferred_language: cairn_domain::people::Language::En,
                email: None,
                access_needs: None,
                consent_on: None,
            },
            0,
        )
        .await
        .expect("person");
        for who in [Who::Lead, Who::Finance] {
            cairn_db::execute!(
                &mut tx.conn(),
                "UPDATE users SET person_id = $1 WHERE email = $2",
                id,
                who.email()
            )
            .expect("link");
        }
        tx.commit().await.expect("commit");
        id
    };

    // Exec: the member claims 2 h 30 for a meeting yesterday with 12.5 car miles.
    let yesterday = jiff::Zoned::now()
        .checked_sub(jiff::Span::new().days(1))
        .expect("date")
        .date();
    let made = t
        .api(
            Who::Member,
            Method::POST,
            "/api/v1/claims",
            Some(json!({
                "activity_type": "meeting",
                "activity_on": yesterday.to_string(),
                "minutes": 150,
                "description": "Forum",
                "expenses": [{"category": "mileage_car", "miles": 12.5}],
            })),
        )
        .await;
    let bad = t
        .api(
            Who::Member,
            Method::POST,
            "/api/v1/claims",
            Some(json!({"activity_type": "meeting", "activity_on": "2026-02-31", "minutes": 60, "description": "x"})),
        )
        .await;

    // Check
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let j = made.json();
    // £75 for a session under four hours; 12.5 miles at 45p is 562.5p, rounded to 563p.
    assert_eq!(j["fee_pence"], 7500);
    assert_eq!(j["expenses_pence"], 563);
    assert_eq!(j["total_pence"], 8063);
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["fields"][0]["field"], "activity_on");
    // A member cannot approve at all.
    let id = j["id"].as_i64().expect("id");
    let member = t
        .api(
            Who::Member,
            Method::POST,
            &format!("/api/v1/claims/{id}/approve"),
            None,
        )
        .await;
    assert_eq!(member.status, StatusCode::FORBIDDEN);
    // Pat's own claim: the lead account cannot approve it.
    let pats = {
        let admin = t.actor(Who::OrgAdmin).await;
        let d = cairn_domain::payments::ClaimDraft {
            activity_type: "consultation".into(),
            activity_on: cairn_domain::time::DateParts::from_date(Some(yesterday)),
            hours: "1".into(),
            minutes: "0".into(),
            description: "Consultation".into(),
            expenses: Vec::new(),
        };
        let c = cairn_app::payments::create_claim(&t.app, &admin, Some(pat), None, &d)
            .await
            .expect("claim");
        cairn_app::payments::submit(&t.app, &admin, c)
            .await
            .expect("submit");
        c
    };
    let own = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/claims/{pats}/approve"),
            None,
        )
        .await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert_eq!(
        own.json()["message"],
        "Nobody can approve, authorise or correct their own claim"
    );
    // Pat approves the carer's claim as lead, then cannot authorise it as finance.
    let approved = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/claims/{}/approve", t.seed.claims[1]),
            None,
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let same = t
        .api(
            Who::Finance,
            Method::POST,
            &format!("/api/v1/claims/{}/authorise", t.seed.claims[1]),
            None,
        )
        .await;
    assert_eq!(same.status, StatusCode::CONFLICT);
    assert_eq!(
        same.json()["message"],
        "The person who approved a claim cannot also authorise it"
    );
}

#[tokio::test]
async fn the_statement_covers_the_period_chosen_and_keeps_it_in_the_form() {
    // Setup: the member's seeded claim is dated yesterday.
    let t = TestApp::new().await;
    let today = jiff::Zoned::now().date();
    let long_ago = today.checked_sub(jiff::Span::new().years(1)).expect("date");
    let a_month_before = long_ago
        .checked_add(jiff::Span::new().months(1))
        .expect("date");

    // Exec
    let recent = t.get(Who::Member, "/payments/statement").await;
    let old = t
        .get(
            Who::Member,
            &format!("/payments/statement?from={long_ago}&to={a_month_before}"),
        )
        .await;

    // Check: the recent statement shows the £75 fee; the old period has none and says so.
    assert_eq!(recent.status, StatusCode::OK);
    assert!(recent.body.contains("£75.00"));
    assert_eq!(old.status, StatusCode::OK);
    assert!(!old.body.contains("£75.00"));
    // The period is kept in the three-field date inputs.
    for (field, d) in [("from", long_ago), ("to", a_month_before)] {
        for (part, v) in [
            ("day", d.day().to_string()),
            ("month", d.month().to_string()),
            ("year", d.year().to_string()),
        ] {
            assert!(
                old.body.contains(&format!(
                    "name=\"{field}_{part}\" type=\"text\" inputmode=\"numeric\" value=\"{v}\""
                )),
                "{field} {part}"
            );
        }
    }
}

#[tokio::test]
async fn the_claims_list_shows_each_claims_total_and_reads_none_of_what_was_written() {
    crate::helpers::both(|t| async move {
        // Setup: a member's claim with words of their own about what they did.
        let id = member_claim(&t, "Planned the garden open day with Bryn").await;
        let (total, _, _) = totals(&t, id).await;

        // Exec
        let (res, queries) = cairn_db::record_queries(t.get(Who::Member, "/payments/claims")).await;

        // Check
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(
            res.body
                .contains(&format!("href=\"/payments/claims/{id}\""))
        );
        let pounds = cairn_domain::payments::format_pounds(total);
        assert!(res.body.contains(&pounds), "{pounds} shown");
        assert!(!res.body.contains("garden open day"));
        let listing: Vec<_> = queries
            .iter()
            .filter(|q| q.contains("FROM claims c") && q.contains("ORDER BY c.id DESC"))
            .collect();
        assert_eq!(listing.len(), 1, "{queries:#?}");
        for column in [
            "description",
            "reject_reason",
            "created_by_label",
            "fee_pence",
        ] {
            assert!(!listing[0].contains(column), "the list reads {column}");
        }
    })
    .await;
}
