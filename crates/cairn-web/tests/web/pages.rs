//! Pages and forms: errors beside fields in the person's language with what was typed kept;
//! language choice; audit of views; CSV; probes and metrics; e-mail through a real SMTP sink.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn a_person_form_with_errors_comes_back_in_welsh_with_the_values_kept() {
    let t = TestApp::new().await;
    // Choose Welsh first; the choice is remembered on the account.
    let res = t
        .post(Who::Lead, "/language", "to=cy&next=/people/new")
        .await;
    assert_eq!(res.location(), "/people/new");
    let res = t
        .post(
            Who::Lead,
            "/people/new",
            "chosen_name=&constituency=&access_needs=Print+bras&email=not-an-email",
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("<html lang=\"cy\">"));
    assert!(
        res.body.contains("<title>Gwall:"),
        "title starts with Gwall:"
    );
    assert!(res.body.contains("Mae problem wedi codi"));
    assert!(
        res.body
            .contains("Rhowch yr enw y maen nhw&#39;n hoffi cael eu galw wrtho")
            || res
                .body
                .contains("Rhowch yr enw y maen nhw'n hoffi cael eu galw wrtho")
    );
    assert!(res.body.contains("id=\"chosen_name-error\""));
    assert!(
        res.body
            .contains("aria-describedby=\"chosen_name-hint chosen_name-error\"")
    );
    assert!(
        res.body.contains(">Print bras</textarea>"),
        "typed text kept"
    );
    assert!(
        res.body.contains("value=\"not-an-email\""),
        "typed e-mail kept"
    );
    // Nothing was saved.
    let list = t.get(Who::Lead, "/people").await;
    assert!(!list.body.contains("Print bras"));
}

#[tokio::test]
async fn a_visitor_asking_for_welsh_gets_welsh_and_the_switch_offers_english() {
    let t = TestApp::new().await;
    let res = t
        .send(
            Who::Anon,
            Method::GET,
            "/sign-in",
            None,
            &[("accept-language", "cy-GB,cy;q=0.9,en;q=0.5")],
        )
        .await;
    assert!(res.body.contains("<html lang=\"cy\">"));
    assert!(res.body.contains("<h1>Mewngofnodi</h1>"));
    assert!(res.body.contains(">English</a>") && res.body.contains("hreflang=\"en\""));
    let res = t.get(Who::Anon, "/sign-in").await;
    assert!(res.body.contains("<html lang=\"en\">") && res.body.contains(">Cymraeg</a>"));
}

#[tokio::test]
async fn the_language_choice_is_remembered_for_the_person_not_the_browser() {
    let t = TestApp::new().await;
    t.post(Who::Viewer, "/language", "to=cy&next=/home").await;
    // A new session for the same account (a new browser) speaks Welsh at once.
    let s =
        cairn_app::accounts::sign_in(&t.app, "viewer@a.cairn.test", crate::helpers::PASSWORD, "x")
            .await
            .expect("sign in");
    assert_eq!(s.locale.as_deref(), Some("cy"));
    let res = t.get(Who::Viewer, "/home").await;
    assert!(res.body.contains("<html lang=\"cy\">") && res.body.contains("Hafan"));
}

#[tokio::test]
async fn adding_a_unit_and_a_person_records_both_and_shows_them() {
    let t = TestApp::new().await;
    let res = t.post(Who::Lead, "/units/new", &format!("name=Tŷ+Derw&name_cy=&service_id={}&unit_type=step_down&beds=4&gender_mix=mixed&link_person_id=", t.seed.service_a)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let unit_path = res.location().to_owned();
    let unit_id: i64 = unit_path
        .rsplit('/')
        .next()
        .and_then(|x| x.parse().ok())
        .expect("id");
    let page = t.get(Who::Lead, &unit_path).await;
    assert!(page.body.contains("<h1>Tŷ Derw</h1>") && page.body.contains("Step-down house"));
    let res = t.post(Who::Lead, "/people/new", &format!("chosen_name=Siân&constituency=carer&unit_ids={unit_id}&status=active&preferred_language=cy&consent_on_day=1&consent_on_month=3&consent_on_year=2026")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = t.get(Who::Lead, res.location()).await;
    assert!(
        page.body.contains("<h1>Siân</h1>")
            && page.body.contains("Tŷ Derw")
            && page.body.contains("1 March 2026")
    );
    let unit = t.get(Who::Lead, &unit_path).await;
    assert!(unit.body.contains("1 person"), "unit shows its carer");
}

#[tokio::test]
async fn every_view_of_a_persons_record_is_in_the_audit_log() {
    let t = TestApp::new().await;
    t.get(Who::UnitStaff, &format!("/people/{}", t.seed.person_a1))
        .await;
    t.api(
        Who::Lead,
        Method::GET,
        &format!("/api/v1/people/{}", t.seed.person_a1),
        None,
    )
    .await;
    let actor = t.actor(Who::OrgAdmin).await;
    let q = cairn_db::audit::AuditQuery {
        action: Some("view".into()),
        entity: Some("person".into()),
        entity_id: Some(t.seed.person_a1),
        limit: 10,
        ..Default::default()
    };
    let rows = cairn_app::audit::list(&t.app, &actor, &q)
        .await
        .expect("audit");
    let who: Vec<&str> = rows.iter().map(|r| r.actor_label.as_str()).collect();
    assert_eq!(who, vec!["lead@a.cairn.test", "staff@a.cairn.test"]);
    let page = t
        .get(
            Who::OrgAdmin,
            &format!(
                "/audit?action=view&entity=person&entity_id={}",
                t.seed.person_a1
            ),
        )
        .await;
    assert!(page.body.contains("staff@a.cairn.test") && page.body.contains("Looked at"));
}

#[tokio::test]
async fn the_audit_export_is_excel_ready_csv_with_formulas_neutralised() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::Lead,
            "/services",
            "name=%3DHYPERLINK(%22http%3A%2F%2Fx%22)",
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let res = t.get(Who::OrgAdmin, "/audit.csv?entity=service").await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("text/csv; charset=utf-8")
    );
    assert!(res.body.starts_with('\u{feff}'), "BOM first");
    let mut lines = res.body.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next(),
        Some("Entry,When,Who,For person,What happened,Record type,Record number,Before,After")
    );
    let row = lines.next().expect("a row");
    // What happened and the record type in words, as on the page.
    assert!(row.contains("Added,Service"), "{row}");
    assert!(
        row.contains("\"{\"\"name\"\":\"\"=HYPERLINK"),
        "JSON cell kept whole: {row}"
    );
    // A cell that itself starts with = is prefixed so Excel shows it as text.
    assert_eq!(
        cairn_web::csv_export::safe_cell("=HYPERLINK(1)"),
        "'=HYPERLINK(1)"
    );
    // The export itself is recorded.
    let actor = t.actor(Who::OrgAdmin).await;
    let q = cairn_db::audit::AuditQuery {
        action: Some("export".into()),
        limit: 5,
        ..Default::default()
    };
    assert_eq!(
        cairn_app::audit::list(&t.app, &actor, &q)
            .await
            .expect("audit")
            .len(),
        1
    );
}

#[tokio::test]
async fn health_and_readiness_answer_and_metrics_need_the_token() {
    let t = TestApp::new().await;
    assert_eq!(t.get(Who::Anon, "/healthz").await.status, StatusCode::OK);
    assert_eq!(t.get(Who::Anon, "/readyz").await.status, StatusCode::OK);
    t.get(Who::Lead, "/units").await;
    // The test app has no metrics token: not served at all, signed in or not.
    assert_eq!(
        t.get(Who::Anon, "/metrics").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        t.get(Who::OrgAdmin, "/metrics").await.status,
        StatusCode::NOT_FOUND
    );

    let t = t.with_config(|c| c.metrics_token = Some("scrape-secret".into()));
    let bearer = |v: &'static str| [("authorization", v)];
    let refused = t
        .send(
            Who::Anon,
            Method::GET,
            "/metrics",
            None,
            &bearer("Bearer wrong"),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        refused
            .headers
            .get("www-authenticate")
            .map(|v| v.as_bytes()),
        Some(&b"Bearer"[..])
    );
    let m = t
        .send(
            Who::Anon,
            Method::GET,
            "/metrics",
            None,
            &bearer("Bearer scrape-secret"),
        )
        .await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(
        m.body
            .contains("cairn_http_requests_total{method=\"GET\",route=\"/units\",status=\"200\"}"),
        "{}",
        m.body
    );
    assert!(
        m.body
            .contains("cairn_http_request_duration_seconds_bucket"),
        "latency histogram"
    );
}

#[tokio::test]
async fn giving_a_person_an_account_emails_the_invitation_in_their_language_through_smtp() {
    let t = TestApp::new().await;
    let sink = cairn_testkit::SmtpSink::start().await;
    let res = t
        .post(Who::OrgAdmin, "/settings", &format!("name=Organisation+A&name_cy=&time_zone=Europe%2FLondon&smtp_enabled=yes&smtp_host=127.0.0.1&smtp_port={}&smtp_tls=none&smtp_from=cairn%40a.example", sink.port))
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    // A Welsh-speaking carer.
    let res = t.post(Who::Lead, "/people/new", &format!("chosen_name=Eleri&constituency=carer&unit_ids={}&preferred_language=cy&email=eleri%40example.org", t.seed.unit_a1)).await;
    let person = res.location().rsplit('/').next().expect("id").to_owned();
    let res = t
        .post(
            Who::OrgAdmin,
            &format!("/people/{person}/account"),
            "email=eleri%40example.org&role=member",
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        !res.body.contains("/invitation/"),
        "the link went by e-mail, not on screen"
    );
    let sent = cairn_app::notices::deliver_pending(&t.app)
        .await
        .expect("deliver");
    assert_eq!(sent, 1);
    let mail = sink.received();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, vec!["eleri@example.org".to_owned()]);
    assert!(
        mail[0].data.contains("Helo Eleri") || mail[0].data.contains("Helo =?"),
        "Welsh body: {}",
        mail[0].data
    );
    assert!(mail[0].data.contains("/invitation/"), "link in the message");
    // Nothing is sent twice.
    assert_eq!(
        cairn_app::notices::deliver_pending(&t.app)
            .await
            .expect("deliver"),
        0
    );
}

#[tokio::test]
async fn with_email_off_the_invitation_link_is_shown_once_to_the_administrator() {
    let t = TestApp::new().await;
    let res = t
        .post(
            Who::OrgAdmin,
            &format!("/people/{}/account", t.seed.person_a1),
            "email=carys%40example.org&role=member",
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let link = res
        .body
        .split("http://localhost/invitation/")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .expect("link shown");
    let res = t
        .post(
            Who::Anon,
            &format!("/invitation/{link}"),
            "password=a+long+password&confirm=a+long+password",
        )
        .await;
    assert_eq!(res.location(), "/sign-in");
    assert!(
        cairn_app::accounts::sign_in(&t.app, "carys@example.org", "a long password", "x")
            .await
            .is_ok()
    );
    // The link works once.
    assert_eq!(
        t.get(Who::Anon, &format!("/invitation/{link}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn staff_changing_a_members_record_leaves_them_a_notice_and_says_so_in_the_history() {
    let t = TestApp::new().await;
    let id = t.seed.member_person;
    let res = t.post(Who::UnitStaff, &format!("/people/{id}/edit"), &format!("chosen_name=Mo&constituency=service_user&unit_ids={}&status=active&preferred_language=en&access_needs=Large+print", t.seed.unit_a1)).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let home = t.get(Who::Member, "/home").await;
    assert!(
        home.body
            .contains("staff@a.cairn.test updated your record for you."),
        "{}",
        home.body
    );
    let page = t.get(Who::Lead, &format!("/people/{id}")).await;
    assert!(page.body.contains("staff@a.cairn.test, for this person"));
}

#[tokio::test]
async fn times_show_in_the_organisations_time_zone_across_the_clock_change() {
    let t = TestApp::new().await;
    let actor = t.actor(Who::Lead).await;
    // Tokens created just before and after the clocks went forward (29 March 2026, 01:00 UTC).
    for (ms, name) in [
        (1_774_742_400_000_i64, "before"),
        (1_774_746_000_000_i64, "after"),
    ] {
        let mut tx = t.app.db.begin().await.expect("tx");
        cairn_db::accounts::insert_token(
            &mut tx.conn(),
            actor.user_id,
            name,
            &format!("hash-{name}"),
            ms,
            ms + 90 * 86_400_000,
        )
        .await
        .expect("token");
        tx.commit().await.expect("commit");
    }
    let page = t.get(Who::Lead, "/account").await;
    assert!(
        page.body.contains("29 March 2026 at 00:00"),
        "GMT before the change"
    );
    assert!(
        page.body.contains("29 March 2026 at 02:00"),
        "BST after the change"
    );
}
