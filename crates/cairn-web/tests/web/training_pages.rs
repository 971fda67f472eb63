//! Training pages for the coordinator and the board: a course's learners with the awarding
//! body's deadlines (and no one's date of birth on the page), the registration file as CSV
//! that opens in Excel, the printed bilingual register, the training report with its CSV,
//! training a role needs with its refresher on the appointment, and a member's learning on
//! "About me".

use crate::helpers::{TestApp, Who, field_error};
use axum::http::{Method, StatusCode};

#[tokio::test]
async fn the_learners_page_names_learners_and_deadlines_but_never_their_birth_date_or_number() {
    // Arrange: the seeded course has a credit; the member works toward it.
    let t = TestApp::new().await;

    // Exec
    let page = t
        .get(
            Who::Lead,
            &format!("/training/courses/{}/learners", t.seed.course),
        )
        .await;
    let course = t
        .get(Who::Lead, &format!("/training/courses/{}", t.seed.course))
        .await;

    // Check
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("Working toward credits"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("Register learners with the awarding body")
    );
    assert!(
        page.body
            .contains("Claim credits from the awarding body by")
    );
    for secret in ["1234567890", "1980", "Evans"] {
        assert!(!page.body.contains(secret), "{secret} on the page");
        assert!(!course.body.contains(secret), "{secret} on the course page");
    }
    assert!(
        course
            .body
            .contains(&format!("/training/courses/{}/learners", t.seed.course))
    );
}

#[tokio::test]
async fn the_registration_file_is_excel_csv_with_the_learners_details_and_the_course_dates() {
    // Arrange
    let t = TestApp::new().await;

    // Exec
    let web = t
        .get(
            Who::Lead,
            &format!("/training/courses/{}/accreditation.csv", t.seed.course),
        )
        .await;
    let api = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/courses/{}/accreditation.csv", t.seed.course),
            None,
        )
        .await;
    let by_staff = t
        .get(
            Who::UnitStaff,
            &format!("/training/courses/{}/accreditation.csv", t.seed.course),
        )
        .await;

    // Check
    for r in [&web, &api] {
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(
            &r.bytes[..3],
            &[0xEF, 0xBB, 0xBF],
            "a byte-order mark for Excel"
        );
        let text = String::from_utf8(r.bytes[3..].to_vec()).expect("utf-8");
        let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("Unit code,Course,Last name,First names,Date of birth"));
        assert!(
            lines[1].starts_with(
                "CU/E3/001,Understanding the levels,Evans,Mair,09/11/1980,1234567890,1,Entry 3,"
            ),
            "{}",
            lines[1]
        );
        assert!(lines[1].ends_with(&format!("CRN-{}-{}", t.seed.course, t.seed.member_person)));
    }
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_credit_learner_with_a_bad_birth_date_is_refused_beside_the_field_keeping_what_was_typed()
{
    // Arrange
    let t = TestApp::new().await;

    // Exec
    let r = t
        .post(
            Who::Lead,
            &format!("/training/courses/{}/credits", t.seed.course),
            &format!(
                "person_id={}&given_names=Mair&family_name=Evans-Jones&date_of_birth_day=31&date_of_birth_month=2&date_of_birth_year=1990&uln=",
                t.seed.member_person
            ),
        )
        .await;
    let csv = t
        .get(
            Who::Lead,
            &format!("/training/courses/{}/accreditation.csv", t.seed.course),
        )
        .await;

    // Check
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&r.body, "date_of_birth").is_some(),
        "{}",
        r.body
    );
    assert!(r.body.contains("value=\"Evans-Jones\""));
    assert!(!csv.body.contains("Evans-Jones"), "nothing saved");
}

#[tokio::test]
async fn the_printed_register_is_welsh_first_then_english_with_everyone_booked_and_blank_lines() {
    // Arrange: the member is booked on the seeded session.
    let t = TestApp::new().await;

    // Exec
    let r = t
        .get(
            Who::Lead,
            &format!("/training/sessions/{}/print", t.seed.session),
        )
        .await;

    // Check
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cy = r
        .body
        .find("<span lang=\"cy\">Cofrestr</span>")
        .expect("Welsh heading");
    let en = r
        .body
        .find("<span lang=\"en\">Register</span>")
        .expect("English heading");
    assert!(cy < en, "Welsh first");
    assert!(r.body.contains("Deall y lefelau") && r.body.contains("Understanding the levels"));
    assert!(r.body.contains("Llofnod") && r.body.contains("Signature"));
    assert_eq!(r.body.matches("<td>&nbsp;</td>").count(), 8);
    let member = t.actor(Who::Member).await;
    let name = {
        let mut h = t.app.db.acquire().await.expect("acquire");
        cairn_db::people::get(
            &mut h.conn(),
            t.seed.org_a,
            member.person_id.expect("person"),
        )
        .await
        .expect("person")
        .chosen_name
    };
    assert!(r.body.contains(&name), "the booked member is listed");
}

#[tokio::test]
async fn the_training_report_shows_a_chart_with_its_table_and_the_csv_adds_up_the_same() {
    // Arrange: two past sessions of the seeded course, each attended by the member (a service
    // user), who completed it.
    let t = TestApp::new().await;

    // Exec
    let page = t.get(Who::Viewer, "/training/report?months=3").await;
    let csv = t.get(Who::Viewer, "/training/report.csv?months=3").await;
    let member = t.get(Who::Member, "/training/report").await;

    // Check
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"training-chart\""));
    assert!(page.body.contains("<table class=\"nhsuk-table\">"));
    assert_eq!(csv.status, StatusCode::OK);
    let text = String::from_utf8(csv.bytes[3..].to_vec()).expect("utf-8");
    let total = text
        .split("\r\n")
        .find(|l| l.starts_with("Total,"))
        .expect("a total line");
    // Total, (row), sessions, co-delivered, joint, service users, carers, staff, third
    // sector, managers, learners, completions, credits.
    let cells: Vec<&str> = total.split(',').collect();
    assert_eq!(cells.len(), 13, "{total}");
    assert_eq!(cells[2], "2", "two past sessions: {total}");
    assert_eq!(cells[5], "2", "the member attended both: {total}");
    assert_eq!(cells[11], "1", "one completion: {total}");
    assert_eq!(cells[12], "1", "one credit: {total}");
    // On the member's unit, one learner is fewer than the small-number rule's 5: not shown.
    let unit = text
        .split("\r\n")
        .find(|l| l.starts_with("By unit,") && l.contains(",fewer than 5,"))
        .expect("a unit line with its small counts hidden");
    assert!(!unit.ends_with(",1,1,1"), "{unit}");
    assert!(page.body.contains("counts of fewer than 5 people"));
    assert_eq!(member.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_role_says_what_training_it_needs_and_the_appointment_shows_when_it_must_be_refreshed() {
    // Arrange: the member holds an appointment to the seeded role and completed the seeded
    // course.
    let t = TestApp::new().await;

    // Exec
    let bad = t
        .post(
            Who::Lead,
            &format!("/roles/{}/training", t.seed.role),
            &format!("course_id={}&refresh_months=500", t.seed.course),
        )
        .await;
    let ok = t
        .post(
            Who::Lead,
            &format!("/roles/{}/training", t.seed.role),
            &format!("course_id={}&refresh_months=12", t.seed.course),
        )
        .await;
    let role = t.get(Who::Member, &format!("/roles/{}", t.seed.role)).await;
    let appointment = t
        .get(Who::Lead, &format!("/appointments/{}", t.seed.appointment))
        .await;

    // Check
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        field_error(&bad.body, "refresh_months").is_some(),
        "{}",
        bad.body
    );
    assert!(bad.body.contains("value=\"500\""));
    assert_eq!(ok.status, StatusCode::SEE_OTHER);
    assert!(
        role.body.contains("refresh every 12 months"),
        "{}",
        role.body
    );
    assert!(
        appointment.body.contains("id=\"role-training\""),
        "{}",
        appointment.body
    );
    assert!(
        appointment.body.contains(", refresh by "),
        "{}",
        appointment.body
    );
}

#[tokio::test]
async fn about_me_shows_the_members_learning_and_credits() {
    // Arrange: the member completed the seeded course (1 credit at Entry 3).
    let t = TestApp::new().await;

    // Exec
    let me = t.get(Who::Member, "/me").await;

    // Check
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("Your learning"));
    assert!(me.body.contains("Understanding the levels"));
    assert!(me.body.contains("Completed"));
    assert!(me.body.contains("Your credits"));
}
