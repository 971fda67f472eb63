//! Use-case tests for meetings and representation: groups and their rule, scheduling with the
//! standing agenda in the organisation's month, replies (for oneself and on someone's behalf),
//! the representation warning, attendance and first-timers, who may see and run what, overdue
//! actions, the representation report, calendar invitations (read back with a real iCalendar
//! parser), e-mailed invitations, and the live measures on the model.
//! Every body runs twice through [`both_engines`] (SQLite, then PostgreSQL) with a fixed clock.
//! Each test reads Setup → Exec → Check.

use crate::common::*;
use cairn_app::meetings::{self, AttendanceLine, Period, ReportLine};
use cairn_app::units::SettingsForm;
use cairn_app::{Actor, App, AppError, AppResult, model, notices, people, units};
use cairn_db::audit::{AuditQuery, Entry};
use cairn_db::meetings::{Meeting, MeetingPerson, RepresentationQuery};
use cairn_domain::Role;
use cairn_domain::meetings::{GroupDraft, MeetingDraft, Presence};
use cairn_domain::model::AssessmentDraft;
use cairn_domain::people::{Constituency, Language, PersonDraft};
use cairn_domain::time::DateParts;
use cairn_domain::translation::Bilingual;
use cairn_domain::units::UnitDraft;
use cairn_testkit::{SmtpSink, both_engines};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use std::collections::BTreeMap;
use std::fmt::Debug;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The month (`2026-07`) an instant falls in on the London clock, worked out here with jiff.
fn london_month(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .expect("instant")
        .to_zoned(jiff::tz::TimeZone::get("Europe/London").expect("London"))
        .strftime("%Y-%m")
        .to_string()
}

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

pub(crate) fn person_draft(name: &str, constituency: &str, unit_ids: &[i64]) -> PersonDraft {
    PersonDraft {
        chosen_name: name.into(),
        constituency: constituency.into(),
        unit_ids: unit_ids.to_vec(),
        status: "active".into(),
        preferred_language: "en".into(),
        ..Default::default()
    }
}

/// A person of the organisation, added by its administrator.
pub(crate) async fn person(
    app: &App,
    org: &Org,
    name: &str,
    constituency: &str,
    unit_ids: &[i64],
) -> i64 {
    people::create(app, &org.admin, &person_draft(name, constituency, unit_ids))
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e:?}"))
}

/// A group as typed, with a Welsh name made from the English one and the given minimums.
pub(crate) fn group_draft(
    name: &str,
    kind: &str,
    unit_id: Option<i64>,
    minimums: [&str; 5],
) -> GroupDraft {
    GroupDraft {
        name_en: name.into(),
        name_cy: format!("{name} (cy)"),
        kind: kind.into(),
        unit_id,
        minimums: minimums.map(str::to_owned),
        ..Default::default()
    }
}

/// The rule most tests use: one service user and one carer.
pub(crate) const SU_AND_CARER: [&str; 5] = ["1", "1", "", "", ""];

pub(crate) async fn new_group(app: &App, actor: &Actor, draft: &GroupDraft) -> i64 {
    meetings::create_group(app, actor, draft)
        .await
        .unwrap_or_else(|e| panic!("create group {:?}: {e:?}", draft.name_en))
}

async fn join(app: &App, org: &Org, group: i64, people: &[i64]) {
    for p in people {
        meetings::set_member(app, &org.admin, group, *p, true)
            .await
            .unwrap_or_else(|e| panic!("add {p} to {group}: {e:?}"));
    }
}

/// A meeting at given instants, as the API schedules one.
pub(crate) async fn meeting_at(
    app: &App,
    actor: &Actor,
    group: i64,
    starts_at: i64,
    minutes: i64,
) -> i64 {
    meetings::schedule_at(
        app,
        actor,
        group,
        starts_at,
        starts_at + minutes * MINUTE,
        "Day room",
    )
    .await
    .unwrap_or_else(|e| panic!("schedule at {starts_at}: {e:?}"))
}

pub(crate) fn attended(people: &[i64]) -> Vec<AttendanceLine> {
    people
        .iter()
        .map(|p| AttendanceLine {
            person_id: *p,
            presence: Presence::Attended,
        })
        .collect()
}

fn date(y: i16, m: i8, d: i8) -> DateParts {
    DateParts {
        day: d.to_string(),
        month: m.to_string(),
        year: y.to_string(),
    }
}

/// A meeting as stored, read past the permission check.
async fn stored(app: &App, org: i64, id: i64) -> Meeting {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::meetings::get_meeting(&mut h.conn(), org, id)
        .await
        .expect("get meeting")
        .expect("meeting exists")
}

/// Everyone on a meeting, read past the permission check.
async fn people_on(app: &App, meeting: i64) -> Vec<MeetingPerson> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::meetings::meeting_people(&mut h.conn(), meeting)
        .await
        .expect("meeting people")
}

fn one(people: &[MeetingPerson], id: i64) -> &MeetingPerson {
    people
        .iter()
        .find(|p| p.person_id == id)
        .unwrap_or_else(|| panic!("person {id} is on the meeting: {people:?}"))
}

async fn audit_of(app: &App, org: i64, entity: &str) -> Vec<Entry> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::audit::list(
        &mut h.conn(),
        org,
        &AuditQuery {
            entity: Some(entity.into()),
            limit: 100,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
}

async fn emails_of(app: &App, org: i64) -> Vec<cairn_db::notices::Email> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list_emails(&mut h.conn(), org, 50)
        .await
        .expect("emails")
}

async fn notices_of(app: &App, user_id: i64) -> Vec<String> {
    let mut h = app.db.acquire().await.expect("acquire");
    cairn_db::notices::list(&mut h.conn(), user_id, 50)
        .await
        .expect("notices")
        .into_iter()
        .map(|n| n.message_id)
        .collect()
}

async fn switch_email_on(app: &App, org: &Org, port: u16) {
    units::update_settings(
        app,
        &org.admin,
        &SettingsForm {
            name: "Org A".into(),
            time_zone: "Europe/London".into(),
            smtp_enabled: true,
            smtp_host: "127.0.0.1".into(),
            smtp_port: port.to_string(),
            smtp_tls: "none".into(),
            smtp_from: "cairn@org-a.example".into(),
            ..Default::default()
        },
    )
    .await
    .expect("switch e-mail on");
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
fn assert_conflict<T: Debug>(r: AppResult<T>, id: &str) {
    match r {
        Err(AppError::Conflict(got)) => assert_eq!(got, id),
        other => panic!("expected Conflict({id}), got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_group_stores_the_minimums_as_typed_and_blank_minimums_ask_for_nobody() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let typed = GroupDraft {
            standing: "  Ward news \n\n Garden project\n".into(),
            ..group_draft(
                "Community meeting",
                "community",
                Some(u),
                ["2", "1", "", " 0 ", "1"],
            )
        };
        let blank = group_draft("Strategy group", "strategy", None, [""; 5]);

        // Exec
        let with_rule = new_group(&app, &org.admin, &typed).await;
        let without_rule = new_group(&app, &org.admin, &blank).await;
        let m = meeting_at(&app, &org.admin, without_rule, T0 + DAY, 60).await;
        let view = meetings::meeting(&app, &org.admin, m).await.expect("view");

        // Check
        let g = meetings::group(&app, &org.admin, with_rule)
            .await
            .expect("group")
            .group;
        assert_eq!(
            (
                g.min_service_user,
                g.min_carer,
                g.min_staff,
                g.min_third_sector,
                g.min_manager
            ),
            (2, 1, 0, 0, 1)
        );
        assert_eq!(g.rule().0.0, [2, 1, 0, 0, 1]);
        assert_eq!(g.unit_id, Some(u));
        assert_eq!(g.kind.key(), "community");
        assert_eq!(g.standing(), vec!["Ward news", "Garden project"]);
        let b = meetings::group(&app, &org.admin, without_rule)
            .await
            .expect("group")
            .group;
        assert_eq!(
            b.rule().0.0,
            [0; 5],
            "blank minimums are zero, not the 1 + 1 default"
        );
        assert!(b.rule().is_empty());
        assert!(
            view.expected.met && view.expected.short.is_empty(),
            "a rule that asks for nobody is met with nobody confirmed"
        );
        let created = audit_of(&app, org.id, "meeting_group").await;
        assert_eq!(created.len(), 2);
        assert!(created.iter().all(|e| e.action == "create"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_group_is_refused_field_by_field_and_writes_nothing() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mut draft = group_draft("Carers' forum", "forum", None, ["1", "x", "51", "", ""]);
        draft.name_cy = "   ".into();
        draft.tor_en[0] = "Speak for carers".into();
        let other = org_b_unit(&app).await;
        let elsewhere = group_draft("Elsewhere", "community", Some(other), SU_AND_CARER);

        // Exec
        let r = meetings::create_group(&app, &org.admin, &draft).await;
        let on_other_unit = meetings::create_group(&app, &org.admin, &elsewhere).await;

        // Check
        match r {
            Err(AppError::Invalid(e)) => {
                assert_eq!(
                    e.for_field("name_cy").map(|f| f.code),
                    Some("meetings-error-name-cy")
                );
                assert_eq!(
                    e.for_field("role_cy").map(|f| f.code),
                    Some("meetings-error-tor-cy"),
                    "an R in English only wants its Welsh"
                );
                assert!(e.for_field("min_carer").is_some());
                assert!(e.for_field("min_staff").is_some(), "more than 50");
                assert!(e.for_field("min_service_user").is_none());
                assert!(e.for_field("name_en").is_none());
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert_invalid(on_other_unit, "unit_id");
        let mut h = app.db.acquire().await.expect("acquire");
        let rows = cairn_db::meetings::list_groups(&mut h.conn(), org.id, None)
            .await
            .expect("groups");
        drop(h);
        assert!(rows.is_empty(), "no group row: {rows:?}");
        assert!(audit_of(&app, org.id, "meeting_group").await.is_empty());
    })
    .await;
}

/// A unit of a second organisation, "Org B".
async fn org_b_unit(app: &App) -> i64 {
    let b = org(app, "Org B", "admin@org-b.example").await;
    unit(app, &b, "Birch").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_recorded_under_the_old_rule_keeps_its_verdict_when_the_rule_changes() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let su = person(&app, &org, "Sam", "service_user", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, ["1", "", "", "", ""]),
        )
        .await;
        let held = meeting_at(&app, &org.admin, g, T0 - DAY, 60).await;
        let next = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;
        meetings::record_attendance(&app, &org.admin, held, &attended(&[su]), 0)
            .await
            .expect("attendance");

        // Exec
        meetings::update_group(
            &app,
            &org.admin,
            g,
            &group_draft("Forum", "forum", None, ["1", "1", "", "", ""]),
        )
        .await
        .expect("update");
        let past = meetings::meeting(&app, &org.admin, held)
            .await
            .expect("view");
        let future = meetings::meeting(&app, &org.admin, next)
            .await
            .expect("view");

        // Check
        assert_eq!(past.actual.as_ref().map(|e| e.met), Some(true));
        assert!(
            past.actual.as_ref().is_some_and(|e| e.short.is_empty()),
            "judged by the rule it was held under"
        );
        assert_eq!(stored(&app, org.id, held).await.rule, "1,0,0,0,0");
        assert_eq!(
            future.expected.short,
            vec![(Constituency::ServiceUser, 1), (Constituency::Carer, 1)],
            "a meeting not yet held follows the new rule"
        );
        let updates: Vec<Entry> = audit_of(&app, org.id, "meeting_group")
            .await
            .into_iter()
            .filter(|e| e.action == "update")
            .collect();
        assert_eq!(updates.len(), 1);
        assert!(
            updates[0]
                .before_json
                .as_deref()
                .is_some_and(|b| b.contains("\"min_carer\":0"))
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_meeting_starts_with_representation_then_issues_then_the_groups_own_items() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let g = new_group(
            &app,
            &org.admin,
            &GroupDraft {
                standing: "Ward news\nGarden project".into(),
                ..group_draft("Community meeting", "community", Some(u), SU_AND_CARER)
            },
        )
        .await;
        let draft = MeetingDraft {
            on: date(2026, 4, 15),
            starts: "14:00".into(),
            ends: "15:30".into(),
            place: "Day room".into(),
            arrangements: vec!["refreshments".into(), "easy_read".into()],
            ..Default::default()
        };

        // Exec
        let id = meetings::schedule(&app, &org.admin, g, &draft)
            .await
            .expect("schedule");
        let view = meetings::meeting(&app, &org.admin, id).await.expect("view");

        // Check
        let items: Vec<(i64, Option<&str>, Option<&str>)> = view
            .agenda
            .iter()
            .map(|a| (a.position, a.standing.as_deref(), a.title.as_deref()))
            .collect();
        assert_eq!(
            items,
            vec![
                (1, Some("representation"), None),
                (2, Some("su_carer_issues"), None),
                (3, None, Some("Ward news")),
                (4, None, Some("Garden project")),
            ]
        );
        let m = &view.meeting;
        // 14:00 in London in April is 13:00 UTC (summer time).
        assert_eq!(m.starts_at, utc(2026, 4, 15, 13, 0));
        assert_eq!(m.ends_at - m.starts_at, 90 * MINUTE);
        assert_eq!(m.month, "2026-04");
        assert_eq!((m.unit_id, m.kind.as_str()), (Some(u), "community"));
        assert_eq!(m.arrangements, "refreshments,easy_read");
        assert_eq!(m.rule, "1,1,0,0,0", "the group's rule is copied on");
        assert_eq!(m.attended_at, None);
        assert!(
            audit_of(&app, org.id, "meeting")
                .await
                .iter()
                .any(|e| e.action == "create" && e.entity_id == Some(id)),
            "scheduling is audited"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meetings_month_is_the_month_on_the_organisations_clock() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let late_july_utc = utc(2026, 7, 31, 23, 30);
        let evening_july_utc = utc(2026, 7, 31, 22, 30);
        let late_december_utc = utc(2026, 12, 31, 23, 30);
        // Typed on the form: 00:30 on 1 August in London.
        let typed = MeetingDraft {
            on: date(2026, 8, 1),
            starts: "0:30".into(),
            ends: "01:30".into(),
            place: "Day room".into(),
            ..Default::default()
        };

        // Exec
        let summer_midnight = meeting_at(&app, &org.admin, g, late_july_utc, 60).await;
        let summer_evening = meeting_at(&app, &org.admin, g, evening_july_utc, 30).await;
        let winter = meeting_at(&app, &org.admin, g, late_december_utc, 20).await;
        let from_form = meetings::schedule(&app, &org.admin, g, &typed)
            .await
            .expect("schedule");

        // Check
        let month = |m: Meeting| (m.starts_at, m.month);
        assert_eq!(
            month(stored(&app, org.id, summer_midnight).await),
            (late_july_utc, "2026-08".to_owned()),
            "00:30 BST on 1 August"
        );
        assert_eq!(
            month(stored(&app, org.id, summer_evening).await),
            (evening_july_utc, "2026-07".to_owned())
        );
        assert_eq!(
            month(stored(&app, org.id, winter).await),
            (late_december_utc, "2026-12".to_owned()),
            "London is on UTC in winter"
        );
        assert_eq!(
            month(stored(&app, org.id, from_form).await),
            (late_july_utc, "2026-08".to_owned())
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_that_ends_before_it_starts_or_has_no_place_is_refused() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;

        // Exec
        let backwards = meetings::schedule_at(&app, &org.admin, g, T0, T0 - HOUR, "Room").await;
        let too_long = meetings::schedule_at(&app, &org.admin, g, T0, T0 + 13 * HOUR, "Room").await;
        let nowhere = meetings::schedule_at(&app, &org.admin, g, T0, T0 + HOUR, "  ").await;
        let bad_link = meetings::schedule(
            &app,
            &org.admin,
            g,
            &MeetingDraft {
                on: date(2026, 5, 1),
                starts: "10:00".into(),
                ends: "11:00".into(),
                online_link: "http://insecure.example.org".into(),
                ..Default::default()
            },
        )
        .await;

        // Check
        assert_invalid(backwards, "ends_at");
        assert_invalid(too_long, "ends_at");
        assert_invalid(nowhere, "place");
        assert_invalid(bad_link, "online_link");
        let mut h = app.db.acquire().await.expect("acquire");
        let listed = cairn_db::meetings::list_meetings(
            &mut h.conn(),
            org.id,
            &cairn_db::meetings::MeetingQuery {
                limit: 10,
                ..Default::default()
            },
        )
        .await
        .expect("list");
        assert!(listed.is_empty());
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_confirms_for_themselves_and_a_member_outside_the_group_finds_no_meeting() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let mo = person(&app, &org, "Mo", "service_user", &[u]).await;
        let nia = person(&app, &org, "Nia", "service_user", &[u]).await;
        let cai = person(&app, &org, "Cai", "carer", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let nia_acc = account(&app, &org, "nia@example.org", Role::Member, &[], Some(nia)).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Community", "community", Some(u), SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[mo, cai]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + 2 * DAY, 60).await;

        // Exec
        meetings::reply(&app, &mo_acc, m, None, " confirmed ")
            .await
            .expect("mo confirms");
        let outsider = meetings::reply(&app, &nia_acc, m, None, "confirmed").await;
        let for_someone_else = meetings::reply(&app, &mo_acc, m, Some(cai), "apologies").await;
        let nonsense = meetings::reply(&app, &mo_acc, m, None, "maybe").await;
        let mine = meetings::my_meetings(&app, &mo_acc).await.expect("mine");
        let nias = meetings::my_meetings(&app, &nia_acc).await.expect("nia's");

        // Check
        assert_not_found(outsider);
        assert_forbidden(for_someone_else);
        assert_invalid(nonsense, "reply");
        let on = people_on(&app, m).await;
        assert_eq!(on.len(), 1, "only Mo replied: {on:?}");
        let p = one(&on, mo);
        assert_eq!(p.reply.as_deref(), Some("confirmed"));
        // A reply of one's own records nobody else as having made it.
        assert_eq!(p.replied_by_label, None);
        assert_eq!(
            (p.replied_at, p.constituency),
            (Some(T0), Constituency::ServiceUser)
        );
        assert_eq!(mine.len(), 1);
        assert_eq!(
            (mine[0].meeting.id, mine[0].my_reply.as_deref()),
            (m, Some("confirmed"))
        );
        assert_eq!(mine[0].expected_met, None, "members see no warning");
        assert!(nias.is_empty());
        assert!(
            notices_of(&app, mo_acc.user_id).await.is_empty(),
            "no notice for replying oneself"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_replying_for_a_person_is_audited_on_their_behalf_and_tells_them() {
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
        let cai = person(&app, &org, "Cai", "carer", &[u]).await;
        let cai_acc = account(&app, &org, "cai@example.org", Role::Member, &[], Some(cai)).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Community", "community", Some(u), SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[cai]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;

        // Exec
        meetings::reply(&app, &staff, m, Some(cai), "apologies")
            .await
            .expect("staff reply for Cai");

        // Check
        let p = people_on(&app, m).await;
        assert_eq!(one(&p, cai).reply.as_deref(), Some("apologies"));
        assert_eq!(
            one(&p, cai).replied_by_label.as_deref(),
            Some("staff@org-a.example")
        );
        let entries = audit_of(&app, org.id, "meeting_reply").await;
        assert_eq!(entries.len(), 1);
        let e = &entries[0];
        assert_eq!(
            (e.entity_id, e.on_behalf_of_person_id, e.actor_user_id),
            (Some(m), Some(cai), Some(staff.user_id))
        );
        assert!(
            e.after_json
                .as_deref()
                .is_some_and(|a| a.contains("apologies"))
        );
        assert_eq!(
            notices_of(&app, cai_acc.user_id).await,
            vec!["notice-meeting-reply".to_owned()]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_after_the_meeting_ended_is_a_conflict_and_changes_nothing() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mo = person(&app, &org, "Mo", "service_user", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[mo]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + HOUR, 60).await;
        meetings::reply(&app, &mo_acc, m, None, "confirmed")
            .await
            .expect("confirm");

        // Exec
        app.clock.set(T0 + HOUR + 30 * MINUTE);
        let during = meetings::reply(&app, &mo_acc, m, None, "confirmed").await;
        app.clock.set(T0 + 2 * HOUR + 1);
        let after = meetings::reply(&app, &mo_acc, m, None, "apologies").await;
        let staff_after = meetings::reply(&app, &org.admin, m, Some(mo), "apologies").await;

        // Check
        assert!(during.is_ok(), "still possible while it runs: {during:?}");
        assert_conflict(after, "meetings-error-reply-past");
        assert_conflict(staff_after, "meetings-error-reply-past");
        let p = people_on(&app, m).await;
        assert_eq!(one(&p, mo).reply.as_deref(), Some("confirmed"));
        assert_eq!(audit_of(&app, org.id, "meeting_reply").await.len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upcoming_meetings_read_their_replies_in_one_query_and_each_keeps_its_own_warning() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let su = person(&app, &org, "Sam", "service_user", &[]).await;
        let carer = person(&app, &org, "Cai", "carer", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[su, carer]).await;
        let met = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;
        let short = meeting_at(&app, &org.admin, g, T0 + 2 * DAY, 60).await;
        let unanswered = meeting_at(&app, &org.admin, g, T0 + 3 * DAY, 60).await;
        for (m, p, reply) in [
            (met, su, "confirmed"),
            (met, carer, "confirmed"),
            (short, su, "confirmed"),
            (short, carer, "apologies"),
        ] {
            meetings::reply(&app, &org.admin, m, Some(p), reply)
                .await
                .expect("reply");
        }

        // Exec
        let (listed, sent) =
            cairn_db::record_queries(meetings::upcoming(&app, &org.admin, 10)).await;
        let listed = listed.expect("upcoming");

        // Check
        let warning = |m: i64| {
            listed
                .iter()
                .find(|l| l.meeting.id == m)
                .map(|l| l.expected_met)
        };
        assert_eq!(warning(met), Some(Some(true)));
        assert_eq!(warning(short), Some(Some(false)), "apologies do not count");
        assert_eq!(warning(unanswered), Some(Some(false)));
        assert_eq!(
            sent.iter().filter(|q| q.contains("meeting_people")).count(),
            1,
            "{sent:#?}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_warning_names_the_missing_carer_until_a_carer_confirms() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let su = person(&app, &org, "Sam", "service_user", &[]).await;
        let carer = person(&app, &org, "Cai", "carer", &[]).await;
        let other_carer = person(&app, &org, "Ceri", "carer", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[su, carer, other_carer]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;

        // Exec
        meetings::reply(&app, &org.admin, m, Some(su), "confirmed")
            .await
            .expect("su");
        meetings::reply(&app, &org.admin, m, Some(other_carer), "apologies")
            .await
            .expect("apologies");
        let before = meetings::meeting(&app, &org.admin, m).await.expect("view");
        let listed_before = meetings::upcoming(&app, &org.admin, 10)
            .await
            .expect("upcoming");
        meetings::reply(&app, &org.admin, m, Some(carer), "confirmed")
            .await
            .expect("carer");
        let after = meetings::meeting(&app, &org.admin, m).await.expect("view");
        let listed_after = meetings::upcoming(&app, &org.admin, 10)
            .await
            .expect("upcoming");

        // Check
        assert!(!before.expected.met);
        assert_eq!(
            before.expected.short,
            vec![(Constituency::Carer, 1)],
            "apologies do not count"
        );
        assert_eq!(
            before
                .no_reply
                .iter()
                .map(|m| m.person_id)
                .collect::<Vec<_>>(),
            vec![carer]
        );
        assert_eq!(listed_before[0].expected_met, Some(false));
        assert!(after.expected.met);
        assert!(after.expected.short.is_empty());
        assert_eq!(after.expected.counts.get(Constituency::Carer), 1);
        assert_eq!(after.expected.counts.get(Constituency::ServiceUser), 1);
        assert!(after.no_reply.is_empty());
        assert_eq!(listed_after[0].expected_met, Some(true));
        assert!(after.actual.is_none(), "nothing recorded yet");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Attendance
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_is_counted_by_constituency_with_the_meetings_length_and_recording_again_replaces_it()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let su = person(&app, &org, "Sam", "service_user", &[u]).await;
        let su2 = person(&app, &org, "Sion", "service_user", &[u]).await;
        let carer = person(&app, &org, "Cai", "carer", &[u]).await;
        let nurse = person(&app, &org, "Nell", "staff", &[u]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Community", "community", Some(u), SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[su, su2, carer]).await;
        let m = meeting_at(&app, &org.admin, g, T0 - 3 * HOUR, 90).await;
        let mut first = attended(&[su, carer, nurse]);
        first.push(AttendanceLine {
            person_id: su2,
            presence: Presence::Apologies,
        });

        // Exec
        let e1 = meetings::record_attendance(&app, &org.admin, m, &first, 4)
            .await
            .expect("first record");
        let after_first = (stored(&app, org.id, m).await, people_on(&app, m).await);
        app.clock.set(T0 + MINUTE);
        let second = vec![
            AttendanceLine {
                person_id: su,
                presence: Presence::Attended,
            },
            AttendanceLine {
                person_id: su2,
                presence: Presence::Attended,
            },
            AttendanceLine {
                person_id: carer,
                presence: Presence::Absent,
            },
        ];
        let e2 = meetings::record_attendance(&app, &org.admin, m, &second, 0)
            .await
            .expect("second record");
        let (m2, p2) = (stored(&app, org.id, m).await, people_on(&app, m).await);

        // Check: the first record
        let (m1, p1) = after_first;
        assert!(e1.met);
        assert_eq!(
            (
                m1.n_service_user,
                m1.n_carer,
                m1.n_staff,
                m1.n_third_sector,
                m1.n_manager
            ),
            (1, 1, 1, 0, 0)
        );
        assert_eq!(m1.others_count, 4);
        assert_eq!(m1.representation_met, Some(true));
        assert_eq!(m1.attended_at, Some(T0));
        assert_eq!(meetings::counts_of(&m1), e1.counts);
        for p in [su, carer, nurse] {
            assert_eq!(one(&p1, p).presence.as_deref(), Some("attended"));
            assert_eq!(one(&p1, p).minutes, Some(90), "the meeting's length");
        }
        assert_eq!(one(&p1, su2).presence.as_deref(), Some("apologies"));
        assert_eq!(one(&p1, su2).minutes, None);
        assert_eq!(one(&p1, nurse).constituency, Constituency::Staff);
        // Check: the second record replaced the first
        assert!(!e2.met);
        assert_eq!(e2.short, vec![(Constituency::Carer, 1)]);
        assert_eq!(
            (m2.n_service_user, m2.n_carer, m2.n_staff),
            (2, 0, 0),
            "replaced, not added"
        );
        assert_eq!(m2.others_count, 0);
        assert_eq!(m2.representation_met, Some(false));
        assert_eq!(m2.attended_at, Some(T0 + MINUTE));
        let recorded: BTreeMap<i64, (Option<String>, Option<i64>)> = p2
            .iter()
            .map(|p| (p.person_id, (p.presence.clone(), p.minutes)))
            .collect();
        assert_eq!(
            recorded,
            BTreeMap::from([
                (su, (Some("attended".to_owned()), Some(90))),
                (su2, (Some("attended".to_owned()), Some(90))),
                (carer, (Some("absent".to_owned()), None)),
            ]),
            "the nurse left off the new list is no longer on the meeting"
        );
        let view = meetings::meeting(&app, &org.admin, m).await.expect("view");
        assert_eq!(view.actual.map(|a| a.met), Some(false));
        assert_eq!(audit_of(&app, org.id, "meeting_attendance").await.len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attendance_before_the_start_or_naming_another_organisations_person_is_refused() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let b = org_with_person(&app).await;
        let su = person(&app, &org, "Sam", "service_user", &[]).await;
        let carer = person(&app, &org, "Cai", "carer", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let soon = meeting_at(&app, &org.admin, g, T0 + MINUTE, 60).await;
        let held = meeting_at(&app, &org.admin, g, T0 - HOUR, 60).await;
        meetings::record_attendance(&app, &org.admin, held, &attended(&[su, carer]), 2)
            .await
            .expect("first record");
        let before = stored(&app, org.id, held).await;

        // Exec
        let early = meetings::record_attendance(&app, &org.admin, soon, &attended(&[su]), 0).await;
        app.clock.set(T0 + HOUR);
        let foreign =
            meetings::record_attendance(&app, &org.admin, held, &attended(&[su, b]), 0).await;
        let twice =
            meetings::record_attendance(&app, &org.admin, held, &attended(&[su, su]), 0).await;
        let negative =
            meetings::record_attendance(&app, &org.admin, held, &attended(&[su]), -1).await;

        // Check
        assert_conflict(early, "meetings-error-not-started");
        assert_invalid(foreign, "attendance");
        assert_invalid(twice, "attendance");
        assert_invalid(negative, "others_count");
        assert_eq!(stored(&app, org.id, soon).await.attended_at, None);
        let after = stored(&app, org.id, held).await;
        assert_eq!(
            (
                after.attended_at,
                after.n_service_user,
                after.n_carer,
                after.others_count,
                after.representation_met
            ),
            (
                before.attended_at,
                before.n_service_user,
                before.n_carer,
                before.others_count,
                before.representation_met
            ),
            "nothing changed"
        );
        let p = people_on(&app, held).await;
        assert_eq!(p.len(), 2);
        assert!(p.iter().all(|x| x.presence.as_deref() == Some("attended")));
        assert_eq!(audit_of(&app, org.id, "meeting_attendance").await.len(), 1);
    })
    .await;
}

/// A person of a second organisation, "Org B".
async fn org_with_person(app: &App) -> i64 {
    let b = org(app, "Org B", "admin@org-b.example").await;
    person(app, &b, "Bea", "carer", &[]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_timer_is_flagged_until_they_have_attended_the_group_before() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let ama = person(&app, &org, "Ama", "service_user", &[]).await;
        let ben = person(&app, &org, "Ben", "carer", &[]).await;
        let cat = person(&app, &org, "Cat", "carer", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let other = new_group(
            &app,
            &org.admin,
            &group_draft("Strategy", "strategy", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[ama, ben, cat]).await;
        let earlier = meeting_at(&app, &org.admin, g, T0 - 7 * DAY, 60).await;
        let elsewhere = meeting_at(&app, &org.admin, other, T0 - 6 * DAY, 60).await;
        let next = meeting_at(&app, &org.admin, g, T0 + 2 * DAY, 60).await;

        // Exec
        meetings::record_attendance(&app, &org.admin, earlier, &attended(&[ama]), 0)
            .await
            .expect("earlier");
        meetings::record_attendance(&app, &org.admin, elsewhere, &attended(&[cat]), 0)
            .await
            .expect("elsewhere");
        for p in [ama, ben, cat] {
            meetings::reply(&app, &org.admin, next, Some(p), "confirmed")
                .await
                .expect("confirm");
        }
        let at_earlier = meetings::meeting(&app, &org.admin, earlier)
            .await
            .expect("view");
        let at_next = meetings::meeting(&app, &org.admin, next)
            .await
            .expect("view");

        // Check
        assert_eq!(at_earlier.first_timers, vec![ama], "her first time then");
        let mut firsts = at_next.first_timers.clone();
        firsts.sort_unstable();
        let mut expected = vec![ben, cat];
        expected.sort_unstable();
        assert_eq!(
            firsts, expected,
            "Ama came before; Cat only came to another group"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Who may see and run what
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unit_staff_reach_their_units_groups_and_only_read_service_wide_ones() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let on_u1 = account(
            &app,
            &org,
            "alder@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;
        let on_u2 = account(
            &app,
            &org,
            "birch@org-a.example",
            Role::UnitStaff,
            &[u2],
            None,
        )
        .await;
        let su = person(&app, &org, "Sam", "service_user", &[u1]).await;
        let unit_group = new_group(
            &app,
            &org.admin,
            &group_draft("Alder community", "community", Some(u1), SU_AND_CARER),
        )
        .await;
        let wide = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, unit_group, &[su]).await;
        join(&app, &org, wide, &[su]).await;
        let on_unit = meeting_at(&app, &org.admin, unit_group, T0 - HOUR, 30).await;
        let service_wide = meeting_at(&app, &org.admin, wide, T0 - HOUR, 30).await;

        // Exec
        let other_unit_reads = meetings::meeting(&app, &on_u2, on_unit).await;
        let other_unit_records =
            meetings::record_attendance(&app, &on_u2, on_unit, &attended(&[su]), 0).await;
        let other_unit_groups = meetings::groups(&app, &on_u2).await.expect("groups");
        let own_unit = meetings::meeting(&app, &on_u1, on_unit).await;
        let own_unit_records =
            meetings::record_attendance(&app, &on_u1, on_unit, &attended(&[su]), 0).await;
        let reads_wide = meetings::meeting(&app, &on_u1, service_wide).await;
        let records_wide =
            meetings::record_attendance(&app, &on_u1, service_wide, &attended(&[su]), 0).await;
        let agenda_wide = meetings::add_agenda_item(&app, &on_u1, service_wide, "Ours", None).await;
        let schedules_wide = meetings::schedule_at(&app, &on_u1, wide, T0, T0 + HOUR, "Hall").await;
        let makes_group = meetings::create_group(
            &app,
            &on_u1,
            &group_draft("Mine", "community", Some(u1), SU_AND_CARER),
        )
        .await;

        // Check
        assert_not_found(other_unit_reads.map(|v| v.meeting.id));
        assert_not_found(other_unit_records);
        assert_eq!(
            other_unit_groups.iter().map(|g| g.id).collect::<Vec<_>>(),
            vec![wide]
        );
        let own = own_unit.expect("own unit's meeting");
        assert!(own.can_run);
        assert!(own_unit_records.is_ok(), "{own_unit_records:?}");
        let wide_view = reads_wide.expect("reads the service-wide meeting");
        assert!(!wide_view.can_run);
        assert_forbidden(records_wide);
        assert_forbidden(agenda_wide);
        assert_forbidden(schedules_wide);
        assert_forbidden(makes_group);
        assert_eq!(stored(&app, org.id, service_wide).await.attended_at, None);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_viewer_reads_the_figures_but_no_meeting_and_another_organisation_finds_nothing() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let b = crate::common::org(&app, "Org B", "admin@org-b.example").await;
        let viewer = account(&app, &org, "board@org-a.example", Role::Viewer, &[], None).await;
        let finance = account(&app, &org, "money@org-a.example", Role::Finance, &[], None).await;
        let su = person(&app, &org, "Sam", "service_user", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, ["1", "", "", "", ""]),
        )
        .await;
        join(&app, &org, g, &[su]).await;
        let m = meeting_at(&app, &org.admin, g, T0 - HOUR, 30).await;
        meetings::record_attendance(&app, &org.admin, m, &attended(&[su]), 0)
            .await
            .expect("attendance");

        // Exec
        let figures =
            meetings::representation(&app, &viewer, RepresentationQuery::default(), Period::Month)
                .await;
        let viewer_meeting = meetings::meeting(&app, &viewer, m).await;
        let finance_figures = meetings::representation(
            &app,
            &finance,
            RepresentationQuery::default(),
            Period::Month,
        )
        .await;
        let b_meeting = meetings::meeting(&app, &b.admin, m).await;
        let b_invite = meetings::invite(&app, &b.admin, m, Language::En, "https://x.example").await;
        let b_records = meetings::record_attendance(&app, &b.admin, m, &attended(&[su]), 0).await;
        let b_group = meetings::group(&app, &b.admin, g).await;
        let b_figures = meetings::representation(
            &app,
            &b.admin,
            RepresentationQuery {
                group_id: Some(g),
                ..Default::default()
            },
            Period::Month,
        )
        .await;
        let b_all = meetings::representation(
            &app,
            &b.admin,
            RepresentationQuery::default(),
            Period::Month,
        )
        .await
        .expect("b's own figures");

        // Check
        let figures = figures.expect("a viewer reads the figures");
        assert_eq!((figures.total.meetings, figures.total.met), (1, 1));
        assert_forbidden(viewer_meeting.map(|v| v.meeting.id));
        assert_forbidden(finance_figures.map(|r| r.total.meetings));
        assert_not_found(b_meeting.map(|v| v.meeting.id));
        assert_not_found(b_invite);
        assert_not_found(b_records);
        assert_not_found(b_group.map(|v| v.group.id));
        assert_not_found(b_figures.map(|r| r.total.meetings));
        assert_eq!(b_all.total.meetings, 0, "Org A's meeting is not counted");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Actions
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_action_shows_for_its_owner_and_the_lead_until_it_is_done() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let lead = account(&app, &org, "lead@org-a.example", Role::Lead, &[], None).await;
        let owner = person(&app, &org, "Ola", "service_user", &[]).await;
        let someone = person(&app, &org, "Sid", "staff", &[]).await;
        let owner_acc = account(
            &app,
            &org,
            "ola@example.org",
            Role::Member,
            &[],
            Some(owner),
        )
        .await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[owner]).await;
        let m = meeting_at(&app, &lead, g, T0 - 10 * DAY, 60).await;
        let add = |text: &'static str, who: i64, due: DateParts| {
            let (app, lead) = (&app, &lead);
            async move {
                meetings::add_action(app, lead, m, text, Some(who), &due)
                    .await
                    .unwrap_or_else(|e| panic!("add {text}: {e:?}"))
            }
        };
        // Today in London is 29 March 2026.
        let late = add("Ask about the garden", owner, date(2026, 3, 20)).await;
        let due_today = add("Write to the board", owner, date(2026, 3, 29)).await;
        let not_yet = add("Book the room", owner, date(2026, 4, 30)).await;
        let others_late = add("Fix the kettle", someone, date(2026, 3, 1)).await;
        let no_owner =
            meetings::add_action(&app, &lead, m, "Orphan", None, &date(2026, 4, 1)).await;

        // Exec
        let before_mine = meetings::overdue(&app, &owner_acc).await.expect("mine");
        let before_lead = meetings::overdue(&app, &lead).await.expect("lead");
        // Ola is in the group but does not own this one and runs no meetings.
        let by_stranger = meetings::set_action_status(&app, &owner_acc, others_late, "done").await;
        meetings::set_action_status(&app, &owner_acc, late, "done")
            .await
            .expect("the owner marks it done");
        let after_mine = meetings::overdue(&app, &owner_acc).await.expect("mine");
        let after_lead = meetings::overdue(&app, &lead).await.expect("lead");

        // Check
        assert_invalid(no_owner, "owner");
        let ids = |v: &[cairn_db::meetings::Action]| v.iter().map(|a| a.id).collect::<Vec<_>>();
        assert_eq!(ids(&before_mine.mine), vec![late]);
        assert!(before_mine.all.is_empty(), "a member runs no meetings");
        assert!(before_lead.mine.is_empty(), "the lead owns nothing");
        assert_eq!(
            ids(&before_lead.all),
            vec![others_late, late],
            "oldest due first"
        );
        assert_eq!(before_lead.all[1].owner_name, "Ola");
        assert_forbidden(by_stranger);
        assert!(after_mine.mine.is_empty());
        assert_eq!(ids(&after_lead.all), vec![others_late]);
        let view = meetings::meeting(&app, &lead, m).await.expect("view");
        let status: BTreeMap<i64, String> = view
            .actions
            .iter()
            .map(|a| (a.id, a.status.clone()))
            .collect();
        assert_eq!(status[&late], "done");
        assert_eq!(status[&due_today], "open");
        assert_eq!(status[&not_yet], "open");
        let audited = audit_of(&app, org.id, "meeting_action").await;
        assert_eq!(
            audited.iter().filter(|e| e.action == "update").count(),
            1,
            "the refused change left no trace"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The representation report
// ---------------------------------------------------------------------------------------------

/// Figures added up from the meetings a test held.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    meetings: i64,
    met: i64,
    n: [i64; 5],
    others: i64,
}

impl Tally {
    fn add(&mut self, counts: [i64; 5], others: i64, met: bool) {
        self.meetings += 1;
        self.met += i64::from(met);
        for (t, c) in self.n.iter_mut().zip(counts) {
            *t += c;
        }
        self.others += others;
    }

    fn merge(&mut self, o: &Tally) {
        self.meetings += o.meetings;
        self.met += o.met;
        for (t, c) in self.n.iter_mut().zip(o.n) {
            *t += c;
        }
        self.others += o.others;
    }
}

/// A whole per cent, rounded half up, worked out in floating point.
fn pct(part: i64, whole: i64) -> i64 {
    if whole == 0 {
        0
    } else {
        (part as f64 * 100.0 / whole as f64).round() as i64
    }
}

#[track_caller]
fn assert_line(line: &ReportLine, t: &Tally) {
    let named: i64 = t.n.iter().sum();
    assert_eq!(
        (
            line.meetings,
            line.met,
            line.met_percent,
            [
                line.service_user,
                line.carer,
                line.staff,
                line.third_sector,
                line.manager
            ],
            line.others,
            line.carer_percent,
        ),
        (
            t.meetings,
            t.met,
            pct(t.met, t.meetings),
            t.n.map(Some),
            Some(t.others),
            Some(pct(t.n[1], named)),
        ),
        "line {:?}",
        line.key
    );
}

/// A meeting a test holds: (group, its unit, starts, people attending, others present, whether
/// the group's rule is met by them).
type Planned = (i64, Option<i64>, i64, Vec<i64>, i64, bool);

fn by_key(lines: &[ReportLine]) -> BTreeMap<String, ReportLine> {
    lines.iter().map(|l| (l.key.clone(), l.clone())).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn representation_adds_up_by_month_quarter_group_and_unit_from_the_meetings_held() {
    both_engines(|db| async move {
        // Setup: three groups, six meetings held over five months, one never recorded.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let alder_staff = account(
            &app,
            &org,
            "alder@org-a.example",
            Role::UnitStaff,
            &[u1],
            None,
        )
        .await;
        let g1 = new_group(
            &app,
            &org.admin,
            &group_draft("Alder community", "community", Some(u1), SU_AND_CARER),
        )
        .await;
        let g2 = new_group(
            &app,
            &org.admin,
            &group_draft("Birch forum", "forum", Some(u2), ["1", "1", "1", "", ""]),
        )
        .await;
        let g3 = new_group(
            &app,
            &org.admin,
            &group_draft("Strategy", "strategy", None, ["2", "", "", "", ""]),
        )
        .await;
        let mut who: Vec<(i64, usize)> = Vec::new();
        for (name, c) in [
            ("Sam", "service_user"),
            ("Sion", "service_user"),
            ("Sara", "service_user"),
            ("Cai", "carer"),
            ("Ceri", "carer"),
            ("Nell", "staff"),
            ("Tom", "third_sector"),
            ("Meg", "manager"),
        ] {
            let index = Constituency::ALL
                .iter()
                .position(|k| k.key() == c)
                .expect("known constituency");
            who.push((person(&app, &org, name, c, &[]).await, index));
        }
        let p = |i: usize| who[i].0;
        let (sam, sion, sara, cai, ceri, nell, tom, meg) =
            (p(0), p(1), p(2), p(3), p(4), p(5), p(6), p(7));
        let plan: Vec<Planned> = vec![
            (
                g1,
                Some(u1),
                utc(2026, 1, 14, 10, 0),
                vec![sam, cai, nell],
                2,
                true,
            ),
            (
                g1,
                Some(u1),
                utc(2026, 2, 11, 10, 0),
                vec![sam, nell],
                0,
                false,
            ),
            (
                g2,
                Some(u2),
                utc(2026, 2, 20, 14, 0),
                vec![sion, ceri, nell, tom],
                1,
                true,
            ),
            (
                g3,
                None,
                utc(2026, 4, 2, 9, 0),
                vec![sam, sion, meg],
                0,
                true,
            ),
            (
                g3,
                None,
                utc(2026, 5, 7, 9, 0),
                vec![sara, cai, ceri],
                5,
                false,
            ),
            // 00:30 on 1 June in London: June, still the second quarter.
            (
                g1,
                Some(u1),
                utc(2026, 5, 31, 23, 30),
                vec![sam, cai],
                0,
                true,
            ),
        ];
        app.clock.set(utc(2026, 6, 15, 12, 0));
        let never_recorded = meeting_at(&app, &org.admin, g2, utc(2026, 4, 9, 10, 0), 60).await;
        let mut months: BTreeMap<String, Tally> = BTreeMap::new();
        let mut quarters: BTreeMap<String, Tally> = BTreeMap::new();
        let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
        let mut units_t: BTreeMap<String, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        let mut alder_view = Tally::default();
        for (g, u, starts, present, others, met) in &plan {
            let m = meeting_at(&app, &org.admin, *g, *starts, 60).await;
            let e = meetings::record_attendance(&app, &org.admin, m, &attended(present), *others)
                .await
                .expect("attendance");
            assert_eq!(e.met, *met, "the rule at {starts}");
            let mut counts = [0i64; 5];
            for person in present {
                let (_, idx) = who.iter().find(|(id, _)| id == person).expect("known");
                counts[*idx] += 1;
            }
            let month = london_month(*starts);
            let q = (month[5..].parse::<i64>().expect("month") - 1) / 3 + 1;
            let quarter = format!("{}-Q{q}", &month[..4]);
            months.entry(month).or_default().add(counts, *others, *met);
            quarters
                .entry(quarter)
                .or_default()
                .add(counts, *others, *met);
            groups
                .entry(g.to_string())
                .or_default()
                .add(counts, *others, *met);
            units_t
                .entry(u.map(|u| u.to_string()).unwrap_or_default())
                .or_default()
                .add(counts, *others, *met);
            total.add(counts, *others, *met);
            if u.is_none_or(|u| u == u1) {
                alder_view.add(counts, *others, *met);
            }
        }

        // Exec
        let monthly = meetings::representation(
            &app,
            &org.admin,
            RepresentationQuery::default(),
            Period::Month,
        )
        .await
        .expect("monthly");
        let quarterly = meetings::representation(
            &app,
            &org.admin,
            RepresentationQuery::default(),
            Period::Quarter,
        )
        .await
        .expect("quarterly");
        let spring = meetings::representation(
            &app,
            &org.admin,
            RepresentationQuery {
                from_month: Some("2026-02".into()),
                to_month: Some("2026-04".into()),
                ..Default::default()
            },
            Period::Month,
        )
        .await
        .expect("spring");
        let alder = meetings::representation(
            &app,
            &alder_staff,
            RepresentationQuery::default(),
            Period::Month,
        )
        .await
        .expect("alder staff");

        // Check
        assert_eq!(
            months.keys().cloned().collect::<Vec<_>>(),
            vec!["2026-01", "2026-02", "2026-04", "2026-05", "2026-06"],
            "the test's own months"
        );
        assert_eq!(
            monthly
                .by_period
                .iter()
                .map(|l| l.key.clone())
                .collect::<Vec<_>>(),
            months.keys().cloned().collect::<Vec<_>>(),
            "oldest month first, the unrecorded April meeting {never_recorded} adds no month"
        );
        for (k, t) in &months {
            assert_line(&by_key(&monthly.by_period)[k], t);
        }
        assert_eq!(
            quarterly
                .by_period
                .iter()
                .map(|l| l.key.clone())
                .collect::<Vec<_>>(),
            vec!["2026-Q1", "2026-Q2"]
        );
        for (k, t) in &quarters {
            assert_line(&by_key(&quarterly.by_period)[k], t);
        }
        assert_eq!(
            by_key(&monthly.by_group)
                .keys()
                .cloned()
                .collect::<Vec<_>>(),
            groups.keys().cloned().collect::<Vec<_>>()
        );
        for (k, t) in &groups {
            assert_line(&by_key(&monthly.by_group)[k], t);
        }
        assert_eq!(
            by_key(&monthly.by_unit).keys().cloned().collect::<Vec<_>>(),
            units_t.keys().cloned().collect::<Vec<_>>()
        );
        for (k, t) in &units_t {
            assert_line(&by_key(&monthly.by_unit)[k], t);
        }
        assert_line(&monthly.total, &total);
        assert_line(&quarterly.total, &total);
        assert_eq!(total.meetings, 6);
        let period_sum: i64 = monthly.by_period.iter().map(|l| l.meetings).sum();
        let group_sum: i64 = monthly.by_group.iter().filter_map(|l| l.carer).sum();
        assert_eq!(
            (period_sum, group_sum),
            (total.meetings, total.n[1]),
            "the parts add up to the whole"
        );
        let mut spring_t = months["2026-02"];
        spring_t.merge(&months["2026-04"]);
        assert_line(&spring.total, &spring_t);
        assert_line(&alder.total, &alder_view);
        assert!(
            !by_key(&alder.by_unit).contains_key(&u2.to_string()),
            "unit staff see their units and the service-wide groups only"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Calendar invitations
// ---------------------------------------------------------------------------------------------

/// Checks the physical form of an iCalendar text: CRLF only, every line at most 75 octets.
#[track_caller]
fn assert_well_formed(text: &str) {
    assert!(text.ends_with("\r\n"), "ends with CRLF");
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "no bare CR or LF"
    );
    for line in text.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
}

/// The one event of a calendar, parsed with the `icalendar` crate.
fn parse_event(text: &str) -> icalendar::Event {
    let cal: icalendar::Calendar = text.parse().expect("a parsable calendar");
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), 1, "one event");
    events[0].clone()
}

/// The instant a parsed DATE-TIME names: a UTC one as it is, a TZID one read on that zone's
/// clock (the first of two readings when the clocks pass it twice, as RFC 5545 says).
fn instant_of(d: Option<DatePerhapsTime>) -> i64 {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(t))) => t.timestamp_millis(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            let tz = jiff::tz::TimeZone::get(&tzid).expect("a known TZID");
            let local: jiff::civil::DateTime = date_time
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string()
                .parse()
                .expect("a local date-time");
            tz.to_ambiguous_zoned(local)
                .earlier()
                .expect("a time that exists")
                .timestamp()
                .as_millisecond()
        }
        other => panic!("expected a date-time, got {other:?}"),
    }
}

/// The TZID of a parsed DATE-TIME, `None` for UTC.
fn tzid_of(d: Option<DatePerhapsTime>) -> Option<String> {
    match d {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { tzid, .. })) => Some(tzid),
        _ => None,
    }
}

fn start_ms(e: &icalendar::Event) -> i64 {
    instant_of(e.get_start())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_parses_with_utc_times_folded_lines_and_welsh_text_intact() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let name_cy =
            "Fforwm defnyddwyr gwasanaeth, gofalwyr; a ffrindiau — Grŵp cynllunio Llŷn a'r Fenai";
        let name_en = "Service users, carers; and friends — planning forum";
        let place = "Ystafell ddydd; Ward Enfys, Ysbyty Gwynedd — llawr 2 (ŵ, ŷ, â) \\ cefn";
        let place_en = "Day room; Rainbow Ward, Ysbyty Gwynedd — floor 2 \\ back";
        let g = new_group(
            &app,
            &org.admin,
            &GroupDraft {
                name_en: name_en.into(),
                name_cy: name_cy.into(),
                kind: "forum".into(),
                ..Default::default()
            },
        )
        .await;
        let draft = |d: DateParts, ends: &str| MeetingDraft {
            on: d,
            starts: "14:00".into(),
            ends: ends.into(),
            place: place_en.into(),
            place_cy: place.into(),
            online_link: "https://meet.example.org/forum".into(),
            arrangements: vec!["refreshments".into(), "quiet_space".into()],
            ..Default::default()
        };
        let july = meetings::schedule(&app, &org.admin, g, &draft(date(2026, 7, 15), "15:30"))
            .await
            .expect("july");
        let december = meetings::schedule(&app, &org.admin, g, &draft(date(2026, 12, 15), "15:00"))
            .await
            .expect("december");

        // Exec
        let base = "https://cairn.example.org/";
        let july_cy = meetings::invite(&app, &org.admin, july, Language::Cy, base)
            .await
            .expect("invite");
        let july_en = meetings::invite(&app, &org.admin, july, Language::En, base)
            .await
            .expect("invite");
        let december_en = meetings::invite(&app, &org.admin, december, Language::En, base)
            .await
            .expect("invite");

        // Check: the text as written
        for text in [&july_cy, &july_en, &december_en] {
            assert_well_formed(text);
        }
        assert!(
            july_cy.split("\r\n").any(|l| l.starts_with(' ')),
            "the long Welsh summary was folded"
        );
        assert!(july_cy.contains("\r\nDTSTART;TZID=Europe/London:20260715T140000\r\n"));
        assert!(july_cy.contains("\r\nDTEND;TZID=Europe/London:20260715T153000\r\n"));
        assert!(december_en.contains("\r\nDTSTART;TZID=Europe/London:20261215T140000\r\n"));
        assert!(july_cy.contains("\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"));
        // Check: read back by a real parser
        let cy = parse_event(&july_cy);
        assert_eq!(cy.get_summary(), Some(name_cy));
        assert_eq!(cy.get_location(), Some(place));
        assert_eq!(start_ms(&cy), utc(2026, 7, 15, 13, 0));
        assert_eq!(
            cy.get_uid(),
            Some(format!("meeting-{july}@cairn.example.org").as_str())
        );
        assert_eq!(cy.get_url(), Some("https://meet.example.org/forum"));
        assert_eq!(cy.get_sequence(), Some(0));
        assert_eq!(cy.get_status(), Some(icalendar::EventStatus::Confirmed));
        let description = cy.get_description().expect("arrangements described");
        assert!(
            description.contains("Cy:meetings-arrangement-refreshments")
                && description.contains("Cy:meetings-arrangement-quiet-space"),
            "{description}"
        );
        let en = parse_event(&july_en);
        assert_eq!(en.get_summary(), Some(name_en));
        assert_eq!(en.get_location(), Some(place_en), "the place in English");
        assert_eq!(en.get_uid(), cy.get_uid(), "one meeting, one UID");
        let dec = parse_event(&december_en);
        assert_eq!(start_ms(&dec), utc(2026, 12, 15, 14, 0));
        assert_eq!(tzid_of(dec.get_end()).as_deref(), Some("Europe/London"));
        assert_eq!(instant_of(dec.get_end()), utc(2026, 12, 15, 15, 0));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_fetches_their_own_groups_invitation_but_not_another_groups() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mo = person(&app, &org, "Mo", "service_user", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let mine = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let not_mine = new_group(
            &app,
            &org.admin,
            &group_draft("Strategy", "strategy", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, mine, &[mo]).await;
        let m1 = meeting_at(&app, &org.admin, mine, T0 + DAY, 60).await;
        let m2 = meeting_at(&app, &org.admin, not_mine, T0 + DAY, 60).await;

        // Exec
        let own = meetings::invite(&app, &mo_acc, m1, Language::En, "https://c.example").await;
        let other = meetings::invite(&app, &mo_acc, m2, Language::En, "https://c.example").await;
        let page = meetings::meeting(&app, &mo_acc, m1).await;

        // Check
        let text = own.expect("own invitation");
        assert_eq!(parse_event(&text).get_summary(), Some("Forum"));
        assert_not_found(other);
        assert_forbidden(page.map(|v| v.meeting.id));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invitations_are_not_emailed_while_email_is_off() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let pid = people::create(
            &app,
            &org.admin,
            &PersonDraft {
                email: Some("mo.home@example.org".into()),
                ..person_draft("Mo", "service_user", &[])
            },
        )
        .await
        .expect("person");
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[pid]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;

        // Exec
        let r = meetings::email_invites(&app, &org.admin, m, "https://c.example").await;

        // Check
        assert_conflict(r, "meetings-error-email-off");
        assert!(emails_of(&app, org.id).await.is_empty());
        assert!(
            audit_of(&app, org.id, "meeting_invitations")
                .await
                .is_empty()
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emailed_invitations_carry_the_calendar_in_each_members_language() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let sink = SmtpSink::start().await;
        let org = org(&app, "Org A", "admin@org-a.example").await;
        switch_email_on(&app, &org, sink.port).await;
        let with_email = |name: &str, email: &str, lang: &str| PersonDraft {
            email: Some(email.into()),
            preferred_language: lang.into(),
            ..person_draft(name, "carer", &[])
        };
        let mo = people::create(
            &app,
            &org.admin,
            &with_email("Mo", "mo.home@example.org", "en"),
        )
        .await
        .expect("mo");
        let cai = people::create(
            &app,
            &org.admin,
            &with_email("Cai", "cai@example.org", "cy"),
        )
        .await
        .expect("cai");
        let dee = person(&app, &org, "Dee", "service_user", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &GroupDraft {
                name_cy: "Fforwm".into(),
                ..group_draft("Forum", "forum", None, SU_AND_CARER)
            },
        )
        .await;
        join(&app, &org, g, &[mo, cai, dee]).await;
        let starts = utc(2026, 7, 15, 13, 0);
        let m = meetings::schedule_at(
            &app,
            &org.admin,
            g,
            starts,
            starts + 90 * MINUTE,
            Bilingual::new(Some("Day room"), Some("Ystafell ddydd")),
        )
        .await
        .expect("meeting");

        // Exec
        let queued = meetings::email_invites(&app, &org.admin, m, "https://cairn.example.org")
            .await
            .expect("email invites");
        let emails = emails_of(&app, org.id).await;
        let sent = notices::deliver_pending(&app).await.expect("deliver");

        // Check
        assert_eq!(queued, 2, "Dee has no address");
        assert_eq!(emails.len(), 2);
        let to_cai = emails
            .iter()
            .find(|e| e.to_address == "cai@example.org")
            .expect("Cai's e-mail");
        assert_eq!(to_cai.language, "cy");
        assert!(to_cai.subject.starts_with("Cy:meetings-email-subject:"));
        let ics = to_cai.calendar.as_deref().expect("a calendar attachment");
        assert_well_formed(ics);
        let e = parse_event(ics);
        assert_eq!(e.get_summary(), Some("Fforwm"), "in Cai's language");
        assert_eq!(
            e.get_location(),
            Some("Ystafell ddydd"),
            "the place in Welsh"
        );
        assert!(
            to_cai.body.contains("place=Ystafell ddydd"),
            "{}",
            to_cai.body
        );
        assert_eq!(start_ms(&e), utc(2026, 7, 15, 13, 0));
        let to_mo = emails
            .iter()
            .find(|e| e.to_address == "mo.home@example.org")
            .expect("Mo's e-mail");
        let mo_event = parse_event(to_mo.calendar.as_deref().expect("calendar"));
        assert_eq!(mo_event.get_summary(), Some("Forum"));
        assert_eq!(
            mo_event.get_location(),
            Some("Day room"),
            "the place in English"
        );
        assert_eq!(sent, 2);
        let messages = sink.messages.lock().expect("lock").clone();
        assert_eq!(messages.len(), 2);
        for msg in &messages {
            assert!(msg.data.contains("text/calendar"), "{}", msg.data);
            assert!(msg.data.contains("invite.ics"));
            assert!(msg.data.contains("multipart/mixed"));
        }
        let audited = audit_of(&app, org.id, "meeting_invitations").await;
        assert_eq!(audited.len(), 1);
        assert!(
            audited[0]
                .after_json
                .as_deref()
                .is_some_and(|a| a.contains("\"queued\":2"))
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The live measures on the model
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_meeting_measures_count_community_meetings_held_and_the_share_that_met_the_rule() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Alder").await;
        let other = unit(&app, &org, "Birch").await;
        let su = person(&app, &org, "Sam", "service_user", &[u]).await;
        let carer = person(&app, &org, "Cai", "carer", &[u]).await;
        let community = new_group(
            &app,
            &org.admin,
            &group_draft("Alder community", "community", Some(u), SU_AND_CARER),
        )
        .await;
        let forum = new_group(
            &app,
            &org.admin,
            &group_draft("Alder forum", "forum", Some(u), SU_AND_CARER),
        )
        .await;
        let birch = new_group(
            &app,
            &org.admin,
            &group_draft("Birch community", "community", Some(other), SU_AND_CARER),
        )
        .await;
        model::set_status(
            &app,
            &org.admin,
            u,
            "L1.01",
            &AssessmentDraft {
                status: "in_place".into(),
                evidence: Some("Weekly community meeting".into()),
                ..Default::default()
            },
        )
        .await
        .expect("in place");
        let measure = |a: &model::UnitAssessment, code: &str| {
            a.items
                .iter()
                .find(|i| i.practice.code == code)
                .and_then(|i| i.measure.clone())
                .unwrap_or_else(|| panic!("{code} has a measure"))
        };
        let before = model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("assessment");
        // (group, starts, attending): met or not is what the rule says of who attended.
        let held: Vec<(i64, i64, Vec<i64>)> = vec![
            (community, T0 - 5 * DAY, vec![su, carer]),
            (forum, T0 - 10 * DAY, vec![su]),
            (community, T0 - 40 * DAY, vec![su, carer]),
            (birch, T0 - 3 * DAY, vec![su]),
        ];

        // Exec
        let mut on_unit_in_quarter = (0i64, 0i64);
        for (g, starts, present) in &held {
            let m = meeting_at(&app, &org.admin, *g, *starts, 60).await;
            let e = meetings::record_attendance(&app, &org.admin, m, &attended(present), 0)
                .await
                .expect("attendance");
            if *g != birch {
                on_unit_in_quarter.0 += 1;
                on_unit_in_quarter.1 += i64::from(e.met);
            }
        }
        // Scheduled but not recorded: not held.
        meeting_at(&app, &org.admin, community, T0 - 2 * DAY, 60).await;
        let after = model::unit_assessment(&app, &org.admin, u)
            .await
            .expect("assessment");

        // Check
        let m = measure(&before, "L1.01");
        assert_eq!(m.message_id, "model-measure-community-meetings");
        assert_eq!((m.count, m.disagrees), (0, true));
        let m = measure(&after, "L1.01");
        assert_eq!(
            (m.count, m.disagrees),
            (1, false),
            "one community meeting on the unit in the last month"
        );
        let (held_n, met_n) = on_unit_in_quarter;
        assert_eq!((held_n, met_n), (3, 2));
        let m = measure(&after, "L3.05");
        assert_eq!(m.message_id, "model-measure-representation");
        assert_eq!(m.count, met_n * 100 / held_n, "met of held, whole per cent");
        assert_eq!(
            measure(&after, "L1.05").count,
            100,
            "every agenda had the item"
        );
        assert_eq!(measure(&after, "L2.05").count, 0, "no team building");
        assert_eq!(measure(&before, "L3.05").count, 0);
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The meeting's record
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn name_cards_minutes_decisions_and_linked_suggestions_stay_within_the_organisation() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let b = crate::common::org(&app, "Org B", "admin@org-b.example").await;
        let ama = person(&app, &org, "Ama", "service_user", &[]).await;
        let ben = person(&app, &org, "Ben", "carer", &[]).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[ama, ben]).await;
        let m = meeting_at(&app, &org.admin, g, T0 + DAY, 60).await;
        let ours = cairn_app::feedback::enter(
            &app,
            &org.admin,
            &cairn_domain::feedback::SuggestionDraft {
                text: "A bench in the garden".into(),
                channel: "meeting".into(),
                ..Default::default()
            },
            Language::En,
        )
        .await
        .expect("our suggestion");
        let theirs = cairn_app::feedback::enter(
            &app,
            &b.admin,
            &cairn_domain::feedback::SuggestionDraft {
                text: "Org B's idea".into(),
                channel: "meeting".into(),
                ..Default::default()
            },
            Language::En,
        )
        .await
        .expect("their suggestion");

        // Exec
        let (_, before_replies, _) = meetings::name_cards(&app, &org.admin, m)
            .await
            .expect("cards");
        meetings::reply(&app, &org.admin, m, Some(ama), "confirmed")
            .await
            .expect("confirm");
        meetings::reply(&app, &org.admin, m, Some(ben), "apologies")
            .await
            .expect("apologies");
        let (_, after_replies, _) = meetings::name_cards(&app, &org.admin, m)
            .await
            .expect("cards");
        let linked = meetings::add_agenda_item(&app, &org.admin, m, "The bench", Some(ours))
            .await
            .expect("linked item");
        let foreign = meetings::add_agenda_item(&app, &org.admin, m, "Theirs", Some(theirs)).await;
        let untitled = meetings::add_agenda_item(&app, &org.admin, m, "  ", None).await;
        meetings::set_minutes(&app, &org.admin, m, "  We met.  ")
            .await
            .expect("minutes");
        meetings::add_decision(&app, &org.admin, m, "Buy a bench")
            .await
            .expect("decision");
        let empty_decision = meetings::add_decision(&app, &org.admin, m, "").await;
        let view = meetings::meeting(&app, &org.admin, m).await.expect("view");

        // Check
        assert_eq!(
            before_replies,
            vec!["Ama", "Ben"],
            "every member before replies"
        );
        assert_eq!(after_replies, vec!["Ama"], "only those who confirmed");
        assert_invalid(foreign, "suggestion_id");
        assert_invalid(untitled, "title");
        assert_invalid(empty_decision, "decision");
        let item = view
            .agenda
            .iter()
            .find(|a| a.id == linked)
            .expect("the linked item");
        assert_eq!(
            (
                item.position,
                item.suggestion_id,
                item.suggestion_text.as_deref()
            ),
            (3, Some(ours), Some("A bench in the garden"))
        );
        assert_eq!(view.agenda.len(), 3, "the refused items were not added");
        assert_eq!(view.meeting.minutes.as_deref(), Some("We met."));
        assert_eq!(
            view.decisions
                .iter()
                .map(|d| (d.text.as_str(), d.created_by_label.as_str()))
                .collect::<Vec<_>>(),
            vec![("Buy a bench", "admin@org-a.example")]
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_board_sees_small_attendance_counts_hidden_and_none_that_could_be_worked_out() {
    both_engines(|db| async move {
        // Setup: Alder's community meets six times with three service users and a nurse; one
        // carer comes once. Birch's forum meets once with a carer and the nurse.
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u1 = unit(&app, &org, "Alder").await;
        let u2 = unit(&app, &org, "Birch").await;
        let board = account(&app, &org, "board@org-a.example", Role::Viewer, &[], None).await;
        let g1 = new_group(
            &app,
            &org.admin,
            &group_draft("Alder community", "community", Some(u1), SU_AND_CARER),
        )
        .await;
        let g2 = new_group(
            &app,
            &org.admin,
            &group_draft("Birch forum", "forum", Some(u2), SU_AND_CARER),
        )
        .await;
        let sam = person(&app, &org, "Sam", "service_user", &[]).await;
        let sion = person(&app, &org, "Sion", "service_user", &[]).await;
        let sara = person(&app, &org, "Sara", "service_user", &[]).await;
        let cai = person(&app, &org, "Cai", "carer", &[]).await;
        let ceri = person(&app, &org, "Ceri", "carer", &[]).await;
        let nell = person(&app, &org, "Nell", "staff", &[]).await;
        app.clock.set(utc(2026, 6, 15, 12, 0));
        for day in 1..=6 {
            let m = meeting_at(&app, &org.admin, g1, utc(2026, 5, day * 3, 10, 0), 60).await;
            let mut present = vec![sam, sion, sara, nell];
            if day == 1 {
                present.push(cai);
            }
            meetings::record_attendance(&app, &org.admin, m, &attended(&present), 0)
                .await
                .expect("attendance");
        }
        let m = meeting_at(&app, &org.admin, g2, utc(2026, 5, 20, 14, 0), 60).await;
        meetings::record_attendance(&app, &org.admin, m, &attended(&[ceri, nell]), 0)
            .await
            .expect("attendance");

        // Exec
        let q = || RepresentationQuery::default();
        let lead = meetings::representation(&app, &org.admin, q(), Period::Month)
            .await
            .expect("the lead's report");
        let seen = meetings::representation(&app, &board, q(), Period::Month)
            .await
            .expect("the board's report");

        // Check: the lead sees every figure.
        assert_eq!(lead.hidden_below, None);
        assert_eq!(
            (lead.total.service_user, lead.total.carer, lead.total.staff),
            (Some(18), Some(2), Some(7))
        );
        // The board: Alder's one carer is hidden, and so is its staff count (else 25 named
        // attendances less the rest would give it); Birch's line is too small to show at all.
        assert_eq!(seen.hidden_below, Some(5));
        let alder = by_key(&seen.by_group)[&g1.to_string()].clone();
        assert_eq!(
            (
                alder.service_user,
                alder.carer,
                alder.staff,
                alder.carer_percent
            ),
            (Some(18), None, None, None)
        );
        let birch = by_key(&seen.by_group)[&g2.to_string()].clone();
        assert_eq!(
            (birch.service_user, birch.carer, birch.staff),
            (Some(0), None, None)
        );
        assert_eq!(
            (
                seen.total.service_user,
                seen.total.carer,
                seen.total.carer_percent
            ),
            (Some(18), None, None)
        );
        // Nothing the board is shown counts 1 to 4 people, and no line with a published total
        // hides exactly one count.
        for l in seen
            .by_period
            .iter()
            .chain(&seen.by_group)
            .chain(&seen.by_unit)
            .chain([&seen.total])
        {
            let cells = [
                l.service_user,
                l.carer,
                l.staff,
                l.third_sector,
                l.manager,
                l.others,
            ];
            assert!(
                cells.iter().flatten().all(|n| *n == 0 || *n >= 5),
                "line {:?} shows a small count: {cells:?}",
                l.key
            );
            assert_ne!(
                cells.iter().filter(|c| c.is_none()).count(),
                1,
                "line {:?} hides one count alone",
                l.key
            );
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Texts in English and Welsh
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_planned_with_a_welsh_place_and_an_action_written_in_welsh_only_reads_back() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let u = unit(&app, &org, "Bedw").await;
        let owner = person(&app, &org, "Ola", "service_user", &[u]).await;
        let g = new_group(
            &app,
            &org.admin,
            &GroupDraft {
                usual_place: "Lounge, Bedw House".into(),
                usual_place_cy: "Lolfa, Tŷ Bedw".into(),
                ..group_draft("Community meeting", "community", Some(u), SU_AND_CARER)
            },
        )
        .await;
        join(&app, &org, g, &[owner]).await;
        let draft = MeetingDraft {
            on: date(2026, 4, 15),
            starts: "14:00".into(),
            ends: "15:00".into(),
            place: "Lounge, Bedw House".into(),
            place_cy: "  Lolfa, Tŷ Bedw  ".into(),
            ..Default::default()
        };

        // Exec
        let m = meetings::schedule(&app, &org.admin, g, &draft)
            .await
            .expect("schedule");
        let action = meetings::add_action(
            &app,
            &org.admin,
            m,
            Bilingual::new(Some("  "), Some("Dweud wrth y fforwm am y gyllideb")),
            Some(owner),
            &date(2026, 5, 1),
        )
        .await
        .expect("a Welsh-only action");
        meetings::add_decision(
            &app,
            &org.admin,
            m,
            Bilingual::new(None, Some("Cytunwyd ar rota")),
        )
        .await
        .expect("a Welsh-only decision");
        let item = meetings::add_agenda_item(
            &app,
            &org.admin,
            m,
            Bilingual::new(Some("The garden"), Some("Yr ardd")),
            None,
        )
        .await
        .expect("an item in both");
        let view = meetings::meeting(&app, &org.admin, m).await.expect("view");
        let group = meetings::group(&app, &org.admin, g).await.expect("group");

        // Check
        let stored = stored(&app, org.id, m).await;
        assert_eq!(stored.place.as_deref(), Some("Lounge, Bedw House"));
        assert_eq!(stored.place_cy.as_deref(), Some("Lolfa, Tŷ Bedw"));
        assert_eq!(
            (
                group.group.usual_place.as_deref(),
                group.group.usual_place_cy.as_deref()
            ),
            (Some("Lounge, Bedw House"), Some("Lolfa, Tŷ Bedw"))
        );
        let a = view
            .actions
            .iter()
            .find(|a| a.id == action)
            .expect("the action");
        assert_eq!(
            (a.text.as_str(), a.text_cy.as_deref()),
            ("", Some("Dweud wrth y fforwm am y gyllideb")),
            "no English yet: the Welsh alone"
        );
        assert_eq!(
            view.decisions
                .iter()
                .map(|d| (d.text.as_str(), d.text_cy.as_deref()))
                .collect::<Vec<_>>(),
            vec![("", Some("Cytunwyd ar rota"))]
        );
        let i = view.agenda.iter().find(|a| a.id == item).expect("the item");
        assert_eq!(
            (i.title.as_deref(), i.title_cy.as_deref()),
            (Some("The garden"), Some("Yr ardd"))
        );
        let mine = meetings::overdue(&app, &org.admin).await.expect("overdue");
        assert!(mine.mine.is_empty(), "the administrator owns nothing");
        let audited = audit_of(&app, org.id, "meeting_action").await;
        let after = audited
            .iter()
            .find(|e| e.entity_id == Some(action))
            .and_then(|e| e.after_json.as_deref())
            .expect("the action is audited");
        assert!(
            after.contains("\"text_cy\":\"Dweud wrth y fforwm am y gyllideb\""),
            "{after}"
        );
        let planned = audit_of(&app, org.id, "meeting").await;
        assert!(
            planned.iter().any(|e| e.entity_id == Some(m)
                && e.after_json
                    .as_deref()
                    .is_some_and(|j| j.contains("\"place_cy\":\"Lolfa, Tŷ Bedw\""))),
            "the Welsh place is audited"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welsh_minutes_that_are_too_long_are_refused_on_minutes_cy_and_nothing_changes() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let m = meeting_at(&app, &org.admin, g, T0 - DAY, 60).await;
        meetings::set_minutes(
            &app,
            &org.admin,
            m,
            Bilingual::new(Some("We met."), Some("Fe wnaethom gyfarfod.")),
        )
        .await
        .expect("minutes in both");
        let before = stored(&app, org.id, m).await;
        let audited_before = audit_of(&app, org.id, "meeting_minutes").await.len();

        // Exec
        let long_welsh = "a".repeat(cairn_domain::meetings::MINUTES_MAX + 1);
        let refused = meetings::set_minutes(
            &app,
            &org.admin,
            m,
            Bilingual::new(Some("Shorter."), Some(&long_welsh)),
        )
        .await;

        // Check
        match refused {
            Err(AppError::Invalid(e)) => {
                assert_eq!(
                    e.for_field("minutes_cy").map(|f| f.code),
                    Some("meetings-error-too-long")
                );
                assert!(e.for_field("minutes").is_none(), "the English is fine");
            }
            other => panic!("expected Invalid on minutes_cy, got {other:?}"),
        }
        let after = stored(&app, org.id, m).await;
        assert_eq!(
            (after.minutes.as_deref(), after.minutes_cy.as_deref()),
            (Some("We met."), Some("Fe wnaethom gyfarfod.")),
            "neither language changed"
        );
        assert_eq!(after.updated_at, before.updated_at);
        assert_eq!(
            audit_of(&app, org.id, "meeting_minutes").await.len(),
            audited_before,
            "the refused change left no trace"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// The London clock: times the clocks skip or pass twice, meetings across midnight
// ---------------------------------------------------------------------------------------------

fn typed(on: DateParts, starts: &str, ends: &str) -> MeetingDraft {
    MeetingDraft {
        on,
        starts: starts.into(),
        ends: ends.into(),
        place: "Day room".into(),
        ..Default::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_the_clocks_skip_is_refused_and_nothing_is_scheduled() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;

        // Exec
        let r = meetings::schedule(
            &app,
            &org.admin,
            g,
            &typed(date(2026, 3, 29), "01:30", "03:00"),
        )
        .await;

        // Check
        match r {
            Err(AppError::Invalid(e)) => assert_eq!(
                e.for_field("starts").map(|f| f.code),
                Some("meetings-error-no-such-time")
            ),
            other => panic!("expected the start refused, got {other:?}"),
        }
        let listed = meetings::list(&app, &org.admin, &Default::default())
            .await
            .expect("list");
        assert!(listed.is_empty(), "nothing was scheduled");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_the_clocks_pass_twice_is_asked_about_and_the_chosen_one_is_kept() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let draft = typed(date(2026, 10, 25), "01:30", "02:30");

        // Exec
        let unasked = meetings::schedule(&app, &org.admin, g, &draft).await;
        let first = meetings::schedule(
            &app,
            &org.admin,
            g,
            &MeetingDraft {
                starts_which: "first".into(),
                ..draft.clone()
            },
        )
        .await
        .expect("the BST 01:30");
        let second = meetings::schedule(
            &app,
            &org.admin,
            g,
            &MeetingDraft {
                starts_which: "second".into(),
                ..draft.clone()
            },
        )
        .await
        .expect("the GMT 01:30");

        // Check
        assert_invalid(unasked, "starts_which");
        let (a, b) = (
            stored(&app, org.id, first).await,
            stored(&app, org.id, second).await,
        );
        assert_eq!(a.starts_at, utc(2026, 10, 25, 0, 30));
        assert_eq!(b.starts_at, utc(2026, 10, 25, 1, 30));
        // 02:30 is after the change, so both end at the same instant: two real hours and one.
        assert_eq!(a.ends_at, utc(2026, 10, 25, 2, 30));
        assert_eq!(
            (a.ends_at - a.starts_at, b.ends_at - b.starts_at),
            (2 * HOUR, HOUR)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_meeting_across_midnight_ends_the_next_day_and_its_invitation_says_so_on_the_london_clock()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(&app, &org.admin, &group_draft("Forum", "forum", None, SU_AND_CARER)).await;

        // Exec: 22:00 on the night the clocks go back to 03:00 the next morning.
        let m = meetings::schedule(&app, &org.admin, g, &typed(date(2026, 10, 24), "22:00", "03:00"))
            .await
            .expect("across midnight");
        let text = meetings::invite(&app, &org.admin, m, Language::En, "https://c.example")
            .await
            .expect("invite");

        // Check: stored on real instants, six hours long.
        let stored = stored(&app, org.id, m).await;
        assert_eq!(stored.starts_at, utc(2026, 10, 24, 21, 0));
        assert_eq!(stored.ends_at, utc(2026, 10, 25, 3, 0));
        assert_eq!(stored.ends_at - stored.starts_at, 6 * HOUR);
        // Check: the invitation, read back by a real parser.
        assert_well_formed(&text);
        let e = parse_event(&text);
        assert_eq!(tzid_of(e.get_start()).as_deref(), Some("Europe/London"));
        assert_eq!(tzid_of(e.get_end()).as_deref(), Some("Europe/London"));
        assert_eq!(instant_of(e.get_start()), stored.starts_at);
        assert_eq!(instant_of(e.get_end()), stored.ends_at);
        assert!(text.contains("\r\nDTEND;TZID=Europe/London:20261025T030000\r\n"));
        // Check: the zone is described, with the change that happens during the meeting.
        let zone = text
            .split("BEGIN:VTIMEZONE\r\n")
            .nth(1)
            .and_then(|z| z.split("END:VTIMEZONE\r\n").next())
            .expect("a VTIMEZONE");
        assert!(zone.starts_with("TZID:Europe/London\r\n"));
        assert!(zone.contains("BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_for_the_second_reading_of_a_doubled_time_names_that_instant() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let m = meetings::schedule(
            &app,
            &org.admin,
            g,
            &MeetingDraft {
                starts_which: "second".into(),
                ..typed(date(2026, 10, 25), "01:30", "02:15")
            },
        )
        .await
        .expect("the GMT 01:30");

        // Exec
        let text = meetings::invite(&app, &org.admin, m, Language::Cy, "https://c.example")
            .await
            .expect("invite");

        // Check
        let e = parse_event(&text);
        assert_eq!(instant_of(e.get_start()), utc(2026, 10, 25, 1, 30));
        assert_eq!(instant_of(e.get_end()), utc(2026, 10, 25, 2, 15));
        assert_eq!(
            instant_of(e.get_end()) - instant_of(e.get_start()),
            45 * MINUTE
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// A member's own meetings
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reads_their_groups_meeting_with_the_minutes_and_only_their_own_actions() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mo = person(&app, &org, "Mo", "service_user", &[]).await;
        let nia = person(&app, &org, "Nia", "carer", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[mo, nia]).await;
        let m = meeting_at(&app, &org.admin, g, T0 - DAY, 90).await;
        meetings::record_attendance(&app, &org.admin, m, &attended(&[mo, nia]), 0)
            .await
            .expect("attendance");
        meetings::set_minutes(
            &app,
            &org.admin,
            m,
            Bilingual::new(Some("We met."), Some("Fe wnaethon ni gwrdd.")),
        )
        .await
        .expect("minutes");
        let due = date(2026, 4, 30);
        let mine = meetings::add_action(&app, &org.admin, m, "Mo books the room", Some(mo), &due)
            .await
            .expect("Mo's action");
        meetings::add_action(
            &app,
            &org.admin,
            m,
            "Nia writes to the ward",
            Some(nia),
            &due,
        )
        .await
        .expect("Nia's action");
        let views_before = audit_of(&app, org.id, "meeting")
            .await
            .iter()
            .filter(|e| e.action == "view")
            .count();

        // Exec
        let v = meetings::member_meeting(&app, &mo_acc, m)
            .await
            .expect("own meeting");
        let earlier = meetings::my_earlier_meetings(&app, &mo_acc)
            .await
            .expect("earlier");

        // Check
        assert_eq!(v.meeting.id, m);
        assert_eq!(v.meeting.minutes.as_deref(), Some("We met."));
        assert_eq!(
            v.meeting.minutes_cy.as_deref(),
            Some("Fe wnaethon ni gwrdd.")
        );
        assert!(!v.agenda.is_empty(), "the standing agenda");
        assert_eq!(
            v.my_actions.iter().map(|a| a.id).collect::<Vec<_>>(),
            vec![mine]
        );
        assert_eq!(v.my_presence.as_deref(), Some("attended"));
        assert!(v.started);
        assert_eq!(
            earlier.iter().map(|(m, _)| m.id).collect::<Vec<_>>(),
            vec![m]
        );
        let views = audit_of(&app, org.id, "meeting").await;
        let new_views: Vec<&Entry> = views.iter().filter(|e| e.action == "view").collect();
        assert_eq!(new_views.len(), views_before + 1, "the read is audited");
        assert_eq!(new_views[0].entity_id, Some(m));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_gets_not_found_for_another_groups_or_organisations_meeting_and_so_does_an_account_with_no_person()
 {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let other_org = crate::common::org(&app, "Org B", "admin@org-b.example").await;
        let mo = person(&app, &org, "Mo", "service_user", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let mine = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        let not_mine = new_group(
            &app,
            &org.admin,
            &group_draft("Strategy", "strategy", None, SU_AND_CARER),
        )
        .await;
        let elsewhere = new_group(
            &app,
            &other_org.admin,
            &group_draft("Forum B", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, mine, &[mo]).await;
        let m1 = meeting_at(&app, &org.admin, mine, T0 + DAY, 60).await;
        let m2 = meeting_at(&app, &org.admin, not_mine, T0 + DAY, 60).await;
        let m3 = meeting_at(&app, &other_org.admin, elsewhere, T0 + DAY, 60).await;

        // Exec
        let own = meetings::member_meeting(&app, &mo_acc, m1).await;
        let other_group = meetings::member_meeting(&app, &mo_acc, m2).await;
        let other_org_meeting = meetings::member_meeting(&app, &mo_acc, m3).await;
        let staff = meetings::member_meeting(&app, &org.admin, m1).await;

        // Check
        let own = own.expect("own group's meeting");
        assert!(!own.started && own.my_actions.is_empty() && own.my_reply.is_none());
        assert_not_found(other_group.map(|v| v.meeting.id));
        assert_not_found(other_org_meeting.map(|v| v.meeting.id));
        // The member view is a person's own: an account that is nobody's has no meetings there.
        assert_not_found(staff.map(|v| v.meeting.id));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_who_left_the_group_still_reads_a_meeting_they_attended_but_not_later_ones() {
    both_engines(|db| async move {
        // Setup
        let app = app(db);
        let org = org(&app, "Org A", "admin@org-a.example").await;
        let mo = person(&app, &org, "Mo", "service_user", &[]).await;
        let mo_acc = account(&app, &org, "mo@example.org", Role::Member, &[], Some(mo)).await;
        let g = new_group(
            &app,
            &org.admin,
            &group_draft("Forum", "forum", None, SU_AND_CARER),
        )
        .await;
        join(&app, &org, g, &[mo]).await;
        let held = meeting_at(&app, &org.admin, g, T0 - 2 * DAY, 60).await;
        meetings::record_attendance(&app, &org.admin, held, &attended(&[mo]), 0)
            .await
            .expect("attendance");
        meetings::set_member(&app, &org.admin, g, mo, false)
            .await
            .expect("leave");
        let later = meeting_at(&app, &org.admin, g, T0 - DAY, 60).await;

        // Exec
        let attended_one = meetings::member_meeting(&app, &mo_acc, held).await;
        let after_leaving = meetings::member_meeting(&app, &mo_acc, later).await;
        let earlier = meetings::my_earlier_meetings(&app, &mo_acc)
            .await
            .expect("earlier");

        // Check
        assert_eq!(
            attended_one.expect("attended").my_presence.as_deref(),
            Some("attended")
        );
        assert_not_found(after_leaving.map(|v| v.meeting.id));
        assert_eq!(
            earlier.iter().map(|(m, _)| m.id).collect::<Vec<_>>(),
            vec![held]
        );
    })
    .await;
}
