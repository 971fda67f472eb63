//! Easy Read on both engines: the switch is a member's own and outlives their sign-in; while it
//! is on, the standard pages send them to the Easy Read versions (and "standard page" links
//! stay put); a suggestion and "I'm interested" from Easy Read are stored exactly as from the
//! standard pages; the claims page adds up the member's own claims and nobody else's; only
//! members are offered it; and the pages speak Welsh.

use crate::helpers::{PASSWORD, Res, TestApp, Who};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use cairn_domain::Role;
use cairn_domain::payments::{ClaimStatus, format_pounds};

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<TestApp> {
    let mut v = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(pg);
    }
    v
}

fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A second signed-in member, with their own session: the carer (`person_a1`) given an account.
struct OtherMember {
    cookie: String,
    csrf: String,
}

const CARER_EMAIL: &str = "carer@a.cairn.test";

async fn carer_account(t: &TestApp) -> OtherMember {
    let hash = t.app.password_cost.hash(PASSWORD);
    let mut tx = t.app.db.begin().await.expect("tx");
    cairn_db::accounts::insert_user(
        &mut tx.conn(),
        &cairn_db::accounts::NewUser {
            organisation_id: Some(t.seed.org_a),
            email: CARER_EMAIL,
            password_hash: Some(&hash),
            role: Role::Member,
            person_id: Some(t.seed.person_a1),
            locale: None,
        },
        0,
    )
    .await
    .expect("user");
    tx.commit().await.expect("commit");
    sign_in(t, CARER_EMAIL).await
}

/// A new session for an account (as a fresh sign-in on another day would give).
async fn sign_in(t: &TestApp, email: &str) -> OtherMember {
    let s = cairn_app::accounts::sign_in(&t.app, email, PASSWORD, "test")
        .await
        .expect("sign in");
    OtherMember {
        cookie: format!("cairn_session={}", s.secret),
        csrf: s.csrf,
    }
}

async fn get_as(t: &TestApp, m: &OtherMember, path: &str) -> Res {
    t.raw(
        Request::builder()
            .uri(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &m.cookie)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

async fn post_as(t: &TestApp, m: &OtherMember, path: &str, form: &str) -> Res {
    t.raw(
        Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "localhost")
            .header(header::COOKIE, &m.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("csrf={}&{form}", m.csrf)))
            .expect("request"),
    )
    .await
}

async fn easy_read_of(t: &TestApp, email: &str) -> bool {
    let mut h = t.app.db.acquire().await.expect("h");
    cairn_db::accounts::find_user_by_email(&mut h.conn(), email)
        .await
        .expect("u")
        .expect("u")
        .easy_read
}

fn in_welsh(t: &TestApp, who: Who, path: &str) -> impl std::future::Future<Output = Res> {
    t.send(who, Method::GET, path, None, &[("accept-language", "cy")])
}

#[tokio::test]
async fn easy_read_is_remembered_for_the_member_who_chose_it_and_no_one_else() {
    for t in engines().await {
        // Setup
        let carer = carer_account(&t).await;

        // Exec: the member turns Easy Read on from the suggestion page.
        let on = t
            .post(Who::Member, "/easy-read/switch", "on=yes&next=/suggest")
            .await;

        // Check: back to the page, which now sends them to its Easy Read version.
        assert_eq!(on.status, StatusCode::SEE_OTHER, "{}", on.body);
        assert_eq!(on.location(), "/suggest");
        for (standard, easy) in [
            ("/suggest", "/easy-read/suggest"),
            ("/opportunities", "/easy-read/opportunities"),
            ("/payments/claims", "/easy-read/claims"),
            ("/me", "/easy-read/me"),
        ] {
            let res = t.get(Who::Member, standard).await;
            assert_eq!(res.status, StatusCode::SEE_OTHER, "{standard}");
            assert_eq!(res.location(), easy, "{standard}");
            let page = t.get(Who::Member, easy).await;
            assert_eq!(page.status, StatusCode::OK, "{easy}: {}", page.body);
            assert!(
                page.body
                    .contains(&format!("href=\"{standard}?standard=1\"")),
                "{easy} links back to the standard page"
            );
            let back = t.get(Who::Member, &format!("{standard}?standard=1")).await;
            assert_eq!(back.status, StatusCode::OK, "{standard}?standard=1");
        }
        // Another member's pages are as they were.
        let carer_page = get_as(&t, &carer, "/suggest").await;
        assert_eq!(carer_page.status, StatusCode::OK, "{}", carer_page.body);
        assert!(easy_read_of(&t, Who::Member.email()).await);
        assert!(!easy_read_of(&t, CARER_EMAIL).await);
        // Signing in again keeps the choice.
        let again = sign_in(&t, Who::Member.email()).await;
        let res = get_as(&t, &again, "/me").await;
        assert_eq!(res.location(), "/easy-read/me");
        let hub = get_as(&t, &again, "/easy-read").await;
        assert!(
            hub.body.contains("data-easy-read-state=\"on\""),
            "{}",
            hub.body
        );
        // The choice is the member's own data: their export shows it.
        let export = t
            .get(
                Who::OrgAdmin,
                &format!("/people/{}/export.json", t.seed.member_person),
            )
            .await
            .json();
        assert_eq!(export["account"]["easy_read"], true);

        // Exec: the carer turns it on and the member turns it off.
        let res = post_as(&t, &carer, "/easy-read/switch", "on=yes&next=/easy-read").await;
        assert_eq!(res.location(), "/easy-read");
        let res = post_as(&t, &again, "/easy-read/switch", "on=no&next=/suggest").await;
        assert_eq!(res.location(), "/suggest");

        // Check
        assert_eq!(t.get(Who::Member, "/suggest").await.status, StatusCode::OK);
        assert_eq!(
            get_as(&t, &carer, "/suggest").await.location(),
            "/easy-read/suggest"
        );
        assert!(!easy_read_of(&t, Who::Member.email()).await);
        assert!(easy_read_of(&t, CARER_EMAIL).await);
    }
}

#[tokio::test]
async fn only_members_are_offered_easy_read_and_staff_pages_never_move() {
    for t in engines().await {
        for who in [Who::Lead, Who::UnitStaff, Who::OrgAdmin, Who::Viewer] {
            let hub = t.get(who, "/easy-read").await;
            let switch = t.post(who, "/easy-read/switch", "on=yes").await;
            assert_eq!(hub.status, StatusCode::FORBIDDEN, "{who:?}");
            assert_eq!(switch.status, StatusCode::FORBIDDEN, "{who:?}");
        }
        let res = t
            .post(
                Who::Lead,
                &format!(
                    "/easy-read/opportunities/{}/interest",
                    t.seed.opportunities[1]
                ),
                "",
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
        let anon = t.get(Who::Anon, "/easy-read/claims").await;
        assert!(
            anon.location().starts_with("/sign-in"),
            "{}",
            anon.location()
        );
        // The header offers it to members only.
        assert!(
            t.get(Who::Member, "/home")
                .await
                .body
                .contains("href=\"/easy-read\"")
        );
        assert!(
            !t.get(Who::Lead, "/home")
                .await
                .body
                .contains("href=\"/easy-read\"")
        );
        assert!(!easy_read_of(&t, Who::Lead.email()).await);
        // So do the member's account and "About me" pages, and nobody else's.
        for path in ["/account", "/me"] {
            assert!(
                t.get(Who::Member, path)
                    .await
                    .body
                    .contains("class=\"cairn-er-link\"")
            );
            assert!(
                !t.get(Who::Lead, path)
                    .await
                    .body
                    .contains("class=\"cairn-er-link\"")
            );
        }
    }
}

async fn stored_suggestion(t: &TestApp, text: &str) -> cairn_db::feedback::Suggestion {
    let mut h = t.app.db.acquire().await.expect("h");
    cairn_db::feedback::list(
        &mut h.conn(),
        t.seed.org_a,
        &cairn_db::feedback::SuggestionQuery {
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("list")
    .into_iter()
    .find(|s| s.text == text)
    .unwrap_or_else(|| panic!("a suggestion saying {text:?}"))
}

#[tokio::test]
async fn an_easy_read_suggestion_is_stored_exactly_as_the_standard_form_stores_it() {
    for t in engines().await {
        // Setup
        let form = |text: &str| {
            format!(
                "text={}&unit_id={}&contact={}",
                enc(text),
                t.seed.unit_a1,
                enc("Ward phone")
            )
        };

        // Exec
        let standard = t
            .post(Who::Member, "/suggest", &form("A bench in the garden"))
            .await;
        let easy = t
            .post(
                Who::Member,
                "/easy-read/suggest",
                &form("A clock in the lounge"),
            )
            .await;
        let empty = t
            .post(
                Who::Member,
                "/easy-read/suggest",
                &format!("text=&unit_id=&contact={}", enc("Ward phone")),
            )
            .await;
        let thanks = t.get(Who::Member, easy.location()).await;

        // Check
        assert_eq!(standard.status, StatusCode::SEE_OTHER, "{}", standard.body);
        assert_eq!(easy.status, StatusCode::SEE_OTHER, "{}", easy.body);
        assert_eq!(easy.location(), "/easy-read/suggest/thanks");
        assert_eq!(thanks.status, StatusCode::OK);
        assert!(
            thanks.body.contains("We have your idea."),
            "{}",
            thanks.body
        );
        let a = stored_suggestion(&t, "A bench in the garden").await;
        let b = stored_suggestion(&t, "A clock in the lounge").await;
        assert_eq!(
            (
                a.channel,
                a.unit_id,
                a.anonymous,
                &a.contact,
                &a.contact_language,
                a.submitted_by_user_id,
                &a.status,
                a.visibility,
            ),
            (
                b.channel,
                b.unit_id,
                b.anonymous,
                &b.contact,
                &b.contact_language,
                b.submitted_by_user_id,
                &b.status,
                b.visibility,
            )
        );
        assert_eq!(b.unit_id, Some(t.seed.unit_a1));
        assert!(
            b.submitted_by_user_id.is_some(),
            "not anonymous: the member is named"
        );
        // An empty one is refused beside the field, keeping what was typed.
        assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            crate::helpers::field_error(&empty.body, "text").is_some_and(|m| !m.is_empty()),
            "{}",
            empty.body
        );
        assert!(empty.body.contains("value=\"Ward phone\""));
    }
}

#[tokio::test]
async fn saying_im_interested_from_easy_read_records_one_interest_for_the_member() {
    for t in engines().await {
        // Setup
        let opp = t.seed.opportunities[1];
        let path = format!("/easy-read/opportunities/{opp}/interest");
        let list = t.get(Who::Member, "/easy-read/opportunities").await;
        assert!(
            list.body.contains(&format!("action=\"{path}\"")),
            "{}",
            list.body
        );

        // Exec
        let first = t.post(Who::Member, &path, "").await;
        let second = t.post(Who::Member, &path, "").await;
        let after = t.get(Who::Member, first.location()).await;

        // Check
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
        assert_eq!(
            first.location(),
            format!("/easy-read/opportunities?sent={opp}#done")
        );
        assert_eq!(
            second.location(),
            format!("/easy-read/opportunities?already={opp}#done")
        );
        assert!(
            after
                .body
                .contains("Thank you. We know you are interested in: Panel volunteer."),
            "{}",
            after.body
        );
        assert!(
            !after.body.contains(&format!("action=\"{path}\"")),
            "no second button once said"
        );
        let mut h = t.app.db.acquire().await.expect("h");
        let interests = cairn_db::roles::interests_of_person(&mut h.conn(), t.seed.member_person)
            .await
            .expect("interests");
        let here: Vec<_> = interests
            .iter()
            .filter(|i| i.opportunity_id == opp)
            .collect();
        assert_eq!(here.len(), 1, "said twice, recorded once");
        assert!(!here[0].on_behalf, "the member said it themselves");
    }
}

/// Adds up a person's stored claims by where they are: (owed, paid, not sent), in pence.
async fn stored_totals(t: &TestApp, person: i64) -> (Vec<i64>, i64, i64, i64) {
    let mut h = t.app.db.acquire().await.expect("h");
    let claims = cairn_db::payments::list_claims(
        &mut h.conn(),
        t.seed.org_a,
        &cairn_db::payments::ClaimQuery {
            person_id: Some(person),
            limit: 1000,
            ..Default::default()
        },
    )
    .await
    .expect("claims");
    let sum = |f: &dyn Fn(ClaimStatus) -> bool| {
        claims
            .iter()
            .filter(|c| f(c.status))
            .map(|c| c.total_pence)
            .sum::<i64>()
    };
    (
        claims.iter().map(|c| c.id).collect(),
        sum(&|s| {
            matches!(
                s,
                ClaimStatus::Submitted
                    | ClaimStatus::Approved
                    | ClaimStatus::Authorised
                    | ClaimStatus::InRun
            )
        }),
        sum(&|s| s == ClaimStatus::Paid),
        sum(&|s| s == ClaimStatus::Draft),
    )
}

#[tokio::test]
async fn what_you_are_owed_adds_up_the_members_own_claims_only() {
    for t in engines().await {
        // Setup: a second claim the member has not sent yet, beside the seeded sent one; the
        // carer's claims (submitted, approved, in a run) belong to someone else.
        let member = t.actor(Who::Member).await;
        let yesterday = cairn_domain::time::local_date(
            t.app.now() - 24 * 60 * 60 * 1000,
            &cairn_domain::time::time_zone("Europe/London"),
        );
        let draft = cairn_app::payments::create_claim(
            &t.app,
            &member,
            None,
            None,
            &cairn_domain::payments::ClaimDraft {
                activity_type: "meeting".into(),
                activity_on: cairn_domain::time::DateParts::from_date(Some(yesterday)),
                hours: "1".into(),
                minutes: "30".into(),
                description: "Ward forum".into(),
                expenses: Vec::new(),
            },
        )
        .await
        .expect("claim");
        let (mine, owed, paid, not_sent) = stored_totals(&t, t.seed.member_person).await;
        let (theirs, carer_owed, _, _) = stored_totals(&t, t.seed.person_a1).await;
        assert!(owed > 0 && not_sent > 0 && carer_owed > 0 && paid == 0);
        assert!(mine.contains(&draft));

        // Exec
        let res = t.get(Who::Member, "/easy-read/claims").await;
        let carer = carer_account(&t).await;
        let carer_res = get_as(&t, &carer, "/easy-read/claims").await;

        // Check
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let owed_part = &res.body[res.body.find("data-easy-read-owed").expect("owed")..];
        assert!(
            owed_part.contains(&format!("We owe you {}.", format_pounds(owed))),
            "{owed_part}"
        );
        assert!(owed_part.contains("This is for 1 claim."), "{owed_part}");
        assert!(owed_part.contains("You have 1 claim you have not sent."));
        assert!(owed_part.contains("We have not paid you yet."));
        assert!(
            res.body
                .contains(&format!("Amount: {}", format_pounds(not_sent)))
        );
        for id in &mine {
            assert!(
                res.body
                    .contains(&format!("href=\"/payments/claims/{id}\""))
            );
        }
        for id in &theirs {
            assert!(
                !res.body
                    .contains(&format!("href=\"/payments/claims/{id}\"")),
                "another person's claim {id}"
            );
        }
        assert!(res.body.contains("href=\"/payments/claims/start\""));
        // The carer sees theirs, added up the same way, and not the member's.
        assert_eq!(carer_res.status, StatusCode::OK);
        assert!(
            carer_res
                .body
                .contains(&format!("We owe you {}.", format_pounds(carer_owed))),
            "{}",
            carer_res.body
        );
        assert!(
            carer_res
                .body
                .contains(&format!("This is for {} claims.", theirs.len()))
        );
        assert!(
            !carer_res
                .body
                .contains(&format!("href=\"/payments/claims/{draft}\""))
        );
    }
}

#[tokio::test]
async fn what_cairn_keeps_about_you_in_easy_read_reads_the_members_own_record() {
    for t in engines().await {
        // Setup
        let views_before = views_of(&t, t.seed.member_person).await;

        // Exec
        let res = t.get(Who::Member, "/easy-read/me").await;

        // Check
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let facts = &res.body[res.body.find("data-easy-read-facts").expect("facts")..];
        assert!(facts.contains("Your name: Mo"), "{facts}");
        assert!(facts.contains("You have made 1 claim."), "{facts}");
        assert!(
            facts.contains("You said you are interested in 2 things."),
            "{facts}"
        );
        assert!(facts.contains("You have 1 role just now."), "{facts}");
        // The read is audited, as on the standard page.
        assert_eq!(views_of(&t, t.seed.member_person).await, views_before + 1);
    }
}

/// How many times the audit log says the person's record was read.
async fn views_of(t: &TestApp, person: i64) -> usize {
    let mut h = t.app.db.acquire().await.expect("h");
    cairn_db::audit::list(
        &mut h.conn(),
        t.seed.org_a,
        &cairn_db::audit::AuditQuery {
            action: Some("view".into()),
            entity: Some("person".into()),
            entity_id: Some(person),
            limit: 1000,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .len()
}

#[tokio::test]
async fn the_easy_read_pages_speak_welsh() {
    for t in engines().await {
        for (path, heading) in [
            ("/easy-read", "Hawdd ei Ddeall"),
            ("/easy-read/suggest", "Gwneud awgrym"),
            ("/easy-read/suggest/thanks", "Diolch"),
            ("/easy-read/opportunities", "Ffyrdd o gymryd rhan"),
            ("/easy-read/claims", "Hawliadau ac arian"),
            ("/easy-read/me", "Beth mae Cairn yn ei gadw amdanoch chi"),
        ] {
            let res = in_welsh(&t, Who::Member, path).await;
            assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
            assert!(res.body.contains("<html lang=\"cy\">"), "{path}");
            assert!(res.body.contains(&format!("<h1>{heading}</h1>")), "{path}");
            for english in [
                "Easy Read is",
                "Turn Easy Read",
                "Go to the standard page",
                "We ",
            ] {
                assert!(!res.body.contains(english), "{path} says {english:?}");
            }
        }
        let claims = in_welsh(&t, Who::Member, "/easy-read/claims").await;
        let (_, owed, _, _) = stored_totals(&t, t.seed.member_person).await;
        assert!(
            claims
                .body
                .contains(&format!("Mae arnom {} i chi.", format_pounds(owed))),
            "{}",
            claims.body
        );
        let opps = in_welsh(&t, Who::Member, "/easy-read/opportunities").await;
        assert!(
            opps.body.contains("Gwirfoddolwr panel"),
            "the role's Welsh title"
        );
        assert!(opps.body.contains("Mae gen i ddiddordeb"));
        // Mistakes are explained in Welsh beside the field.
        let res = t
            .send(
                Who::Member,
                Method::POST,
                "/easy-read/suggest",
                Some("text="),
                &[("accept-language", "cy")],
            )
            .await;
        assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            res.body.contains("Ysgrifennwch eich awgrym"),
            "{}",
            res.body
        );
    }
}
