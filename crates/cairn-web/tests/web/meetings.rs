//! Meetings and representation on the web: the group and scheduling forms (errors beside the
//! fields, what was typed kept, nothing saved), the representation warning and replies made
//! for someone, the calendar invitation in English and Welsh, attendance and the rule's
//! outcome, the representation report with its chart, table and safe CSV, name cards, a
//! member's own meetings, and the meetings API.

use crate::helpers::{Res, TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use cairn_app::meetings::AttendanceLine;
use cairn_domain::meetings::{GroupDraft, Presence};
use cairn_domain::time::DateParts;
use cairn_domain::translation::Bilingual;
use serde_json::json;

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Text as askama writes it into HTML.
fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The id at the end of a redirect's location (`/meetings/groups/7` → 7), before any `#`.
fn id_in(location: &str) -> i64 {
    location
        .split('#')
        .next()
        .and_then(|p| p.rsplit('/').next())
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| panic!("no id in {location:?}"))
}

/// The agenda items of a meeting page, in order.
fn agenda_items(body: &str) -> Vec<String> {
    let start = body.find("<h2 id=\"agenda\">").expect("agenda heading");
    let rest = &body[start..];
    let list = &rest[..rest.find("</ol>").expect("agenda list")];
    list.split("<li>")
        .skip(1)
        .map(|li| li.split("</li>").next().unwrap_or("").trim().to_owned())
        .collect()
}

/// A CSV body's lines after the byte-order mark, without the empty one after the last CRLF.
fn csv_lines(res: &Res) -> Vec<&str> {
    res.body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .collect()
}

fn header<'a>(res: &'a Res, name: &str) -> &'a str {
    res.headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A meeting of `group` that began two hours ago and ended an hour ago (as the administrator).
async fn past_meeting(t: &TestApp, group: i64) -> i64 {
    let admin = t.actor(Who::OrgAdmin).await;
    let now = t.app.now();
    cairn_app::meetings::schedule_at(
        &t.app,
        &admin,
        group,
        now - 2 * HOUR_MS,
        now - HOUR_MS,
        "Day room",
    )
    .await
    .expect("past meeting")
}

/// How many meetings of `group` are still to come, as the unit staff see them.
async fn upcoming(t: &TestApp, group: i64) -> usize {
    let staff = t.actor(Who::UnitStaff).await;
    cairn_app::meetings::group(&t.app, &staff, group)
        .await
        .expect("group")
        .upcoming
        .len()
}

async fn group_names(t: &TestApp) -> Vec<String> {
    let lead = t.actor(Who::Lead).await;
    cairn_app::meetings::groups(&t.app, &lead)
        .await
        .expect("groups")
        .into_iter()
        .map(|g| g.name_en)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Groups and scheduling
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_group_without_a_welsh_name_comes_back_422_with_the_message_and_what_was_typed() {
    let t = TestApp::new().await;
    let remit = "Looks at food, visits and the garden";
    let typed = "name_en=Carers+forum&name_cy=&kind=forum&unit_id=\
        &remit_en=Looks+at+food%2C+visits+and+the+garden&remit_cy=Bwyd+ac+ymweliadau\
        &min_service_user=2&min_carer=1&min_staff=&min_third_sector=&min_manager=\
        &standing=Garden+project";

    let res = t.post(Who::Lead, "/meetings/groups/new", typed).await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let message = html("Enter the group's name in Welsh");
    assert_eq!(
        field_error(&res.body, "name_cy"),
        Some(message.as_str()),
        "the message beside the Welsh name"
    );
    assert!(
        res.body
            .contains(&format!("<a href=\"#name_cy\">{message}</a>")),
        "the message in the error summary"
    );
    assert_eq!(
        field_error(&res.body, "name_en"),
        None,
        "only the missing field is in error"
    );
    assert!(
        res.body
            .contains("name=\"name_en\" type=\"text\" value=\"Carers forum\""),
        "the English name is kept"
    );
    assert!(
        res.body.contains(&format!(">{remit}</textarea>")),
        "the typed remit is kept"
    );
    assert!(res.body.contains(">Bwyd ac ymweliadau</textarea>"));
    assert!(
        res.body.contains("value=\"forum\" checked"),
        "the kind is kept"
    );
    assert!(
        res.body
            .contains("name=\"min_service_user\" type=\"text\" value=\"2\""),
        "the rule is kept"
    );
    assert!(!group_names(&t).await.contains(&"Carers forum".to_owned()));

    let fixed = typed.replace("name_cy=", "name_cy=Fforwm+gofalwyr");
    let res = t.post(Who::Lead, "/meetings/groups/new", &fixed).await;

    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_in(res.location());
    assert_eq!(res.location(), format!("/meetings/groups/{id}"));
    assert!(group_names(&t).await.contains(&"Carers forum".to_owned()));
    let page = t.get(Who::Lead, res.location()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1>Carers forum</h1>"));
    assert!(page.body.contains(&html("Terms of reference")));
    assert!(
        page.body.contains(&format!(
            "<dt class=\"nhsuk-summary-list__key\">Remit</dt><dd class=\"nhsuk-summary-list__value cairn-pre\">{remit}</dd>"
        )),
        "the remit in the terms of reference"
    );
    assert!(
        page.body.contains(
            "<dt class=\"nhsuk-summary-list__key\">Role</dt><dd class=\"nhsuk-summary-list__value cairn-pre\">Not written yet</dd>"
        ),
        "an R left empty says so"
    );
    assert!(
        page.body.contains(
            "<dd class=\"nhsuk-summary-list__value\">Service user: at least 2, Carer or family member: at least 1</dd>"
        ),
        "the rule in words"
    );
    assert!(
        page.body.contains("<li lang=\"\">Garden project</li>"),
        "the group's own item, typed in one language"
    );
}

#[tokio::test]
async fn scheduling_an_end_that_would_make_a_meeting_of_23_hours_is_422_and_a_good_schedule_opens_with_the_standing_agenda()
 {
    let t = TestApp::new().await;
    let path = format!("/meetings/groups/{}/schedule", t.seed.group);
    assert_eq!(upcoming(&t, t.seed.group).await, 1, "the seeded meeting");

    let res = t
        .post(
            Who::UnitStaff,
            &path,
            "on_day=15&on_month=7&on_year=2027&starts=14%3A00&ends=13%3A00&place=Garden+room&online_link=",
        )
        .await;

    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    // An end earlier than the start is the next day: 14:00 to 13:00 would last 23 hours.
    assert_eq!(
        field_error(&res.body, "ends"),
        Some("A meeting can last up to 12 hours")
    );
    assert!(
        res.body
            .contains("<a href=\"#ends\">A meeting can last up to 12 hours</a>")
    );
    assert_eq!(field_error(&res.body, "starts"), None);
    assert!(
        res.body
            .contains("name=\"starts\" type=\"text\" value=\"14:00\"")
    );
    assert!(
        res.body
            .contains("name=\"ends\" type=\"text\" value=\"13:00\"")
    );
    assert!(res.body.contains(
        "name=\"place\" type=\"text\" lang=\"en\" spellcheck=\"true\" value=\"Garden room\""
    ));
    assert!(
        res.body
            .contains("name=\"on_day\" type=\"text\" inputmode=\"numeric\" value=\"15\"")
    );
    assert!(
        res.body
            .contains("name=\"on_year\" type=\"text\" inputmode=\"numeric\" value=\"2027\"")
    );
    assert_eq!(upcoming(&t, t.seed.group).await, 1, "nothing was scheduled");

    let res = t
        .post(
            Who::UnitStaff,
            &path,
            "on_day=15&on_month=7&on_year=2027&starts=14%3A00&ends=15%3A30&place=Garden+room&online_link=&arrangements=refreshments",
        )
        .await;

    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let id = id_in(res.location());
    assert_eq!(res.location(), format!("/meetings/{id}"));
    assert_eq!(upcoming(&t, t.seed.group).await, 2);
    let page = t.get(Who::UnitStaff, res.location()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let agenda = agenda_items(&page.body);
    assert!(agenda.len() >= 2, "{agenda:?}");
    assert!(
        agenda[0].starts_with("Meeting representation"),
        "{agenda:?}"
    );
    assert!(
        agenda[1].starts_with("Service-user and carer issues"),
        "{agenda:?}"
    );
    assert!(page.body.contains("15 July 2027"), "the date typed");
    assert!(page.body.contains("Refreshments"));
}

// ---------------------------------------------------------------------------------------------
// Replies and the representation warning
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_warning_shows_while_only_a_service_user_is_coming_and_goes_once_a_carer_is() {
    let t = TestApp::new().await;
    let m = t.seed.meeting;
    let page = format!("/meetings/{m}");
    let reply_for = |person: i64| format!("person_id={person}&reply=confirmed");

    let res = t
        .post(
            Who::UnitStaff,
            &format!("/meetings/{m}/reply"),
            &reply_for(t.seed.member_person),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/meetings/{m}#replies"));
    let only_su = t.get(Who::UnitStaff, &page).await;

    assert_eq!(only_su.status, StatusCode::OK);
    let at = only_su
        .body
        .find("id=\"representation-warning\"")
        .expect("the warning while only a service user is coming");
    let warning = &only_su.body[at..at + only_su.body[at..].find("</div>").expect("end")];
    assert!(
        warning.contains("Carer or family member: 1 more needed"),
        "{warning}"
    );
    assert!(
        only_su.body.contains("Recorded by staff@a.cairn.test"),
        "the reply shows who made it for Mo"
    );

    let res = t
        .post(
            Who::UnitStaff,
            &format!("/meetings/{m}/reply"),
            &reply_for(t.seed.person_a1),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let both = t.get(Who::UnitStaff, &page).await;

    assert_eq!(both.status, StatusCode::OK);
    assert!(
        !both.body.contains("id=\"representation-warning\""),
        "no warning once a carer is coming"
    );
    let home = t.get(Who::Member, "/home").await;
    assert!(
        home.body
            .contains("staff@a.cairn.test recorded your reply to a meeting invitation."),
        "Mo is told the reply was made for them: {}",
        home.body
    );
    let staff_home = t.get(Who::UnitStaff, "/home").await;
    assert!(!staff_home.body.contains("recorded your reply"));
}

// ---------------------------------------------------------------------------------------------
// The calendar invitation
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_member_downloads_the_invitation_as_an_ics_attachment_with_crlf_in_their_language() {
    let t = TestApp::new().await;
    let path = format!("/meetings/{}/invite.ics", t.seed.meeting);

    let en = t.get(Who::Member, &path).await;
    let cy = t
        .send(
            Who::Member,
            Method::GET,
            &path,
            None,
            &[("accept-language", "cy")],
        )
        .await;

    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    assert!(
        header(&en, "content-type").starts_with("text/calendar"),
        "{:?}",
        en.headers
    );
    assert!(
        header(&en, "content-disposition").starts_with("attachment"),
        "{:?}",
        en.headers
    );
    assert!(en.body.starts_with("BEGIN:VCALENDAR\r\n"), "{:?}", en.body);
    assert!(en.body.ends_with("END:VCALENDAR\r\n"), "{:?}", en.body);
    assert!(
        !en.body.replace("\r\n", "").contains('\n'),
        "every line ends with CRLF: {:?}",
        en.body
    );
    assert!(en.body.contains("\r\nSUMMARY:Community meeting\r\n"));
    assert!(en.body.contains("\r\nLOCATION:Day room\r\n"));
    assert_eq!(cy.status, StatusCode::OK, "{}", cy.body);
    assert!(
        cy.body.contains("\r\nSUMMARY:Cyfarfod cymunedol\r\n"),
        "{:?}",
        cy.body
    );
    assert!(!cy.body.contains("SUMMARY:Community meeting"));
    // Someone outside the group cannot fetch it.
    assert_eq!(
        t.get(Who::OtherAdmin, &path).await.status,
        StatusCode::NOT_FOUND
    );
}

// ---------------------------------------------------------------------------------------------
// Attendance
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn attendance_with_a_service_user_and_a_carer_meets_the_rule_and_a_bad_others_count_is_422() {
    let t = TestApp::new().await;
    let m = past_meeting(&t, t.seed.group).await;
    let path = format!("/meetings/{m}/attendance");
    let (mo, carys) = (t.seed.member_person, t.seed.person_a1);
    let form = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;
    assert!(
        form.body.contains(&format!("name=\"presence_{mo}\""))
            && form.body.contains(&format!("name=\"presence_{carys}\"")),
        "the form offers each member"
    );

    let bad = t
        .post(
            Who::UnitStaff,
            &path,
            &format!("presence_{mo}=attended&presence_{carys}=attended&others_count=abc"),
        )
        .await;

    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(
        field_error(&bad.body, "others_count"),
        Some("Enter the number of other people present, from 0 to 1000")
    );
    assert!(
        bad.body
            .contains("name=\"others_count\" type=\"text\" value=\"abc\""),
        "the typed value is kept"
    );
    assert!(
        !bad.body.contains("id=\"representation-outcome\""),
        "nothing was recorded"
    );

    let res = t
        .post(
            Who::UnitStaff,
            &path,
            &format!("presence_{mo}=attended&presence_{carys}=attended&others_count=3"),
        )
        .await;

    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/meetings/{m}#attendance"));
    let page = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;
    let at = page
        .body
        .find("id=\"representation-outcome\"")
        .expect("the outcome once attendance is recorded");
    let outcome = &page.body[at..at + page.body[at..].find("</div>").expect("end")];
    assert!(outcome.contains("Rule met"), "{outcome}");
    assert!(!outcome.contains("Rule not met"), "{outcome}");
    assert!(
        outcome.contains("Service user: 1")
            && outcome.contains("Carer or family member: 1")
            && outcome.contains("Others present: 3"),
        "{outcome}"
    );
    assert!(!page.body.contains("id=\"representation-warning\""));

    // Only the service user: the rule is not met, and the page says what was short.
    let res = t
        .post(
            Who::UnitStaff,
            &path,
            &format!("presence_{mo}=attended&presence_{carys}=apologies&others_count=0"),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;
    let at = page
        .body
        .find("id=\"representation-outcome\"")
        .expect("outcome");
    let outcome = &page.body[at..at + page.body[at..].find("</div>").expect("end")];
    assert!(outcome.contains("Rule not met"), "{outcome}");
    assert!(
        outcome.contains("Carer or family member: 1 more needed"),
        "{outcome}"
    );
}

// ---------------------------------------------------------------------------------------------
// The representation report
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_representation_report_has_a_chart_and_tables_and_its_csv_adds_up_and_is_safe() {
    let t = TestApp::new().await;
    let admin = t.actor(Who::OrgAdmin).await;
    let (mo, carys) = (t.seed.member_person, t.seed.person_a1);
    let formula = cairn_app::meetings::create_group(
        &t.app,
        &admin,
        &GroupDraft {
            name_en: "=SUM(A1)".into(),
            name_cy: "=SUM(A1)".into(),
            kind: "strategy".into(),
            unit_id: Some(t.seed.unit_a1),
            minimums: [
                "1".into(),
                "1".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            ..Default::default()
        },
    )
    .await
    .expect("group");
    cairn_app::meetings::set_member(&t.app, &admin, formula, mo, true)
        .await
        .expect("member");
    let attended = |person_id| AttendanceLine {
        person_id,
        presence: Presence::Attended,
    };
    // The community meeting: a service user, a carer and two others (met).
    let held = past_meeting(&t, t.seed.group).await;
    cairn_app::meetings::record_attendance(
        &t.app,
        &admin,
        held,
        &[attended(mo), attended(carys)],
        2,
    )
    .await
    .expect("attendance");
    // The "=SUM(A1)" group's meeting: a service user only (not met).
    let short = past_meeting(&t, formula).await;
    cairn_app::meetings::record_attendance(&t.app, &admin, short, &[attended(mo)], 0)
        .await
        .expect("attendance");

    let csv = t.get(Who::Lead, "/meetings/representation.csv").await;

    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert_eq!(header(&csv, "content-type"), "text/csv; charset=utf-8");
    assert!(
        csv.body.starts_with('\u{feff}'),
        "a UTF-8 byte-order mark first"
    );
    let lines = csv_lines(&csv);
    assert_eq!(
        lines[0],
        "Breakdown,Row,Meetings held,Met the rule,Met the rule (%),Service user,\
         Carer or family member,Staff,Third sector,Manager,Others present,\
         Carers' share of those named (%)"
    );
    // Two meetings, one met (50%); two service users, one carer (a third of those named).
    assert_eq!(
        lines.last().copied(),
        Some("All meetings,All meetings,2,1,50,2,1,0,0,0,2,33"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"By group,'=SUM(A1),1,0,0,1,0,0,0,0,0,0"),
        "the formula-like group name is text: {lines:?}"
    );
    assert!(
        lines.contains(&"By group,Community meeting,1,1,100,1,1,0,0,0,2,50"),
        "{lines:?}"
    );
    for l in &lines {
        assert!(
            !l.split(',').any(|c| c.starts_with('=')),
            "no cell starts with =: {l}"
        );
    }

    let page = t.get(Who::Lead, "/meetings/representation").await;

    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let svg = page.body.find("<svg").expect("a chart");
    let svg_tag = &page.body[svg..svg + page.body[svg..].find('>').expect("tag end")];
    assert!(svg_tag.contains("role=\"img\""), "{svg_tag}");
    assert!(page.body.contains("<table class=\"nhsuk-table\">"));
    assert!(page.body.contains("Meetings held: 2. Met the rule: 50%."));
    assert!(page.body.contains(">=SUM(A1)</th>"), "the group's row");
    assert!(page.body.contains("href=\"/meetings/representation.csv\""));
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn the_api_creates_groups_and_meetings_records_attendance_and_reports_representation() {
    let t = TestApp::new().await;
    let (mo, carys, dai) = (t.seed.member_person, t.seed.person_a1, t.seed.person_a2);

    let res = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/groups",
            Some(json!({
                "name_en": "Strategy group",
                "name_cy": "Grŵp strategaeth",
                "kind": "strategy",
                "unit_id": t.seed.unit_a1,
                "terms_of_reference": {"remit": {"en": "The service plan", "cy": "Cynllun y gwasanaeth"}},
                "rule": {"service_user": 2, "carer": 1},
            })),
        )
        .await;

    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let g = res.json();
    assert_eq!(
        g["rule"],
        json!({"service_user": 2, "carer": 1, "staff": 0, "third_sector": 0, "manager": 0})
    );
    assert_eq!(g["name_cy"], "Grŵp strategaeth");
    assert_eq!(g["terms_of_reference"]["en"]["remit"], "The service plan");
    let group = g["id"].as_i64().expect("group id");

    let res = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/meetings",
            Some(json!({
                "group_id": group,
                "starts_at": "2026-07-15T14:00:00+01:00",
                "ends_at": "2026-07-15T15:30:00+01:00",
                "place": "Board room",
            })),
        )
        .await;

    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let m = res.json();
    assert_eq!(m["starts_at"], "2026-07-15T13:00:00Z");
    assert_eq!(m["ends_at"], "2026-07-15T14:30:00Z");
    assert_eq!(m["group_id"], group);
    assert_eq!(m["attendance_recorded"], false);
    assert_eq!(
        m["agenda"][0]["standing"], "representation",
        "the standing agenda comes first"
    );
    let meeting = m["id"].as_i64().expect("meeting id");

    let bad = t
        .api(
            Who::Lead,
            Method::POST,
            "/api/v1/meetings",
            Some(json!({
                "group_id": group,
                "starts_at": "15/07/2026 14:00",
                "ends_at": "2026-07-15T15:30:00+01:00",
                "place": "Board room",
            })),
        )
        .await;

    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    let fields = bad.json()["fields"].clone();
    assert_eq!(fields.as_array().map(Vec::len), Some(1), "{fields}");
    assert_eq!(fields[0]["field"], "starts_at");
    assert_eq!(
        fields[0]["message"],
        "Enter a date and time like 2026-07-15T14:00:00+01:00"
    );
    let listed = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/meetings?group_id={group}"),
            None,
        )
        .await;
    assert_eq!(
        listed.json()["items"].as_array().map(Vec::len),
        Some(1),
        "the bad request scheduled nothing"
    );

    // The meeting (15 July 2026) has happened: record who came.
    let attendance = format!("/api/v1/meetings/{meeting}/attendance");
    let line = |p: i64, s: &str| json!({"person_id": p, "status": s});
    let short = t
        .api(
            Who::Lead,
            Method::PUT,
            &attendance,
            Some(json!({
                "attendance": [line(mo, "attended"), line(carys, "attended"), line(dai, "absent")],
                "others_count": 4,
            })),
        )
        .await;

    assert_eq!(short.status, StatusCode::OK, "{}", short.body);
    let s = short.json();
    assert_eq!(s["representation_met"], false, "two service users needed");
    assert_eq!(
        s["counts"],
        json!({"service_user": 1, "carer": 1, "staff": 0, "third_sector": 0, "manager": 0})
    );
    assert_eq!(s["short"]["service_user"], 1);
    assert_eq!(s["others_count"], 4);
    assert_eq!(s["attendance_recorded"], true);

    let met = t
        .api(
            Who::Lead,
            Method::PUT,
            &attendance,
            Some(json!({
                "attendance": [line(mo, "attended"), line(carys, "attended"), line(dai, "attended")],
                "others_count": 4,
            })),
        )
        .await;

    assert_eq!(met.status, StatusCode::OK, "{}", met.body);
    let v = met.json();
    assert_eq!(v["representation_met"], true);
    assert_eq!(
        v["counts"],
        json!({"service_user": 2, "carer": 1, "staff": 0, "third_sector": 0, "manager": 0})
    );
    let fetched = t
        .api(
            Who::Lead,
            Method::GET,
            &format!("/api/v1/meetings/{meeting}"),
            None,
        )
        .await;
    assert_eq!(fetched.json()["representation_met"], true);

    let report = t
        .api(
            Who::Lead,
            Method::GET,
            "/api/v1/representation?from=2026-01&to=2026-12",
            None,
        )
        .await;

    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let r = report.json();
    let total = &r["total"];
    assert_eq!(total["meetings"], 1, "{r}");
    assert_eq!(total["met"], 1);
    assert_eq!(total["met_percent"], 100);
    assert_eq!(total["service_user"], 2);
    assert_eq!(total["carer"], 1);
    assert_eq!(total["others"], 4);
    assert_eq!(total["carer_percent"], 33);
    assert!(r["hidden_below"].is_null(), "the lead sees every figure");
    // The board sees the same meeting with its few people hidden, on the page, the CSV and
    // the API alike.
    let board = t
        .api(
            Who::Viewer,
            Method::GET,
            "/api/v1/representation?from=2026-01&to=2026-12",
            None,
        )
        .await
        .json();
    assert_eq!(board["hidden_below"], 5);
    assert_eq!(
        (
            &board["total"]["service_user"],
            &board["total"]["carer"],
            &board["total"]["carer_percent"],
            &board["total"]["meetings"]
        ),
        (&json!(null), &json!(null), &json!(null), &json!(1))
    );
    let page = t
        .get(Who::Viewer, "/meetings/representation?months=24")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("Attendance counts of fewer than 5 are not shown")
    );
    assert!(
        page.body
            .contains("share: not shown, as too few carers attended"),
        "{}",
        page.body
    );
    let csv = t
        .get(Who::Viewer, "/meetings/representation.csv?months=24")
        .await;
    assert!(csv.body.contains("fewer than 5"), "{}", csv.body);
    assert_eq!(r["by_period"][0]["key"], "2026-07");
    assert_eq!(r["by_group"][0]["key"], group.to_string());
    let earlier = t
        .api(
            Who::Lead,
            Method::GET,
            "/api/v1/representation?from=2025-01&to=2025-12",
            None,
        )
        .await;
    assert_eq!(earlier.json()["total"]["meetings"], 0);
    let bad_month = t
        .api(
            Who::Lead,
            Method::GET,
            "/api/v1/representation?from=January",
            None,
        )
        .await;
    assert_eq!(bad_month.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_month.json()["fields"][0]["field"], "from");

    // Another organisation's administrator finds nothing there.
    let other = t
        .api(
            Who::OtherAdmin,
            Method::GET,
            &format!("/api/v1/meetings/{meeting}"),
            None,
        )
        .await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
    let other_put = t
        .api(
            Who::OtherAdmin,
            Method::PUT,
            &attendance,
            Some(json!({"attendance": [], "others_count": 0})),
        )
        .await;
    assert_eq!(other_put.status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------------------------
// Name cards and a member's meetings
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn name_cards_print_every_member_until_someone_confirms_then_only_those_coming() {
    let t = TestApp::new().await;
    let m = t.seed.meeting;
    let path = format!("/meetings/{m}/name-cards");
    let card = |name: &str| format!("<p class=\"cairn-card__name\">{name}</p>");

    let before = t.get(Who::Lead, &path).await;

    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(before.body.contains("<body class=\"cairn-cards\">"));
    assert!(before.body.contains("<section class=\"cairn-card\""));
    assert!(before.body.contains("class=\"cairn-card__front\""));
    assert!(before.body.contains("cairn-no-print"));
    assert!(before.body.contains("href=\"/assets/cairn.css\""));
    assert!(before.body.contains(&card("Mo")) && before.body.contains(&card("Carys")));

    let res = t
        .post(
            Who::Lead,
            &format!("/meetings/{m}/reply"),
            &format!("person_id={}&reply=confirmed", t.seed.person_a1),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let after = t.get(Who::Lead, &path).await;

    assert!(after.body.contains(&card("Carys")));
    assert!(
        !after.body.contains(&card("Mo")),
        "Mo has not said they are coming"
    );
    let css = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/cairn.css"),
    )
    .expect("css");
    let print = css
        .find("body.cairn-cards")
        .expect("print rules for the cards");
    assert!(css[..print].contains("@media print"));
}

#[tokio::test]
async fn my_meetings_lists_the_members_meeting_and_im_coming_records_the_reply() {
    let t = TestApp::new().await;
    let m = t.seed.meeting;

    let before = t.get(Who::Member, "/my-meetings").await;

    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    assert!(before.body.contains(&format!("id=\"meeting-{m}\"")));
    assert!(before.body.contains("Community meeting"));
    assert!(before.body.contains("You have not replied yet."));
    let button = before
        .body
        .find(&html("I'm coming"))
        .expect("the I'm coming button");
    let form = &before.body[before.body[..button].rfind("<form").expect("its form")..button];
    assert!(
        form.contains(&format!("action=\"/meetings/{m}/reply\"")),
        "{form}"
    );
    assert!(
        form.contains("name=\"reply\" value=\"confirmed\""),
        "{form}"
    );

    let res = t
        .post(
            Who::Member,
            &format!("/meetings/{m}/reply"),
            "reply=confirmed&back=mine",
        )
        .await;

    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/my-meetings#meeting-{m}"));
    let after = t.get(Who::Member, "/my-meetings").await;
    assert!(after.body.contains("Your reply: Coming"), "{}", after.body);
    assert!(!after.body.contains("You have not replied yet."));
    // Staff see the reply against Mo; having replied themselves, Mo gets no notice about it.
    let staff = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;
    let row = staff
        .body
        .find("<td class=\"nhsuk-table__cell\">Mo")
        .map(|i| &staff.body[i..i + staff.body[i..].find("</tr>").unwrap_or(0)])
        .expect("Mo's row");
    assert!(
        row.contains("<td class=\"nhsuk-table__cell\">Coming"),
        "{row}"
    );
    let home = t.get(Who::Member, "/home").await;
    assert!(!home.body.contains("recorded your reply"));
}

// ---------------------------------------------------------------------------------------------
// Texts in English and Welsh
// ---------------------------------------------------------------------------------------------

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<TestApp> {
    let mut v = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(pg);
    }
    v
}

fn in_welsh(t: &TestApp, who: Who, path: &str) -> impl std::future::Future<Output = Res> {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
}

/// A meeting of the seeded group next week at a place in both languages, with two overdue
/// actions for the member: one written in Welsh only, one in English only.
async fn bilingual_meeting(t: &TestApp) -> i64 {
    let admin = t.actor(Who::OrgAdmin).await;
    let start = t.app.now() + 7 * 24 * HOUR_MS;
    let m = cairn_app::meetings::schedule_at(
        &t.app,
        &admin,
        t.seed.group,
        start,
        start + HOUR_MS,
        Bilingual::new(Some("Lounge, Bedw House"), Some("Lolfa, Tŷ Bedw")),
    )
    .await
    .expect("meeting");
    let long_ago = DateParts {
        day: "1".into(),
        month: "2".into(),
        year: "2020".into(),
    };
    for text in [
        Bilingual::new(None, Some("Dweud wrth y fforwm am y gyllideb")),
        Bilingual::new(Some("Order a new kettle"), None),
    ] {
        cairn_app::meetings::add_action(
            &t.app,
            &admin,
            m,
            text,
            Some(t.seed.member_person),
            &long_ago,
        )
        .await
        .expect("action");
    }
    m
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_welsh_reader_sees_the_welsh_place_and_action_and_english_only_text_marked_and_noted() {
    for t in engines().await {
        let m = bilingual_meeting(&t).await;
        let english_only = "<span lang=\"en\">Order a new kettle</span> \
            <span class=\"cairn-untranslated\">(Nid yw ar gael yn Gymraeg eto)</span>";
        let welsh_action = "<span lang=\"cy\">Dweud wrth y fforwm am y gyllideb</span>";

        let mine = in_welsh(&t, Who::Member, "/my-meetings").await;
        let page = in_welsh(&t, Who::UnitStaff, &format!("/meetings/{m}")).await;
        let english = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;

        for res in [&mine, &page] {
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            assert!(res.body.contains("<html lang=\"cy\""), "a Welsh page");
            assert!(
                res.body.contains("<span lang=\"cy\">Lolfa, Tŷ Bedw</span>"),
                "the place in Welsh"
            );
            assert!(!res.body.contains("Lounge, Bedw House"), "not the English");
            assert!(
                res.body.contains(&format!("{welsh_action} ·")),
                "the Welsh action, with no note"
            );
            assert!(
                res.body.contains(english_only),
                "the English-only action marked and noted"
            );
        }
        assert!(
            mine.body.contains(&format!(
                "{}<span lang=\"en\">Order a new kettle</span></button>",
                html("Nodi ei fod wedi'i wneud: ")
            )),
            "the button marks the action's language too"
        );
        assert!(
            english
                .body
                .contains("<span lang=\"en\">Lounge, Bedw House</span>"),
            "an English reader gets the English place"
        );
        assert!(
            english.body.contains(&format!(
                "{welsh_action} <span class=\"cairn-untranslated\">(Not yet available in English)</span>"
            )),
            "and the Welsh-only action marked and noted"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_staff_forms_have_english_and_welsh_boxes_each_marked_with_its_language() {
    for t in engines().await {
        let g = t.seed.group;
        let m = t.seed.meeting;

        let schedule = t
            .get(Who::UnitStaff, &format!("/meetings/groups/{g}/schedule"))
            .await;
        let meeting = t.get(Who::UnitStaff, &format!("/meetings/{m}")).await;
        let group = t
            .get(Who::Lead, &format!("/meetings/groups/{g}/edit"))
            .await;

        for (res, boxes) in [
            (&schedule, &["place"][..]),
            (&meeting, &["title", "minutes", "decision", "action"][..]),
            (&group, &["usual_place"][..]),
        ] {
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
            for b in boxes {
                for (id, lang) in [(b.to_string(), "en"), (format!("{b}_cy"), "cy")] {
                    let tag = format!("id=\"{id}\" name=\"{id}\"");
                    let at = res.body.find(&tag).unwrap_or_else(|| panic!("a box {id}"));
                    let rest = &res.body[at..at + 120];
                    assert!(
                        rest.contains(&format!("lang=\"{lang}\"")),
                        "{id} is marked {lang}: {rest}"
                    );
                }
            }
        }

        // A place in Welsh only will do; a Welsh place that is too long is refused beside
        // the Welsh box, with what was typed kept.
        let path = format!("/meetings/groups/{g}/schedule");
        let long = "a".repeat(201);
        let refused = t
            .post(
                Who::UnitStaff,
                &path,
                &format!(
                    "on_day=15&on_month=7&on_year=2027&starts=14%3A00&ends=15%3A00&place=Lounge&place_cy={long}"
                ),
            )
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_error(&refused.body, "place_cy"),
            Some("This is too long")
        );
        assert_eq!(field_error(&refused.body, "place"), None);
        assert!(
            refused.body.contains(&format!("value=\"{long}\"")),
            "the Welsh typed is kept"
        );
        let res = t
            .post(
                Who::UnitStaff,
                &path,
                "on_day=15&on_month=7&on_year=2027&starts=14%3A00&ends=15%3A00&place=&place_cy=Lolfa",
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let id = id_in(res.location());
        let staff = t.actor(Who::UnitStaff).await;
        let v = cairn_app::meetings::meeting(&t.app, &staff, id)
            .await
            .expect("meeting");
        assert_eq!(
            (v.meeting.place.as_deref(), v.meeting.place_cy.as_deref()),
            (None, Some("Lolfa"))
        );

        // Minutes whose Welsh is too long: the message beside the Welsh box, nothing kept.
        let res = t
            .post(
                Who::UnitStaff,
                &format!("/meetings/{m}/minutes"),
                &format!("minutes=We+met&minutes_cy={}", "a".repeat(20_001)),
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            field_error(&res.body, "minutes_cy"),
            Some("This is too long")
        );
        let v = cairn_app::meetings::meeting(&t.app, &staff, m)
            .await
            .expect("meeting");
        assert_eq!((v.meeting.minutes, v.meeting.minutes_cy), (None, None));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_returns_and_accepts_the_welsh_beside_each_text() {
    for t in engines().await {
        let m = bilingual_meeting(&t).await;

        let got = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/meetings/{m}"),
                None,
            )
            .await;
        let created = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/meetings",
                Some(json!({
                    "group_id": t.seed.group,
                    "starts_at": "2027-07-15T14:00:00+01:00",
                    "ends_at": "2027-07-15T15:00:00+01:00",
                    "place_cy": "Ystafell ddydd",
                })),
            )
            .await;
        let nowhere = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/meetings",
                Some(json!({
                    "group_id": t.seed.group,
                    "starts_at": "2027-07-16T14:00:00+01:00",
                    "ends_at": "2027-07-16T15:00:00+01:00",
                    "place": " ",
                    "place_cy": "",
                })),
            )
            .await;
        let group = t
            .api(
                Who::Lead,
                Method::POST,
                "/api/v1/groups",
                Some(json!({
                    "name_en": "Forum",
                    "name_cy": "Fforwm",
                    "kind": "forum",
                    "usual_place": "Day room",
                    "usual_place_cy": "Ystafell ddydd",
                })),
            )
            .await;

        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        let got = got.json();
        assert_eq!(got["place"], "Lounge, Bedw House");
        assert_eq!(got["place_cy"], "Lolfa, Tŷ Bedw");
        let actions = got["actions"].as_array().expect("actions");
        assert!(
            actions.iter().any(|a| a["text"].is_null()
                && a["text_cy"] == "Dweud wrth y fforwm am y gyllideb"),
            "{actions:?}"
        );
        assert!(
            actions
                .iter()
                .any(|a| a["text"] == "Order a new kettle" && a["text_cy"].is_null())
        );
        assert!(got["agenda"][0].get("title_cy").is_some());
        assert!(got["minutes_cy"].is_null());
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        let created = created.json();
        assert!(created["place"].is_null());
        assert_eq!(created["place_cy"], "Ystafell ddydd");
        assert_eq!(
            nowhere.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            nowhere.body
        );
        assert_eq!(nowhere.json()["fields"][0]["field"], "place");
        assert_eq!(group.status, StatusCode::CREATED, "{}", group.body);
        let group = group.json();
        assert_eq!(
            (&group["usual_place"], &group["usual_place_cy"]),
            (&json!("Day room"), &json!("Ystafell ddydd"))
        );
        let listed = t
            .api(
                Who::Lead,
                Method::GET,
                &format!("/api/v1/meetings?group_id={}", t.seed.group),
                None,
            )
            .await
            .json();
        assert!(
            listed["items"]
                .as_array()
                .expect("items")
                .iter()
                .any(|i| i["place_cy"] == "Ystafell ddydd")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The London clock on the schedule form
// ---------------------------------------------------------------------------------------------

fn schedule_path(t: &TestApp) -> String {
    format!("/meetings/groups/{}/schedule", t.seed.group)
}

fn post_in_welsh<'a>(
    t: &'a TestApp,
    who: Who,
    path: &'a str,
    form: &'a str,
) -> impl std::future::Future<Output = Res> + 'a {
    t.send(
        who,
        Method::POST,
        path,
        Some(form),
        &[("accept-language", "cy")],
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_time_the_clocks_skip_is_422_with_its_date_beside_the_field_in_english_and_welsh() {
    for t in engines().await {
        let path = schedule_path(&t);
        let before = upcoming(&t, t.seed.group).await;
        let form =
            "on_day=29&on_month=3&on_year=2026&starts=01%3A30&ends=03%3A00&place=Garden+room";

        let en = t.post(Who::UnitStaff, &path, form).await;
        let cy = post_in_welsh(&t, Who::UnitStaff, &path, form).await;

        let message = "There is no 01:30 on 29 March 2026 because the clocks go forward. Choose another time.";
        assert_eq!(en.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", en.body);
        assert_eq!(field_error(&en.body, "starts"), Some(message));
        assert!(
            en.body
                .contains(&format!("<a href=\"#starts\">{message}</a>"))
        );
        assert!(
            en.body
                .contains("name=\"starts\" type=\"text\" value=\"01:30\"")
        );
        assert!(
            en.body
                .contains("name=\"ends\" type=\"text\" value=\"03:00\"")
        );
        assert!(
            en.body
                .contains("name=\"on_day\" type=\"text\" inputmode=\"numeric\" value=\"29\"")
        );
        assert!(
            !en.body.contains("name=\"starts_which\""),
            "nothing to choose"
        );
        assert_eq!(cy.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", cy.body);
        let neges = html(
            "Nid oes 01:30 ar 29 Mawrth 2026 am fod y clociau'n mynd ymlaen. Dewiswch amser arall.",
        );
        assert_eq!(field_error(&cy.body, "starts"), Some(neges.as_str()));
        assert_eq!(
            upcoming(&t, t.seed.group).await,
            before,
            "nothing was scheduled"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_start_time_the_clocks_pass_twice_asks_which_keeping_what_was_typed_and_the_answer_schedules_it()
 {
    for t in engines().await {
        let path = schedule_path(&t);
        let form = "on_day=25&on_month=10&on_year=2026&starts=01%3A30&ends=02%3A30&place=Garden+room&arrangements=breaks";

        let asked = t.post(Who::UnitStaff, &path, form).await;
        let gofyn = post_in_welsh(&t, Who::UnitStaff, &path, form).await;

        assert_eq!(
            asked.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            asked.body
        );
        assert_eq!(
            field_error(&asked.body, "starts_which"),
            Some("Choose which 01:30 on 25 October 2026 you mean")
        );
        assert!(asked.body.contains(
            "The clocks go back on 25 October 2026, so 01:30 happens twice. Which 01:30 does the meeting start at?"
        ));
        assert!(
            asked
                .body
                .contains("The first 01:30 (BST, before the clocks go back)")
        );
        assert!(
            asked
                .body
                .contains("The second 01:30 (GMT, after the clocks go back)")
        );
        assert!(
            asked
                .body
                .contains("name=\"starts_which\" type=\"radio\" value=\"first\">"),
            "neither ticked yet"
        );
        assert!(asked.body.contains(
            "name=\"place\" type=\"text\" lang=\"en\" spellcheck=\"true\" value=\"Garden room\""
        ));
        assert!(
            asked.body.contains("value=\"breaks\" checked"),
            "the ticked arrangement kept"
        );
        assert!(
            !asked.body.contains("name=\"ends_which\""),
            "02:30 happens once"
        );
        assert_eq!(gofyn.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(gofyn.body.contains(&html(
            "01:30 y tro cyntaf (BST, cyn i'r clociau fynd yn ôl)"
        )));
        assert!(gofyn.body.contains(&html(
            "01:30 yr ail dro (GMT, ar ôl i'r clociau fynd yn ôl)"
        )));

        // A mistake elsewhere keeps the choice made.
        let kept = t
            .post(
                Who::UnitStaff,
                &path,
                &format!("{form}&starts_which=second&online_link=http%3A%2F%2Fx"),
            )
            .await;
        assert_eq!(kept.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            kept.body
                .contains("name=\"starts_which\" type=\"radio\" value=\"second\" checked>")
        );

        let res = t
            .post(
                Who::UnitStaff,
                &path,
                &format!("{form}&starts_which=second"),
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let page = t.get(Who::UnitStaff, res.location()).await;
        assert!(
            page.body.contains("25 October 2026 at 01:30 to 02:30"),
            "the GMT 01:30"
        );
        let admin = t.actor(Who::OrgAdmin).await;
        let m = cairn_app::meetings::invite(
            &t.app,
            &admin,
            id_in(res.location()),
            cairn_domain::people::Language::En,
            "https://c.example",
        )
        .await
        .expect("invite");
        assert!(
            m.contains("\r\nDTSTART:20261025T013000Z\r\n"),
            "the second 01:30 in UTC"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_across_midnight_is_scheduled_and_its_pages_say_it_ends_the_next_day() {
    for t in engines().await {
        let path = schedule_path(&t);

        let form_page = t.get(Who::UnitStaff, &path).await;
        let res = t
            .post(
                Who::UnitStaff,
                &path,
                "on_day=31&on_month=12&on_year=2027&starts=22%3A00&ends=01%3A30&place=Garden+room",
            )
            .await;

        assert!(form_page.body.contains(
            "An end time earlier than the start time means the meeting ends the next day."
        ));
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
        let id = id_in(res.location());
        let page = t.get(Who::UnitStaff, res.location()).await;
        assert!(
            page.body
                .contains("31 December 2027 at 22:00 to 01:30 the next day"),
            "{}",
            page.body
        );
        let mine = t.get(Who::Member, &format!("/my-meetings/{id}")).await;
        assert!(
            mine.body
                .contains("31 December 2027 at 22:00 to 01:30 the next day")
        );
        let cy = in_welsh(&t, Who::Member, &format!("/my-meetings/{id}")).await;
        assert!(
            cy.body
                .contains("31 Rhagfyr 2027 am 22:00 tan 01:30 y diwrnod wedyn")
        );
        let ics = t
            .get(Who::Member, &format!("/meetings/{id}/invite.ics"))
            .await;
        assert!(
            ics.body
                .contains("\r\nDTSTART;TZID=Europe/London:20271231T220000\r\n")
        );
        assert!(
            ics.body
                .contains("\r\nDTEND;TZID=Europe/London:20280101T013000\r\n")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A member opens their own meeting
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_opens_their_meeting_from_my_meetings_and_reads_the_agenda_minutes_and_only_their_actions()
 {
    for t in engines().await {
        let admin = t.actor(Who::OrgAdmin).await;
        let held = past_meeting(&t, t.seed.group).await;
        cairn_app::meetings::set_minutes(
            &t.app,
            &admin,
            held,
            Bilingual::new(
                Some("We planned the garden."),
                Some("Fe wnaethon ni gynllunio'r ardd."),
            ),
        )
        .await
        .expect("minutes");
        let due = DateParts {
            day: "1".into(),
            month: "6".into(),
            year: "2030".into(),
        };
        cairn_app::meetings::add_action(
            &t.app,
            &admin,
            held,
            "Mo buys seeds",
            Some(t.seed.member_person),
            &due,
        )
        .await
        .expect("Mo's action");
        cairn_app::meetings::add_action(
            &t.app,
            &admin,
            held,
            "Carys waters the beds",
            Some(t.seed.person_a1),
            &due,
        )
        .await
        .expect("Carys's action");
        cairn_app::meetings::record_attendance(
            &t.app,
            &admin,
            held,
            &[t.seed.member_person, t.seed.person_a1].map(|p| AttendanceLine {
                person_id: p,
                presence: Presence::Attended,
            }),
            0,
        )
        .await
        .expect("attendance");

        let list = t.get(Who::Member, "/my-meetings").await;
        let upcoming_page = t
            .get(Who::Member, &format!("/my-meetings/{}", t.seed.meeting))
            .await;
        let page = t.get(Who::Member, &format!("/my-meetings/{held}")).await;
        let tudalen = in_welsh(&t, Who::Member, &format!("/my-meetings/{held}")).await;

        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains(&format!(
            "href=\"/my-meetings/{}\">Read the agenda",
            t.seed.meeting
        )));
        assert!(list.body.contains("Meetings already held"));
        assert!(
            list.body
                .contains(&format!("href=\"/my-meetings/{held}\">Community meeting: "))
        );
        assert!(
            list.body.contains("class=\"cairn-my-meetings\""),
            "the page's long words wrap"
        );
        assert_eq!(
            upcoming_page.status,
            StatusCode::OK,
            "{}",
            upcoming_page.body
        );
        assert!(upcoming_page.body.contains("Meeting representation"));
        assert!(upcoming_page.body.contains("No minutes yet."));
        assert!(upcoming_page.body.contains("You have not replied yet."));
        assert!(
            upcoming_page
                .body
                .contains("name=\"back\" value=\"member\""),
            "reply from here"
        );
        assert!(
            !upcoming_page.body.contains("Ask about the garden"),
            "Carys's action on it"
        );
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body
                .contains("<span lang=\"en\">We planned the garden.</span>")
        );
        assert!(page.body.contains("Mo buys seeds"));
        assert!(
            !page.body.contains("Carys"),
            "nobody else's name, action or attendance"
        );
        assert!(page.body.contains("Your attendance"));
        assert!(page.body.contains("Attended"));
        assert!(
            !page.body.contains("Representation rule"),
            "no staff figures"
        );
        assert_eq!(tudalen.status, StatusCode::OK);
        assert!(tudalen.body.contains("<html lang=\"cy\""));
        assert!(
            tudalen.body.contains(
                &html("<span lang=\"cy\">Fe wnaethon ni gynllunio'r ardd.</span>")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
            )
        );
        assert!(
            tudalen
                .body
                .contains(&html("Eich camau gweithredu o'r cyfarfod hwn"))
        );
        assert!(tudalen.body.contains("Yn bresennol"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_gets_404_for_a_meeting_of_a_group_they_are_not_in() {
    for t in engines().await {
        let admin = t.actor(Who::OrgAdmin).await;
        let other = cairn_app::meetings::create_group(
            &t.app,
            &admin,
            &GroupDraft {
                name_en: "Strategy group".into(),
                name_cy: "Grŵp strategaeth".into(),
                kind: "strategy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("group");
        let m = past_meeting(&t, other).await;

        let res = t.get(Who::Member, &format!("/my-meetings/{m}")).await;
        let list = t.get(Who::Member, "/my-meetings").await;

        assert_eq!(res.status, StatusCode::NOT_FOUND);
        assert!(!list.body.contains(&format!("/my-meetings/{m}\"")));
    }
}

/// Everyone's overdue actions in organisation A as the pages order them (due date, then id):
/// their English text as askama writes it.
async fn overdue_in_order(t: &TestApp) -> Vec<String> {
    let today = cairn_domain::time::local_date(
        t.app.now(),
        &cairn_domain::time::time_zone("Europe/London"),
    )
    .to_string();
    let mut h = t.app.db.acquire().await.expect("acquire");
    let rows: Vec<(String,)> = cairn_db::fetch_all!(
        &mut h.conn(),
        (String,),
        "SELECT text FROM meeting_actions WHERE organisation_id = $1 AND status = 'open' \
         AND due_on < $2 ORDER BY due_on, id",
        t.seed.org_a,
        today
    )
    .expect("actions");
    rows.into_iter().map(|r| html(&r.0)).collect()
}

/// The actions of `expected` a page lists, in the order it lists them.
fn listed(body: &str, expected: &[String]) -> Vec<String> {
    let mut at: Vec<(usize, String)> = expected
        .iter()
        .filter_map(|text| body.find(&format!(">{text}<")).map(|i| (i, text.clone())))
        .collect();
    at.sort();
    at.into_iter().map(|(_, text)| text).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_meetings_page_lists_ten_overdue_actions_and_links_to_all_of_them_a_page_at_a_time() {
    for t in engines().await {
        // Arrange: 61 more overdue actions beside the seeded one, three to each due date, so
        // the page break falls among equal dates.
        let admin = t.actor(Who::OrgAdmin).await;
        for i in 0..61 {
            let due = DateParts {
                day: (1 + i / 3).to_string(),
                month: "1".into(),
                year: "2021".into(),
            };
            cairn_app::meetings::add_action(
                &t.app,
                &admin,
                t.seed.meeting,
                Bilingual::new(Some(&format!("Overdue task {i:02}")), None),
                Some(t.seed.member_person),
                &due,
            )
            .await
            .expect("action");
        }
        let all = overdue_in_order(&t).await;
        assert_eq!(all.len(), 62, "{all:?}");

        // Exec
        let home = t.get(Who::Lead, "/meetings").await;
        let first = t.get(Who::Lead, "/meetings/actions/overdue").await;
        let more = first
            .body
            .split("href=\"/meetings/actions/overdue?after=")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .map(|after| format!("/meetings/actions/overdue?after={after}"))
            .expect("a link to more");
        let second = t.get(Who::Lead, &more).await;
        let welsh = in_welsh(&t, Who::Lead, "/meetings").await;

        // Check: the meetings page, the longest overdue ten and a link to all 62.
        for res in [&home, &first, &second, &welsh] {
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        assert_eq!(listed(&home.body, &all), all[..10].to_vec());
        assert!(
            home.body
                .contains("<a href=\"/meetings/actions/overdue\">All overdue actions (62)</a>"),
            "{}",
            home.body
        );
        assert!(
            welsh
                .body
                .contains(&html("Pob cam gweithredu sy'n hwyr (62)"))
        );
        // The page of them all: 50, then the other 12, and a way back.
        assert_eq!(listed(&first.body, &all), all[..50].to_vec());
        assert!(first.body.contains("Overdue in all: 62"));
        assert!(!first.body.contains("Back to the first page"));
        assert_eq!(listed(&second.body, &all), all[50..].to_vec());
        assert!(first.body.contains("More overdue actions"));
        assert!(
            !second.body.contains("More overdue actions"),
            "no page after the last"
        );
        assert!(
            second
                .body
                .contains("<a href=\"/meetings/actions/overdue\">Back to the first page</a>")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_overdue_actions_page_refuses_a_malformed_place_and_members() {
    for t in engines().await {
        for after in [
            "2021-01-01",
            "2021-13-01_5",
            "2021-01-01_x",
            "2021-01-01_0",
            "_7",
        ] {
            let res = t
                .get(
                    Who::Lead,
                    &format!("/meetings/actions/overdue?after={after}"),
                )
                .await;
            assert_eq!(res.status, StatusCode::BAD_REQUEST, "{after}");
        }
        let member = t.get(Who::Member, "/meetings/actions/overdue").await;
        assert_eq!(member.status, StatusCode::FORBIDDEN);
        let home = t.get(Who::Lead, "/meetings").await;
        assert!(
            !home.body.contains("All overdue actions"),
            "one overdue action needs no link"
        );
    }
}
