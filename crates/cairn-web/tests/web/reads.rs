//! Every read of a person's data is audited: each route the registry marks `reads_person`
//! must write at least one audit row naming a person when it answers. A route marked later
//! without an entry in `request_for` fails here, so it cannot be left unchecked.

use crate::helpers::{TestApp, Who};
use axum::http::{Method, StatusCode};
use cairn_db::audit::AuditQuery;

/// Who asks, the concrete path, and the person the row must name (when the seed knows it).
fn request_for(t: &TestApp, path: &str) -> Option<(Who, String, Option<i64>)> {
    let s = &t.seed;
    let person = s.person_a1;
    Some(match path {
        "/people/{id}" | "/people/{id}/profile" | "/people/{id}/pathway" | "/people/{id}/leave" => {
            (
                Who::Lead,
                path.replace("{id}", &person.to_string()),
                Some(person),
            )
        }
        "/people/{id}/photo" => (
            Who::Lead,
            format!("/people/{}/photo", s.whos_who_photo),
            Some(s.whos_who_photo),
        ),
        "/people/{id}/erase" => (
            Who::OrgAdmin,
            format!("/people/{person}/erase"),
            Some(person),
        ),
        "/people/{id}/export.json" => (
            Who::OrgAdmin,
            format!("/people/{person}/export.json"),
            Some(person),
        ),
        "/training/certificates/{id}" => (
            Who::Lead,
            format!("/training/certificates/{}", s.certificates[0]),
            Some(s.member_person),
        ),
        "/training/courses/{id}/learners" | "/training/courses/{id}/accreditation.csv" => (
            Who::Lead,
            path.replace("{id}", &s.course.to_string()),
            Some(s.member_person),
        ),
        "/api/v1/courses/{id}/accreditation.csv" => (
            Who::Lead,
            path.replace("{id}", &s.course.to_string()),
            Some(s.member_person),
        ),
        "/training/sessions/{id}/print" => (
            Who::Lead,
            path.replace("{id}", &s.session.to_string()),
            Some(s.member_person),
        ),
        "/training/sessions/{id}" | "/api/v1/sessions/{id}" => (
            Who::Lead,
            path.replace("{id}", &s.session.to_string()),
            Some(s.member_person),
        ),
        "/people/{id}/export.zip" => (
            Who::OrgAdmin,
            format!("/people/{person}/export.zip"),
            Some(person),
        ),
        "/interests/{id}" => (Who::Lead, format!("/interests/{}", s.interest), None),
        "/appointments/{id}" => (Who::Lead, format!("/appointments/{}", s.appointment), None),
        "/payments/claims/new" => (
            Who::Lead,
            format!("/payments/claims/new?person_id={}", s.member_person),
            Some(s.member_person),
        ),
        "/payments/claims/{id}" => (
            Who::Lead,
            format!("/payments/claims/{}", s.claims[0]),
            Some(s.member_person),
        ),
        "/people/{id}/payments"
        | "/people/{id}/payments/settings"
        | "/people/{id}/payments/statement" => (
            Who::Lead,
            path.replace("{id}", &person.to_string()),
            Some(person),
        ),
        "/payments/settings" => (
            Who::Lead,
            format!("/payments/settings?person_id={}", s.member_person),
            Some(s.member_person),
        ),
        "/meetings/{id}/name-cards" => (
            Who::Lead,
            format!("/meetings/{}/name-cards", s.meeting),
            None,
        ),
        "/api/v1/people/{id}" | "/api/v1/people/{id}/pathway" | "/api/v1/people/{id}/training" => (
            Who::Lead,
            path.replace("{id}", &person.to_string()),
            Some(person),
        ),
        "/api/v1/people/{id}/export" => (
            Who::OrgAdmin,
            format!("/api/v1/people/{person}/export"),
            Some(person),
        ),
        "/api/v1/claims/{id}" => (
            Who::Lead,
            format!("/api/v1/claims/{}", s.claims[0]),
            Some(s.member_person),
        ),
        "/api/v1/people/{id}/appointments" => (
            Who::Lead,
            format!("/api/v1/people/{person}/appointments"),
            Some(person),
        ),
        "/api/v1/people/{id}/earnings" => (
            Who::Lead,
            format!("/api/v1/people/{}/earnings", s.member_person),
            Some(s.member_person),
        ),
        _ => return None,
    })
}

/// The organisation's audit rows that record a read (a view or an export), newest first.
async fn views(t: &TestApp) -> Vec<cairn_db::audit::Entry> {
    cairn_app::audit::list(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        &AuditQuery {
            limit: 100_000,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .filter(|e| e.action == "view" || e.action == "export")
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_that_reads_a_persons_data_writes_an_audit_row_naming_them() {
    let t = TestApp::new().await;
    let marked: Vec<_> = cairn_web::route_list()
        .into_iter()
        .filter(|r| r.reads_person)
        .collect();
    assert!(
        marked.len() >= 15,
        "the registry marks the reads ({})",
        marked.len()
    );
    let mut failures = Vec::new();
    for r in marked {
        let Some((who, path, person)) = request_for(&t, r.path) else {
            failures.push(format!("{} {}: add it to request_for", r.method, r.path));
            continue;
        };
        let before = views(&t).await.len();
        let res = if path.starts_with("/api/") {
            t.api(who, Method::GET, &path, None).await
        } else {
            t.get(who, &path).await
        };
        if res.status != StatusCode::OK {
            failures.push(format!("GET {path} as {who:?}: {}", res.status));
            continue;
        }
        let all = views(&t).await;
        let new = &all[..all.len() - before];
        if new.is_empty() {
            failures.push(format!("GET {path} as {who:?}: no audit row"));
        } else if let Some(p) = person
            && !new.iter().any(|e| e.on_behalf_of_person_id == Some(p))
        {
            failures.push(format!("GET {path} as {who:?}: no row names person {p}"));
        }
    }
    assert!(
        failures.is_empty(),
        "reads of a person's data that were not audited:\n  {}",
        failures.join("\n  ")
    );
}

#[tokio::test]
async fn a_person_reading_their_own_claim_writes_no_audit_row() {
    let t = TestApp::new().await;
    let before = views(&t).await.len();
    let res = t
        .get(
            Who::Member,
            &format!("/payments/claims/{}", t.seed.claims[0]),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(views(&t).await.len(), before);
}
