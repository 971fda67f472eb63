//! Signing staff in through the organisation's identity provider, against a real certified
//! provider (`oidc-provider`, started by each test, see `identity_provider.rs`): connecting it
//! (discovery checked), linking once by verified e-mail and by subject afterwards, refusing
//! unknown, disabled and member accounts, states that work once and for ten minutes, ID tokens
//! for another client or past their expiry, the staff-only password rule, and the link in the
//! person's export and erasure.

use crate::common::*;
use crate::identity_provider::{BASE_URL, CLIENT_ID, CLIENT_SECRET, Idp, sign_in_at_provider};
use cairn_app::accounts::{self, AccountForm, control};
use cairn_app::identity::{self, Callback, Finished, ProviderForm, Refusal, TokenProblem};
use cairn_app::{Actor, App, AppError, people};
use cairn_domain::Role;
use cairn_domain::people::PersonDraft;
use cairn_testkit::both_engines;

const LEAD: &str = "lead@org-a.example";
const FINANCE: &str = "finance@org-a.example";
const MEMBER: &str = "member@org-a.example";
const MINUTE: i64 = 60_000;

/// The provider's people for organisation A: login (the subject) → e-mail.
const PEOPLE: &[(&str, &str)] = &[
    ("lead-a", LEAD),
    ("finance-a", FINANCE),
    ("member-a", MEMBER),
    ("stranger", "stranger@elsewhere.example"),
];

fn form(issuer: &str, secret: &str, staff_required: bool) -> ProviderForm {
    ProviderForm {
        issuer: issuer.into(),
        client_id: CLIENT_ID.into(),
        client_secret: secret.into(),
        display_name: "NHS Wales".into(),
        display_name_cy: "GIG Cymru".into(),
        staff_required,
        emails_verified: false,
    }
}

struct World {
    app: App,
    org: Org,
    lead: Actor,
    finance: Actor,
}

/// Organisation A with a lead and a finance officer (staff with passwords), a member with a
/// person record, and the provider connected.
async fn world(app: App, idp: &Idp) -> World {
    let org = org(&app, "Org A", "admin@org-a.example").await;
    let lead = accounts::create_admin(&app, Some("Org A"), LEAD, PASSWORD, Role::Lead)
        .await
        .expect("lead");
    let finance = accounts::create_admin(&app, Some("Org A"), FINANCE, PASSWORD, Role::Finance)
        .await
        .expect("finance");
    let person = people::create(
        &app,
        &org.admin,
        &PersonDraft {
            chosen_name: "Mo".into(),
            constituency: "service_user".into(),
            status: "active".into(),
            preferred_language: "cy".into(),
            ..Default::default()
        },
    )
    .await
    .expect("person");
    let inv = accounts::create_account_for_person(
        &app,
        &org.admin,
        person,
        &AccountForm {
            email: MEMBER.into(),
            role: "member".into(),
            unit_ids: vec![],
        },
        BASE_URL,
    )
    .await
    .expect("member account");
    accounts::accept_invitation(&app, &inv.secret, PASSWORD, PASSWORD)
        .await
        .expect("member's password");
    identity::connect(&app, &org.admin, &form(&idp.issuer, CLIENT_SECRET, false))
        .await
        .expect("connect the provider");
    let lead = actor_of(&app, lead).await;
    let finance = actor_of(&app, finance).await;
    World {
        app,
        org,
        lead,
        finance,
    }
}

/// Starts a sign-in at Cairn and signs in at the provider as `login`.
async fn to_provider_and_back(w: &World, login: &str) -> Callback {
    let url = identity::start(&w.app, w.org.id, "/meetings", BASE_URL)
        .await
        .expect("start")
        .expect("provider reachable");
    let cb = sign_in_at_provider(&url.url, login).await;
    assert_eq!(cb.state.as_deref(), Some(url.state.as_str()));
    cb
}

async fn sign_in_as(w: &World, login: &str) -> Finished {
    let cb = to_provider_and_back(w, login).await;
    identity::finish(&w.app, &cb, BASE_URL)
        .await
        .expect("finish")
}

#[track_caller]
fn signed_in_user(f: &Finished) -> i64 {
    match f {
        Finished::SignedIn { session, .. } => session.user_id,
        Finished::Refused(r) => panic!("expected a session, got {r:?}"),
    }
}

#[track_caller]
fn refusal(f: &Finished) -> Refusal {
    match f {
        Finished::Refused(r) => *r,
        Finished::SignedIn { session, .. } => {
            panic!("expected a refusal, signed in as {}", session.user_id)
        }
    }
}

async fn links(app: &App, user: i64) -> Vec<cairn_db::identity::Link> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::identity::links_of_user(&mut h.conn(), user)
        .await
        .expect("links")
}

async fn count(app: &App, table: &str) -> i64 {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::fetch_scalar!(&mut h.conn(), i64, &format!("SELECT COUNT(*) FROM {table}"))
        .expect("count")
}

async fn audit(app: &App, org: i64, entity: &str) -> Vec<String> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &cairn_db::audit::AuditQuery {
            entity: Some(entity.into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .map(|e| format!("{}:{}", e.action, e.after_json.unwrap_or_default()))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_first_provider_sign_in_links_an_existing_staff_account_by_verified_email_and_opens_a_session()
 {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup
            let w = world(app(db), idp).await;
            let users_before = count(&w.app, "users").await;

            // Exec
            let done = sign_in_as(&w, "lead-a").await;

            // Check: signed in as the lead, back to where they were going …
            assert_eq!(signed_in_user(&done), w.lead.user_id);
            let Finished::SignedIn { session, next } = &done else {
                unreachable!()
            };
            assert_eq!(next, "/meetings");
            let live = accounts::session(&w.app, &session.secret)
                .await
                .expect("session")
                .expect("a live session");
            assert_eq!(live.actor.user_id, w.lead.user_id);
            // … linked by subject at this issuer, once, and nobody new was made …
            let l = links(&w.app, w.lead.user_id).await;
            assert_eq!(l.len(), 1);
            assert_eq!(l[0].subject, "lead-a");
            assert_eq!(l[0].issuer, idp.issuer);
            assert_eq!(count(&w.app, "users").await, users_before);
            // … with the link and the sign-in in the audit log.
            let linked = audit(&w.app, w.org.id, "identity_link").await;
            assert_eq!(linked.len(), 1, "{linked:?}");
            assert!(linked[0].starts_with("create:"), "{linked:?}");
            let signed = audit(&w.app, w.org.id, "user").await;
            assert!(
                signed
                    .iter()
                    .any(|e| e.starts_with("sign_in:") && e.contains("identity_provider")),
                "{signed:?}"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn later_sign_ins_go_by_subject_and_an_address_changed_at_the_provider_neither_relinks_nor_moves_the_link()
 {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup: the lead has signed in once (linked as subject lead-a).
            let w = world(app(db), idp).await;
            assert_eq!(
                signed_in_user(&sign_in_as(&w, "lead-a").await),
                w.lead.user_id
            );
            // The provider now gives lead-a the finance officer's address, and a new identity
            // claims the lead's.
            let mut changed: Vec<(&str, &str)> = PEOPLE.to_vec();
            changed[0] = ("lead-a", FINANCE);
            changed.push(("impostor", LEAD));
            idp.set_accounts(&changed);

            // Exec
            let again = sign_in_as(&w, "lead-a").await;
            let impostor = sign_in_as(&w, "impostor").await;

            // Check: the subject still signs in to the lead's account …
            assert_eq!(signed_in_user(&again), w.lead.user_id);
            let l = links(&w.app, w.lead.user_id).await;
            assert_eq!(l.len(), 1);
            assert_eq!(l[0].subject, "lead-a");
            // … the finance officer was not linked to it …
            assert!(links(&w.app, w.finance.user_id).await.is_empty());
            // … and another identity with the lead's address is nobody.
            assert_eq!(refusal(&impostor), Refusal::Unknown);
            assert_eq!(count(&w.app, "identity_links").await, 1);
            idp.set_accounts(PEOPLE);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_people_members_and_disabled_accounts_are_refused_with_nothing_created_and_an_audit_row()
 {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup: the lead has linked already; then the lead leaves (disabled).
            let w = world(app(db), idp).await;
            assert_eq!(
                signed_in_user(&sign_in_as(&w, "lead-a").await),
                w.lead.user_id
            );
            control::disable(&w.app, &w.org.admin, w.lead.user_id)
                .await
                .expect("disable");
            // The finance officer is disabled before ever linking.
            control::disable(&w.app, &w.org.admin, w.finance.user_id)
                .await
                .expect("disable");
            let users = count(&w.app, "users").await;
            let sessions = count(&w.app, "sessions").await;

            // Exec
            let stranger = sign_in_as(&w, "stranger").await;
            let member = sign_in_as(&w, "member-a").await;
            let leaver = sign_in_as(&w, "lead-a").await;
            let never_linked = sign_in_as(&w, "finance-a").await;

            // Check
            assert_eq!(refusal(&stranger), Refusal::Unknown);
            assert_eq!(refusal(&member), Refusal::Member);
            assert_eq!(refusal(&leaver), Refusal::Disabled);
            assert_eq!(refusal(&never_linked), Refusal::Disabled);
            assert_eq!(count(&w.app, "users").await, users);
            assert_eq!(count(&w.app, "sessions").await, sessions);
            assert_eq!(count(&w.app, "identity_links").await, 1, "only the lead's");
            let refused = audit(&w.app, w.org.id, "identity_sign_in").await;
            for reason in ["unknown", "member", "disabled"] {
                assert!(
                    refused
                        .iter()
                        .any(|e| e.contains(&format!("\"refused\":\"{reason}\""))),
                    "no audit row for {reason}: {refused:?}"
                );
            }
            assert!(
                !refused.iter().any(|e| e.contains("stranger@")),
                "an unknown person's address is not kept: {refused:?}"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_the_provider_returns_works_once_and_not_after_ten_minutes() {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup
            let w = world(app(db), idp).await;
            let cb = to_provider_and_back(&w, "lead-a").await;
            let late = to_provider_and_back(&w, "lead-a").await;

            // Exec: the first is used twice; the second comes back after 11 minutes.
            let first = identity::finish(&w.app, &cb, BASE_URL)
                .await
                .expect("first");
            let replay = identity::finish(&w.app, &cb, BASE_URL)
                .await
                .expect("replay");
            w.app.clock.set(T0 + 11 * MINUTE);
            let expired = identity::finish(&w.app, &late, BASE_URL)
                .await
                .expect("late");
            let no_state = identity::finish(
                &w.app,
                &Callback {
                    state: None,
                    ..cb.clone()
                },
                BASE_URL,
            )
            .await
            .expect("no state");

            // Check
            assert_eq!(signed_in_user(&first), w.lead.user_id);
            assert_eq!(refusal(&replay), Refusal::Expired);
            assert_eq!(refusal(&expired), Refusal::Expired);
            assert_eq!(refusal(&no_state), Refusal::Expired);
            assert_eq!(count(&w.app, "identity_pending").await, 0, "taken or gone");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_token_issued_for_another_client_is_refused_for_its_audience() {
    // The provider issues each ID token for its other registered client.
    let idp = Idp::start(PEOPLE, &[("OIDC_ID_TOKEN_AUDIENCE", "other-client")]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            let w = world(app(db), idp).await;

            let done = sign_in_as(&w, "lead-a").await;

            assert_eq!(refusal(&done), Refusal::Token(TokenProblem::Audience));
            assert_eq!(count(&w.app, "identity_links").await, 0);
            assert_eq!(count(&w.app, "sessions").await, 0);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_id_token_past_its_expiry_by_cairns_clock_is_refused() {
    // ID tokens live one minute; Cairn's clock is then moved five minutes on (the pending
    // sign-in itself lasts ten).
    let idp = Idp::start(PEOPLE, &[("OIDC_ID_TOKEN_TTL", "60")]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            let w = world(app(db), idp).await;
            let real_now = cairn_db::now_ms();
            w.app.clock.set(real_now);
            let cb = to_provider_and_back(&w, "lead-a").await;

            w.app.clock.set(real_now + 5 * MINUTE);
            let done = identity::finish(&w.app, &cb, BASE_URL)
                .await
                .expect("finish");

            assert_eq!(refusal(&done), Refusal::Token(TokenProblem::Expired));
            assert_eq!(count(&w.app, "identity_links").await, 0);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_checks_the_issuer_by_discovery_allows_plain_http_only_on_this_machine_and_keeps_a_blank_secret()
 {
    let idp = Idp::start(PEOPLE, &[]);
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    both_engines(|db| {
        let idp = &idp;
        async move {
            let app = app(db);
            let org = org(&app, "Org A", "admin@org-a.example").await;
            let port = idp.issuer.rsplit(':').next().expect("port");
            let field_error = |r: Result<(), AppError>, field: &str| match r {
                Err(AppError::Invalid(e)) => e.for_field(field).map(|c| c.code.to_owned()),
                other => panic!("expected Invalid on {field}, got {other:?}"),
            };

            let unreachable = identity::connect(
                &app,
                &org.admin,
                &form(&format!("http://127.0.0.1:{closed}"), CLIENT_SECRET, false),
            )
            .await;
            // The provider calls itself http://127.0.0.1:…, not http://localhost:….
            let mismatch = identity::connect(
                &app,
                &org.admin,
                &form(&format!("http://localhost:{port}"), CLIENT_SECRET, false),
            )
            .await;
            let plain_http = identity::connect(
                &app,
                &org.admin,
                &form("http://idp.example.org", "s", false),
            )
            .await;
            let no_secret =
                identity::connect(&app, &org.admin, &form(&idp.issuer, "", false)).await;
            let member = cairn_app::identity::connect(
                &app,
                &account(&app, &org, "m@org-a.example", Role::Member, &[], None).await,
                &form(&idp.issuer, CLIENT_SECRET, false),
            )
            .await;
            let nothing_saved = identity::sign_in_choices(&app).await.expect("choices");
            identity::connect(&app, &org.admin, &form(&idp.issuer, CLIENT_SECRET, false))
                .await
                .expect("connect");
            identity::connect(&app, &org.admin, &form(&idp.issuer, "", true))
                .await
                .expect("change, keeping the secret");
            let saved = {
                let mut h = app.db.acquire().await.expect("acquire");
                cairn_db::identity::provider(&mut h.conn(), org.id)
                    .await
                    .expect("provider")
                    .expect("saved")
            };

            assert_eq!(
                field_error(unreachable, "issuer").as_deref(),
                Some("identity-error-issuer-unreachable")
            );
            assert_eq!(
                field_error(mismatch, "issuer").as_deref(),
                Some("identity-error-issuer-mismatch")
            );
            assert_eq!(
                field_error(plain_http, "issuer").as_deref(),
                Some("identity-error-issuer-https")
            );
            assert_eq!(
                field_error(no_secret, "client_secret").as_deref(),
                Some("identity-error-secret-required")
            );
            assert!(matches!(member, Err(AppError::Forbidden)), "{member:?}");
            assert!(nothing_saved.is_empty());
            assert_eq!(saved.client_secret, CLIENT_SECRET);
            assert!(saved.staff_required);
            assert_eq!(
                identity::sign_in_choices(&app).await.expect("choices"),
                vec![identity::SignInChoice {
                    organisation_id: org.id,
                    name: "NHS Wales".into(),
                    name_cy: "GIG Cymru".into(),
                }]
            );
            let audited = audit(&app, org.id, "identity_provider").await;
            assert_eq!(audited.len(), 2, "{audited:?}");
            assert!(
                !audited.iter().any(|e| e.contains(CLIENT_SECRET)),
                "the secret is never in the audit log: {audited:?}"
            );
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_staff_must_use_the_provider_a_staff_password_is_refused_and_a_members_is_not() {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            let w = world(app(db), idp).await;
            let before = accounts::sign_in(&w.app, LEAD, PASSWORD, "10.0.0.1").await;
            identity::connect(&w.app, &w.org.admin, &form(&idp.issuer, "", true))
                .await
                .expect("require the provider");

            let staff = accounts::sign_in(&w.app, LEAD, PASSWORD, "10.0.0.1").await;
            let member = accounts::sign_in(&w.app, MEMBER, PASSWORD, "10.0.0.1").await;
            let with_provider = sign_in_as(&w, "lead-a").await;

            assert!(before.is_ok(), "{before:?}");
            match staff {
                Err(AppError::Invalid(e)) => assert_eq!(
                    e.for_field("email").map(|c| c.code),
                    Some("identity-error-use-provider")
                ),
                other => panic!("expected the staff password refused, got {other:?}"),
            }
            assert!(member.is_ok(), "{member:?}");
            assert_eq!(signed_in_user(&with_provider), w.lead.user_id);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_persons_export_holds_their_provider_link_and_erasure_removes_it() {
    let idp = Idp::start(&[("gareth", "gareth@org-a.example")], &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup: a member of staff with a person record, linked by signing in.
            let w = world(app(db), idp).await;
            let unit = unit(&w.app, &w.org, "Ward A").await;
            let person = people::create(
                &w.app,
                &w.org.admin,
                &PersonDraft {
                    chosen_name: "Gareth".into(),
                    constituency: "staff".into(),
                    status: "active".into(),
                    preferred_language: "en".into(),
                    unit_ids: vec![unit],
                    ..Default::default()
                },
            )
            .await
            .expect("person");
            let inv = accounts::create_account_for_person(
                &w.app,
                &w.org.admin,
                person,
                &AccountForm {
                    email: "gareth@org-a.example".into(),
                    role: "unit_staff".into(),
                    unit_ids: vec![unit],
                },
                BASE_URL,
            )
            .await
            .expect("account");
            assert_eq!(signed_in_user(&sign_in_as(&w, "gareth").await), inv.user_id);

            // Exec
            let export = people::export(&w.app, &w.org.admin, person)
                .await
                .expect("export");
            people::erasure::erase(&w.app, &w.org.admin, person, "They asked us to")
                .await
                .expect("erase");
            let after = sign_in_as(&w, "gareth").await;

            // Check
            let account = export.account.expect("account in the export");
            assert_eq!(account.identity_links.len(), 1);
            assert_eq!(account.identity_links[0].subject, "gareth");
            assert_eq!(account.identity_links[0].issuer, idp.issuer);
            assert!(links(&w.app, inv.user_id).await.is_empty());
            assert_eq!(refusal(&after), Refusal::Unknown);
        }
    })
    .await;
}

/// Organisation A's people at the provider as Entra ID would send them: the lead's token has no
/// `email_verified` at all, the finance officer's says `false`.
fn entra_like() -> serde_json::Value {
    serde_json::json!({
        "lead-a": {"email": LEAD},
        "finance-a": {"email": FINANCE, "email_verified": false},
    })
}

/// What the disconnection's audit row says the provider was.
async fn revoked_before(app: &App, org: i64) -> String {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &cairn_db::audit::AuditQuery {
            entity: Some("identity_provider".into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .find(|e| e.action == "revoke")
    .and_then(|e| e.before_json)
    .expect("the disconnection's row, with what was connected")
}

fn trusting(issuer: &str, emails_verified: bool) -> ProviderForm {
    ProviderForm {
        emails_verified,
        ..form(issuer, "", false)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_without_email_verified_links_only_when_the_provider_is_trusted_and_an_explicit_false_never_links()
 {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup: connected with the setting off (the default).
            let w = world(app(db), idp).await;
            idp.set_account_entries(&entra_like());

            // Exec: setting off …
            let missing_off = sign_in_as(&w, "lead-a").await;
            let false_off = sign_in_as(&w, "finance-a").await;
            let links_off = count(&w.app, "identity_links").await;
            // … then on.
            identity::connect(&w.app, &w.org.admin, &trusting(&idp.issuer, true))
                .await
                .expect("trust the provider's addresses");
            let shown = identity::settings(&w.app, &w.org.admin)
                .await
                .expect("settings")
                .expect("connected");
            let missing_on = sign_in_as(&w, "lead-a").await;
            let false_on = sign_in_as(&w, "finance-a").await;

            // Check: with the setting off a missing claim is not verified …
            assert_eq!(refusal(&missing_off), Refusal::Unknown);
            assert_eq!(refusal(&false_off), Refusal::Unknown);
            assert_eq!(links_off, 0);
            // … with it on, a missing claim links the account by its address …
            assert!(shown.emails_verified);
            assert_eq!(signed_in_user(&missing_on), w.lead.user_id);
            let l = links(&w.app, w.lead.user_id).await;
            assert_eq!(l.len(), 1);
            assert_eq!(l[0].subject, "lead-a");
            // … and an explicit false is refused either way.
            assert_eq!(refusal(&false_on), Refusal::Unknown);
            assert!(links(&w.app, w.finance.user_id).await.is_empty());
            // The change is in the audit log, before and after.
            let audited = audit(&w.app, w.org.id, "identity_provider").await;
            assert_eq!(audited.len(), 2, "{audited:?}");
            assert!(
                audited
                    .iter()
                    .any(|e| e.starts_with("update:") && e.contains("\"emails_verified\":true")),
                "{audited:?}"
            );
            assert!(
                audited
                    .iter()
                    .any(|e| e.starts_with("create:") && e.contains("\"emails_verified\":false")),
                "{audited:?}"
            );
            idp.set_accounts(PEOPLE);
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn disconnecting_removes_the_provider_and_the_staff_rule_keeps_links_and_reconnecting_the_same_issuer_signs_in_by_subject()
 {
    let idp = Idp::start(PEOPLE, &[]);
    both_engines(|db| {
        let idp = &idp;
        async move {
            // Setup: staff must use the provider; the lead is linked; a sign-in is under way.
            let w = world(app(db), idp).await;
            identity::connect(&w.app, &w.org.admin, &form(&idp.issuer, "", true))
                .await
                .expect("require the provider");
            assert_eq!(
                signed_in_user(&sign_in_as(&w, "lead-a").await),
                w.lead.user_id
            );
            let under_way = to_provider_and_back(&w, "lead-a").await;
            let refused_before = accounts::sign_in(&w.app, LEAD, PASSWORD, "10.0.0.1").await;
            let member = account(&w.app, &w.org, "m2@org-a.example", Role::Member, &[], None).await;

            // Exec
            let by_member = identity::disconnect(&w.app, &member).await;
            let by_lead = identity::disconnect(&w.app, &w.lead).await;
            let first = identity::disconnect(&w.app, &w.org.admin)
                .await
                .expect("disconnect");
            let again = identity::disconnect(&w.app, &w.org.admin)
                .await
                .expect("disconnect again");
            let settings = identity::settings(&w.app, &w.org.admin)
                .await
                .expect("settings");
            let choices = identity::sign_in_choices(&w.app).await.expect("choices");
            let password = accounts::sign_in(&w.app, LEAD, PASSWORD, "10.0.0.1").await;
            let finished = identity::finish(&w.app, &under_way, BASE_URL)
                .await
                .expect("finish");
            let started = identity::start(&w.app, w.org.id, "/home", BASE_URL).await;
            let links_kept = links(&w.app, w.lead.user_id).await;
            let audited = audit(&w.app, w.org.id, "identity_provider").await;
            // Reconnected to the same issuer, the provider now gives lead-a another address:
            // the kept link signs the lead in by subject, with no new link.
            identity::connect(
                &w.app,
                &w.org.admin,
                &form(&idp.issuer, CLIENT_SECRET, false),
            )
            .await
            .expect("reconnect");
            idp.set_accounts(&[("lead-a", "lead.renamed@nhs.example")]);
            let reconnected = sign_in_as(&w, "lead-a").await;
            idp.set_accounts(PEOPLE);

            // Check: only an administrator disconnects …
            assert!(
                matches!(by_member, Err(AppError::Forbidden)),
                "{by_member:?}"
            );
            assert!(matches!(by_lead, Err(AppError::Forbidden)), "{by_lead:?}");
            assert!(
                matches!(refused_before, Err(AppError::Invalid(_))),
                "{refused_before:?}"
            );
            // … the provider and its staff rule are gone, so the lead's password works again …
            assert!(first);
            assert!(!again, "a second disconnect changes nothing");
            assert!(settings.is_none());
            assert!(choices.is_empty());
            assert!(password.is_ok(), "{password:?}");
            // … a sign-in that was under way cannot finish, and nothing new can start …
            assert_eq!(refusal(&finished), Refusal::Expired);
            assert!(matches!(started, Err(AppError::NotFound)), "{started:?}");
            // … the link is kept and the disconnection audited once, without the secret …
            assert_eq!(links_kept.len(), 1);
            assert_eq!(links_kept[0].subject, "lead-a");
            let revoked: Vec<_> = audited
                .iter()
                .filter(|e| e.starts_with("revoke:"))
                .collect();
            assert_eq!(revoked.len(), 1, "{audited:?}");
            let before = revoked_before(&w.app, w.org.id).await;
            assert!(before.contains("\"staff_required\":true"), "{before}");
            assert!(!before.contains(CLIENT_SECRET), "{before}");
            // … and after reconnecting, the same subject is the same account.
            assert_eq!(signed_in_user(&reconnected), w.lead.user_id);
            assert_eq!(count(&w.app, "identity_links").await, 1);
        }
    })
    .await;
}
