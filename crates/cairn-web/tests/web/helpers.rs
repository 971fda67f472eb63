//! `TestApp`: a router over a fresh database with two organisations, every role signed in,
//! and helpers to send requests as any of them.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use cairn_app::{App, Clock, PasswordCost};
use cairn_domain::Role;
use cairn_testkit::TestDb;
use cairn_web::{AppState, WebConfig};
use std::collections::HashMap;
use std::sync::Arc;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery";
/// A PNG's signature and header: enough for the content check of photos.
pub const PHOTO_PNG: [u8; 16] = [
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

/// Who is making a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Who {
    Anon,
    Platform,
    OrgAdmin,
    Lead,
    UnitStaff,
    Finance,
    Member,
    Viewer,
    /// The administrator of another organisation.
    OtherAdmin,
}

impl Who {
    pub const ALL: [Who; 9] = [
        Who::Anon,
        Who::Platform,
        Who::OrgAdmin,
        Who::Lead,
        Who::UnitStaff,
        Who::Finance,
        Who::Member,
        Who::Viewer,
        Who::OtherAdmin,
    ];

    pub fn email(self) -> &'static str {
        match self {
            Who::Anon => "",
            Who::Platform => "platform@test.cairn.test",
            Who::OrgAdmin => "admin@a.cairn.test",
            Who::Lead => "lead@a.cairn.test",
            Who::UnitStaff => "staff@a.cairn.test",
            Who::Finance => "finance@a.cairn.test",
            Who::Member => "member@a.cairn.test",
            Who::Viewer => "viewer@a.cairn.test",
            Who::OtherAdmin => "admin@b.cairn.test",
        }
    }
}

/// A signed-in principal: cookie, form token, API token.
#[derive(Debug, Clone)]
pub struct Principal {
    pub cookie: String,
    pub csrf: String,
    pub token: String,
    pub token_id: i64,
}

/// Ids of the seeded records.
#[derive(Debug, Clone, Default)]
pub struct Seed {
    pub org_a: i64,
    pub org_b: i64,
    pub service_a: i64,
    /// The unit staff's unit.
    pub unit_a1: i64,
    /// A unit outside the staff's scope.
    pub unit_a2: i64,
    pub unit_b: i64,
    /// A carer on unit A1.
    pub person_a1: i64,
    /// A service user on unit A2 (outside the staff's scope).
    pub person_a2: i64,
    /// The member's own person record.
    pub member_person: i64,
    pub person_b: i64,
    /// A live invitation secret.
    pub invitation: String,
    /// Open assessment rounds in organisation A, one for each closer the access table tries.
    pub open_rounds: Vec<i64>,
    /// A suggestion on unit A1.
    pub suggestion: i64,
    /// Kiosks on unit A1 for revoking (one per revoker: administrator, lead, unit staff), and
    /// the secret of one that stays live.
    pub kiosks: Vec<i64>,
    pub kiosk_token: String,
    /// A group on unit A1 with the member and the carer on it, an upcoming meeting of it, and
    /// an overdue action from that meeting owned by the carer.
    pub group: i64,
    pub meeting: i64,
    pub action: i64,
    /// Claims: [0] the member's own, submitted, with a receipt; [1] the carer's, submitted;
    /// [2] the carer's, approved by the lead; [3] the carer's, in the open run.
    pub claims: Vec<i64>,
    pub receipt: i64,
    pub run: i64,
    /// The carer (`person_a1`), on the who's-who with a photo: their profile says yes to both.
    pub whos_who_photo: i64,
    /// A published role; opportunities for it across the service: [0] with the member's
    /// interest, [1] for the API to say "interested" on, [2] to withdraw, [3] the one the
    /// member was appointed from; that appointment; a recruitment process on unit A1.
    pub role: i64,
    pub opportunities: Vec<i64>,
    pub interest: i64,
    pub appointment: i64,
    pub process: i64,
    /// The member (a newcomer who joined 20 days ago) paired with the carer, who holds a
    /// buddy role; and an arrival on unit A1 two days ago, not yet offered a meeting.
    pub pairing: i64,
    pub arrival: i64,
    /// A course in organisation A's prospectus, and a session of it tomorrow with the carer
    /// (`person_a1`) as peer trainer, with the member booked on it.
    pub course: i64,
    pub session: i64,
    /// Two sessions of the course that have happened, with the carer as peer trainer and the
    /// member attending both: [0] the member's completion certificate, [1] and [2] the carer's
    /// delivery certificates.
    pub certificates: Vec<i64>,
    /// An anonymous Friends and Family Test with a round open on unit A1 (and its link).
    pub survey: i64,
    pub survey_round: i64,
    pub survey_token: String,
    /// A single-use card of that round on unit A1, unused.
    pub survey_card: String,
    /// A board pack of organisation A, signed off (so the board may read it).
    pub pack: i64,
}

pub struct TestApp {
    pub router: Router,
    pub app: App,
    pub seed: Seed,
    pub who: HashMap<Who, Principal>,
    _db: TestDb,
}

pub struct Res {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent (files: receipts, zips).
    pub bytes: Vec<u8>,
}

impl Res {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

async fn user(
    app: &App,
    org: Option<i64>,
    who: Who,
    role: Role,
    person: Option<i64>,
    units: &[i64],
) -> i64 {
    let hash = app.password_cost.hash(PASSWORD);
    let mut tx = app.db.begin().await.expect("tx");
    let u = cairn_db::accounts::NewUser {
        organisation_id: org,
        email: who.email(),
        password_hash: Some(&hash),
        role,
        person_id: person,
        locale: None,
    };
    let id = cairn_db::accounts::insert_user(&mut tx.conn(), &u, 0)
        .await
        .expect("user");
    cairn_db::accounts::set_user_units(&mut tx.conn(), id, units)
        .await
        .expect("units");
    tx.commit().await.expect("commit");
    id
}

impl TestApp {
    /// A fresh app on SQLite.
    pub async fn new() -> TestApp {
        Self::on(cairn_testkit::sqlite().await, false).await
    }

    /// A fresh app on PostgreSQL (None only when the developer allowed running without it).
    pub async fn on_postgres() -> Option<TestApp> {
        Some(Self::on(cairn_testkit::postgres().await?, false).await)
    }

    /// A fresh app on SQLite that believes it is served over https.
    pub async fn https() -> TestApp {
        Self::on(cairn_testkit::sqlite().await, true).await
    }

    async fn on(db: TestDb, https: bool) -> TestApp {
        // Cheap password hashes: each app signs in a dozen accounts, in a hundred tests.
        let app = App::new(
            db.db.clone(),
            Clock::system(),
            Arc::new(cairn_web::i18n::FluentTranslator),
        )
        .with_password_cost(PasswordCost::Test);
        let mut s = Seed::default();
        {
            let mut tx = app.db.begin().await.expect("tx");
            let c = &mut tx.conn();
            s.org_a = cairn_db::units::insert_organisation(
                c,
                "Organisation A",
                Some("Sefydliad A"),
                "Europe/London",
                0,
            )
            .await
            .expect("org");
            s.org_b =
                cairn_db::units::insert_organisation(c, "Organisation B", None, "Europe/London", 0)
                    .await
                    .expect("org");
            s.service_a =
                cairn_db::units::insert_service(c, s.org_a, "Rehabilitation", Some("Adsefydlu"), 0)
                    .await
                    .expect("svc");
            let service_b = cairn_db::units::insert_service(c, s.org_b, "Other service", None, 0)
                .await
                .expect("svc");
            let unit = |name: &str, service| cairn_domain::units::UnitFields {
                name: name.into(),
                name_cy: None,
                service_id: service,
                unit_type: cairn_domain::units::UnitType::OpenRehab,
                beds: Some(10),
                gender_mix: cairn_domain::units::GenderMix::Mixed,
                link_person_id: None,
            };
            s.unit_a1 = cairn_db::units::insert_unit(c, s.org_a, &unit("Alder", s.service_a), 0)
                .await
                .expect("unit");
            s.unit_a2 = cairn_db::units::insert_unit(c, s.org_a, &unit("Birch", s.service_a), 0)
                .await
                .expect("unit");
            s.unit_b = cairn_db::units::insert_unit(c, s.org_b, &unit("Cedar", service_b), 0)
                .await
                .expect("unit");
            let person = |name: &str, k, units: Vec<i64>| cairn_domain::people::PersonFields {
                chosen_name: name.into(),
                constituency: k,
                discipline: None,
                unit_ids: units,
                status: cairn_domain::people::PersonStatus::Active,
                status_since: None,
                preferred_language: cairn_domain::people::Language::En,
                email: None,
                access_needs: None,
                consent_on: None,
            };
            use cairn_domain::people::Constituency::*;
            s.person_a1 =
                cairn_db::people::insert(c, s.org_a, &person("Carys", Carer, vec![s.unit_a1]), 0)
                    .await
                    .expect("p");
            s.person_a2 = cairn_db::people::insert(
                c,
                s.org_a,
                &person("Dai", ServiceUser, vec![s.unit_a2]),
                0,
            )
            .await
            .expect("p");
            s.member_person = cairn_db::people::insert(
                c,
                s.org_a,
                &person("Mo", ServiceUser, vec![s.unit_a1]),
                0,
            )
            .await
            .expect("p");
            s.person_b = cairn_db::people::insert(
                c,
                s.org_b,
                &person("Bryn", ServiceUser, vec![s.unit_b]),
                0,
            )
            .await
            .expect("p");
            tx.commit().await.expect("commit");
        }
        user(&app, None, Who::Platform, Role::PlatformAdmin, None, &[]).await;
        user(
            &app,
            Some(s.org_a),
            Who::OrgAdmin,
            Role::OrgAdmin,
            None,
            &[],
        )
        .await;
        user(&app, Some(s.org_a), Who::Lead, Role::Lead, None, &[]).await;
        user(
            &app,
            Some(s.org_a),
            Who::UnitStaff,
            Role::UnitStaff,
            None,
            &[s.unit_a1],
        )
        .await;
        user(&app, Some(s.org_a), Who::Finance, Role::Finance, None, &[]).await;
        user(
            &app,
            Some(s.org_a),
            Who::Member,
            Role::Member,
            Some(s.member_person),
            &[],
        )
        .await;
        user(&app, Some(s.org_a), Who::Viewer, Role::Viewer, None, &[]).await;
        user(
            &app,
            Some(s.org_b),
            Who::OtherAdmin,
            Role::OrgAdmin,
            None,
            &[],
        )
        .await;
        let mut who = HashMap::new();
        for w in Who::ALL {
            if w == Who::Anon {
                continue;
            }
            let session = cairn_app::accounts::sign_in(&app, w.email(), PASSWORD, "test")
                .await
                .expect("sign in");
            let token = cairn_app::accounts::create_token_for_email(&app, w.email(), "test")
                .await
                .expect("token");
            let (_, token_id) = {
                let mut h = app.db.acquire().await.expect("h");
                let uid = cairn_db::accounts::find_user_by_email(&mut h.conn(), w.email())
                    .await
                    .expect("u")
                    .expect("u")
                    .id;
                let t = cairn_db::accounts::list_tokens(&mut h.conn(), uid)
                    .await
                    .expect("t");
                (uid, t[0].id)
            };
            who.insert(
                w,
                Principal {
                    cookie: format!("cairn_session={}", session.secret),
                    csrf: session.csrf,
                    token,
                    token_id,
                },
            );
        }
        // A live invitation for someone without an account.
        let admin = {
            let mut h = app.db.acquire().await.expect("h");
            let u = cairn_db::accounts::find_user_by_email(&mut h.conn(), Who::OrgAdmin.email())
                .await
                .expect("u")
                .expect("u");
            cairn_app::accounts::actor_for(&app, &u)
                .await
                .expect("actor")
        };
        let inv = cairn_app::accounts::create_account_for_person(
            &app,
            &admin,
            s.person_a2,
            &cairn_app::accounts::AccountForm {
                email: "dai@a.cairn.test".into(),
                role: "member".into(),
                unit_ids: vec![],
            },
            "http://localhost",
        )
        .await
        .expect("invitation");
        s.invitation = inv.secret;
        cairn_app::people::save_profile(
            &app,
            &admin,
            s.person_a1,
            &cairn_domain::people::ProfileDraft {
                ask_me_about: "The garden group".into(),
                consent_whos_who: true,
                consent_photo: true,
                ..Default::default()
            },
        )
        .await
        .expect("profile");
        cairn_app::people::add_photo(&app, &admin, s.person_a1, &PHOTO_PNG)
            .await
            .expect("photo");
        s.whos_who_photo = s.person_a1;
        let draft = cairn_domain::feedback::SuggestionDraft {
            unit_id: Some(s.unit_a1),
            text: "A quiet room for visits".into(),
            channel: "meeting".into(),
            ..Default::default()
        };
        s.suggestion =
            cairn_app::feedback::enter(&app, &admin, &draft, cairn_domain::people::Language::En)
                .await
                .expect("suggestion");
        for i in 0..3 {
            cairn_app::feedback::create_kiosk(&app, &admin, s.unit_a1, &format!("Tablet {i}"))
                .await
                .expect("kiosk");
        }
        let mut kiosks = cairn_app::feedback::kiosks(&app, &admin)
            .await
            .expect("kiosks");
        kiosks.sort_by_key(|k| k.id);
        s.kiosks = kiosks.iter().map(|k| k.id).collect();
        s.kiosk_token = cairn_app::feedback::create_kiosk(&app, &admin, s.unit_a1, "Day room")
            .await
            .expect("kiosk");
        let group = cairn_domain::meetings::GroupDraft {
            name_en: "Community meeting".into(),
            name_cy: "Cyfarfod cymunedol".into(),
            kind: "community".into(),
            unit_id: Some(s.unit_a1),
            minimums: [
                "1".into(),
                "1".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
            ..Default::default()
        };
        s.group = cairn_app::meetings::create_group(&app, &admin, &group)
            .await
            .expect("group");
        for p in [s.member_person, s.person_a1] {
            cairn_app::meetings::set_member(&app, &admin, s.group, p, true)
                .await
                .expect("member");
        }
        let start = app.now() + 7 * 24 * 60 * 60 * 1000;
        s.meeting = cairn_app::meetings::schedule_at(
            &app,
            &admin,
            s.group,
            start,
            start + 60 * 60 * 1000,
            "Day room",
        )
        .await
        .expect("meeting");
        s.action = cairn_app::meetings::add_action(
            &app,
            &admin,
            s.meeting,
            "Ask about the garden",
            Some(s.person_a1),
            &cairn_domain::time::DateParts {
                day: "1".into(),
                month: "2".into(),
                year: "2026".into(),
            },
        )
        .await
        .expect("action");
        let as_who = |who: Who| {
            let app = app.clone();
            async move {
                let mut h = app.db.acquire().await.expect("h");
                let u = cairn_db::accounts::find_user_by_email(&mut h.conn(), who.email())
                    .await
                    .expect("u")
                    .expect("u");
                cairn_app::accounts::actor_for(&app, &u)
                    .await
                    .expect("actor")
            }
        };
        {
            let mut tx = app.db.begin().await.expect("tx");
            cairn_app::payments::add_examples(&mut tx.conn(), s.org_a, app.now())
                .await
                .expect("rates");
            tx.commit().await.expect("commit");
        }
        let (lead, finance, member) = (
            as_who(Who::Lead).await,
            as_who(Who::Finance).await,
            as_who(Who::Member).await,
        );
        let yesterday = cairn_domain::time::local_date(
            app.now() - 24 * 60 * 60 * 1000,
            &cairn_domain::time::time_zone("Europe/London"),
        );
        let claim = |activity: &str, expense: bool| cairn_domain::payments::ClaimDraft {
            activity_type: activity.into(),
            activity_on: cairn_domain::time::DateParts::from_date(Some(yesterday)),
            hours: "2".into(),
            minutes: "0".into(),
            description: "Community meeting".into(),
            expenses: if expense {
                vec![cairn_domain::payments::ExpenseDraft {
                    category: "public_transport".into(),
                    amount: "4.80".into(),
                    ..Default::default()
                }]
            } else {
                Vec::new()
            },
        };
        let own =
            cairn_app::payments::create_claim(&app, &member, None, None, &claim("meeting", true))
                .await
                .expect("claim");
        // A one-pixel PNG's signature and header are enough for the content check.
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
        ];
        s.receipt = cairn_app::payments::add_receipt(&app, &member, own, &png)
            .await
            .expect("receipt");
        cairn_app::payments::submit(&app, &member, own)
            .await
            .expect("submit");
        s.claims.push(own);
        for step in 1..4 {
            let id = cairn_app::payments::create_claim(
                &app,
                &admin,
                Some(s.person_a1),
                None,
                &claim("consultation", false),
            )
            .await
            .expect("claim");
            cairn_app::payments::submit(&app, &admin, id)
                .await
                .expect("submit");
            if step >= 2 {
                cairn_app::payments::approve(&app, &lead, id, None, "")
                    .await
                    .expect("approve");
            }
            if step == 3 {
                cairn_app::payments::authorise(&app, &finance, id)
                    .await
                    .expect("authorise");
                s.run = cairn_app::payments::create_run(&app, &finance, &[id])
                    .await
                    .expect("run");
            }
            s.claims.push(id);
        }
        for i in 0..4 {
            s.open_rounds.push(
                cairn_app::model::open_round(&app, &admin, "round", &format!("Round {i}"))
                    .await
                    .expect("round"),
            );
        }
        {
            let today = cairn_domain::time::local_date(
                app.now(),
                &cairn_domain::time::time_zone("Europe/London"),
            );
            let ago = |n: i64| today.checked_sub(jiff::Span::new().days(n)).expect("date");
            let mut tx = app.db.begin().await.expect("tx");
            let role = cairn_db::fetch_scalar!(
                &mut tx.conn(),
                i64,
                "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, \
                 time_en, time_cy, support_en, support_cy, level, payment, created_at, updated_at) \
                 VALUES ($1, 'buddy', 'Buddy', 'Cyfaill', 'Welcome newcomers', 'Croesawu newydd-ddyfodiaid', 'Meeting up', 'Cyfarfod', \
                 'An hour a week', 'Awr yr wythnos', 'A buddy group', 'Grŵp cyfeillion', 1, 'voluntary', 0, 0) RETURNING id",
                s.org_a
            )
            .expect("buddy role");
            cairn_db::execute!(
                &mut tx.conn(),
                "INSERT INTO appointments (organisation_id, person_id, role_id, starts_on, created_by_label, created_at, updated_at) \
                 VALUES ($1, $2, $3, '2020-01-01', 'seed', 0, 0)",
                s.org_a,
                s.person_a1,
                role
            )
            .expect("buddy appointment");
            cairn_db::execute!(
                &mut tx.conn(),
                "UPDATE people SET joined_on = $2 WHERE id = $1",
                s.member_person,
                ago(20).to_string()
            )
            .expect("joined");
            tx.commit().await.expect("commit");
            s.pairing = cairn_app::people::buddies::pair(
                &app,
                &admin,
                &cairn_domain::people::PairingDraft {
                    newcomer_id: s.member_person.to_string(),
                    buddy_id: s.person_a1.to_string(),
                    starts_on: cairn_domain::time::DateParts::from_date(Some(ago(1))),
                },
            )
            .await
            .expect("pairing");
            s.arrival = cairn_app::people::welcome::create(
                &app,
                &admin,
                Some(s.unit_a1),
                &cairn_domain::people::ArrivalDraft {
                    arrived_on: cairn_domain::time::DateParts::from_date(Some(ago(2))),
                    ..Default::default()
                },
            )
            .await
            .expect("arrival");
        }
        crate::roles::seed(&app, &admin, &member, &mut s).await;
        {
            let draft = cairn_domain::training::CourseDraft {
                title_en: "Understanding the levels".into(),
                title_cy: "Deall y lefelau".into(),
                summary_en: "What the three levels of co-production mean".into(),
                summary_cy: "Beth mae tair lefel cydgynhyrchu yn ei olygu".into(),
                audience: vec!["service_user".into(), "carer".into(), "staff".into()],
                level: "1".into(),
                practices: vec!["L1.13".into()],
                sessions: "2".into(),
                learning_hours: "10".into(),
                credits: "1".into(),
                cqfw_level: "entry_3".into(),
                agored_unit: "CU/E3/001".into(),
                completion: "sessions".into(),
                min_sessions: "2".into(),
            };
            s.course = cairn_app::training::create_course(&app, &admin, &draft)
                .await
                .expect("course");
            let at = app.now() + 24 * 60 * 60 * 1000;
            s.session = cairn_app::training::create_session(
                &app,
                &admin,
                s.course,
                &cairn_domain::training::SessionDraft {
                    starts_at: Some(at),
                    ends_at: Some(at + 2 * 60 * 60 * 1000),
                    place: "Education centre".into(),
                    capacity: "12".into(),
                    trainers: vec![(s.person_a1.to_string(), "peer_trainer".into())],
                    ..Default::default()
                },
            )
            .await
            .expect("session")
            .session
            .id;
            cairn_app::training::set_attendance(
                &app,
                &admin,
                s.session,
                &[(s.member_person, "booked".into())],
            )
            .await
            .expect("booking");
            for days_ago in [2, 1] {
                let at = app.now() - days_ago * 24 * 60 * 60 * 1000;
                let past = cairn_app::training::create_session(
                    &app,
                    &admin,
                    s.course,
                    &cairn_domain::training::SessionDraft {
                        starts_at: Some(at),
                        ends_at: Some(at + 2 * 60 * 60 * 1000),
                        place: "Education centre".into(),
                        capacity: "12".into(),
                        trainers: vec![(s.person_a1.to_string(), "peer_trainer".into())],
                        ..Default::default()
                    },
                )
                .await
                .expect("past session")
                .session
                .id;
                cairn_app::training::set_attendance(
                    &app,
                    &admin,
                    past,
                    &[(s.member_person, "attended".into())],
                )
                .await
                .expect("register");
            }
            // The member works toward the course's credit.
            cairn_app::training::accreditation::add_credit_learner(
                &app,
                &admin,
                s.course,
                &cairn_domain::training::accreditation::CreditLearnerDraft {
                    person_id: s.member_person.to_string(),
                    given_names: "Mair".into(),
                    family_name: "Evans".into(),
                    date_of_birth: cairn_domain::time::DateParts {
                        day: "9".into(),
                        month: "11".into(),
                        year: "1980".into(),
                    },
                    uln: "1234567890".into(),
                },
            )
            .await
            .expect("credit learner");
            let mut h = app.db.acquire().await.expect("acquire");
            for p in [s.member_person, s.person_a1] {
                s.certificates.extend(
                    cairn_db::training::certificates_of(&mut h.conn(), p)
                        .await
                        .expect("certificates")
                        .iter()
                        .map(|c| c.id),
                );
            }
            assert_eq!(s.certificates.len(), 3, "one completion, two deliveries");
            drop(h);
            s.survey = cairn_app::surveys::create_survey(
                &app,
                &admin,
                &cairn_app::surveys::SurveyDraft {
                    title_en: "How was your stay?".into(),
                    title_cy: "Sut oedd eich arhosiad?".into(),
                    privacy: "anonymous".into(),
                    template: "fft".into(),
                    questions: None,
                    by_hand: false,
                },
            )
            .await
            .expect("survey");
            let today = cairn_domain::time::local_date(
                app.now(),
                &cairn_domain::time::time_zone("Europe/London"),
            );
            s.survey_round = cairn_app::surveys::open_round(
                &app,
                &admin,
                s.survey,
                &cairn_app::surveys::RoundDraft {
                    name: "Baseline".into(),
                    unit_ids: vec![s.unit_a1.to_string()],
                    opens_on: Some(today.to_string()),
                    closes_on: Some(
                        today
                            .checked_add(jiff::Span::new().days(30))
                            .expect("date")
                            .to_string(),
                    ),
                },
            )
            .await
            .expect("round");
            let mut h = app.db.acquire().await.expect("acquire");
            s.survey_token = cairn_db::surveys::round_units(&mut h.conn(), s.survey_round)
                .await
                .expect("units")[0]
                .1
                .clone();
            drop(h);
            s.survey_card =
                cairn_app::surveys::print_cards(&app, &admin, s.survey_round, s.unit_a1, "1")
                    .await
                    .expect("card")
                    .1
                    .remove(0);
            s.pack = cairn_app::reports::create_pack(
                &app,
                &admin,
                &cairn_domain::reports::PackDraft {
                    title: "Quarter 1".into(),
                    committee: "Quality and Safety".into(),
                    period_from: "2026-01".into(),
                    period_to: "2026-03".into(),
                    measures: vec!["suggestions_received".into()],
                    ..Default::default()
                },
            )
            .await
            .expect("pack");
            cairn_app::reports::sign_off(&app, &admin, s.pack)
                .await
                .expect("sign off");
        }
        let state = AppState {
            app: app.clone(),
            config: Arc::new(WebConfig {
                base_url: "http://localhost".into(),
                secure_cookies: https,
                ..Default::default()
            }),
        };
        TestApp {
            router: cairn_web::router(state),
            app,
            seed: s,
            who,
            _db: db,
        }
    }

    /// The same app and database served with other settings: `change` edits the test's
    /// `WebConfig`.
    pub fn with_config(mut self, change: impl FnOnce(&mut WebConfig)) -> Self {
        let mut config = WebConfig {
            base_url: "http://localhost".into(),
            ..Default::default()
        };
        change(&mut config);
        self.router = cairn_web::router(AppState {
            app: self.app.clone(),
            config: Arc::new(config),
        });
        self
    }

    /// Sends a request. `who` adds the session cookie; form bodies get the form token added.
    pub async fn send(
        &self,
        who: Who,
        method: Method,
        path: &str,
        form: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Res {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost");
        if let Some(p) = self.who.get(&who) {
            b = b.header(header::COOKIE, &p.cookie);
        }
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let body = match form {
            Some(f) => {
                b = b.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                let csrf = self
                    .who
                    .get(&who)
                    .map(|p| p.csrf.clone())
                    .unwrap_or_default();
                Body::from(if f.is_empty() {
                    format!("csrf={csrf}")
                } else {
                    format!("csrf={csrf}&{f}")
                })
            }
            None => Body::empty(),
        };
        self.raw(b.body(body).expect("request")).await
    }

    pub async fn get(&self, who: Who, path: &str) -> Res {
        self.send(who, Method::GET, path, None, &[]).await
    }

    pub async fn post(&self, who: Who, path: &str, form: &str) -> Res {
        self.send(who, Method::POST, path, Some(form), &[]).await
    }

    /// Posts a file-upload form (`multipart/form-data`) with `who`'s session and form token,
    /// and `file` as (field name, bytes) when given.
    pub async fn post_multipart(&self, who: Who, path: &str, file: Option<(&str, &[u8])>) -> Res {
        const BOUNDARY: &str = "cairn-test-boundary";
        let mut b = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::HOST, "localhost")
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={BOUNDARY}"),
            );
        let mut body = Vec::new();
        if let Some(p) = self.who.get(&who) {
            b = b.header(header::COOKIE, &p.cookie);
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n",
                    p.csrf
                )
                .as_bytes(),
            );
        }
        if let Some((name, bytes)) = file {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"f\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
            );
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        self.raw(b.body(Body::from(body)).expect("request")).await
    }

    /// Sends an API request with the principal's bearer token.
    pub async fn api(
        &self,
        who: Who,
        method: Method,
        path: &str,
        json: Option<serde_json::Value>,
    ) -> Res {
        let mut b = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost");
        if let Some(p) = self.who.get(&who) {
            b = b.header(header::AUTHORIZATION, format!("Bearer {}", p.token));
        }
        let body = match json {
            Some(j) => {
                b = b.header(header::CONTENT_TYPE, "application/json");
                Body::from(j.to_string())
            }
            None => Body::empty(),
        };
        self.raw(b.body(body).expect("request")).await
    }

    pub async fn raw(&self, req: Request<Body>) -> Res {
        let res = self.router.clone().oneshot(req).await.expect("response");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = axum::body::to_bytes(res.into_body(), 10 * 1024 * 1024)
            .await
            .expect("body");
        Res {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// The database's URL (to open it again, e.g. read-only).
    pub fn db_url(&self) -> &str {
        &self._db.url
    }

    /// Runs a closure with the actor of `who`.
    pub async fn actor(&self, who: Who) -> cairn_app::Actor {
        let mut h = self.app.db.acquire().await.expect("h");
        let u = cairn_db::accounts::find_user_by_email(&mut h.conn(), who.email())
            .await
            .expect("u")
            .expect("u");
        cairn_app::accounts::actor_for(&self.app, &u)
            .await
            .expect("actor")
    }
}

/// Runs `body` on a fresh app on SQLite, then on a fresh app on PostgreSQL. PostgreSQL must
/// be there: a test that should hold on both engines is never passed on one.
pub async fn both<F, Fut>(body: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    body(TestApp::new().await).await;
    match TestApp::on_postgres().await {
        Some(pg) => body(pg).await,
        None => panic!("PostgreSQL is needed for this test (see scripts/test.sh)"),
    }
}

/// The message shown beside `field` (after its visually hidden "Error:" prefix), if any.
pub fn field_error<'a>(body: &'a str, field: &str) -> Option<&'a str> {
    let start = body.find(&format!("id=\"{field}-error\">"))?;
    let rest = &body[start..];
    let after_prefix = &rest[rest.find("</span>")? + "</span>".len()..];
    Some(after_prefix[..after_prefix.find("</span>")?].trim())
}
