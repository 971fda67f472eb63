//! Buddies and welcome meetings on the web: the staff lists in English and Welsh (newcomers
//! waiting per unit, current pairings, the unit filter in the URL), the pairing, check-in,
//! arrival and meeting forms (errors beside the fields, what was typed kept, nothing saved),
//! the member's own "My buddy" page and its link from home, the "Newcomers" note on the people
//! list with its Welsh plural, and the welcome page saying that no names are recorded.

use crate::helpers::{Res, TestApp, Who, field_error};
use axum::http::{Method, StatusCode};
use jiff::civil::Date;

/// Text as askama writes it into HTML.
fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn today(t: &TestApp) -> Date {
    cairn_domain::time::local_date(t.app.now(), &cairn_domain::time::time_zone("Europe/London"))
}

fn ago(t: &TestApp, n: i64) -> Date {
    today(t)
        .checked_sub(jiff::Span::new().days(n))
        .expect("date")
}

async fn welsh(t: &TestApp, who: Who, path: &str) -> Res {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
        .await
}

async fn welsh_post(t: &TestApp, who: Who, path: &str, form: &str) -> Res {
    t.send(
        who,
        Method::POST,
        path,
        Some(form),
        &[("accept-language", "cy")],
    )
    .await
}

/// A person on unit A1 who joined `days` ago, added straight to the database.
async fn newcomer(t: &TestApp, name: &str, days: i64) -> i64 {
    let mut tx = t.app.db.begin().await.expect("tx");
    let id = cairn_db::people::insert(
        &mut tx.conn(),
        t.seed.org_a,
        &cairn_domain::people::PersonFields {
            chosen_name: name.into(),
            constituency: cairn_domain::people::Constituency::ServiceUser,
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
    cairn_db::execute!(
        &mut tx.conn(),
        "UPDATE people SET joined_on = $2 WHERE id = $1",
        id,
        ago(t, days).to_string()
    )
    .expect("joined");
    tx.commit().await.expect("commit");
    id
}

fn date_form(field: &str, d: Date) -> String {
    format!(
        "{field}_day={}&{field}_month={}&{field}_year={}",
        d.day(),
        d.month(),
        d.year()
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_see_newcomers_waiting_per_unit_and_current_pairings_in_both_languages() {
    let t = TestApp::new().await;
    let late = newcomer(&t, "Elin", 20).await;
    let early = newcomer(&t, "Gwen", 3).await;

    let en = t.get(Who::Lead, "/buddies").await;
    assert_eq!(en.status, StatusCode::OK, "{}", en.body);
    assert!(en.body.contains("<h3>Alder</h3>"), "{}", en.body);
    assert!(en.body.contains("2 newcomers have no buddy yet."));
    assert!(en.body.contains("1 of them has waited more than 14 days."));
    assert!(
        en.body
            .contains(&format!("href=\"/buddies/new?newcomer={late}\""))
    );
    assert!(
        en.body
            .contains(&format!("href=\"/buddies/new?newcomer={early}\""))
    );
    assert_eq!(en.body.matches("More than 14 days</strong>").count(), 1);
    // The member is paired with the carer.
    assert!(
        en.body
            .contains(&format!("href=\"/buddies/{}\">Mo</a>", t.seed.pairing))
    );
    assert!(en.body.contains("Carys"));

    let cy = welsh(&t, Who::Lead, "/buddies").await;
    assert_eq!(cy.status, StatusCode::OK);
    assert!(cy.body.contains("<h1>Cyfeillion</h1>"));
    assert!(cy.body.contains("Mae 2 newydd-ddyfodiad heb gyfaill eto."));
    assert!(
        cy.body
            .contains(&html("Mae 1 ohonynt wedi aros mwy na phythefnos."))
    );
    assert!(cy.body.contains("Parau presennol"));
    assert!(!cy.body.contains("Current pairings"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unit_filter_stays_in_the_url_and_unit_staff_see_only_their_units() {
    let t = TestApp::new().await;
    let a2 = t.seed.unit_a2;
    let res = t.get(Who::Lead, &format!("/buddies?unit_id={a2}")).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body
            .contains(&format!("<option value=\"{a2}\" selected>"))
    );
    assert!(!res.body.contains(&format!("/buddies/{}\"", t.seed.pairing)));
    assert!(res.body.contains("There are no current pairings."));
    // Unit staff reach one unit, so there is nothing to filter, and they see its pairing.
    let staff = t.get(Who::UnitStaff, "/buddies").await;
    assert!(!staff.body.contains("name=\"unit_id\""));
    assert!(
        staff
            .body
            .contains(&format!("/buddies/{}\"", t.seed.pairing))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pairing_form_preselects_the_newcomer_and_keeps_what_was_typed_on_errors() {
    let t = TestApp::new().await;
    let elin = newcomer(&t, "Elin", 20).await;
    let form = t
        .get(Who::UnitStaff, &format!("/buddies/new?newcomer={elin}"))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body
            .contains(&format!("<option value=\"{elin}\" selected>Elin</option>"))
    );
    // Only the carer holds the buddy role.
    assert!(form.body.contains(&format!(
        "<option value=\"{}\">Carys</option>",
        t.seed.person_a1
    )));
    let d = today(&t);
    assert!(form.body.contains(&format!(
        "name=\"starts_on_day\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
        d.day()
    )));

    // The member is not a buddy, and the date is impossible.
    let typed = format!(
        "newcomer_id={elin}&buddy_id={}&starts_on_day=31&starts_on_month=2&starts_on_year=2026",
        t.seed.member_person
    );
    let res = t.post(Who::UnitStaff, "/buddies/new", &typed).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "starts_on"),
        Some("Enter a real date, for example 27 3 2026")
    );
    assert!(
        res.body
            .contains(&format!("<option value=\"{elin}\" selected>Elin</option>"))
    );
    assert!(
        res.body
            .contains("name=\"starts_on_day\" type=\"text\" inputmode=\"numeric\" value=\"31\"")
    );
    assert!(res.body.contains("<title>Error:"));

    let typed = format!(
        "newcomer_id={elin}&buddy_id={}&{}",
        t.seed.member_person,
        date_form("starts_on", d)
    );
    let res = welsh_post(&t, Who::UnitStaff, "/buddies/new", &typed).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "buddy_id"),
        Some(html("Dewiswch rywun sydd â rôl cyfaill nawr").as_str())
    );
    // The member already has a buddy: a second pairing is refused beside the field.
    let typed = format!(
        "newcomer_id={}&buddy_id={}&{}",
        t.seed.member_person,
        t.seed.person_a1,
        date_form("starts_on", d)
    );
    let res = t.post(Who::Lead, "/buddies/new", &typed).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "newcomer_id"),
        Some("This newcomer already has a buddy. End that pairing first.")
    );
    // Fixed, it saves and shows the pairing.
    let typed = format!(
        "newcomer_id={elin}&buddy_id={}&{}",
        t.seed.person_a1,
        date_form("starts_on", d)
    );
    let res = t.post(Who::UnitStaff, "/buddies/new", &typed).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = t.get(Who::UnitStaff, res.location()).await;
    assert!(
        page.body.contains("<h1>Buddy pairing for Elin</h1>"),
        "{}",
        page.body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn check_in_and_end_forms_keep_what_was_typed_and_an_end_closes_the_pairing() {
    let t = TestApp::new().await;
    let p = t.seed.pairing;
    let tomorrow = today(&t).tomorrow().expect("date");
    let typed = format!(
        "{}&note=Walked+round+the+garden",
        date_form("held_on", tomorrow)
    );
    let res = t
        .post(Who::UnitStaff, &format!("/buddies/{p}/checkins"), &typed)
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "held_on"),
        Some("The date must be today or in the past")
    );
    assert!(res.body.contains(">Walked round the garden</textarea>"));
    let res = t
        .post(
            Who::UnitStaff,
            &format!("/buddies/{p}/checkins"),
            &format!(
                "{}&note=Walked+round+the+garden",
                date_form("held_on", today(&t))
            ),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let cy = welsh(&t, Who::UnitStaff, &format!("/buddies/{p}")).await;
    assert!(cy.body.contains("Walked round the garden"));
    assert!(cy.body.contains("Cyfarfodydd dilynol"));

    let res = welsh_post(
        &t,
        Who::Lead,
        &format!("/buddies/{p}/end"),
        &date_form("ends_on", ago(&t, 5)),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "ends_on"),
        Some("Ni all y dyddiad gorffen fod cyn y dyddiad dechrau")
    );
    assert!(res.body.contains(&format!(
        "name=\"ends_on_day\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
        ago(&t, 5).day()
    )));
    let res = t
        .post(
            Who::Lead,
            &format!("/buddies/{p}/end"),
            &date_form("ends_on", today(&t)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = t.get(Who::Lead, &format!("/buddies/{p}")).await;
    assert!(!page.body.contains("End this pairing"));
    assert!(
        !t.get(Who::Member, "/home")
            .await
            .body
            .contains("href=\"/my-buddy\"")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_member_sees_their_own_buddy_in_plain_words_and_finds_it_from_home() {
    let t = TestApp::new().await;
    let home = t.get(Who::Member, "/home").await;
    assert!(
        home.body.contains("<a href=\"/my-buddy\">My buddy</a>"),
        "{}",
        home.body
    );
    assert!(home.body.contains("You have a buddy: Carys"));
    let en = t.get(Who::Member, "/my-buddy").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(en.body.contains("Your buddy is Carys"));
    assert!(!en.body.contains("Dai"));
    let cy = welsh(&t, Who::Member, "/my-buddy").await;
    assert!(cy.body.contains("<h1>Fy nghyfaill</h1>"));
    assert!(cy.body.contains("Eich cyfaill yw Carys"));
    // Staff have no pairing of their own, and no link to one.
    assert!(!t.get(Who::Lead, "/home").await.body.contains("/my-buddy"));
    // The staff page about the pairing is not for the member.
    assert_eq!(
        t.get(Who::Member, &format!("/buddies/{}", t.seed.pairing))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_people_list_carries_the_newcomers_note_with_its_welsh_plural() {
    let t = TestApp::new().await;
    let res = t.get(Who::Lead, "/people").await;
    assert!(
        res.body.contains("No newcomers are waiting for a buddy."),
        "{}",
        res.body
    );
    assert!(res.body.contains("<a href=\"/buddies\">Buddies</a>"));
    assert!(
        res.body
            .contains("<a href=\"/welcome\">Welcome meetings</a>")
    );
    let cy = welsh(&t, Who::Lead, "/people").await;
    assert!(
        cy.body
            .contains("Nid oes unrhyw newydd-ddyfodiaid yn aros am gyfaill.")
    );
    for (i, n) in ["Elin", "Gwen", "Heledd"].iter().enumerate() {
        newcomer(&t, n, 2 + i as i64).await;
    }
    let cy = welsh(&t, Who::UnitStaff, "/people").await;
    assert!(
        cy.body.contains("Mae 3 newydd-ddyfodiad heb gyfaill eto."),
        "{}",
        cy.body
    );
    assert!(!cy.body.contains("ohonynt"), "none has waited 14 days yet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_welcome_page_says_no_names_are_kept_and_shows_the_share_offered() {
    let t = TestApp::new().await;
    let en = t.get(Who::UnitStaff, "/welcome").await;
    assert_eq!(en.status, StatusCode::OK);
    assert!(
        en.body
            .contains("No names or clinical details are recorded here")
    );
    assert!(
        en.body.contains("0 of 1 arrivals were offered a meeting."),
        "{}",
        en.body
    );
    assert!(en.body.contains(">0%</td>"));
    assert!(
        en.body
            .contains(&format!("href=\"/welcome/{}\"", t.seed.arrival))
    );
    let cy = welsh(&t, Who::UnitStaff, "/welcome").await;
    assert!(cy.body.contains(&html(
        "Nid oes enwau na manylion clinigol yn cael eu cofnodi yma"
    )));
    assert!(cy.body.contains("Heb ei gynnig"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrival_and_meeting_forms_keep_the_dates_typed_and_refuse_bad_ones_beside_the_field() {
    let t = TestApp::new().await;
    let a1 = t.seed.unit_a1;
    let tomorrow = today(&t).tomorrow().expect("date");
    let typed = format!("unit_id={a1}&{}", date_form("arrived_on", tomorrow));
    let res = t.post(Who::UnitStaff, "/welcome/new", &typed).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "arrived_on"),
        Some("The date must be today or in the past")
    );
    assert!(
        res.body
            .contains(&format!("<option value=\"{a1}\" selected>"))
    );
    assert!(res.body.contains(&format!(
        "name=\"arrived_on_day\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
        tomorrow.day()
    )));
    // A unit outside the staff's own is refused.
    let typed = format!(
        "unit_id={}&{}",
        t.seed.unit_a2,
        date_form("arrived_on", today(&t))
    );
    let res = t.post(Who::UnitStaff, "/welcome/new", &typed).await;
    assert_eq!(
        field_error(&res.body, "unit_id"),
        Some("Choose one of your units")
    );
    let typed = format!(
        "unit_id={a1}&{}&{}",
        date_form("arrived_on", ago(&t, 1)),
        date_form("offered_on", today(&t))
    );
    let res = t.post(Who::UnitStaff, "/welcome/new", &typed).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let list = t.get(Who::UnitStaff, "/welcome").await;
    assert!(
        list.body
            .contains("1 of 2 arrivals were offered a meeting."),
        "{}",
        list.body
    );

    let id = t.seed.arrival;
    let both = format!(
        "{}&{}&{}",
        date_form("offered_on", ago(&t, 1)),
        date_form("accepted_on", today(&t)),
        date_form("declined_on", today(&t))
    );
    let res = welsh_post(&t, Who::UnitStaff, &format!("/welcome/{id}"), &both).await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        field_error(&res.body, "declined_on"),
        Some(html("Mae cyfarfod naill ai'n cael ei dderbyn neu ei wrthod: gadewch un o'r dyddiadau'n wag").as_str())
    );
    assert!(res.body.contains(&format!(
        "name=\"accepted_on_day\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
        today(&t).day()
    )));
    let before = date_form("offered_on", ago(&t, 3));
    let res = t
        .post(Who::UnitStaff, &format!("/welcome/{id}"), &before)
        .await;
    assert_eq!(
        field_error(&res.body, "offered_on"),
        Some("The date cannot be before the arrival")
    );
    let good = format!(
        "{}&{}&{}",
        date_form("offered_on", ago(&t, 1)),
        date_form("accepted_on", ago(&t, 1)),
        date_form("held_on", today(&t))
    );
    let res = t
        .post(Who::UnitStaff, &format!("/welcome/{id}"), &good)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let page = t.get(Who::UnitStaff, &format!("/welcome/{id}")).await;
    assert!(page.body.contains(&format!(
        "name=\"held_on_day\" type=\"text\" inputmode=\"numeric\" value=\"{}\"",
        today(&t).day()
    )));
    let list = t.get(Who::UnitStaff, "/welcome").await;
    assert!(
        list.body
            .contains("2 of 2 arrivals were offered a meeting.")
    );
    assert!(list.body.contains("Accepted on"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_buddy_notice_written_in_english_reads_with_a_welsh_date_in_welsh_and_back_again() {
    let mut engines = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        engines.push(pg);
    }
    for t in engines {
        // Setup: the member reads English when the notice is written; it names a date.
        let member = t.actor(Who::Member).await;
        let mut tx = t.app.db.begin().await.expect("tx");
        cairn_app::notices::notify_with(
            &mut tx.conn(),
            member.user_id,
            "notice-buddy-paired-newcomer",
            &[
                ("name", cairn_app::notices::NoticeArg::Text("Ula".into())),
                (
                    "date",
                    cairn_app::notices::NoticeArg::Date {
                        date: jiff::civil::date(2026, 12, 3),
                    },
                ),
            ],
            t.app.now(),
        )
        .await
        .expect("notice");
        tx.commit().await.expect("commit");

        // Exec: the member reads it in Welsh, then in English again.
        let cy = welsh(&t, Who::Member, "/home").await;
        let en = t.get(Who::Member, "/home").await;

        // Check
        assert_eq!(cy.status, StatusCode::OK);
        assert!(
            cy.body.contains("Dyddiad dechrau: 3 Rhagfyr 2026"),
            "{}",
            cy.body
        );
        assert!(!cy.body.contains("December"), "no English date in Welsh");
        assert!(en.body.contains("from 3 December 2026"), "{}", en.body);
        assert!(!en.body.contains("Rhagfyr"), "no Welsh date in English");
    }
}
