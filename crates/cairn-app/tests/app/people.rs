//! Use-case tests for profiles, photos, each person's own level and pathway, the who's-who,
//! "what Cairn holds about me" and the subject access export. Every body runs twice through
//! [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock (29 March 2026).
//! Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::{Actor, App, AppError, people};
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::{Arg, execute_dynamic};
use cairn_domain::Role;
use cairn_domain::people::{Language, LevelDraft, PersonDraft, ProfileDraft, StepDraft};
use cairn_domain::time::DateParts;
use cairn_testkit::both_engines;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

async fn person(app: &App, org: &Org, name: &str, unit_ids: &[i64]) -> i64 {
    let draft = PersonDraft {
        chosen_name: name.into(),
        constituency: "service_user".into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    };
    people::create(app, &org.admin, &draft)
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e:?}"))
}

/// A member account for a new person on `unit`.
async fn member(app: &App, org: &Org, name: &str, unit: i64) -> (i64, Actor) {
    let id = person(app, org, name, &[unit]).await;
    let email = format!("{}@example.org", name.to_lowercase());
    let actor = account(app, org, &email, Role::Member, &[], Some(id)).await;
    (id, actor)
}

fn consenting(whos_who: bool, photo: bool) -> ProfileDraft {
    ProfileDraft {
        skills: "Baking bread".into(),
        ask_me_about: "The garden group".into(),
        contact_by: "phone".into(),
        consent_whos_who: whos_who,
        consent_photo: photo,
        ..Default::default()
    }
}

fn day(d: i8, m: i8, y: i16) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// A minimal PNG signature and header: enough for the content check.
const PNG: [u8; 16] = [
    0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, b'I', b'H', b'D', b'R',
];

async fn audit_of(app: &App, org: &Org, entity: &str) -> Vec<Entry> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org.id,
        &AuditQuery {
            entity: Some(entity.into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
}

async fn notices_of(app: &App, actor: &Actor) -> Vec<String> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), actor.user_id, 50)
        .await
        .expect("notices")
        .into_iter()
        .map(|n| n.message_id)
        .collect()
}

async fn sql(app: &App, statement: &str, args: Vec<Arg>) {
    let mut tx = app.db.begin().await.expect("begin");
    execute_dynamic(&mut tx.conn(), statement, args)
        .await
        .unwrap_or_else(|e| panic!("{statement}: {e:?}"));
    tx.commit().await.expect("commit");
}

/// An involvement role, written straight to its table.
async fn role(app: &App, org: &Org, title: &str) -> i64 {
    sql(
        app,
        "INSERT INTO involvement_roles (organisation_id, kind, title_en, title_cy, purpose_en, purpose_cy, involves_en, involves_cy, \
         time_en, time_cy, support_en, support_cy, level, payment, created_at, updated_at) \
         VALUES ($1, 'forum_chair', $2, $3, '', '', '', '', '', '', '', '', 3, 'fee', 0, 0)",
        vec![
            Arg::I64(org.id),
            Arg::Text(title.into()),
            Arg::Text(format!("{title} (cy)")),
        ],
    )
    .await;
    let mut h = app.db.acquire().await.expect("acquire");
    let rows: Vec<(i64,)> = cairn_db::fetch_all_dynamic(
        &mut h.conn(),
        "SELECT id FROM involvement_roles WHERE title_en = $1",
        vec![Arg::Text(title.into())],
    )
    .await
    .expect("role");
    rows[0].0
}

async fn appoint(app: &App, org: &Org, person: i64, role: i64, starts: &str, ends: Option<&str>) {
    let mut args = vec![
        Arg::I64(org.id),
        Arg::I64(person),
        Arg::I64(role),
        Arg::Text(starts.into()),
    ];
    let ends_sql = match ends {
        Some(e) => {
            args.push(Arg::Text(e.into()));
            "$5"
        }
        None => "NULL",
    };
    sql(
        app,
        &format!(
            "INSERT INTO appointments (organisation_id, person_id, role_id, starts_on, ends_on, created_by_label, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, {ends_sql}, 'lead', 0, 0)"
        ),
        args,
    )
    .await;
}

// ---------------------------------------------------------------------------------------------
// Profiles
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_person_starts_at_level_one_having_joined_today_with_every_consent_no() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        // Exec
        let id = person(&app, &org, "Sam", &[u]).await;
        let v = people::profile(&app, &org.admin, id)
            .await
            .expect("profile");
        // Check
        assert_eq!(v.profile.level, 1);
        assert_eq!(v.profile.joined_on.as_deref(), Some("2026-03-29"));
        assert!(!v.profile.consent_whos_who);
        assert!(!v.profile.consent_photo);
        assert!(!v.profile.consent_opportunities);
        assert!(!v.profile.has_photo);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_changes_their_own_profile_and_a_consent_left_out_stays_no() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        // Exec
        people::save_profile(&app, &mo, id, &consenting(true, false))
            .await
            .expect("save");
        // Check
        let v = people::profile(&app, &mo, id).await.expect("profile");
        assert_eq!(v.profile.skills.as_deref(), Some("Baking bread"));
        assert_eq!(v.profile.contact_by.as_deref(), Some("phone"));
        assert!(v.profile.consent_whos_who);
        assert!(!v.profile.consent_photo && !v.profile.consent_opportunities);
        // Their own change sends them no notice.
        assert!(notices_of(&app, &mo).await.is_empty());
        let bad = ProfileDraft {
            contact_by: "pigeon".into(),
            ..Default::default()
        };
        assert!(matches!(
            people::save_profile(&app, &mo, id, &bad).await,
            Err(AppError::Invalid(_))
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_change_a_profile_for_a_person_and_the_audit_row_names_that_person() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let staff = account(&app, &org, "staff@example.org", Role::UnitStaff, &[u], None).await;
        let elsewhere = account(
            &app,
            &org,
            "birch@example.org",
            Role::UnitStaff,
            &[other],
            None,
        )
        .await;
        // Exec
        people::save_profile(&app, &staff, id, &consenting(false, false))
            .await
            .expect("save for Mo");
        // Check
        let rows: Vec<Entry> = audit_of(&app, &org, "person")
            .await
            .into_iter()
            .filter(|e| e.action == "update" && e.actor_label == "staff@example.org")
            .collect();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].on_behalf_of_person_id, Some(id));
        assert_eq!(rows[0].entity_id, Some(id));
        assert!(
            rows[0]
                .after_json
                .as_deref()
                .unwrap_or("")
                .contains("Baking bread")
        );
        assert_eq!(notices_of(&app, &mo).await, ["notice-profile-updated"]);
        // Staff of another unit cannot reach Mo; a finance account has no part in it.
        let finance = account(&app, &org, "fin@example.org", Role::Finance, &[], None).await;
        assert!(matches!(
            people::save_profile(&app, &elsewhere, id, &consenting(true, true)).await,
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            people::save_profile(&app, &finance, id, &consenting(true, true)).await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_can_never_read_or_change_another_members_profile_or_pathway() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (_, mo) = member(&app, &org, "Mo", u).await;
        let (cai, _) = member(&app, &org, "Cai", u).await;
        // Exec
        let read = people::profile(&app, &mo, cai).await;
        let path = people::pathway(&app, &mo, cai).await;
        let change = people::save_profile(&app, &mo, cai, &consenting(true, true)).await;
        let photo = people::add_photo(&app, &mo, cai, &PNG).await;
        // Check
        assert!(matches!(read, Err(AppError::NotFound)), "{read:?}");
        assert!(matches!(path, Err(AppError::NotFound)), "{path:?}");
        assert!(matches!(change, Err(AppError::NotFound)), "{change:?}");
        assert!(matches!(photo, Err(AppError::NotFound)), "{photo:?}");
        let v = people::profile(&app, &org.admin, cai)
            .await
            .expect("profile");
        assert!(!v.profile.consent_whos_who);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Photos
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_is_refused_without_consent_and_deleted_when_consent_is_withdrawn() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let code = |r: Result<(), AppError>| match r {
            Err(AppError::Invalid(e)) => e.for_field("photo").map(|x| x.code),
            other => panic!("expected a field error, got {other:?}"),
        };
        // Exec + Check: no consent yet.
        assert_eq!(
            code(people::add_photo(&app, &mo, id, &PNG).await),
            Some("profile-error-photo-consent")
        );
        people::save_profile(&app, &mo, id, &consenting(true, true))
            .await
            .expect("consent");
        // A PDF, an empty file and a file over 2 MiB are refused.
        assert_eq!(
            code(people::add_photo(&app, &mo, id, b"%PDF-1.7 ...").await),
            Some("profile-error-photo-type")
        );
        assert_eq!(
            code(people::add_photo(&app, &mo, id, &[]).await),
            Some("profile-error-photo-empty")
        );
        let mut big = PNG.to_vec();
        big.resize(people::PHOTO_MAX_BYTES + 1, 0);
        assert_eq!(
            code(people::add_photo(&app, &mo, id, &big).await),
            Some("profile-error-photo-size")
        );
        people::add_photo(&app, &mo, id, &PNG).await.expect("photo");
        let (kind, bytes) = people::photo(&app, &mo, id).await.expect("read");
        assert_eq!((kind.as_str(), bytes.as_slice()), ("image/png", &PNG[..]));
        // Withdrawing consent deletes it.
        people::save_profile(&app, &mo, id, &consenting(true, false))
            .await
            .expect("withdraw");
        assert!(matches!(
            people::photo(&app, &mo, id).await,
            Err(AppError::NotFound)
        ));
        let v = people::profile(&app, &mo, id).await.expect("profile");
        assert!(!v.profile.has_photo);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Level and pathway
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_level_decision_is_recorded_with_its_date_who_and_note_and_moves_the_level() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let lead = account(&app, &org, "lead@example.org", Role::Lead, &[], None).await;
        let draft = LevelDraft {
            to_level: "2".into(),
            decided_on: day(27, 3, 2026),
            note: "Agreed with Mo at their review".into(),
        };
        // Exec
        people::decide_level(&app, &lead, id, &draft)
            .await
            .expect("decide");
        // Check
        let p = people::pathway(&app, &mo, id).await.expect("pathway");
        assert_eq!(p.level, 2);
        assert_eq!(p.decisions.len(), 1);
        let d = &p.decisions[0];
        assert_eq!((d.from_level, d.to_level), (1, 2));
        assert_eq!(d.decided_on, "2026-03-27");
        assert_eq!(d.decided_by_label, "lead@example.org");
        assert_eq!(d.note, "Agreed with Mo at their review");
        let rows = audit_of(&app, &org, "level_decision").await;
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].on_behalf_of_person_id, Some(id));
        assert!(
            notices_of(&app, &mo)
                .await
                .contains(&"notice-level-decided".to_owned())
        );
        // The same level again is not a decision.
        assert!(matches!(
            people::decide_level(&app, &lead, id, &draft).await,
            Err(AppError::Invalid(_))
        ));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_decides_their_own_level_and_a_member_cannot_record_steps() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let staff_person = person(&app, &org, "Nia", &[u]).await;
        let nia = account(
            &app,
            &org,
            "nia@example.org",
            Role::Lead,
            &[],
            Some(staff_person),
        )
        .await;
        let draft = LevelDraft {
            to_level: "3".into(),
            decided_on: day(28, 3, 2026),
            note: "I think I am ready".into(),
        };
        let step = StepDraft {
            step: "training".into(),
            done_on: day(28, 3, 2026),
            note: String::new(),
        };
        // Exec
        let own = people::decide_level(&app, &mo, id, &draft).await;
        let staff_own = people::decide_level(&app, &nia, staff_person, &draft).await;
        let own_step = people::record_step(&app, &mo, id, &step).await;
        // Check
        assert!(matches!(own, Err(AppError::Forbidden)), "{own:?}");
        assert!(
            matches!(staff_own, Err(AppError::Forbidden)),
            "{staff_own:?}"
        );
        assert!(matches!(own_step, Err(AppError::Forbidden)), "{own_step:?}");
        let p = people::pathway(&app, &org.admin, id)
            .await
            .expect("pathway");
        assert_eq!(p.level, 1);
        assert!(p.decisions.is_empty() && p.recorded.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pathway_shows_each_step_with_its_date_the_buddy_and_current_roles() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let buddy = person(&app, &org, "Bethan", &[u]).await;
        sql(
            &app,
            "INSERT INTO buddy_pairings (organisation_id, newcomer_id, buddy_id, starts_on, created_by_label, created_at) \
             VALUES ($1, $2, $3, '2026-03-20', 'lead', 0)",
            vec![Arg::I64(org.id), Arg::I64(id), Arg::I64(buddy)],
        )
        .await;
        let chair = role(&app, &org, "Forum chair").await;
        let panel = role(&app, &org, "Interview panel member").await;
        appoint(&app, &org, id, chair, "2026-01-01", None).await;
        appoint(&app, &org, id, panel, "2025-01-01", Some("2025-06-30")).await;
        // Exec
        people::record_step(
            &app,
            &org.admin,
            id,
            &StepDraft {
                step: "information".into(),
                done_on: day(21, 3, 2026),
                note: "Welcome pack".into(),
            },
        )
        .await
        .expect("step");
        let p = people::pathway(&app, &mo, id).await.expect("pathway");
        // Check
        let done = |k: &str| {
            p.steps
                .iter()
                .find(|s| s.key == k)
                .unwrap_or_else(|| panic!("{k}"))
                .done_on
                .clone()
        };
        assert_eq!(done("buddy").as_deref(), Some("2026-03-20"));
        assert_eq!(done("information").as_deref(), Some("2026-03-21"));
        assert_eq!(done("welcome"), None);
        assert_eq!(done("training"), None);
        assert_eq!(p.steps.iter().filter(|s| s.level == 1).count(), 3);
        assert_eq!(p.steps.iter().filter(|s| s.level == 2).count(), 3);
        let titles: Vec<&str> = p.roles.iter().map(|r| r.title_en.as_str()).collect();
        assert_eq!(titles, ["Forum chair"]);
        assert_eq!(notices_of(&app, &mo).await, ["notice-pathway-step"]);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The who's-who
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whos_who_lists_only_active_people_who_consented_sorted_by_name() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let (mo, mo_actor) = member(&app, &org, "Mo", u).await;
        let llew = person(&app, &org, "Llewelyn", &[u]).await;
        let lyn = person(&app, &org, "Lyn", &[other]).await;
        let shy = person(&app, &org, "Shy", &[u]).await;
        let gone = person(&app, &org, "Gwen", &[u]).await;
        for p in [mo, llew, lyn, gone] {
            people::save_profile(&app, &org.admin, p, &consenting(true, false))
                .await
                .expect("consent");
        }
        people::save_profile(&app, &org.admin, shy, &consenting(false, false))
            .await
            .expect("no consent");
        sql(
            &app,
            "UPDATE people SET status = 'moved_on' WHERE id = $1",
            vec![Arg::I64(gone)],
        )
        .await;
        // Exec
        let names = |v: people::WhosWho| -> Vec<String> {
            v.people.into_iter().map(|p| p.entry.chosen_name).collect()
        };
        let en = names(
            people::whos_who(&app, &mo_actor, None, Language::En)
                .await
                .expect("en"),
        );
        let cy = names(
            people::whos_who(&app, &mo_actor, None, Language::Cy)
                .await
                .expect("cy"),
        );
        let unit_page = names(
            people::whos_who(&app, &mo_actor, Some(u), Language::En)
                .await
                .expect("unit"),
        );
        let not_mine = people::whos_who(&app, &mo_actor, Some(other), Language::En).await;
        // Check
        assert_eq!(en, ["Llewelyn", "Lyn", "Mo"]);
        assert_eq!(cy, ["Lyn", "Llewelyn", "Mo"]);
        assert_eq!(unit_page, ["Llewelyn", "Mo"]);
        assert!(matches!(not_mine, Err(AppError::NotFound)));
        let viewer = account(&app, &org, "board@example.org", Role::Viewer, &[], None).await;
        assert!(matches!(
            people::whos_who(&app, &viewer, None, Language::En).await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// What Cairn holds, and the export
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn about_me_gathers_the_persons_own_record_and_the_read_is_audited() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        people::save_profile(&app, &mo, id, &consenting(true, false))
            .await
            .expect("profile");
        // Exec
        let me = people::about_me(&app, &mo)
            .await
            .expect("me")
            .expect("some");
        let none = people::about_me(&app, &org.admin).await.expect("admin");
        // Check
        assert_eq!(me.person.id, id);
        assert_eq!(me.person.chosen_name, "Mo");
        assert_eq!(me.profile.ask_me_about.as_deref(), Some("The garden group"));
        assert_eq!(me.pathway.level, 1);
        assert_eq!(me.claim_count, 0);
        assert!(none.is_none());
        let views = audit_of(&app, &org, "person")
            .await
            .into_iter()
            .filter(|e| e.action == "view" && e.actor_user_id == Some(mo.user_id))
            .count();
        assert_eq!(views, 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_holds_the_persons_data_and_nobody_elses_and_only_admins_make_one() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let (id, mo) = member(&app, &org, "Mo", u).await;
        let (cai, cai_actor) = member(&app, &org, "Cairwen", u).await;
        people::save_profile(&app, &mo, id, &consenting(true, true))
            .await
            .expect("profile");
        people::add_photo(&app, &mo, id, &PNG).await.expect("photo");
        people::save_profile(
            &app,
            &cai_actor,
            cai,
            &ProfileDraft {
                skills: "Knitting jumpers".into(),
                ..Default::default()
            },
        )
        .await
        .expect("profile");
        let lead = account(&app, &org, "lead@example.org", Role::Lead, &[], None).await;
        people::decide_level(
            &app,
            &lead,
            id,
            &LevelDraft {
                to_level: "2".into(),
                decided_on: day(28, 3, 2026),
                note: "Agreed at review".into(),
            },
        )
        .await
        .expect("level");
        // Exec
        let export = people::export(&app, &org.admin, id).await.expect("export");
        let json = serde_json::to_string(&export).expect("json");
        // Check
        assert_eq!(export.person.id, id);
        assert!(json.contains("Baking bread"));
        assert!(json.contains("Agreed at review"));
        assert!(export.photo.is_some());
        assert_eq!(
            export.account.as_ref().map(|a| a.role.as_str()),
            Some("member")
        );
        assert!(!export.audit.is_empty());
        assert!(
            export
                .audit
                .iter()
                .all(|e| e.on_behalf_of_person_id == Some(id) || e.entity_id == Some(id))
        );
        assert!(!json.contains("Cairwen"), "another person's name");
        assert!(!json.contains("Knitting"), "another person's profile");
        let exports = audit_of(&app, &org, "person")
            .await
            .into_iter()
            .filter(|e| e.action == "export")
            .collect::<Vec<_>>();
        assert_eq!(exports.len(), 1);
        assert_eq!(exports[0].on_behalf_of_person_id, Some(id));
        assert!(matches!(
            people::export(&app, &lead, id).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            people::export(&app, &mo, id).await,
            Err(AppError::Forbidden)
        ));
    })
    .await;
}
