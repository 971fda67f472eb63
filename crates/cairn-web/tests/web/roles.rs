//! Involvement-role pages: the seed the access table uses, role descriptions in English and
//! Welsh, forms that keep what was typed, "I'm interested" and its kind answer when said twice,
//! a member's own interests with their feedback, another member's interest out of sight, a
//! double move counting once, the poster (Welsh first), the exits report and its CSV, the
//! recruitment verdict in words, the navigation item, and the roles API.

use crate::helpers::{Seed, TestApp, Who};
use axum::http::{Method, StatusCode};
use cairn_app::{Actor, App};
use cairn_domain::roles::{OpportunityDraft, RecruitmentDraft, RoleDraft};
use cairn_domain::time::{DateParts, local_date, time_zone};
use serde_json::json;

const DAY: i64 = 24 * 60 * 60 * 1000;

fn role_draft(title: &str) -> RoleDraft {
    let t = |s: &str| s.to_owned();
    RoleDraft {
        kind: t("interview_panel"),
        title_en: t(title),
        title_cy: t("Gwirfoddolwr panel"),
        purpose_en: t("Welcome people who are new"),
        purpose_cy: t("Croesawu pobl newydd"),
        involves_en: t("Meeting a newcomer each week"),
        involves_cy: t("Cwrdd â pherson newydd bob wythnos"),
        time_en: t("An hour a week"),
        time_cy: t("Awr yr wythnos"),
        support_en: t("Buddy training"),
        support_cy: t("Hyfforddiant cyfeillion"),
        level: t("2"),
        payment: t("fee"),
        leadership: false,
        checks: vec![t("references")],
        published: true,
    }
}

/// The roles records the access table walks over (see [`Seed`]). The role is an interview
/// panel, not a buddy role: the member must not count as a buddy in other tests.
pub async fn seed(app: &App, admin: &Actor, member: &Actor, s: &mut Seed) {
    use cairn_app::roles;
    s.role = roles::create_role(app, admin, &role_draft("Panel volunteer"))
        .await
        .expect("role");
    let closes = local_date(app.now() + 30 * DAY, &time_zone("Europe/London"));
    for _ in 0..4 {
        let d = OpportunityDraft {
            role_id: s.role.to_string(),
            closes_on: DateParts::from_date(Some(closes)),
            ..Default::default()
        };
        s.opportunities.push(
            roles::create_opportunity(app, admin, &d)
                .await
                .expect("opportunity"),
        );
    }
    s.interest = roles::express_interest(
        app,
        member,
        s.opportunities[0],
        None,
        "I would like to help",
    )
    .await
    .expect("interest")
    .id();
    let appointed = roles::express_interest(app, member, s.opportunities[3], None, "")
        .await
        .expect("interest")
        .id();
    let mut appointment = None;
    for to in ["talked", "offered", "appointed"] {
        appointment = roles::move_interest(app, admin, appointed, to, "", &DateParts::default())
            .await
            .expect("move");
    }
    s.appointment = appointment.expect("appointment");
    let today = local_date(app.now(), &time_zone("Europe/London"));
    s.process = roles::create_process(
        app,
        admin,
        &RecruitmentDraft {
            post: "Ward manager".into(),
            unit_id: s.unit_a1.to_string(),
            opened_on: DateParts::from_date(Some(today)),
        },
    )
    .await
    .expect("process");
}

async fn welsh_get(t: &TestApp, who: Who, path: &str) -> crate::helpers::Res {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
        .await
}

#[tokio::test]
async fn a_role_description_reads_in_english_and_in_welsh() {
    let t = TestApp::new().await;
    let path = format!("/roles/{}", t.seed.role);

    let en = t.get(Who::Member, &path).await;
    let cy = welsh_get(&t, Who::Member, &path).await;

    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("Panel volunteer"), "{}", en.body);
    assert!(en.body.contains("What the role is for"));
    assert!(en.body.contains("Welcome people who are new"));
    assert!(en.body.contains("A fee for your time"));
    assert_eq!(cy.status, StatusCode::OK);
    assert!(cy.body.contains("lang=\"cy\""));
    assert!(cy.body.contains("Gwirfoddolwr panel"));
    assert!(cy.body.contains("Diben y rôl"));
    assert!(cy.body.contains("Croesawu pobl newydd"));
    assert!(!cy.body.contains("Welcome people who are new"));
    // Members never see the edit link.
    assert!(!en.body.contains("/edit"));
    let lead = t.get(Who::Lead, &path).await;
    assert!(lead.body.contains(&format!("/roles/{}/edit", t.seed.role)));
}

#[tokio::test]
async fn every_roles_page_renders_in_both_languages() {
    let t = TestApp::new().await;
    let s = &t.seed;
    let pages = [
        (Who::Lead, "/roles".to_owned()),
        (Who::Lead, "/roles/new".to_owned()),
        (Who::Lead, format!("/roles/{}/edit", s.role)),
        (Who::Lead, "/roles/exits".to_owned()),
        (Who::Member, "/opportunities".to_owned()),
        (Who::Lead, "/opportunities".to_owned()),
        (Who::Lead, "/opportunities/new".to_owned()),
        (
            Who::Member,
            format!("/opportunities/{}", s.opportunities[0]),
        ),
        (
            Who::UnitStaff,
            format!("/opportunities/{}", s.opportunities[0]),
        ),
        (Who::Member, format!("/interests/{}", s.interest)),
        (Who::Lead, format!("/interests/{}", s.interest)),
        (Who::Lead, format!("/appointments/{}", s.appointment)),
        (Who::Member, format!("/appointments/{}/end", s.appointment)),
        (Who::UnitStaff, format!("/people/{}/leave", s.person_a1)),
        (Who::UnitStaff, "/recruitment".to_owned()),
        (Who::UnitStaff, "/recruitment/new".to_owned()),
        (Who::UnitStaff, format!("/recruitment/{}", s.process)),
    ];
    for (who, path) in pages {
        let en = t.get(who, &path).await;
        let cy = welsh_get(&t, who, &path).await;
        assert_eq!(en.status, StatusCode::OK, "{path} as {who:?}");
        assert_eq!(cy.status, StatusCode::OK, "{path} as {who:?} in Welsh");
        assert!(cy.body.contains("<html lang=\"cy\">"), "{path}");
        // A message id left in the page means a string is missing.
        for page in [&en.body, &cy.body] {
            for prefix in [
                "roles-",
                "exit-",
                "recruitment-",
                "interest-status-",
                "role-kind-",
            ] {
                assert!(
                    !page.contains(&format!(">{prefix}")),
                    "{path}: untranslated {prefix}…"
                );
            }
        }
    }
}

#[tokio::test]
async fn a_role_form_with_errors_keeps_what_was_typed() {
    let t = TestApp::new().await;

    let res = t
        .post(
            Who::Lead,
            "/roles/new",
            "title_en=Forum+chair&purpose_en=Chairs+the+forum&kind=forum_chair&checks=dbs&flags=leadership",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("value=\"Forum chair\""), "{}", res.body);
    assert!(res.body.contains(">Chairs the forum</textarea>"));
    assert!(res.body.contains("Enter the title in Welsh"));
    assert!(res.body.contains("<title>Error:"));
    // The ticked boxes stay ticked.
    assert!(res.body.contains("value=\"forum_chair\" checked"));
    assert!(res.body.contains("value=\"dbs\" checked"));
    assert!(res.body.contains("value=\"leadership\" checked"));
    assert!(!res.body.contains("value=\"published\" checked"));
}

#[tokio::test]
async fn an_opportunity_form_with_a_past_closing_date_keeps_what_was_typed() {
    let t = TestApp::new().await;

    let res = t
        .post(
            Who::Lead,
            "/opportunities/new",
            &format!(
                "role_id={}&note_en=Tuesdays&note_cy=Dydd+Mawrth&closes_on_day=1&closes_on_month=1&closes_on_year=2020",
                t.seed.role
            ),
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(res.body.contains("The closing date must be today or later"));
    assert!(res.body.contains(">Tuesdays</textarea>"));
    assert!(res.body.contains("value=\"2020\""));
    assert!(
        res.body
            .contains(&format!("value=\"{}\" selected", t.seed.role))
    );
}

#[tokio::test]
async fn a_member_says_interested_and_saying_it_again_gets_a_kind_message() {
    let t = TestApp::new().await;
    let opp = t.seed.opportunities[1];
    let page = t.get(Who::Member, &format!("/opportunities/{opp}")).await;
    assert!(page.body.contains("I&#39;m interested") || page.body.contains("I'm interested"));

    let first = t
        .post(
            Who::Member,
            &format!("/opportunities/{opp}/interest"),
            "message=I+like+meeting+people",
        )
        .await;
    let again = t
        .post(Who::Member, &format!("/opportunities/{opp}/interest"), "")
        .await;

    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    assert!(
        first.location().ends_with("?sent=1"),
        "{}",
        first.location()
    );
    let shown = t.get(Who::Member, first.location()).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("Thank you for telling us"));
    assert!(shown.body.contains("I like meeting people"));
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(again.location().ends_with("?already=1"));
    assert_eq!(
        again.location().split('?').next(),
        first.location().split('?').next()
    );
    let kind = t.get(Who::Member, again.location()).await;
    assert_eq!(kind.status, StatusCode::OK);
    assert!(
        kind.body
            .contains("You have already told us you are interested")
    );
    // The opportunity page now says so instead of offering the button.
    let page = t.get(Who::Member, &format!("/opportunities/{opp}")).await;
    assert!(
        page.body
            .contains("You have already said you are interested")
    );
}

#[tokio::test]
async fn staff_record_interest_for_a_person_in_their_unit_but_not_outside_it() {
    let t = TestApp::new().await;
    let opp = t.seed.opportunities[1];

    let outside = t
        .post(
            Who::UnitStaff,
            &format!("/opportunities/{opp}/interest"),
            &format!("person_id={}&message=Keen", t.seed.person_a2),
        )
        .await;
    let inside = t
        .post(
            Who::UnitStaff,
            &format!("/opportunities/{opp}/interest"),
            &format!("person_id={}", t.seed.person_a1),
        )
        .await;

    assert_eq!(outside.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.body.contains("Choose a person you work with"));
    assert!(outside.body.contains(">Keen</textarea>"));
    assert_eq!(inside.status, StatusCode::SEE_OTHER);
    let shown = t.get(Who::UnitStaff, inside.location()).await;
    assert!(shown.body.contains("Carys"));
    assert!(shown.body.contains("recorded with them"));
}

#[tokio::test]
async fn a_member_reads_not_this_time_feedback_under_their_interests_and_cannot_see_anothers() {
    let t = TestApp::new().await;
    let lead = t.actor(Who::Lead).await;
    let carys = cairn_app::roles::express_interest(
        &t.app,
        &lead,
        t.seed.opportunities[0],
        Some(t.seed.person_a1),
        "",
    )
    .await
    .expect("interest")
    .id();

    let empty = t
        .post(
            Who::Lead,
            &format!("/interests/{}/transition", t.seed.interest),
            "to=not_this_time&feedback=",
        )
        .await;
    let moved = t
        .post(
            Who::Lead,
            &format!("/interests/{}/transition", t.seed.interest),
            "to=not_this_time&feedback=Thank+you.+The+forum+would+love+to+have+you+first.",
        )
        .await;

    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Write feedback for the person"));
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    let mine = t.get(Who::Member, "/opportunities").await;
    assert!(mine.body.contains("Your interests"));
    assert!(mine.body.contains("Not this time"));
    assert!(
        mine.body
            .contains("The forum would love to have you first.")
    );
    let other = t.get(Who::Member, &format!("/interests/{carys}")).await;
    assert_eq!(other.status, StatusCode::NOT_FOUND);
    assert!(!other.body.contains("Carys"));
}

#[tokio::test]
async fn a_second_click_on_the_same_move_is_told_it_has_already_moved_on() {
    let t = TestApp::new().await;
    let path = format!("/interests/{}/transition", t.seed.interest);

    let first = t.post(Who::Lead, &path, "to=talked").await;
    let second = t.post(Who::Lead, &path, "to=talked").await;

    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("This has already moved on"));
    let v = cairn_app::roles::interest(&t.app, &t.actor(Who::Lead).await, t.seed.interest)
        .await
        .expect("view");
    assert_eq!(v.events.len(), 2);
}

#[tokio::test]
async fn appointing_opens_the_appointment_with_its_checklist() {
    let t = TestApp::new().await;
    let path = format!("/interests/{}/transition", t.seed.interest);
    for to in ["talked", "offered"] {
        assert_eq!(
            t.post(Who::Lead, &path, &format!("to={to}")).await.status,
            StatusCode::SEE_OTHER
        );
    }

    let appointed = t.post(Who::Lead, &path, "to=appointed").await;

    assert_eq!(appointed.status, StatusCode::SEE_OTHER);
    assert!(appointed.location().starts_with("/appointments/"));
    let page = t.get(Who::Member, appointed.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Panel volunteer"));
    assert!(page.body.contains("References: not done yet"));
    assert!(page.body.contains("Step down from this role"));
}

#[tokio::test]
async fn stepping_down_shows_the_exit_feedback_and_the_report_counts_it_without_names() {
    let t = TestApp::new().await;
    let path = format!("/appointments/{}/end", t.seed.appointment);
    let today = local_date(t.app.now(), &time_zone("Europe/London"));
    let d = DateParts::from_date(Some(today));

    let empty = t
        .post(Who::Member, &path, "own_words=Busy+at+college")
        .await;
    let done = t
        .post(
            Who::Member,
            &path,
            &format!(
                "left_on_day={}&left_on_month={}&left_on_year={}&reasons=time&reasons=health&own_words=Busy+at+college&stay_in_touch=mentor",
                d.day, d.month, d.year
            ),
        )
        .await;

    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains(">Busy at college</textarea>"));
    assert!(empty.body.contains("Choose at least one reason"));
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = t
        .get(
            Who::Member,
            &format!("/appointments/{}", t.seed.appointment),
        )
        .await;
    assert!(page.body.contains("Busy at college"));
    assert!(page.body.contains("Not enough time"));
    assert!(page.body.contains("Yes, as a mentor"));
    assert!(!page.body.contains("Step down from this role"));
    let report = t.get(Who::Lead, "/roles/exits").await;
    assert_eq!(report.status, StatusCode::OK);
    let quarter = cairn_domain::roles::quarter_key(today);
    assert!(report.body.contains(&quarter));
    assert!(
        !report.body.contains("Busy at college"),
        "own words stay out of the report"
    );
    let csv = t.get(Who::Lead, "/roles/exits.csv").await;
    assert_eq!(csv.status, StatusCode::OK);
    let line = csv
        .body
        .lines()
        .find(|l| l.starts_with(&quarter))
        .expect("a row for the quarter");
    // Quarter, exits, the eight reasons in list order (health and time once each), staying in touch.
    assert_eq!(line, format!("{quarter},1,0,1,1,0,0,0,0,0,1"));
}

#[tokio::test]
async fn the_poster_puts_welsh_first() {
    let t = TestApp::new().await;

    let res = t
        .get(
            Who::Member,
            &format!("/opportunities/{}/poster", t.seed.opportunities[0]),
        )
        .await;

    assert_eq!(res.status, StatusCode::OK);
    let cy = res.body.find("Gwirfoddolwr panel").expect("Welsh title");
    let en = res.body.find("Panel volunteer").expect("English title");
    assert!(cy < en, "Welsh comes first");
    assert!(res.body.contains("Ai rôl i chi yw hon?"));
    assert!(res.body.contains("Could this be you?"));
    assert!(res.body.contains("Y gwasanaeth cyfan"));
    assert!(res.body.contains("cairn-role-poster"));
}

#[tokio::test]
async fn the_recruitment_verdict_is_shown_in_words() {
    let t = TestApp::new().await;
    let path = format!("/recruitment/{}", t.seed.process);
    let before = t.get(Who::UnitStaff, &path).await;

    for stage in ["job_description", "interview"] {
        let res = t
            .post(
                Who::UnitStaff,
                &format!("{path}/panel"),
                &format!("stage={stage}&person_ids={}", t.seed.person_a1),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER);
    }

    assert!(before.body.contains("did not take part at every stage"));
    let after = t.get(Who::UnitStaff, &path).await;
    assert!(
        after
            .body
            .contains("took part from the job description onwards")
    );
    assert!(after.body.contains("Carys (Carer or family member)"));
    let list = t.get(Who::UnitStaff, "/recruitment").await;
    assert!(list.body.contains("Ward manager"));
    assert!(list.body.contains("nhsuk-tag--green"));
}

#[tokio::test]
async fn members_get_opportunities_and_staff_get_roles_in_the_menu() {
    let t = TestApp::new().await;

    let member = t.get(Who::Member, "/home").await;
    let lead = t.get(Who::Lead, "/home").await;
    let viewer = t.get(Who::Viewer, "/home").await;

    assert!(member.body.contains("href=\"/opportunities\""));
    assert!(!member.body.contains("href=\"/roles\""));
    assert!(lead.body.contains("href=\"/roles\""));
    assert!(!lead.body.contains("href=\"/opportunities\""));
    assert!(!viewer.body.contains("href=\"/roles\""));
}

#[tokio::test]
async fn the_roles_api_takes_an_interest_through_to_an_appointment() {
    let t = TestApp::new().await;
    let opp = t.seed.opportunities[1];

    let created = t
        .api(
            Who::Member,
            Method::POST,
            &format!("/api/v1/opportunities/{opp}/interest"),
            Some(json!({"message": "Count me in"})),
        )
        .await;
    let again = t
        .api(
            Who::Member,
            Method::POST,
            &format!("/api/v1/opportunities/{opp}/interest"),
            Some(json!({})),
        )
        .await;
    let id = created.json()["id"].as_i64().expect("id");
    let by_member = t
        .api(
            Who::Member,
            Method::POST,
            &format!("/api/v1/interests/{id}/transitions"),
            Some(json!({"to": "talked"})),
        )
        .await;
    let refused = t
        .api(
            Who::Lead,
            Method::POST,
            &format!("/api/v1/interests/{id}/transitions"),
            Some(json!({"to": "not_this_time"})),
        )
        .await;
    let mut last = None;
    for to in ["talked", "offered", "appointed"] {
        last = Some(
            t.api(
                Who::Lead,
                Method::POST,
                &format!("/api/v1/interests/{id}/transitions"),
                Some(json!({"to": to})),
            )
            .await,
        );
    }
    let last = last.expect("moved");

    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.json()["status"], "received");
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json()["id"].as_i64(), Some(id));
    assert_eq!(by_member.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.json()["fields"][0]["field"],
        "feedback",
        "{}",
        refused.body
    );
    assert_eq!(last.status, StatusCode::OK, "{}", last.body);
    assert_eq!(last.json()["status"], "appointed");
    assert!(last.json()["appointment_id"].as_i64().is_some());
    // Staff on behalf: for a person in their unit, with person_id.
    let staff = t
        .api(
            Who::UnitStaff,
            Method::POST,
            &format!("/api/v1/opportunities/{opp}/interest"),
            Some(json!({"person_id": t.seed.person_a1})),
        )
        .await;
    assert_eq!(staff.status, StatusCode::CREATED);
    assert_eq!(staff.json()["on_behalf"], true);
    // The member cannot reach Carys's interest.
    let carys = staff.json()["id"].as_i64().expect("id");
    let hidden = t
        .api(
            Who::Member,
            Method::POST,
            &format!("/api/v1/interests/{carys}/transitions"),
            Some(json!({"to": "talked"})),
        )
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);
    let roles = t.api(Who::Member, Method::GET, "/api/v1/roles", None).await;
    assert_eq!(roles.status, StatusCode::OK);
    assert_eq!(roles.json()["items"][0]["title_cy"], "Gwirfoddolwr panel");
    assert!(roles.json()["next_cursor"].is_null());
}

#[tokio::test]
async fn the_roles_api_writes_roles_and_opportunities() {
    let t = TestApp::new().await;
    let closes = local_date(t.app.now() + 10 * DAY, &time_zone("Europe/London"));

    let role = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/roles",
            Some(json!({
                "kind": "forum_chair", "title_en": "Forum chair", "title_cy": "Cadeirydd fforwm",
                "purpose": {"en": "Chair the forum", "cy": "Cadeirio'r fforwm"},
                "involves": {"en": "Monthly meetings", "cy": "Cyfarfodydd misol"},
                "time": {"en": "3 hours a month", "cy": "3 awr y mis"},
                "support": {"en": "Mentoring", "cy": "Mentora"},
                "level": 3, "payment": "fee", "leadership": true, "checks": ["dbs"], "published": true
            })),
        )
        .await;
    let role_id = role.json()["id"].as_i64().expect("id");
    let opp = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/opportunities",
            Some(json!({"role_id": role_id, "unit_id": t.seed.unit_a1, "closes_on": closes.to_string()})),
        )
        .await;
    let member_write = t
        .api(Who::Member, Method::POST, "/api/v1/roles", Some(json!({})))
        .await;

    assert_eq!(role.status, StatusCode::CREATED, "{}", role.body);
    assert_eq!(role.json()["leadership"], true);
    assert_eq!(role.json()["checks"], json!(["dbs"]));
    assert_eq!(opp.status, StatusCode::CREATED, "{}", opp.body);
    assert_eq!(opp.json()["open"], true);
    assert_eq!(opp.json()["unit_id"].as_i64(), Some(t.seed.unit_a1));
    assert_eq!(member_write.status, StatusCode::FORBIDDEN);
    let list = t
        .api(Who::Member, Method::GET, "/api/v1/opportunities", None)
        .await;
    let ids: Vec<i64> = list.json()["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|o| o["id"].as_i64())
        .collect();
    assert!(
        ids.contains(&opp.json()["id"].as_i64().expect("id")),
        "the member's unit's opportunity is listed"
    );
}

#[test]
fn every_roles_message_id_exists_in_both_languages() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).expect("file");
    let mut code = read("src/roles.rs") + &read("src/api/roles.rs");
    code += &read("../cairn-app/src/roles.rs");
    code += &read("../cairn-domain/src/roles.rs");
    for e in std::fs::read_dir(root.join("templates/roles")).expect("templates") {
        code += &std::fs::read_to_string(e.expect("entry").path()).expect("template");
    }
    let en = read("locales/en/roles.ftl") + &read("locales/en/notices.ftl");
    let cy = read("locales/cy/roles.ftl") + &read("locales/cy/notices.ftl");
    let prefixes = ["\"roles-", "\"exit-", "\"recruitment-", "\"notice-"];
    let not_ids = ["exit-reason", "exit-stay", "recruitment-stage"];
    let mut checked = 0;
    for p in prefixes {
        for (i, _) in code.match_indices(p) {
            let rest = &code[i + 1..];
            let id: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                .collect();
            if id.ends_with('-')
                || not_ids.contains(&id.as_str())
                || !rest[id.len()..].starts_with('"')
            {
                continue;
            }
            for (lang, text) in [("en", &en), ("cy", &cy)] {
                assert!(
                    text.lines().any(|l| l.starts_with(&format!("{id} ="))),
                    "{id} is missing in {lang}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 150, "only {checked} ids found");
    // Every enumeration label too.
    use cairn_domain::roles::*;
    let mut labels: Vec<String> = Vec::new();
    labels.extend(RoleKind::ALL.iter().map(|x| x.label_id()));
    labels.extend(PaymentCategory::ALL.iter().map(|x| x.label_id()));
    labels.extend(InterestStatus::ALL.iter().map(|x| x.label_id()));
    labels.extend(ExitReason::ALL.iter().map(|x| x.label_id()));
    labels.extend(StayInTouch::ALL.iter().map(|x| x.label_id()));
    labels.extend(RecruitmentStage::ALL.iter().map(|x| x.label_id()));
    labels.extend(RoleCheck::ALL.iter().map(|x| x.label_id()));
    for id in labels {
        for text in [&en, &cy] {
            assert!(
                text.lines().any(|l| l.starts_with(&format!("{id} ="))),
                "{id}"
            );
        }
    }
}

#[tokio::test]
async fn a_member_reads_which_unit_an_opportunity_is_on() {
    // Setup: an opportunity on the member's own unit, Alder.
    let t = TestApp::new().await;
    let lead = t.actor(Who::Lead).await;
    let closes = local_date(t.app.now() + 30 * DAY, &time_zone("Europe/London"));
    let d = OpportunityDraft {
        role_id: t.seed.role.to_string(),
        unit_id: t.seed.unit_a1.to_string(),
        note_en: "On the ward".into(),
        note_cy: "Ar y ward".into(),
        closes_on: DateParts::from_date(Some(closes)),
    };
    let opp = cairn_app::roles::create_opportunity(&t.app, &lead, &d)
        .await
        .expect("opportunity");

    // Exec
    let list = t.get(Who::Member, "/opportunities").await;
    let one = t.get(Who::Member, &format!("/opportunities/{opp}")).await;

    // Check: the unit is named, not just called "a unit".
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains("Alder"), "{}", list.body);
    assert!(one.body.contains("Alder"), "{}", one.body);
}
