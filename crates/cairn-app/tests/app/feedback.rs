//! Use-case tests for the feedback loop: suggestions from every channel (online, paper slip,
//! ward kiosk), review before anything is public, the status machine with its public response,
//! two people moving one suggestion at once, response times, who may see what, forum decisions
//! and practice links, the live measures on the model, and arrivals and closures by month.
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock.
//! Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::feedback::{
    self, KIOSK_MAX_POSTS, KIOSK_MAX_POSTS_PER_ADDRESS, KIOSK_WINDOW_MS, ListFilters,
};
use cairn_app::units::SettingsForm;
use cairn_app::{Actor, App, AppError, AppResult, model, notices};
use cairn_app::{people, units};
use cairn_db::feedback::Suggestion;
use cairn_domain::Role;
use cairn_domain::feedback::{SuggestionDraft, Visibility};
use cairn_domain::model::AssessmentDraft;
use cairn_domain::people::{Language, PersonDraft};
use cairn_domain::time::DateParts;
use cairn_domain::translation::Bilingual;
use cairn_domain::units::UnitDraft;
use cairn_testkit::{SmtpSink, both_engines};
use std::fmt::Debug;

/// 29 March 2026, 12:00 UTC (the day British Summer Time starts).
const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async fn unit(app: &App, org: &Org, name: &str) -> i64 {
    let draft = UnitDraft {
        name: name.into(),
        service_id: Some(org.service),
        unit_type: "open_rehab".into(),
        beds: Some("12".into()),
        gender_mix: "mixed".into(),
        ..Default::default()
    };
    units::create_unit(app, &org.admin, &draft)
        .await
        .expect("create unit")
}

/// A member: a service user on `unit_ids` with an account of their own.
async fn member(app: &App, org: &Org, name: &str, email: &str, unit_ids: &[i64]) -> Actor {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: "service_user".into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    let pid = people::create(app, &org.admin, &draft)
        .await
        .expect("create person");
    account(app, org, email, Role::Member, &[], Some(pid)).await
}

fn date(y: i16, m: i8, d: i8) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// A suggestion as a member types it online.
fn online(unit: Option<i64>, text: &str) -> SuggestionDraft {
    SuggestionDraft {
        unit_id: unit,
        text: text.into(),
        channel: "online".into(),
        ..Default::default()
    }
}

/// A suggestion staff type in from a meeting.
fn meeting(unit: Option<i64>, text: &str) -> SuggestionDraft {
    SuggestionDraft {
        unit_id: unit,
        text: text.into(),
        channel: "meeting".into(),
        ..Default::default()
    }
}

/// Staff enter a suggestion from a meeting.
async fn entered(app: &App, actor: &Actor, unit: Option<i64>, text: &str) -> i64 {
    feedback::enter(app, actor, &meeting(unit, text), Language::En)
        .await
        .unwrap_or_else(|e| panic!("enter {text:?}: {e:?}"))
}

/// A suggestion as stored, read past the permission check.
async fn stored(app: &App, org: i64, id: i64) -> Suggestion {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::feedback::get(&mut h.conn(), org, id)
        .await
        .expect("get")
        .expect("suggestion exists")
}

/// How many entries a suggestion's history has.
async fn event_count(app: &App, id: i64) -> usize {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::feedback::events(&mut h.conn(), id)
        .await
        .expect("events")
        .len()
}

async fn close(app: &App, actor: &Actor, id: i64, response: &str) {
    feedback::transition(app, actor, id, "done", Some(response), None)
        .await
        .unwrap_or_else(|e| panic!("close {id}: {e:?}"));
}

/// The ids of a unit's public board.
async fn board_ids(app: &App, org: i64, unit: i64) -> Vec<i64> {
    let (_, _, items, _) = feedback::board(app, org, Some(unit), 52)
        .await
        .expect("board");
    items.iter().map(|i| i.id).collect()
}

async fn listed(app: &App, actor: &Actor, f: &ListFilters) -> Vec<i64> {
    let (rows, _, _) = feedback::list(app, actor, f).await.expect("list");
    rows.iter().map(|s| s.id).collect()
}

fn all() -> ListFilters {
    ListFilters {
        limit: 100,
        ..Default::default()
    }
}

async fn emails_of(app: &App, org: i64) -> Vec<cairn_db::notices::Email> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list_emails(&mut h.conn(), org, 50)
        .await
        .expect("emails")
}

async fn notices_of(app: &App, user_id: i64) -> Vec<cairn_db::notices::Notice> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), user_id, 50)
        .await
        .expect("notices")
}

#[track_caller]
fn assert_invalid<T: Debug>(r: AppResult<T>, field: &str) {
    match r {
        Err(AppError::Invalid(e)) => assert!(
            e.for_field(field).is_some(),
            "expected an error on `{field}`, got {e:?}"
        ),
        other => panic!("expected Invalid on `{field}`, got {other:?}"),
    }
}

#[track_caller]
fn assert_not_found<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::NotFound)),
        "expected NotFound, got {r:?}"
    );
}

#[track_caller]
fn assert_forbidden<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::Forbidden)),
        "expected Forbidden, got {r:?}"
    );
}

#[track_caller]
fn assert_conflict<T: Debug>(r: AppResult<T>) {
    assert!(
        matches!(r, Err(AppError::Conflict(_))),
        "expected Conflict, got {r:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Channels
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_submits_online_as_themselves_unless_they_choose_to_stay_anonymous() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let mo = member(&app, &org, "Mo", "mo@example.org", &[u]).await;

        // Exec
        let named = feedback::submit_online(
            &app,
            &mo,
            &online(Some(u), "  More fruit at breakfast  "),
            Language::En,
        )
        .await
        .expect("named");
        let hidden = feedback::submit_online(
            &app,
            &mo,
            &SuggestionDraft {
                anonymous: true,
                ..online(None, "Quieter night checks")
            },
            Language::Cy,
        )
        .await
        .expect("anonymous");

        // Check
        let n = stored(&app, org.id, named).await;
        assert_eq!(n.channel.key(), "online");
        assert_eq!(n.text, "More fruit at breakfast", "trimmed");
        assert_eq!(n.unit_id, Some(u));
        assert_eq!(n.submitted_by_user_id, Some(mo.user_id));
        assert_eq!(n.entered_by_label, None);
        assert_eq!((n.status.as_str(), n.received_at), ("received", T0));
        assert_eq!(n.contact_language, "en");
        let a = stored(&app, org.id, hidden).await;
        assert!(a.anonymous);
        assert_eq!(a.submitted_by_user_id, None, "no link to the account");
        assert_eq!(a.unit_id, None, "whole service");
        assert_eq!(a.contact_language, "cy");
        let mut h = app.db.acquire().await.expect("acquire");
        let events = cairn_db::feedback::events(&mut h.conn(), hidden)
            .await
            .expect("events");
        assert_eq!(events.len(), 1);
        assert_eq!(
            events[0].actor_label, "anonymous",
            "the history names no one"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_enter_a_box_slip_with_the_day_it_was_found_and_are_named_as_entering_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;
        let slip = |found_on| SuggestionDraft {
            unit_id: Some(u),
            text: "Can we have a fish tank".into(),
            channel: "box".into(),
            found_on,
            ..Default::default()
        };

        // Exec
        let no_date =
            feedback::enter(&app, &staff, &slip(DateParts::default()), Language::En).await;
        let tomorrow = feedback::enter(&app, &staff, &slip(date(2026, 3, 30)), Language::En).await;
        let id = feedback::enter(&app, &staff, &slip(date(2026, 3, 27)), Language::En)
            .await
            .expect("enter slip");

        // Check
        assert_invalid(no_date, "found_on");
        assert_invalid(tomorrow, "found_on");
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.channel.key(), "box");
        assert_eq!(s.found_on.as_deref(), Some("2026-03-27"));
        assert_eq!(s.entered_by_label.as_deref(), Some("staff@org-a.example"));
        assert_eq!(s.submitted_by_user_id, None);
        assert_eq!(s.visibility, Visibility::Pending);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_suggestion_is_stored_on_the_kiosks_unit_and_a_revoked_kiosk_reaches_nothing() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Day room tablet")
            .await
            .expect("kiosk");
        let kiosk_id = feedback::kiosks(&app, &org.admin).await.expect("kiosks")[0].id;

        // Exec
        let id = feedback::submit_kiosk(
            &app,
            &secret,
            "A clock in the lounge",
            Some("ama@example.org"),
            false,
            Language::Cy,
            "192.0.2.1",
        )
        .await
        .expect("kiosk post");
        feedback::revoke_kiosk(&app, &org.admin, kiosk_id)
            .await
            .expect("revoke");
        let after = feedback::submit_kiosk(
            &app,
            &secret,
            "Again",
            None,
            false,
            Language::En,
            "192.0.2.1",
        )
        .await;

        // Check
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.channel.key(), "kiosk");
        assert_eq!(s.unit_id, Some(u));
        assert_eq!(s.kiosk_id, Some(kiosk_id));
        assert_eq!(s.contact.as_deref(), Some("ama@example.org"));
        assert_eq!(s.contact_language, "cy");
        assert_eq!((s.submitted_by_user_id, s.entered_by_label), (None, None));
        assert_not_found(after);
        assert_not_found(feedback::kiosk(&app, &secret).await);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_is_throttled_after_its_posts_in_the_window_and_works_again_once_the_window_passes()
{
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");
        for i in 0..KIOSK_MAX_POSTS {
            feedback::submit_kiosk(
                &app,
                &secret,
                &format!("Idea {i}"),
                None,
                true,
                Language::En,
                &format!("192.0.2.{i}"),
            )
            .await
            .unwrap_or_else(|e| panic!("post {i}: {e:?}"));
        }

        // Exec
        let one_more = feedback::submit_kiosk(
            &app,
            &secret,
            "One more",
            None,
            true,
            Language::En,
            "198.51.100.9",
        )
        .await;
        app.clock.set(T0 + KIOSK_WINDOW_MS + 1);
        let later = feedback::submit_kiosk(
            &app,
            &secret,
            "Later",
            None,
            true,
            Language::En,
            "192.0.2.1",
        )
        .await;

        // Check
        assert!(
            matches!(one_more, Err(AppError::Throttled)),
            "expected Throttled, got {one_more:?}"
        );
        assert!(later.is_ok(), "works again: {later:?}");
        let (rows, _, _) = feedback::list(&app, &org.admin, &all())
            .await
            .expect("list");
        assert_eq!(
            rows.len() as i64,
            KIOSK_MAX_POSTS + 1,
            "the refused one was not kept"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_posting_junk_is_stopped_before_the_kiosk_is_full_for_the_ward() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");
        let post = |text: String, addr: &'static str| {
            let (app, secret) = (app.clone(), secret.clone());
            async move {
                feedback::submit_kiosk(&app, &secret, &text, None, true, Language::En, addr).await
            }
        };

        // Exec: one address sends junk until refused; then the ward's tablet posts.
        let mut junk_kept = 0;
        let mut refused = None;
        for i in 0..KIOSK_MAX_POSTS {
            match post(format!("junk {i}"), "203.0.113.66").await {
                Ok(_) => junk_kept += 1,
                Err(e) => {
                    refused = Some(e);
                    break;
                }
            }
        }
        let ward = post("The lounge clock is wrong".into(), "10.1.2.3").await;
        app.clock.set(T0 + KIOSK_WINDOW_MS + 60_000);
        let junk_later = post("junk later".into(), "203.0.113.66").await;

        // Check
        assert_eq!(junk_kept, KIOSK_MAX_POSTS_PER_ADDRESS);
        const { assert!(KIOSK_MAX_POSTS_PER_ADDRESS < KIOSK_MAX_POSTS) };
        assert!(
            matches!(refused, Some(AppError::Throttled)),
            "expected Throttled, got {refused:?}"
        );
        assert!(ward.is_ok(), "the ward still has room: {ward:?}");
        assert!(junk_later.is_ok(), "after the window: {junk_later:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_takes_exactly_its_limit_when_many_post_at_once() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");

        // Exec: half as many again as the limit, all at once.
        let posts = (0..KIOSK_MAX_POSTS + KIOSK_MAX_POSTS / 2).map(|i| {
            let (app, secret) = (app.clone(), secret.clone());
            tokio::spawn(async move {
                let text = format!("Idea {i}");
                let addr = format!("192.0.2.{i}");
                feedback::submit_kiosk(&app, &secret, &text, None, true, Language::En, &addr).await
            })
        });
        let mut kept = 0;
        let mut throttled = 0;
        for p in posts.collect::<Vec<_>>() {
            match p.await.expect("task") {
                Ok(_) => kept += 1,
                Err(AppError::Throttled) => throttled += 1,
                Err(e) => panic!("unexpected {e:?}"),
            }
        }

        // Check
        assert_eq!(kept, KIOSK_MAX_POSTS, "no more than the limit got through");
        assert_eq!(throttled, KIOSK_MAX_POSTS / 2);
        let (rows, _, _) = feedback::list(&app, &org.admin, &all())
            .await
            .expect("list");
        assert_eq!(rows.len() as i64, KIOSK_MAX_POSTS);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_or_too_long_text_is_refused_on_every_channel() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let mo = member(&app, &org, "Mo", "mo@example.org", &[u]).await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");
        let long = "x".repeat(2001);
        let longest = "x".repeat(2000);

        // Exec
        let results = [
            feedback::submit_online(&app, &mo, &online(Some(u), "   "), Language::En).await,
            feedback::submit_online(&app, &mo, &online(Some(u), &long), Language::En).await,
            feedback::enter(&app, &org.admin, &meeting(Some(u), ""), Language::En).await,
            feedback::enter(&app, &org.admin, &meeting(Some(u), &long), Language::En).await,
            feedback::submit_kiosk(&app, &secret, "", None, false, Language::En, "192.0.2.1").await,
            feedback::submit_kiosk(&app, &secret, &long, None, false, Language::En, "192.0.2.1")
                .await,
        ];
        let at_limit =
            feedback::submit_online(&app, &mo, &online(Some(u), &longest), Language::En).await;

        // Check
        for r in results {
            assert_invalid(r, "text");
        }
        assert!(
            at_limit.is_ok(),
            "2,000 characters is allowed: {at_limit:?}"
        );
        let (rows, _, _) = feedback::list(&app, &org.admin, &all())
            .await
            .expect("list");
        assert_eq!(rows.len(), 1, "nothing refused was kept");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Review before anything is public
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_published_suggestion_reaches_the_board_with_its_public_wording_only_once_closed() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(&app, &org.admin, Some(u), "Mo says the TV room is freezing").await;
        let pending_closed = entered(&app, &org.admin, Some(u), "Never reviewed").await;
        close(&app, &org.admin, pending_closed, "We sorted it").await;
        let new = stored(&app, org.id, id).await;
        let board_new = board_ids(&app, org.id, u).await;

        // Exec
        feedback::publish(&app, &org.admin, id, "The TV room is too cold")
            .await
            .expect("publish");
        let board_published_open = board_ids(&app, org.id, u).await;
        close(&app, &org.admin, id, "We fixed the heating").await;
        let (_, _, items, _) = feedback::board(&app, org.id, Some(u), 52)
            .await
            .expect("board");

        // Check
        assert_eq!(new.visibility, Visibility::Pending);
        assert!(
            board_new.is_empty(),
            "pending suggestions are never on the board"
        );
        assert!(board_published_open.is_empty(), "not until closed");
        assert_eq!(items.len(), 1, "the pending, closed one stays off");
        assert_eq!(items[0].id, id);
        assert_eq!(
            items[0].you_said.en.as_deref(),
            Some("The TV room is too cold")
        );
        assert_eq!(items[0].we_did.en.as_deref(), Some("We fixed the heating"));
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.text, "Mo says the TV room is freezing", "original kept");
        assert_eq!(s.public_text.as_deref(), Some("The TV room is too cold"));
        assert_eq!(s.visibility, Visibility::Published);
        let org_board = feedback::board(&app, org.id, None, 52)
            .await
            .expect("board");
        assert_eq!(org_board.2.len(), 1, "the organisation board agrees");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keeping_a_suggestion_private_hides_it_emails_the_contact_in_their_language_and_tells_the_member()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let sink = SmtpSink::start().await;
        let org = org(&app, "Org A", "admin@org-a.example").await;
        units::update_settings(
            &app,
            &org.admin,
            &SettingsForm {
                name: "Org A".into(),
                time_zone: "Europe/London".into(),
                smtp_enabled: true,
                smtp_host: "127.0.0.1".into(),
                smtp_port: sink.port.to_string(),
                smtp_tls: "none".into(),
                smtp_from: "cairn@org-a.example".into(),
                ..Default::default()
            },
        )
        .await
        .expect("switch e-mail on");
        let u = unit(&app, &org, "Alder").await;
        let mo = member(&app, &org, "Mo", "mo@example.org", &[u]).await;
        let id = feedback::submit_online(
            &app,
            &mo,
            &SuggestionDraft {
                contact: Some("mo.home@example.org".into()),
                ..online(Some(u), "Staff member X is rude")
            },
            Language::Cy,
        )
        .await
        .expect("submit");
        feedback::publish(&app, &org.admin, id, "Staff could be kinder")
            .await
            .expect("publish first");

        // Exec
        feedback::keep_private(&app, &org.admin, id, "It names a member of staff")
            .await
            .expect("keep private");
        close(&app, &org.admin, id, "We spoke to the team").await;
        let sent = notices::deliver_pending(&app).await.expect("deliver");

        // Check
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.visibility, Visibility::Private);
        assert_eq!(s.public_text, None, "the public wording is withdrawn");
        assert!(
            board_ids(&app, org.id, u).await.is_empty(),
            "not on the board"
        );
        let emails = emails_of(&app, org.id).await;
        let private: Vec<_> = emails
            .iter()
            .filter(|e| e.subject.contains("email-feedback-private-subject"))
            .collect();
        assert_eq!(private.len(), 1, "{emails:?}");
        assert_eq!(private[0].to_address, "mo.home@example.org");
        assert_eq!(private[0].language, "cy");
        assert!(
            private[0].subject.starts_with("Cy:"),
            "{}",
            private[0].subject
        );
        assert!(
            private[0]
                .body
                .contains("reason=It names a member of staff"),
            "{}",
            private[0].body
        );
        assert_eq!(sent, emails.len(), "the private one and the closing one");
        let received = sink.received();
        assert!(
            received
                .iter()
                .any(|m| m.to == vec!["mo.home@example.org".to_owned()]
                    && m.data.contains("Cy:email-feedback-private-body")),
            "delivered through SMTP"
        );
        let told: Vec<String> = notices_of(&app, mo.user_id)
            .await
            .into_iter()
            .map(|n| n.message_id)
            .collect();
        assert!(
            told.contains(&"notice-feedback-private".to_owned()),
            "{told:?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_email_off_keeping_private_queues_nothing_and_an_anonymous_suggestion_tells_no_account()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let mo = member(&app, &org, "Mo", "mo@example.org", &[u]).await;
        let id = feedback::submit_online(
            &app,
            &mo,
            &SuggestionDraft {
                anonymous: true,
                contact: Some("mo.home@example.org".into()),
                ..online(Some(u), "Something personal")
            },
            Language::En,
        )
        .await
        .expect("submit");

        // Exec
        let no_reason = feedback::keep_private(&app, &org.admin, id, "  ").await;
        feedback::keep_private(&app, &org.admin, id, "Personal details")
            .await
            .expect("keep private");

        // Check
        assert_invalid(no_reason, "reason");
        assert_eq!(
            stored(&app, org.id, id).await.visibility,
            Visibility::Private
        );
        assert!(emails_of(&app, org.id).await.is_empty(), "e-mail is off");
        assert!(notices_of(&app, mo.user_id).await.is_empty(), "anonymous");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Statuses
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_organisation_starts_with_the_five_default_statuses() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;

        // Exec
        let list = feedback::statuses(&app, &org.admin)
            .await
            .expect("statuses");
        let again = feedback::statuses(&app, &org.admin).await.expect("again");

        // Check
        let keys: Vec<(&str, bool)> = list.iter().map(|s| (s.key.as_str(), s.closed)).collect();
        assert_eq!(
            keys,
            vec![
                ("received", false),
                ("considering", false),
                ("in_progress", false),
                ("done", true),
                ("cannot_do", true)
            ]
        );
        assert_eq!(again.len(), 5, "created once");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn closing_needs_a_public_response_and_a_closed_suggestion_never_moves_while_history_only_grows()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(&app, &org.admin, Some(u), "A bench in the garden").await;
        let mut counts = vec![event_count(&app, id).await];

        // Exec
        app.clock.set(T0 + HOUR);
        feedback::transition(
            &app,
            &org.admin,
            id,
            "considering",
            None,
            Some("Asked estates"),
        )
        .await
        .expect("considering");
        counts.push(event_count(&app, id).await);
        let same = feedback::transition(&app, &org.admin, id, "considering", None, None).await;
        counts.push(event_count(&app, id).await);
        let no_response = feedback::transition(&app, &org.admin, id, "done", None, None).await;
        let blank = feedback::transition(&app, &org.admin, id, "done", Some("  "), None).await;
        let unknown = feedback::transition(&app, &org.admin, id, "vanished", None, None).await;
        counts.push(event_count(&app, id).await);
        let open = stored(&app, org.id, id).await;
        app.clock.set(T0 + 2 * HOUR);
        feedback::transition(&app, &org.admin, id, "done", Some("A bench is in"), None)
            .await
            .expect("done");
        counts.push(event_count(&app, id).await);
        app.clock.set(T0 + 3 * HOUR);
        let reopen =
            feedback::transition(&app, &org.admin, id, "considering", Some("Again"), None).await;
        let to_other_closed =
            feedback::transition(&app, &org.admin, id, "cannot_do", Some("No"), None).await;
        let update = feedback::add_update(&app, &org.admin, id, "More news").await;
        counts.push(event_count(&app, id).await);

        // Check
        assert_conflict(same);
        assert_invalid(no_response, "public_response");
        assert_invalid(blank, "public_response");
        assert_invalid(unknown, "status");
        assert_eq!(open.closed_at, None);
        assert_eq!(
            open.first_response_at,
            Some(T0 + HOUR),
            "moving counts as a response"
        );
        assert_conflict(reopen);
        assert_conflict(to_other_closed);
        assert_conflict(update);
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.status, "done");
        assert_eq!(s.closed_at, Some(T0 + 2 * HOUR));
        assert_eq!(
            s.first_response_at,
            Some(T0 + HOUR),
            "the first one is kept"
        );
        assert_eq!(s.public_response.as_deref(), Some("A bench is in"));
        assert_eq!(counts, vec![1, 2, 2, 2, 3, 3]);
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "never shrinks");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_progress_update_is_the_first_response_and_later_ones_keep_it() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = entered(&app, &org.admin, None, "Longer visiting hours").await;
        let before = stored(&app, org.id, id).await;

        // Exec
        app.clock.set(T0 + DAY);
        feedback::add_update(&app, &org.admin, id, "Raised at the ward meeting")
            .await
            .expect("update");
        app.clock.set(T0 + 2 * DAY);
        feedback::add_update(&app, &org.admin, id, "Agreed for weekends")
            .await
            .expect("second update");
        let empty = feedback::add_update(&app, &org.admin, id, "").await;

        // Check
        assert_eq!(before.first_response_at, None);
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.first_response_at, Some(T0 + DAY));
        assert_eq!(s.status, "received", "an update does not move the status");
        assert_invalid(empty, "note");
        assert_eq!(event_count(&app, id).await, 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_custom_closed_status_needs_both_labels_and_then_closes_suggestions() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[u],
            None,
        )
        .await;
        let id = entered(&app, &org.admin, Some(u), "A smoking shelter").await;

        // Exec
        let no_welsh =
            feedback::add_status(&app, &org.admin, "Passed to the trust", "", "amber", true).await;
        let no_english =
            feedback::add_status(&app, &org.admin, "", "Wedi'i basio", "amber", true).await;
        let by_staff = feedback::add_status(
            &app,
            &staff,
            "Passed to the trust",
            "Wedi'i basio",
            "amber",
            true,
        )
        .await;
        let key = feedback::add_status(
            &app,
            &org.admin,
            "Passed to the trust",
            "Wedi'i basio i'r ymddiriedolaeth",
            "amber",
            true,
        )
        .await
        .expect("add status");
        let again = feedback::add_status(
            &app,
            &org.admin,
            "Passed to the trust",
            "Eto",
            "amber",
            true,
        )
        .await;
        let without = feedback::transition(&app, &org.admin, id, &key, None, None).await;
        feedback::transition(
            &app,
            &org.admin,
            id,
            &key,
            Some("The trust board decides"),
            None,
        )
        .await
        .expect("move to the new status");

        // Check
        assert_invalid(no_welsh, "label_cy");
        assert_invalid(no_english, "label_en");
        assert_forbidden(by_staff);
        assert_invalid(again, "label_en");
        assert_eq!(key, "passed_to_the_trust");
        let list = feedback::statuses(&app, &org.admin)
            .await
            .expect("statuses");
        assert_eq!(list.len(), 6);
        let added = list.last().expect("added last");
        assert_eq!(
            (
                added.key.as_str(),
                added.label_en.as_str(),
                added.label_cy.as_str(),
                added.closed
            ),
            (
                "passed_to_the_trust",
                "Passed to the trust",
                "Wedi'i basio i'r ymddiriedolaeth",
                true
            )
        );
        assert_invalid(without, "public_response");
        let s = stored(&app, org.id, id).await;
        assert_eq!(s.status, "passed_to_the_trust");
        assert_eq!(s.closed_at, Some(T0));
        assert_eq!(s.first_response_at, Some(T0), "closing is a response");
        assert_eq!(
            s.public_response.as_deref(),
            Some("The trust board decides")
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Two people at once
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_moving_the_same_suggestion_to_the_same_status_at_once_one_wins() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        let id = entered(&app, &org.admin, None, "A tea urn on the ward").await;

        // Exec: both move it on from "received".
        let (a, b) = tokio::join!(
            feedback::transition(&app, &org.admin, id, "considering", None, Some("Admin")),
            feedback::transition(&app, &lead, id, "considering", None, Some("Lead")),
        );

        // Check
        let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "exactly one succeeds: {a:?} / {b:?}");
        assert_conflict(if a.is_ok() { b } else { a });
        assert_eq!(stored(&app, org.id, id).await.status, "considering");
        assert_eq!(event_count(&app, id).await, 2, "one move recorded");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_people_closing_the_same_suggestion_at_once_one_wins_and_the_other_gets_a_conflict() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        let id = entered(&app, &org.admin, None, "A kettle in the lounge").await;

        // Exec
        let (a, b) = tokio::join!(
            feedback::transition(&app, &org.admin, id, "done", Some("We bought one"), None),
            feedback::transition(&app, &lead, id, "cannot_do", Some("No budget"), None),
        );

        // Check
        let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
        assert_eq!(ok, 1, "exactly one succeeds: {a:?} / {b:?}");
        let (winner, loser) = if a.is_ok() {
            (("done", "We bought one"), b)
        } else {
            (("cannot_do", "No budget"), a)
        };
        assert_conflict(loser);
        let s = stored(&app, org.id, id).await;
        assert_eq!(
            (s.status.as_str(), s.public_response.as_deref()),
            (winner.0, Some(winner.1))
        );
        assert_eq!(event_count(&app, id).await, 2, "one move recorded");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Response times
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overdue_lists_what_waited_longer_than_the_target_without_any_response() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        app.clock.set(T0 - 15 * DAY);
        let waiting = entered(&app, &org.admin, None, "Nobody answered").await;
        let answered = entered(&app, &org.admin, None, "Got an update").await;
        app.clock.set(T0 - 13 * DAY);
        let recent = entered(&app, &org.admin, None, "Only thirteen days").await;
        feedback::add_update(&app, &org.admin, answered, "Looking into it")
            .await
            .expect("update");
        app.clock.set(T0);

        // Exec
        let (rows, _, target) = feedback::list(
            &app,
            &org.admin,
            &ListFilters {
                overdue: true,
                ..all()
            },
        )
        .await
        .expect("list");

        // Check
        assert_eq!(target, 14);
        let ids: Vec<i64> = rows.iter().map(|s| s.id).collect();
        assert_eq!(ids, vec![waiting]);
        assert!(!ids.contains(&answered) && !ids.contains(&recent));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Permissions and scope
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_see_their_units_and_whole_service_suggestions_and_nothing_of_other_units() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mine = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[mine],
            None,
        )
        .await;
        let on_mine = entered(&app, &org.admin, Some(mine), "On my unit").await;
        let whole = entered(&app, &org.admin, None, "For everyone").await;
        let on_other = entered(&app, &org.admin, Some(other), "On the other unit").await;

        // Exec
        let seen = listed(&app, &staff, &all()).await;
        let asked_for_other = listed(
            &app,
            &staff,
            &ListFilters {
                unit_id: Some(other),
                ..all()
            },
        )
        .await;
        let detail = feedback::detail(&app, &staff, on_other).await;
        let moved = feedback::transition(&app, &staff, on_other, "considering", None, None).await;
        let entered_elsewhere =
            feedback::enter(&app, &staff, &meeting(Some(other), "x"), Language::En).await;

        // Check
        assert_eq!(seen, vec![whole, on_mine], "newest first");
        assert!(asked_for_other.is_empty());
        assert_not_found(detail.map(|d| d.suggestion.id));
        assert_not_found(moved);
        assert_invalid(entered_elsewhere, "unit_id");
        assert!(feedback::detail(&app, &staff, whole).await.is_ok());
        assert_eq!(stored(&app, org.id, on_other).await.status, "received");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn viewers_finance_and_members_may_not_list_suggestions_but_a_member_may_leave_one() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let viewer = account(&app, &org, "viewer@org-a.example", Role::Viewer, &[], None).await;
        let finance = account(&app, &org, "money@org-a.example", Role::Finance, &[], None).await;
        let mo = member(&app, &org, "Mo", "mo@example.org", &[u]).await;

        // Exec
        let by_viewer = feedback::list(&app, &viewer, &all()).await;
        let by_finance = feedback::list(&app, &finance, &all()).await;
        let by_member = feedback::list(&app, &mo, &all()).await;
        let submitted =
            feedback::submit_online(&app, &mo, &online(Some(u), "Hi"), Language::En).await;
        let viewer_submits =
            feedback::submit_online(&app, &viewer, &online(Some(u), "Hi"), Language::En).await;
        let member_enters = feedback::enter(&app, &mo, &meeting(Some(u), "Hi"), Language::En).await;

        // Check
        assert_forbidden(by_viewer.map(|x| x.0.len()));
        assert_forbidden(by_finance.map(|x| x.0.len()));
        assert_forbidden(by_member.map(|x| x.0.len()));
        let id = submitted.expect("a member may submit");
        assert_forbidden(viewer_submits);
        assert_forbidden(member_enters);
        assert_forbidden(
            feedback::detail(&app, &mo, id)
                .await
                .map(|d| d.suggestion.id),
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organisations_administrator_finds_nothing_behind_a_suggestion_id() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let a = org(&app, "Org A", "admin@org-a.example").await;
        let b = org(&app, "Org B", "admin@org-b.example").await;
        let ua = unit(&app, &a, "Alder").await;
        let id = entered(&app, &a.admin, Some(ua), "Org A's idea").await;

        // Exec
        let detail = feedback::detail(&app, &b.admin, id).await;
        let publish = feedback::publish(&app, &b.admin, id, "").await;
        let private = feedback::keep_private(&app, &b.admin, id, "").await;
        let moved = feedback::transition(&app, &b.admin, id, "done", None, None).await;
        let update = feedback::add_update(&app, &b.admin, id, "").await;
        let practices = feedback::set_practices(&app, &b.admin, id, &["L1.02".into()]).await;
        let listed_b = listed(&app, &b.admin, &all()).await;
        let kiosk_on_a = feedback::create_kiosk(&app, &b.admin, ua, "Tablet").await;

        // Check
        assert_not_found(detail.map(|d| d.suggestion.id));
        assert_not_found(publish);
        assert_not_found(private);
        assert_not_found(moved);
        assert_not_found(update);
        assert_not_found(practices);
        assert!(listed_b.is_empty());
        assert_invalid(kiosk_on_a, "unit_id");
        let s = stored(&app, a.id, id).await;
        assert_eq!(
            (s.status.as_str(), s.visibility),
            ("received", Visibility::Pending)
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Forum decisions and practices
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_decision_needs_its_date_and_is_stored_with_the_meeting() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(
            &app,
            &org.admin,
            Some(u),
            "Service users on interview panels",
        )
        .await;

        // Exec
        let no_date = feedback::set_forum(
            &app,
            &org.admin,
            id,
            true,
            Some("approved"),
            &DateParts::default(),
            None,
        )
        .await;
        let bad_decision = feedback::set_forum(
            &app,
            &org.admin,
            id,
            true,
            Some("maybe"),
            &date(2026, 3, 20),
            None,
        )
        .await;
        let waiting = {
            feedback::set_forum(
                &app,
                &org.admin,
                id,
                true,
                None,
                &DateParts::default(),
                None,
            )
            .await
            .expect("needs a decision");
            stored(&app, org.id, id).await
        };
        feedback::set_forum(
            &app,
            &org.admin,
            id,
            true,
            Some("approved"),
            &date(2026, 3, 20),
            Some("March carers' forum"),
        )
        .await
        .expect("decided");
        let d = feedback::detail(&app, &org.admin, id)
            .await
            .expect("detail");

        // Check
        assert_invalid(no_date, "forum_decided_on");
        assert_invalid(bad_decision, "forum_decision");
        assert!(waiting.needs_forum && waiting.forum_decision.is_none());
        let s = &d.suggestion;
        assert!(s.needs_forum);
        assert_eq!(s.forum_decision.as_deref(), Some("approved"));
        assert_eq!(s.forum_decided_on.as_deref(), Some("2026-03-20"));
        assert_eq!(s.forum_meeting.as_deref(), Some("March carers' forum"));
        assert_eq!(
            d.events
                .last()
                .map(|e| (e.kind.as_str(), e.to_status.as_deref())),
            Some(("forum", Some("approved")))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suggestion_links_to_model_practices_by_code_and_unknown_codes_are_refused() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let id = entered(&app, &org.admin, None, "A peer support worker").await;

        // Exec
        feedback::set_practices(
            &app,
            &org.admin,
            id,
            &[" L1.02 ".into(), "L3.06".into(), "L1.02".into()],
        )
        .await
        .expect("link");
        let unknown =
            feedback::set_practices(&app, &org.admin, id, &["L1.02".into(), "L9.99".into()]).await;
        let d = feedback::detail(&app, &org.admin, id)
            .await
            .expect("detail");

        // Check
        assert_invalid(unknown, "practices");
        assert_eq!(
            d.practices,
            vec!["L1.02", "L3.06"],
            "trimmed, once each, unchanged"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The live measures on the model
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_suggestions_measure_counts_the_units_last_month_and_disagrees_with_in_place_when_empty()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let in_place = AssessmentDraft {
            status: "in_place".into(),
            evidence: Some("Boxes in the lounge".into()),
            ..Default::default()
        };
        model::set_status(&app, &org.admin, u, "L1.02", &in_place)
            .await
            .expect("in place");
        app.clock.set(T0 - 31 * DAY);
        entered(&app, &org.admin, Some(u), "Too long ago").await;
        app.clock.set(T0);
        entered(&app, &org.admin, Some(other), "Another unit").await;
        let before = model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("assessment");

        // Exec
        entered(&app, &org.admin, Some(u), "This month").await;
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");
        feedback::submit_kiosk(
            &app,
            &secret,
            "From the kiosk",
            None,
            true,
            Language::En,
            "192.0.2.1",
        )
        .await
        .expect("kiosk post");
        let after = model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("assessment");

        // Check
        let measure = |a: &model::UnitAssessment, code: &str| {
            a.items
                .iter()
                .find(|i| i.practice.code == code)
                .and_then(|i| i.measure.clone())
                .unwrap_or_else(|| panic!("{code} has a measure"))
        };
        let m = measure(&before, "L1.02");
        assert_eq!(m.message_id, "model-measure-suggestions");
        assert_eq!((m.count, m.disagrees), (0, true));
        let m = measure(&after, "L1.02");
        assert_eq!((m.count, m.disagrees), (2, false));
        assert_eq!(
            measure(&after, "L1.03").message_id,
            "model-measure-responses"
        );
        assert_eq!(measure(&after, "L3.06").message_id, "model-measure-forum");
        assert!(
            !measure(&after, "L1.03").disagrees,
            "not in place, so nothing to disagree with"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_response_and_forum_measures_count_answered_closures_and_recorded_decisions() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let answered = entered(&app, &org.admin, Some(u), "Answered").await;
        let decided = entered(&app, &org.admin, Some(u), "Decided").await;
        entered(&app, &org.admin, Some(u), "Still open").await;

        // Exec
        close(&app, &org.admin, answered, "Done it").await;
        feedback::set_forum(
            &app,
            &org.admin,
            decided,
            true,
            Some("deferred"),
            &date(2026, 3, 1),
            None,
        )
        .await
        .expect("forum");
        let a = model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("assessment");

        // Check
        let count = |code: &str| {
            a.items
                .iter()
                .find(|i| i.practice.code == code)
                .and_then(|i| i.measure.as_ref())
                .map(|m| m.count)
        };
        assert_eq!(count("L1.03"), Some(1));
        assert_eq!(count("L3.06"), Some(1));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Arrivals and closures by month
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arrivals_and_closures_land_in_the_month_of_the_organisations_clock() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        // 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time).
        app.clock.set(utc(2026, 3, 31, 23, 30));
        entered(&app, &org.admin, None, "Arrives in April").await;
        // Winter: London and UTC agree.
        app.clock.set(utc(2026, 2, 28, 23, 30));
        let february = entered(&app, &org.admin, None, "Arrives in February").await;
        // Before the chart starts.
        app.clock.set(utc(2026, 1, 31, 23, 30));
        let january = entered(&app, &org.admin, None, "Arrives in January").await;
        // 22:30 UTC on 31 March is still 31 March in London.
        app.clock.set(utc(2026, 3, 31, 22, 30));
        close(&app, &org.admin, february, "Closed in March").await;
        // 23:15 UTC on 31 March is already April in London.
        app.clock.set(utc(2026, 3, 31, 23, 15));
        close(&app, &org.admin, january, "Closed in April").await;
        app.clock.set(utc(2026, 4, 15, 12, 0));

        // Exec
        let months = feedback::by_month(&app, &org.admin, 3)
            .await
            .expect("by month");

        // Check
        assert_eq!(
            months,
            vec![
                ("2026-02".to_owned(), 1, 0),
                ("2026-03".to_owned(), 0, 1),
                ("2026-04".to_owned(), 1, 1),
            ]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_move_from_a_status_someone_else_has_changed_is_refused_and_changes_nothing() {
    both_engines(|db| async move {
        // Setup: two people open the same suggestion while it is "received".
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let id = entered(&app, &org.admin, Some(u), "A bench in the garden").await;

        // Exec: the first moves it on; the second acts on what they saw.
        feedback::transition_from(
            &app,
            &org.admin,
            id,
            Some("received"),
            "considering",
            &Bilingual::default(),
            None,
        )
        .await
        .expect("first move");
        let before = event_count(&app, id).await;
        let second = feedback::transition_from(
            &app,
            &org.admin,
            id,
            Some("received"),
            "done",
            &Bilingual::english("Done"),
            None,
        )
        .await;

        // Check
        assert_conflict(second);
        assert_eq!(event_count(&app, id).await, before, "nothing was added");
        assert_eq!(stored(&app, org.id, id).await.status, "considering");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Slips keep their date, line breaks, names, refusals, kiosk links by unit staff
// ---------------------------------------------------------------------------------------------

/// The start of a day in London, as the organisation's clock reads it.
fn london_midnight(y: i16, m: i8, d: i8) -> i64 {
    jiff::civil::date(y, m, d)
        .to_zoned(cairn_domain::time::time_zone("Europe/London"))
        .expect("zoned")
        .timestamp()
        .as_millisecond()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slip_found_twenty_days_ago_and_typed_in_today_is_already_waiting_too_long() {
    both_engines(|db| async move {
        // Setup: T0 is 29 March 2026; the slip was found on 9 March.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let slip = SuggestionDraft {
            unit_id: Some(u),
            text: "A bench by the door".into(),
            channel: "box".into(),
            found_on: date(2026, 3, 9),
            ..Default::default()
        };

        // Exec
        let old_slip = feedback::enter(&app, &org.admin, &slip, Language::En)
            .await
            .expect("slip");
        let fresh_slip = feedback::enter(
            &app,
            &org.admin,
            &SuggestionDraft {
                found_on: date(2026, 3, 29),
                ..slip.clone()
            },
            Language::En,
        )
        .await
        .expect("today's slip");
        let from_meeting = entered(&app, &org.admin, Some(u), "Typed in today").await;
        let overdue = listed(
            &app,
            &org.admin,
            &ListFilters {
                overdue: true,
                ..all()
            },
        )
        .await;
        let detail = feedback::detail(&app, &org.admin, old_slip)
            .await
            .expect("detail");
        let mut h = app.db.acquire().await.expect("acquire");
        let unanswered =
            cairn_db::playbook::suggestions_unanswered(&mut h.conn(), u, T0 - 14 * DAY)
                .await
                .expect("unanswered");
        let times = cairn_db::reports::suggestion_times(
            &mut h.conn(),
            org.id,
            Some(u),
            london_midnight(2026, 3, 1),
            london_midnight(2026, 4, 1),
        )
        .await
        .expect("times");
        drop(h);

        // Check
        let start = london_midnight(2026, 3, 9);
        let s = stored(&app, org.id, old_slip).await;
        assert_eq!(s.received_at, T0, "received when it was typed in");
        assert_eq!(
            s.found_at,
            Some(start),
            "the clock starts on the day it was found"
        );
        assert_eq!(detail.clock_start, start);
        assert!(
            (T0 - detail.clock_start) / DAY >= 20,
            "{} days",
            (T0 - detail.clock_start) / DAY
        );
        assert!(cairn_domain::feedback::waiting_too_long(
            detail.clock_start,
            s.first_response_at,
            s.closed_at,
            T0,
            detail.target_days
        ));
        assert_eq!(overdue, vec![old_slip], "only the old slip waits too long");
        assert_eq!(unanswered, vec![old_slip], "the playbook's count too");
        let mut starts: Vec<i64> = times.iter().map(|(clock, _)| *clock).collect();
        starts.sort_unstable();
        assert_eq!(
            starts,
            vec![
                start,
                stored(&app, org.id, fresh_slip)
                    .await
                    .found_at
                    .expect("found"),
                T0
            ],
            "the response-time measure starts each slip's clock on its day"
        );
        assert_eq!(
            stored(&app, org.id, fresh_slip).await.found_at,
            Some(cairn_domain::feedback::clock_start(
                T0,
                Some(jiff::civil::date(2026, 3, 29)),
                &cairn_domain::time::time_zone("Europe/London")
            ))
        );
        assert_eq!(stored(&app, org.id, from_meeting).await.found_at, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_thousand_characters_with_browser_line_breaks_are_accepted_and_one_more_is_refused() {
    both_engines(|db| async move {
        // Setup: three lines joined by CR LF, as a browser sends a textarea; the line breaks
        // count one character each, so this is exactly the limit.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let max = cairn_domain::feedback::TEXT_MAX;
        let third = (max - 2) / 3;
        let text = format!(
            "{}\r\n{}\r\n{}",
            "a".repeat(third),
            "b".repeat(third),
            "c".repeat(max - 2 - 2 * third)
        );
        let secret = feedback::create_kiosk(&app, &org.admin, u, "Tablet")
            .await
            .expect("kiosk");

        // Exec
        let entered_id = feedback::enter(&app, &org.admin, &meeting(Some(u), &text), Language::En)
            .await
            .expect("at the limit, entered by staff");
        let kiosk_id =
            feedback::submit_kiosk(&app, &secret, &text, None, true, Language::En, "192.0.2.9")
                .await
                .expect("at the limit, on the kiosk");
        let one_more = feedback::enter(
            &app,
            &org.admin,
            &meeting(Some(u), &format!("{text}d")),
            Language::En,
        )
        .await;
        let one_more_kiosk = feedback::submit_kiosk(
            &app,
            &secret,
            &format!("{text}d"),
            None,
            true,
            Language::En,
            "192.0.2.9",
        )
        .await;

        // Check
        for id in [entered_id, kiosk_id] {
            let s = stored(&app, org.id, id).await;
            assert_eq!(s.text.chars().count(), max);
            assert!(
                !s.text.contains('\r'),
                "kept with one character per line break"
            );
            assert_eq!(s.text.lines().count(), 3);
        }
        assert_invalid(one_more, "text");
        assert_invalid(one_more_kiosk, "text");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_are_named_by_their_person_and_only_an_account_without_one_by_its_address() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let pid = people::create(
            &app,
            &org.admin,
            &PersonDraft {
                chosen_name: "Nia Hughes".into(),
                constituency: "staff".into(),
                unit_ids: vec![u],
                status: "active".into(),
                preferred_language: "cy".into(),
                ..Default::default()
            },
        )
        .await
        .expect("person");
        let nia = account(
            &app,
            &org,
            "nia@org-a.example",
            Role::UnitStaff,
            &[u],
            Some(pid),
        )
        .await;
        let id = entered(&app, &nia, Some(u), "Longer visiting hours").await;

        // Exec
        feedback::set_owner(&app, &org.admin, id, Some(nia.user_id))
            .await
            .expect("owner");
        let d = feedback::detail(&app, &org.admin, id)
            .await
            .expect("detail");
        let owners = feedback::owners(&app, &nia).await.expect("owners");

        // Check
        let entered_by = d
            .suggestion
            .entered_by_label
            .as_deref()
            .expect("entered by");
        assert_eq!(d.names.of_label(entered_by), Some("Nia Hughes"));
        assert!(d
            .events
            .iter()
            .all(|e| e.actor_label == "anonymous" || d.names.of_label(&e.actor_label).is_some()));
        let owner_event = d
            .events
            .iter()
            .find(|e| e.kind == "owner")
            .expect("owner event");
        assert_eq!(
            owner_event
                .note
                .as_deref()
                .and_then(|n| d.names.of_label(n)),
            Some("Nia Hughes")
        );
        assert!(d.owners.contains(&(nia.user_id, "Nia Hughes".to_owned())));
        assert!(
            d.owners
                .contains(&(org.admin.user_id, "admin@org-a.example".to_owned())),
            "an account with no person keeps its address: {:?}",
            d.owners
        );
        assert_eq!(owners, d.owners, "the list's owner filter offers the same");
        assert!(d.owners.iter().all(|(_, n)| n != "nia@org-a.example"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cant_do_answer_reaches_the_board_as_a_refusal_and_a_done_one_as_done() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let done = entered(&app, &org.admin, Some(u), "A kettle").await;
        let refused = entered(&app, &org.admin, Some(u), "A swimming pool").await;
        for id in [done, refused] {
            feedback::publish(&app, &org.admin, id, "Public wording")
                .await
                .expect("publish");
        }

        // Exec
        close(&app, &org.admin, done, "We bought a kettle").await;
        feedback::transition(
            &app,
            &org.admin,
            refused,
            "cannot_do",
            Some("There is no room for a pool"),
            None,
        )
        .await
        .expect("can't do");
        let (_, _, items, _) = feedback::board(&app, org.id, Some(u), 52)
            .await
            .expect("board");

        // Check
        let outcome = |id| {
            items
                .iter()
                .find(|i| i.id == id)
                .expect("on the board")
                .outcome
        };
        assert_eq!(outcome(refused), cairn_domain::feedback::Outcome::CannotDo);
        assert_eq!(outcome(done), cairn_domain::feedback::Outcome::Done);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_make_and_stop_kiosk_links_for_their_own_units_and_no_other() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mine = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let staff = account(
            &app,
            &org,
            "staff@org-a.example",
            Role::UnitStaff,
            &[mine],
            None,
        )
        .await;
        feedback::create_kiosk(&app, &org.admin, other, "Birch tablet")
            .await
            .expect("lead's kiosk on the other unit");

        // Exec
        let own = feedback::create_kiosk(&app, &staff, mine, "Alder tablet").await;
        let elsewhere = feedback::create_kiosk(&app, &staff, other, "Not mine").await;
        let seen = feedback::kiosks(&app, &staff).await.expect("kiosks");
        let all_kiosks = feedback::kiosks(&app, &org.admin).await.expect("all");
        let other_id = all_kiosks
            .iter()
            .find(|k| k.unit_id == other)
            .expect("other")
            .id;
        let stop_other = feedback::revoke_kiosk(&app, &staff, other_id).await;
        let own_id = seen.first().expect("own kiosk").id;
        let stop_own = feedback::revoke_kiosk(&app, &staff, own_id).await;
        let statuses =
            feedback::add_status(&app, &staff, "Passed on", "Wedi'i basio", "amber", false).await;

        // Check
        let secret = own.expect("a link for their own unit");
        assert!(feedback::kiosk(&app, &secret).await.is_err(), "stopped");
        assert_invalid(elsewhere, "unit_id");
        assert_eq!(seen.len(), 1, "only their unit's kiosks");
        assert!(seen.iter().all(|k| k.unit_id == mine));
        assert_eq!(all_kiosks.len(), 2, "nothing made on the other unit");
        assert_not_found(stop_other);
        stop_own.expect("their own kiosk stops");
        assert!(
            feedback::kiosks(&app, &org.admin)
                .await
                .expect("all")
                .iter()
                .any(|k| k.id == other_id && k.revoked_at.is_none()),
            "the other unit's kiosk still works"
        );
        assert_forbidden(statuses);
    })
    .await;
}
