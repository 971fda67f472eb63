//! Profiles, pathways, "what Cairn holds about me", the who's-who and the export on the web:
//! pages in English and Welsh, forms that keep what was typed with errors beside the fields,
//! photos refused beside the field when too big and served only as sandboxed downloads, level
//! decisions recorded from the pathway page, the navigation, and the pathway API.

use crate::helpers::{PHOTO_PNG, Res, TestApp, Who, field_error};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};

const BOUNDARY: &str = "cairnboundaryPeople42";

fn header_of<'a>(res: &'a Res, name: &str) -> &'a str {
    res.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

async fn welsh(t: &TestApp, who: Who, path: &str) -> Res {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
        .await
}

/// Posts a photo as a multipart form with `who`'s session.
async fn upload(t: &TestApp, who: Who, path: &str, bytes: &[u8]) -> Res {
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
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"me.png\"\r\nContent-Type: image/png\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let req = Request::builder()
        .method(Method::POST)
        .uri(path)
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

/// Today on the London clock, as the three date fields of a form.
fn today_fields(prefix: &str) -> String {
    let d = jiff::Zoned::now()
        .with_time_zone(jiff::tz::TimeZone::get("Europe/London").expect("London"))
        .date();
    format!(
        "{prefix}_day={}&{prefix}_month={}&{prefix}_year={}",
        d.day(),
        d.month(),
        d.year()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profile_me_pathway_and_whos_who_pages_read_in_english_and_welsh() {
    let t = TestApp::new().await;
    let a1 = t.seed.person_a1;
    let cases: [(Who, String, &str, &str); 5] = [
        (
            Who::Member,
            "/me/profile".into(),
            "Can we put you on the who&#39;s who?",
            "A gawn ni eich rhoi ar y rhestr Pwy yw pwy?",
        ),
        (
            Who::Member,
            "/me".into(),
            "What Cairn holds about me",
            "Beth mae Cairn yn ei gadw amdanaf i",
        ),
        (
            Who::Member,
            "/whos-who".into(),
            "Who&#39;s who",
            "Pwy yw pwy",
        ),
        (
            Who::Lead,
            format!("/people/{a1}/pathway"),
            "Level 1: getting started",
            "Lefel 1: dechrau arni",
        ),
        (
            Who::Lead,
            format!("/people/{a1}/profile"),
            "You are recording this for Carys",
            "Rydych yn cofnodi hyn ar ran Carys",
        ),
    ];
    for (who, path, en, cy) in cases {
        let res = t.get(who, &path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.contains(en), "{path} in English: {en}");
        let res = welsh(&t, who, &path).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(res.body.contains(cy), "{path} in Welsh: {cy}");
    }
    // The yes/no answers match each question's verb in Welsh.
    let res = welsh(&t, Who::Member, "/me/profile").await;
    assert!(res.body.contains(">Cewch<") && res.body.contains(">Na chewch<"));
    // "About me" records what was agreed, so it answers "Do" / "Naddo", not the form's verbs.
    let res = welsh(&t, Who::Member, "/me").await;
    assert!(res.body.contains(">Do<") || res.body.contains(">Naddo<"));
    assert!(!res.body.contains(">Cewch<") && !res.body.contains(">Na chewch<"));
    // An account with no person record is told so on "About me".
    let res = t.get(Who::Lead, "/me").await;
    assert!(res.body.contains("not linked to a person"), "{}", res.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_form_with_errors_keeps_what_was_typed_and_saves_nothing() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::Member,
            "/me/profile",
            "skills=Baking+bread&ask_me_about=The+allotment&contact_by=pigeon&consent_whos_who=yes",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Baking bread"));
    assert!(res.body.contains("The allotment"));
    assert_eq!(
        field_error(&res.body, "contact_by"),
        Some("Choose how you like us to get in touch")
    );
    assert_eq!(
        field_error(&res.body, "consent_photo"),
        Some("Choose yes or no")
    );
    assert_eq!(field_error(&res.body, "consent_whos_who"), None);
    assert!(res.body.contains("<title>Error:"));
    // Nothing was saved.
    let me = t.get(Who::Member, "/me").await;
    assert!(!me.body.contains("Baking bread"));
    // Answered in full, it is saved and shows on "About me".
    let res = t
        .post(
            Who::Member,
            "/me/profile",
            "skills=Baking+bread&contact_by=phone&consent_whos_who=yes&consent_photo=no&consent_opportunities=no",
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let me = t.get(Who::Member, "/me").await;
    assert!(me.body.contains("Baking bread"));
    let whos_who = t.get(Who::Lead, "/whos-who").await;
    assert!(whos_who.body.contains(">Mo<"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_over_two_megabytes_is_refused_beside_the_field_and_a_small_one_is_served_sandboxed()
 {
    let t = TestApp::new().await;
    let me = t.seed.member_person;
    // Without consent the form explains, and an upload is refused.
    let page = t.get(Who::Member, "/me/profile").await;
    assert!(page.body.contains("first say yes to keeping a photo"));
    let res = upload(&t, Who::Member, "/me/photo", &PHOTO_PNG).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        res.body
            .contains("Say yes to keeping a photo before adding one")
    );
    let res = t
        .post(
            Who::Member,
            "/me/profile",
            "consent_whos_who=yes&consent_photo=yes&consent_opportunities=no",
        )
        .await;
    assert!(res.status.is_redirection());
    let mut big = PHOTO_PNG.to_vec();
    big.resize(cairn_app::people::PHOTO_MAX_BYTES + 1, 0);
    let res = upload(&t, Who::Member, "/me/photo", &big).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "photo"),
        Some("The photo must be 2 MB or smaller")
    );
    assert_eq!(
        t.get(Who::Member, &format!("/people/{me}/photo"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = upload(&t, Who::Member, "/me/photo", &PHOTO_PNG).await;
    assert!(res.status.is_redirection(), "{}", res.status);
    let photo = t.get(Who::Lead, &format!("/people/{me}/photo")).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(header_of(&photo, "content-type"), "image/png");
    assert!(header_of(&photo, "content-disposition").starts_with("attachment"));
    assert!(header_of(&photo, "content-security-policy").contains("sandbox"));
    // Saying no to a photo deletes it.
    let res = t
        .post(
            Who::Member,
            "/me/profile",
            "consent_whos_who=yes&consent_photo=no&consent_opportunities=no",
        )
        .await;
    assert!(res.status.is_redirection());
    assert_eq!(
        t.get(Who::Lead, &format!("/people/{me}/photo"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whos_who_shows_consenting_people_with_their_photo_and_prints() {
    let t = TestApp::new().await;
    let a1 = t.seed.person_a1;
    let res = t.get(Who::Member, "/whos-who").await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains(">Carys<"));
    assert!(res.body.contains(&format!("src=\"/people/{a1}/photo\"")));
    assert!(
        res.body
            .contains("Ask me about: <span lang=\"\">The garden group</span>")
    );
    assert!(!res.body.contains(">Dai<") && !res.body.contains(">Mo<"));
    assert!(res.body.contains("use your browser&#39;s Print option"));
    // The member's own unit has a page; the viewer sees no who's-who at all.
    let unit = t
        .get(Who::Member, &format!("/whos-who/units/{}", t.seed.unit_a1))
        .await;
    assert!(unit.body.contains(">Carys<"));
    assert_eq!(
        t.get(Who::Member, &format!("/whos-who/units/{}", t.seed.unit_a2))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get(Who::Viewer, "/whos-who").await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_level_decision_form_keeps_what_was_typed_then_records_the_decision() {
    let t = TestApp::new().await;
    let a1 = t.seed.person_a1;
    let path = format!("/people/{a1}/level");
    let res = t
        .post(Who::Lead, &path, "to_level=2&level_note=Agreed+at+review")
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("Agreed at review"));
    assert!(field_error(&res.body, "decided_on").is_some());
    assert!(res.body.contains("value=\"2\" checked"));
    let res = t
        .post(
            Who::Lead,
            &path,
            &format!(
                "to_level=2&level_note=Agreed+at+review&{}",
                today_fields("decided_on")
            ),
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.body);
    let page = t.get(Who::Lead, &format!("/people/{a1}/pathway")).await;
    assert!(page.body.contains("From level 1 to level 2"));
    assert!(page.body.contains("Agreed at review"));
    assert!(page.body.contains("lead@a.cairn.test"));
    // The person page shows the new level.
    let person = t.get(Who::Lead, &format!("/people/{a1}")).await;
    assert!(person.body.contains("Level 2"));
    // A step with no date keeps its note and says what is missing.
    let res = t
        .post(
            Who::Lead,
            &format!("/people/{a1}/steps"),
            "step=training&note=First+aid",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("First aid"));
    assert!(field_error(&res.body, "done_on").is_some());
}

/// Runs Debian's `unzip` with `option` on `zip` (and `entry`, if any), returning what it printed.
fn unzip(option: &str, zip: &std::path::Path, entry: Option<&str>) -> Vec<u8> {
    let out = std::process::Command::new("unzip")
        .arg(option)
        .arg(zip)
        .args(entry)
        .output()
        .expect("Debian's unzip reads the export in this test");
    assert!(
        out.status.success(),
        "unzip {option} {entry:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_zip_export_opens_in_unzip_with_the_document_and_each_receipt_byte_for_byte() {
    // Arrange: the member has a claim with a receipt.
    let t = TestApp::new().await;
    let person = t.seed.member_person;
    let stored = {
        let mut h = t.app.db.acquire().await.expect("acquire");
        cairn_db::payments::receipt_body(&mut h.conn(), t.seed.org_a, t.seed.receipt)
            .await
            .expect("receipt")
            .expect("the seeded receipt")
            .1
    };

    // Exec
    let res = t
        .get(Who::OrgAdmin, &format!("/people/{person}/export.zip"))
        .await;
    let as_lead = t
        .get(Who::Lead, &format!("/people/{person}/export.zip"))
        .await;

    // Check: a real zip reader tests every entry's checksum and reads the files back.
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(header_of(&res, "content-type"), "application/zip");
    assert!(header_of(&res, "content-disposition").starts_with("attachment"));
    assert_ne!(as_lead.status, StatusCode::OK);
    let dir = std::env::temp_dir().join(format!(
        "cairn-export-{}-{}",
        std::process::id(),
        t.seed.receipt
    ));
    std::fs::create_dir_all(&dir).expect("dir");
    let zip = dir.join("export.zip");
    std::fs::write(&zip, &res.bytes).expect("write zip");
    let tested = String::from_utf8_lossy(&unzip("-t", &zip, None)).into_owned();
    assert!(tested.contains("No errors detected"), "{tested}");
    let json: serde_json::Value =
        serde_json::from_slice(&unzip("-p", &zip, Some(&format!("person-{person}.json"))))
            .expect("the document is JSON");
    assert_eq!(json["person"]["id"], person);
    let file = json["receipts"][0]["file"]
        .as_str()
        .expect("receipt file")
        .to_owned();
    assert!(
        file.starts_with("receipts/") && file.ends_with(".png"),
        "{file}"
    );
    assert_eq!(unzip("-p", &zip, Some(&file)), stored);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_is_an_attachment_for_administrators_only() {
    let t = TestApp::new().await;
    let a1 = t.seed.person_a1;
    let res = t
        .get(Who::OrgAdmin, &format!("/people/{a1}/export.json"))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(header_of(&res, "content-disposition").starts_with("attachment"));
    let json = res.json();
    assert_eq!(json["person"]["id"], a1);
    assert_eq!(json["profile"]["ask_me_about"], "The garden group");
    assert!(!res.body.contains("\"Dai\""));
    let page = t.get(Who::OrgAdmin, &format!("/people/{a1}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/people/{a1}/export.json\""))
    );
    let page = t.get(Who::Lead, &format!("/people/{a1}")).await;
    assert!(!page.body.contains("export.json"));
    assert!(page.body.contains("The garden group"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_offers_about_me_to_members_and_whos_who_to_those_who_may_read_it() {
    let t = TestApp::new().await;
    let member = t.get(Who::Member, "/home").await;
    assert!(member.body.contains("href=\"/me\""));
    assert!(member.body.contains("href=\"/whos-who\""));
    let lead = t.get(Who::Lead, "/home").await;
    assert!(lead.body.contains("href=\"/whos-who\""));
    assert!(!lead.body.contains("href=\"/me\""));
    let viewer = t.get(Who::Viewer, "/home").await;
    assert!(!viewer.body.contains("href=\"/whos-who\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pathway_api_gives_a_member_only_their_own() {
    let t = TestApp::new().await;
    let own = t
        .api(
            Who::Member,
            Method::GET,
            &format!("/api/v1/people/{}/pathway", t.seed.member_person),
            None,
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let j = own.json();
    assert_eq!(j["level"], 1);
    assert_eq!(j["steps"].as_array().map(Vec::len), Some(6));
    let other = t
        .api(
            Who::Member,
            Method::GET,
            &format!("/api/v1/people/{}/pathway", t.seed.person_a1),
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert_eq!(other.json()["error"], "not_found");
    let staff = t
        .api(
            Who::UnitStaff,
            Method::GET,
            &format!("/api/v1/people/{}/pathway", t.seed.person_a2),
            None,
        )
        .await;
    assert_eq!(staff.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_administrator_erases_a_person_after_the_confirmation_page_and_waits_for_open_claims() {
    let t = TestApp::new().await;
    // Carys has claims on their way: the page says erasure must wait, and the API answers 409.
    let carys = t.seed.person_a1;
    let wait = t
        .get(Who::OrgAdmin, &format!("/people/{carys}/erase"))
        .await;
    assert_eq!(wait.status, StatusCode::OK);
    assert!(
        wait.body.contains("not yet paid or rejected"),
        "{}",
        wait.body
    );
    assert!(
        !wait
            .body
            .contains(&format!(r#"action="/people/{carys}/erase""#))
    );
    let refused = t
        .api(
            Who::OrgAdmin,
            Method::POST,
            &format!("/api/v1/people/{carys}/erase"),
            Some(serde_json::json!({"reason": "They asked us to"})),
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("not yet paid or rejected"),
        "{}",
        refused.body
    );

    // Dai has none: the page explains, an empty reason is refused beside the field, then it goes.
    let dai = t.seed.person_a2;
    let page = t.get(Who::OrgAdmin, &format!("/people/{dai}/erase")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains(&format!("Person {dai}")),
        "the pseudonym is shown"
    );
    let empty = t
        .post(Who::OrgAdmin, &format!("/people/{dai}/erase"), "reason=")
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains(r#"id="reason-error""#));
    let unchanged = t.get(Who::OrgAdmin, &format!("/people/{dai}")).await;
    assert!(unchanged.body.contains("Dai"), "nothing changed yet");
    let done = t
        .post(
            Who::OrgAdmin,
            &format!("/people/{dai}/erase"),
            "reason=They+asked+us+to+erase+their+data",
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let after = t.get(Who::OrgAdmin, &format!("/people/{dai}")).await;
    assert!(
        after.body.contains(&format!("<h1>Person {dai}</h1>")),
        "{}",
        after.body
    );
    assert!(!after.body.contains("Dai"));
    // Nobody else may erase.
    for who in [Who::Lead, Who::UnitStaff, Who::Finance] {
        let r = t.get(who, &format!("/people/{carys}/erase")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who:?}");
    }
}

#[tokio::test]
async fn the_people_list_shows_a_unit_and_reads_nothing_of_how_to_reach_anyone() {
    crate::helpers::both(|t| async move {
        // Setup: a person of the unit with an e-mail address and access needs on record.
        let admin = t.actor(Who::OrgAdmin).await;
        cairn_app::people::create(
            &t.app,
            &admin,
            &cairn_domain::people::PersonDraft {
                chosen_name: "Eirlys Bowen".into(),
                constituency: "carer".into(),
                unit_ids: vec![t.seed.unit_a1],
                status: "active".into(),
                preferred_language: "cy".into(),
                email: Some("eirlys.bowen@example.test".into()),
                access_needs: Some("Large print, please".into()),
                ..Default::default()
            },
        )
        .await
        .expect("person");

        // Exec
        let path = format!("/people?unit_id={}", t.seed.unit_a1);
        let (res, queries) = cairn_db::record_queries(t.get(Who::Lead, &path)).await;

        // Check
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        assert!(res.body.contains("Eirlys Bowen"), "listed");
        assert!(!res.body.contains("eirlys.bowen@example.test"));
        assert!(!res.body.contains("Large print"));
        let listing: Vec<_> = queries
            .iter()
            .filter(|q| q.contains("JOIN people p") && q.contains("ORDER BY"))
            .collect();
        assert_eq!(listing.len(), 1, "{queries:#?}");
        for column in ["email", "access_needs", "consent_on", "discipline"] {
            assert!(!listing[0].contains(column), "the list reads {column}");
        }
    })
    .await;
}
