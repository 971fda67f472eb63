//! Use-case tests for signed webhooks: every event is queued by the use case that makes the
//! change, inside its transaction (a refused change queues nothing); only subscribed endpoints
//! get a delivery; personal data only with the opt-in; the retry schedule and giving up after a
//! day; the lease that keeps two instances from sending one try; rotation; erasure and the
//! 30-day log. The last tests start a real receiver (`e2e/webhooks/receiver.mjs`) that checks
//! each delivery with the published `standardwebhooks` library.
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL). Each test reads
//! Setup → Exec → Check.

use crate::common::*;
use crate::payments::{World, approved, authorised, draft, make, submitted, world};
use cairn_app::webhooks::{self, EndpointDraft, LoggedDelivery};
use cairn_app::{Actor, App, AppError, feedback, meetings, roles};
use cairn_domain::feedback::SuggestionDraft;
use cairn_domain::meetings::{GroupDraft, Presence};
use cairn_domain::people::Language;
use cairn_domain::roles::{ExitDraft, OpportunityDraft, RoleDraft};
use cairn_domain::time::DateParts;
use cairn_domain::webhooks::{Event, GIVE_UP_AFTER_MS};
use cairn_testkit::both_engines;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
const BASE: &str = "https://cairn.example.nhs.wales";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn all_events() -> Vec<String> {
    Event::ALL.iter().map(|e| e.key().to_owned()).collect()
}

async fn endpoint(app: &App, admin: &Actor, url: &str, events: &[&str], personal: bool) -> i64 {
    webhooks::create(
        app,
        admin,
        &EndpointDraft {
            url: url.into(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
            include_personal_data: personal,
        },
    )
    .await
    .unwrap_or_else(|e| panic!("create endpoint {url}: {e:?}"))
    .endpoint
    .id
}

/// An address on this machine where nothing listens: every try fails to connect.
fn nowhere() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    format!("http://127.0.0.1:{port}/hook")
}

async fn log(app: &App, admin: &Actor, id: i64) -> Vec<LoggedDelivery> {
    webhooks::deliveries(app, admin, id, None, 200)
        .await
        .expect("deliveries")
}

/// The events queued for an endpoint, oldest first.
async fn events_of(app: &App, admin: &Actor, id: i64) -> Vec<String> {
    let mut v: Vec<String> = log(app, admin, id)
        .await
        .into_iter()
        .map(|d| d.delivery.event)
        .collect();
    v.reverse();
    v
}

fn payload(d: &LoggedDelivery) -> Value {
    serde_json::from_str(&d.delivery.payload).expect("payload is JSON")
}

fn online(unit: Option<i64>, text: &str) -> SuggestionDraft {
    SuggestionDraft {
        unit_id: unit,
        text: text.into(),
        channel: "online".into(),
        ..Default::default()
    }
}

fn parts(d: u8, m: u8, y: u16) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

fn role_draft() -> RoleDraft {
    let t = |s: &str| s.to_owned();
    RoleDraft {
        kind: t("buddy"),
        title_en: t("Buddy"),
        title_cy: t("Cyfaill"),
        purpose_en: t("Welcome newcomers"),
        purpose_cy: t("Croesawu pobl newydd"),
        involves_en: t("Meeting a newcomer"),
        involves_cy: t("Cwrdd â pherson newydd"),
        time_en: t("An hour a week"),
        time_cy: t("Awr yr wythnos"),
        support_en: t("Training"),
        support_cy: t("Hyfforddiant"),
        level: t("2"),
        payment: t("fee"),
        leadership: false,
        checks: vec![],
        published: true,
    }
}

fn exit_draft() -> ExitDraft {
    ExitDraft {
        left_on: parts(29, 3, 2026),
        reasons: vec!["moved_on".into()],
        own_words: "Feeling much better now".into(),
        stay_in_touch: "no".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Queued with the change
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn every_event_is_queued_by_the_use_case_that_makes_the_change_and_a_refused_change_queues_nothing()
 {
    both_engines(|db| async move {
        // Setup
        let w: World = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let hook = endpoint(
            app,
            admin,
            "https://receiver.example/hook",
            &all_events().iter().map(String::as_str).collect::<Vec<_>>(),
            false,
        )
        .await;

        // Exec: each change once, through the real use cases.
        let s1 = feedback::submit_online(
            app,
            &w.mo,
            &online(Some(w.alder), "More fruit"),
            Language::En,
        )
        .await
        .expect("online");
        let entered = SuggestionDraft {
            channel: "meeting".into(),
            ..online(Some(w.alder), "A quiet room")
        };
        feedback::enter(app, &w.lead, &entered, Language::En)
            .await
            .expect("entered");
        let secret = feedback::create_kiosk(app, admin, w.alder, "Day room")
            .await
            .expect("kiosk");
        feedback::submit_kiosk(
            app,
            &secret,
            "A clock",
            None,
            true,
            Language::En,
            "192.0.2.1",
        )
        .await
        .expect("kiosk post");
        feedback::publish(app, &w.lead, s1, "More fruit on the ward")
            .await
            .expect("publish");
        feedback::transition(app, &w.lead, s1, "done", Some("Fruit every day now"), None)
            .await
            .expect("close");
        let group = meetings::create_group(
            app,
            admin,
            &GroupDraft {
                name_en: "Community".into(),
                name_cy: "Cymuned".into(),
                kind: "community".into(),
                unit_id: Some(w.alder),
                minimums: ["1", "0", "", "", ""].map(str::to_owned),
                ..Default::default()
            },
        )
        .await
        .expect("group");
        let m = meetings::schedule_at(app, admin, group, T0 - 3 * HOUR, T0 - 2 * HOUR, "Day room")
            .await
            .expect("meeting");
        let line = |p| meetings::AttendanceLine {
            person_id: p,
            presence: Presence::Attended,
        };
        meetings::record_attendance(app, admin, m, &[line(w.mo_id)], 0)
            .await
            .expect("attendance");
        let claim = make(
            app,
            &w.lead,
            Some(w.mo_id),
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(app, &w.lead, claim).await;
        approved(app, &w.lead, claim).await;
        authorised(app, &w.finance, claim).await;
        let run = cairn_app::payments::create_run(app, &w.finance, &[claim])
            .await
            .expect("run");
        cairn_app::payments::lock_run(app, &w.finance, run)
            .await
            .expect("lock");
        cairn_app::payments::mark_paid(app, &w.finance, run)
            .await
            .expect("paid");
        let role = roles::create_role(app, &w.lead, &role_draft())
            .await
            .expect("role");
        let opp = roles::create_opportunity(
            app,
            &w.lead,
            &OpportunityDraft {
                role_id: role.to_string(),
                closes_on: parts(30, 4, 2026),
                ..Default::default()
            },
        )
        .await
        .expect("opportunity");
        let interest = match roles::express_interest(app, &w.mo, opp, None, "Me please")
            .await
            .expect("interest")
        {
            roles::Expressed::New(id) | roles::Expressed::Already(id) => id,
        };
        roles::move_interest(app, &w.lead, interest, "talked", "", &DateParts::default())
            .await
            .expect("move");
        roles::leave(app, &w.lead, w.mo_id, &exit_draft())
            .await
            .expect("leave");
        let queued = events_of(app, admin, hook).await;

        // Refused changes, each stopped inside its transaction or before it.
        let refusals = [
            roles::leave(app, &w.lead, w.mo_id, &exit_draft())
                .await
                .err(),
            cairn_app::payments::authorise(app, &w.finance, claim)
                .await
                .err(),
            cairn_app::payments::lock_run(app, &w.finance, run)
                .await
                .err(),
            feedback::transition_from(app, &w.lead, s1, Some("new"), "done", &"Again".into(), None)
                .await
                .err(),
            roles::move_interest(app, &w.lead, interest, "talked", "", &DateParts::default())
                .await
                .err(),
        ];
        let after_refusals = events_of(app, admin, hook).await;

        // Check
        assert_eq!(
            queued,
            vec![
                "suggestion.received",
                "suggestion.received",
                "suggestion.received",
                "suggestion.published",
                "suggestion.closed",
                "meeting.planned",
                "meeting.attendance_recorded",
                "claim.submitted",
                "claim.authorised",
                "payment_run.locked",
                "claim.paid",
                "interest.moved",
                "person.left",
            ]
        );
        assert!(
            refusals.iter().all(Option::is_some),
            "each refused: {refusals:?}"
        );
        assert_eq!(after_refusals, queued, "a refused change queued nothing");
    })
    .await;
}

#[tokio::test]
async fn only_endpoints_subscribed_to_an_event_get_a_delivery_and_never_another_organisations() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let suggestions = endpoint(
            app,
            admin,
            "https://a.example/hook",
            &["suggestion.received"],
            false,
        )
        .await;
        let money = endpoint(app, admin, "https://b.example/hook", &["claim.paid"], false).await;
        let other = org(app, "Org B", "admin@org-b.example").await;
        let theirs = endpoint(
            app,
            &other.admin,
            "https://c.example/hook",
            &["suggestion.received"],
            false,
        )
        .await;

        // Exec
        feedback::submit_online(
            app,
            &w.mo,
            &online(Some(w.alder), "Later breakfasts"),
            Language::En,
        )
        .await
        .expect("online");

        // Check
        assert_eq!(
            events_of(app, admin, suggestions).await,
            vec!["suggestion.received"]
        );
        assert!(events_of(app, admin, money).await.is_empty());
        assert!(events_of(app, &other.admin, theirs).await.is_empty());
        assert!(
            matches!(
                webhooks::get(app, admin, theirs).await,
                Err(AppError::NotFound)
            ),
            "another organisation's endpoint reads as not found"
        );
    })
    .await;
}

#[tokio::test]
async fn payloads_carry_ids_and_links_only_unless_the_endpoint_opted_in_to_personal_data() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let plain = endpoint(
            app,
            admin,
            "https://a.example/hook",
            &["suggestion.received", "claim.submitted"],
            false,
        )
        .await;
        let personal = endpoint(
            app,
            admin,
            "https://b.example/hook",
            &["suggestion.received", "claim.submitted"],
            true,
        )
        .await;

        // Exec
        let s = feedback::submit_online(
            app,
            &w.mo,
            &online(
                Some(w.alder),
                "My new medication makes me too sleepy for groups",
            ),
            Language::En,
        )
        .await
        .expect("online");
        let claim = make(
            app,
            &w.lead,
            Some(w.mo_id),
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(app, &w.lead, claim).await;

        // Check
        let p = log(app, admin, plain).await;
        let o = log(app, admin, personal).await;
        assert_eq!((p.len(), o.len()), (2, 2));
        let plain_suggestion = payload(&p[1]);
        assert_eq!(plain_suggestion["type"], "suggestion.received");
        assert_eq!(plain_suggestion["data"]["suggestion_id"], s);
        assert_eq!(plain_suggestion["data"]["url"], format!("/feedback/{s}"));
        assert!(
            plain_suggestion["timestamp"]
                .as_str()
                .is_some_and(|t| t.ends_with('Z'))
        );
        for d in &p {
            assert!(!d.delivery.personal);
            assert!(
                !d.delivery.payload.contains("sleepy"),
                "{}",
                d.delivery.payload
            );
            assert!(
                !d.delivery.payload.contains("\"Mo\""),
                "{}",
                d.delivery.payload
            );
            assert!(
                !d.delivery.payload.contains("Ward forum"),
                "{}",
                d.delivery.payload
            );
        }
        let opted = payload(&o[1]);
        assert!(o[1].delivery.personal);
        assert_eq!(
            opted["data"]["text"],
            "My new medication makes me too sleepy for groups"
        );
        assert_eq!(opted["data"]["people"][0]["name"], "Mo");
        assert_eq!(opted["data"]["people"][0]["id"], w.mo_id);
        let opted_claim = payload(&o[0]);
        assert_eq!(opted_claim["data"]["claim_id"], claim);
        assert_eq!(opted_claim["data"]["description"], "Ward forum");
        assert_ne!(p[0].delivery.message_id, o[0].delivery.message_id);
        assert!(p[0].delivery.message_id.starts_with("msg_"));
        // Links are made absolute on the deployment's address only when sent.
        let sent: Value = serde_json::from_str(&webhooks::body_for(
            &p[1].delivery.payload,
            &format!("{BASE}/"),
        ))
        .expect("JSON");
        assert_eq!(sent["data"]["url"], format!("{BASE}/feedback/{s}"));
    })
    .await;
}

#[tokio::test]
async fn an_endpoint_needs_https_unless_on_this_machine_and_known_events_each_refused_beside_its_field()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@org-a.example").await;
        let try_one = |url: &'static str, events: Vec<&'static str>| {
            let app = app.clone();
            let admin = o.admin.clone();
            async move {
                webhooks::create(
                    &app,
                    &admin,
                    &EndpointDraft {
                        url: url.into(),
                        events: events.into_iter().map(str::to_owned).collect(),
                        include_personal_data: false,
                    },
                )
                .await
            }
        };

        // Exec
        let plain_http = try_one("http://receiver.example/hook", vec!["claim.paid"]).await;
        let unknown = try_one(
            "https://receiver.example/hook",
            vec!["claim.paid", "claim.eaten"],
        )
        .await;
        let none = try_one("not a url", vec![]).await;
        let local = try_one("http://127.0.0.1:9/hook", vec!["claim.paid"]).await;

        // Check
        let code = |r: &Result<webhooks::Created, AppError>, field: &str| match r {
            Err(AppError::Invalid(e)) => e.for_field(field).map(|f| f.code),
            _ => None,
        };
        assert_eq!(code(&plain_http, "url"), Some("webhooks-error-url-https"));
        assert_eq!(
            code(&unknown, "events"),
            Some("webhooks-error-events-unknown")
        );
        assert_eq!(code(&none, "url"), Some("webhooks-error-url"));
        assert_eq!(code(&none, "events"), Some("webhooks-error-events-none"));
        let made = local.expect("loopback http is allowed");
        assert!(made.secret.starts_with("whsec_"));
        let key = base64_len(&made.secret["whsec_".len()..]);
        assert!((24..=32).contains(&key), "{key} random bytes");
        assert_eq!(
            webhooks::list(&app, &o.admin, None, 50)
                .await
                .expect("list")
                .len(),
            1
        );
    })
    .await;
}

fn base64_len(s: &str) -> usize {
    let pad = s.chars().rev().take_while(|c| *c == '=').count();
    s.len() / 4 * 3 - pad
}

// ---------------------------------------------------------------------------------------------
// Sending, retrying, leasing
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_failing_delivery_is_retried_with_backoff_then_given_up_a_day_after_it_was_queued() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let hook = endpoint(app, admin, &nowhere(), &["suggestion.received"], false).await;
        feedback::submit_online(app, &w.mo, &online(Some(w.alder), "Fruit"), Language::En)
            .await
            .expect("online");

        // Exec: send whenever due, moving the clock to each planned try.
        let mut tried_at = Vec::new();
        for _ in 0..20 {
            webhooks::deliver_due(app, BASE).await.expect("round");
            let d = log(app, admin, hook).await.remove(0);
            tried_at.push(app.now());
            match d.delivery.next_attempt_at {
                Some(at) => app.clock.set(at),
                None => break,
            }
        }
        // Nothing more happens once given up.
        app.clock.set(T0 + 3 * DAY);
        let sent_after = webhooks::deliver_due(app, BASE).await.expect("round");
        let d = log(app, admin, hook).await.remove(0);

        // Check
        let gaps: Vec<i64> = tried_at.windows(2).map(|p| p[1] - p[0]).collect();
        assert_eq!(
            gaps,
            vec![
                5_000,
                5 * MINUTE,
                30 * MINUTE,
                2 * HOUR,
                5 * HOUR,
                10 * HOUR,
                6 * HOUR + 24 * MINUTE + 55_000
            ]
        );
        assert_eq!(*tried_at.last().expect("tries"), T0 + GIVE_UP_AFTER_MS);
        assert_eq!(d.state(), "given_up");
        assert_eq!(d.delivery.attempts, 8);
        assert_eq!(d.attempts.len(), 8);
        assert!(
            d.attempts
                .iter()
                .all(|a| a.status_code.is_none() && a.error.is_some())
        );
        assert_eq!(d.delivery.given_up_at, Some(T0 + GIVE_UP_AFTER_MS));
        assert_eq!(sent_after, 0);
    })
    .await;
}

#[tokio::test]
async fn a_try_claimed_by_one_instance_is_not_sent_by_another_until_its_lease_runs_out() {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let hook = endpoint(app, admin, &nowhere(), &["suggestion.received"], false).await;
        feedback::submit_online(app, &w.mo, &online(Some(w.alder), "Fruit"), Language::En)
            .await
            .expect("online");
        let d = log(app, admin, hook).await.remove(0).delivery;

        // Exec: another instance claims the try and is still sending it.
        let now = app.now();
        let (id, attempts) = (d.id, d.attempts);
        let claim = |lease: i64| {
            let app = app.clone();
            async move {
                let mut tx = app.db.begin().await.expect("begin");
                let ok = cairn_db::webhooks::claim(&mut tx.conn(), id, attempts, now, lease)
                    .await
                    .expect("claim");
                tx.commit().await.expect("commit");
                ok
            }
        };
        let first = claim(now + webhooks::LEASE_MS).await;
        let second = claim(now + webhooks::LEASE_MS).await;
        let sent_meanwhile = webhooks::deliver_due(app, BASE).await.expect("round");
        let tries_meanwhile = log(app, admin, hook).await.remove(0).attempts.len();
        app.clock.set(now + webhooks::LEASE_MS);
        webhooks::deliver_due(app, BASE).await.expect("round");
        let after = log(app, admin, hook).await.remove(0);

        // Check
        assert!(first, "the first instance takes the try");
        assert!(!second, "a second instance cannot take the same try");
        assert_eq!((sent_meanwhile, tries_meanwhile), (0, 0));
        assert_eq!(
            after.attempts.len(),
            1,
            "once the lease ran out it was tried"
        );
        assert_eq!(after.delivery.attempts, 2, "the abandoned try counts too");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Rotation, erasure, retention
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rotating_a_secret_gives_a_new_one_once_and_keeps_the_old_signing_for_a_day() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let o = org(&app, "Org A", "admin@org-a.example").await;
        let made = webhooks::create(
            &app,
            &o.admin,
            &EndpointDraft {
                url: "https://a.example/hook".into(),
                events: vec!["claim.paid".into()],
                include_personal_data: false,
            },
        )
        .await
        .expect("create");

        // Exec
        let (view, secret) = webhooks::rotate_secret(&app, &o.admin, made.endpoint.id)
            .await
            .expect("rotate");
        app.clock.set(T0 + DAY);
        let a_day_later = webhooks::get(&app, &o.admin, made.endpoint.id)
            .await
            .expect("get");
        let audit = {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::audit::list(
                &mut h.conn(),
                o.id,
                &cairn_db::audit::AuditQuery {
                    entity: Some("webhook_endpoint".into()),
                    limit: 50,
                    ..Default::default()
                },
            )
            .await
            .expect("audit")
        };

        // Check
        assert!(secret.starts_with("whsec_"));
        assert_ne!(secret, made.secret);
        assert_eq!(view.old_secret_until, Some(T0 + DAY));
        assert_eq!(a_day_later.old_secret_until, None);
        assert_eq!(audit.len(), 2, "creating and rotating are audited");
        assert!(
            audit
                .iter()
                .all(|e| !format!("{e:?}").contains(&secret)
                    && !format!("{e:?}").contains(&made.secret)),
            "no secret in the audit log"
        );
        let sig = webhooks::sign(&secret, "msg_1", 1_700_000_000, "{}").expect("sign");
        assert!(sig.starts_with("v1,"));
    })
    .await;
}

#[tokio::test]
async fn erasing_a_person_removes_the_opted_in_payloads_that_named_them_and_old_deliveries_leave_after_30_days()
 {
    both_engines(|db| async move {
        // Setup
        let w = world(db).await;
        let (app, admin) = (&w.app, &w.org.admin);
        let plain = endpoint(app, admin, &nowhere(), &["suggestion.received"], false).await;
        let personal = endpoint(app, admin, &nowhere(), &["suggestion.received"], true).await;
        feedback::submit_online(
            app,
            &w.mo,
            &online(Some(w.alder), "Mo's own words"),
            Language::En,
        )
        .await
        .expect("online");
        let (dai, dai_id) = crate::payments::member(&w, "Dai", "carer", &[w.alder]).await;
        feedback::submit_online(
            app,
            &dai,
            &online(Some(w.alder), "Dai's own words"),
            Language::En,
        )
        .await
        .expect("online");

        // Exec: erase Mo.
        cairn_app::people::erasure::erase(app, admin, w.mo_id, "asked to be forgotten")
            .await
            .expect("erase");
        let plain_after = log(app, admin, plain).await;
        let personal_after = log(app, admin, personal).await;
        // Give every delivery up, then let a month pass and the retention run go.
        for _ in 0..20 {
            webhooks::deliver_due(app, BASE).await.expect("round");
            app.clock.set(app.now() + 11 * HOUR);
        }
        let finished = log(app, admin, plain).await;
        app.clock.set(T0 + 32 * DAY);
        feedback::submit_online(app, &dai, &online(Some(w.alder), "Newer"), Language::En)
            .await
            .expect("online");
        cairn_app::retention::run_daily(app)
            .await
            .expect("retention");
        let plain_later = log(app, admin, plain).await;

        // Check
        assert_eq!(plain_after.len(), 2, "payloads without names stay");
        assert_eq!(
            personal_after.len(),
            1,
            "only the payload naming Dai is left"
        );
        assert!(
            personal_after[0]
                .delivery
                .payload
                .contains("Dai's own words")
        );
        assert_eq!(
            personal_after[0].delivery.mentions.as_deref(),
            Some(&*format!(",{dai_id},"))
        );
        assert!(finished.iter().all(|d| d.state() == "given_up"));
        assert_eq!(
            plain_later.len(),
            1,
            "finished deliveries older than 30 days are gone"
        );
        assert_eq!(plain_later[0].state(), "pending");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// A real receiver checking signatures with the published library
// ---------------------------------------------------------------------------------------------

/// `e2e/webhooks/receiver.mjs` running under Node, its printed lines read as JSON.
struct Receiver {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<Value>,
    port: u16,
}

/// A secret to start with until the endpoint's own is known (sent over stdin).
const PLACEHOLDER: &str = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

impl Receiver {
    fn start(fail_first: u32) -> Receiver {
        let e2e = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../e2e");
        let node = Command::new("node").arg("--version").output();
        assert!(
            node.is_ok_and(|o| o.status.success()),
            "Node.js is needed to run the webhook receiver (e2e/webhooks/receiver.mjs): install `nodejs`"
        );
        assert!(
            e2e.join("node_modules/standardwebhooks/package.json")
                .exists(),
            "the receiver needs the npm package standardwebhooks: run `cd e2e && npm ci`"
        );
        let mut child = Command::new("node")
            .current_dir(&e2e)
            .args([
                "webhooks/receiver.mjs",
                "--secret",
                PLACEHOLDER,
                "--fail-first",
            ])
            .arg(fail_first.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the receiver");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let v: Value = serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("receiver printed {line:?}: {e}"));
                if tx.send(v).is_err() {
                    break;
                }
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(20))
            .expect("the receiver says where it listens");
        let port = first["listening"].as_u64().expect("a port") as u16;
        Receiver {
            child,
            stdin,
            lines,
            port,
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/hook", self.port)
    }

    fn use_secret(&mut self, secret: &str) {
        writeln!(self.stdin, "secret {secret}").expect("write to the receiver");
        let ack = self.next();
        assert_eq!(ack["secret_changed"], true, "{ack}");
    }

    fn next(&self) -> Value {
        self.lines
            .recv_timeout(Duration::from_secs(20))
            .expect("the receiver printed a line")
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The world with its clock at the real time: the library refuses timestamps more than five
/// minutes from its own clock.
async fn world_now(db: cairn_db::Db) -> World {
    let w = world(db).await;
    w.app.clock.set(cairn_db::now_ms());
    w
}

async fn create_for(w: &World, r: &mut Receiver, events: &[&str], personal: bool) -> (i64, String) {
    let made = webhooks::create(
        &w.app,
        &w.org.admin,
        &EndpointDraft {
            url: r.url(),
            events: events.iter().map(|e| (*e).to_owned()).collect(),
            include_personal_data: personal,
        },
    )
    .await
    .expect("create");
    (made.endpoint.id, made.secret)
}

#[tokio::test]
async fn a_receiver_using_the_standard_webhooks_library_verifies_every_delivery() {
    both_engines(|db| async move {
        // Setup
        let w = world_now(db).await;
        let mut r = Receiver::start(0);
        let (hook, secret) = create_for(
            &w,
            &mut r,
            &["suggestion.received", "suggestion.published"],
            false,
        )
        .await;
        r.use_secret(&secret);

        // Exec
        let s =
            feedback::submit_online(&w.app, &w.mo, &online(Some(w.alder), "Fruit"), Language::En)
                .await
                .expect("online");
        feedback::publish(&w.app, &w.lead, s, "Fruit on the ward")
            .await
            .expect("publish");
        let delivered = webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let got = [r.next(), r.next()];
        let logged = log(&w.app, &w.org.admin, hook).await;

        // Check
        assert_eq!(delivered, 2);
        for line in &got {
            assert_eq!(line["verified"], true, "{line}");
            assert_eq!(line["status"], 204);
        }
        let types: Vec<&str> = got.iter().filter_map(|l| l["type"].as_str()).collect();
        assert_eq!(types, vec!["suggestion.received", "suggestion.published"]);
        assert_eq!(
            got[0]["body"]["data"]["url"],
            format!("{BASE}/feedback/{s}")
        );
        assert!(logged.iter().all(|d| d.state() == "delivered"
            && d.delivery.last_status == Some(204)
            && d.attempts.len() == 1));
        let ids: Vec<&str> = got.iter().filter_map(|l| l["id"].as_str()).collect();
        let mut stored: Vec<&str> = logged
            .iter()
            .map(|d| d.delivery.message_id.as_str())
            .collect();
        stored.reverse();
        assert_eq!(ids, stored, "webhook-id is the stored message id");
    })
    .await;
}

#[tokio::test]
async fn a_receiver_with_the_wrong_secret_answers_400_which_is_logged_and_tried_again() {
    both_engines(|db| async move {
        // Setup: the receiver keeps a secret that is not the endpoint's.
        let w = world_now(db).await;
        let mut r = Receiver::start(0);
        let (hook, _secret) = create_for(&w, &mut r, &["suggestion.received"], false).await;
        r.use_secret(&webhooks::new_secret());

        // Exec
        feedback::submit_online(&w.app, &w.mo, &online(Some(w.alder), "Fruit"), Language::En)
            .await
            .expect("online");
        let first_round = webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let first = r.next();
        w.app.clock.set(w.app.now() + 5_000);
        webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let second = r.next();
        let d = log(&w.app, &w.org.admin, hook).await.remove(0);

        // Check
        assert_eq!(first_round, 0);
        assert_eq!(
            (first["status"].as_u64(), first["verified"].as_bool()),
            (Some(400), Some(false))
        );
        assert_eq!(second["status"], 400);
        assert_eq!(
            first["id"], second["id"],
            "the same webhook-id on every try"
        );
        assert_eq!(d.state(), "pending");
        assert_eq!(
            d.attempts.iter().map(|a| a.status_code).collect::<Vec<_>>(),
            vec![Some(400), Some(400)]
        );
        assert_eq!(
            d.attempts[0].response_excerpt.as_deref(),
            Some("signature not valid")
        );
        assert_eq!(d.delivery.next_attempt_at, Some(w.app.now() + 5 * MINUTE));
    })
    .await;
}

#[tokio::test]
async fn a_receiver_that_fails_once_is_tried_again_and_the_log_shows_500_then_204() {
    both_engines(|db| async move {
        // Setup
        let w = world_now(db).await;
        let mut r = Receiver::start(1);
        let (hook, secret) = create_for(&w, &mut r, &["claim.submitted"], true).await;
        r.use_secret(&secret);

        // Exec
        let claim = make(
            &w.app,
            &w.lead,
            Some(w.mo_id),
            &draft("meeting", (2026, 3, 23), "2", "0", vec![]),
        )
        .await;
        submitted(&w.app, &w.lead, claim).await;
        webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let failed = r.next();
        let too_soon = webhooks::deliver_due(&w.app, BASE).await.expect("round");
        w.app.clock.set(w.app.now() + 5_000);
        let later = webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let ok = r.next();
        let d = log(&w.app, &w.org.admin, hook).await.remove(0);

        // Check
        assert_eq!(failed["status"], 500);
        assert_eq!((too_soon, later), (0, 1));
        assert_eq!(ok["verified"], true, "{ok}");
        assert_eq!(
            ok["body"]["data"]["people"][0]["name"], "Mo",
            "opted in: the name is there"
        );
        assert_eq!(
            d.attempts.iter().map(|a| a.status_code).collect::<Vec<_>>(),
            vec![Some(500), Some(204)]
        );
        assert_eq!(d.state(), "delivered");
        assert_eq!(d.delivery.next_attempt_at, None);
    })
    .await;
}

#[tokio::test]
async fn after_a_rotation_receivers_holding_either_secret_verify_until_they_switch() {
    both_engines(|db| async move {
        // Setup
        let w = world_now(db).await;
        let mut old_side = Receiver::start(0);
        let (hook, old) = create_for(&w, &mut old_side, &["suggestion.received"], false).await;
        old_side.use_secret(&old);
        let (_, new) = webhooks::rotate_secret(&w.app, &w.org.admin, hook)
            .await
            .expect("rotate");

        // Exec: one delivery to a receiver still holding the old secret, one after it switched.
        feedback::submit_online(&w.app, &w.mo, &online(Some(w.alder), "One"), Language::En)
            .await
            .expect("online");
        webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let with_old = old_side.next();
        old_side.use_secret(&new);
        feedback::submit_online(&w.app, &w.mo, &online(Some(w.alder), "Two"), Language::En)
            .await
            .expect("online");
        webhooks::deliver_due(&w.app, BASE).await.expect("round");
        let with_new = old_side.next();

        // Check
        assert_eq!(with_old["verified"], true, "{with_old}");
        assert_eq!(with_new["verified"], true, "{with_new}");
        assert_eq!(
            with_old["signatures"], 2,
            "both signatures during the overlap"
        );
    })
    .await;
}
