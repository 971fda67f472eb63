//! Use-case tests for training on the pathway: an assessor's mark completing an assessed
//! course (a level-2 step), learners working toward credits with the awarding body's deadlines
//! and registration file (their details shown nowhere else, exported to them and erased with
//! them), training a role needs with its refresher date, and the training report. Every body
//! runs on SQLite and PostgreSQL.

use crate::common::*;
use crate::payments::{World, person, world};
use crate::training::people_erase;
use cairn_app::training::{self, accreditation, report};
use cairn_app::{AppError, roles};
use cairn_domain::roles::RoleDraft;
use cairn_domain::time::{DateParts, local_date, time_zone};
use cairn_domain::training::accreditation::{CreditLearnerDraft, add_working_days};
use cairn_domain::training::{CourseDraft, RoleTrainingState, SessionDraft};
use cairn_testkit::both_engines;

const HOUR: i64 = 60 * 60 * 1000;
const DAY: i64 = 24 * HOUR;

fn draft(completion: &str, credits: &str) -> CourseDraft {
    CourseDraft {
        title_en: "Sitting on an interview panel".into(),
        title_cy: "Bod ar banel cyfweld".into(),
        summary_en: "How interviews work and what a panel member does".into(),
        summary_cy: "Sut mae cyfweliadau'n gweithio".into(),
        audience: vec!["service_user".into(), "carer".into()],
        level: "3".into(),
        practices: vec!["L3.01".into()],
        sessions: "2".into(),
        learning_hours: "20".into(),
        credits: credits.into(),
        cqfw_level: if credits.is_empty() {
            String::new()
        } else {
            "1".into()
        },
        agored_unit: "CU/1/PANEL".into(),
        completion: completion.into(),
        min_sessions: if completion == "sessions" {
            "2".into()
        } else {
            String::new()
        },
    }
}

async fn session(w: &World, course: i64, at: i64, trainers: &[(i64, &str)]) -> i64 {
    training::create_session(
        &w.app,
        &w.lead,
        course,
        &SessionDraft {
            starts_at: Some(at),
            ends_at: Some(at + 2 * HOUR),
            place: "Education centre".into(),
            capacity: "12".into(),
            trainers: trainers
                .iter()
                .map(|(p, k)| (p.to_string(), (*k).to_owned()))
                .collect(),
            ..Default::default()
        },
    )
    .await
    .expect("session")
    .session
    .id
}

async fn attend(w: &World, session: i64, people: &[i64]) {
    let lines: Vec<(i64, String)> = people.iter().map(|p| (*p, "attended".into())).collect();
    training::set_attendance(&w.app, &w.lead, session, &lines)
        .await
        .expect("register");
}

fn today() -> jiff::civil::Date {
    local_date(T0, &time_zone("Europe/London"))
}

#[tokio::test]
async fn an_assessed_course_is_completed_only_by_an_assessors_mark_which_is_a_level_two_step() {
    both_engines(|db| async move {
        // Arrange: Mo attends a session of an assessed course; Bea has not attended.
        let w = world(db).await;
        let assessed = training::create_course(&w.app, &w.lead, &draft("assessed", ""))
            .await
            .expect("course");
        let by_sessions = training::create_course(&w.app, &w.lead, &draft("sessions", ""))
            .await
            .expect("course");
        let s = session(&w, assessed, T0 - 3 * DAY, &[]).await;
        attend(&w, s, &[w.mo_id]).await;
        let bea = person(&w.app, &w.org, "Bea", "carer", &[w.alder]).await;
        let before = training::learning(&w.app, &w.lead, w.mo_id)
            .await
            .expect("learning");
        let step_before = roles_step(&w).await;

        // Exec
        let by_member = accreditation::assess(&w.app, &w.mo, assessed, w.mo_id).await;
        let not_attended = accreditation::assess(&w.app, &w.staff, assessed, bea).await;
        let wrong_rule = accreditation::assess(&w.app, &w.staff, by_sessions, w.mo_id).await;
        let first = accreditation::assess(&w.app, &w.staff, assessed, w.mo_id)
            .await
            .expect("assess");
        let again = accreditation::assess(&w.app, &w.staff, assessed, w.mo_id)
            .await
            .expect("assess again");

        // Check
        assert!(
            matches!(by_member, Err(AppError::Forbidden)),
            "{by_member:?}"
        );
        match not_attended {
            Err(AppError::Invalid(e)) => assert_eq!(
                e.for_field("person_id").map(|x| x.code),
                Some("assessment-error-not-attended")
            ),
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(
            wrong_rule,
            Err(AppError::Conflict("assessment-error-not-assessed"))
        ));
        assert!(first && !again);
        let course_before = before.courses.iter().find(|c| c.course_id == assessed);
        assert!(!course_before.expect("attended").completed);
        assert_eq!(step_before, None);
        let after = training::learning(&w.app, &w.lead, w.mo_id)
            .await
            .expect("learning");
        let done = after
            .courses
            .iter()
            .find(|c| c.course_id == assessed)
            .expect("course");
        assert!(done.completed);
        let completions: Vec<_> = after
            .certificates
            .iter()
            .filter(|c| c.course_id == assessed && c.kind == "completion")
            .collect();
        assert_eq!(
            completions.len(),
            1,
            "one certificate, however often marked"
        );
        assert_eq!(roles_step(&w).await, Some(today().to_string()));
    })
    .await;
}

/// The date of Mo's level-2 training step on the pathway, if done.
async fn roles_step(w: &World) -> Option<String> {
    cairn_app::people::pathway(&w.app, &w.lead, w.mo_id)
        .await
        .expect("pathway")
        .steps
        .iter()
        .find(|s| s.key == "training")
        .and_then(|s| s.done_on.clone())
}

fn learner(person: i64) -> CreditLearnerDraft {
    CreditLearnerDraft {
        person_id: person.to_string(),
        given_names: "Morgan".into(),
        family_name: "Pryce".into(),
        date_of_birth: DateParts {
            day: "2".into(),
            month: "7".into(),
            year: "1979".into(),
        },
        uln: "9876543210".into(),
    }
}

#[tokio::test]
async fn a_credit_learners_details_go_only_to_the_registration_file_their_export_and_are_erased_with_them()
 {
    both_engines(|db| async move {
        // Arrange: a course with credits, its sessions a week apart from tomorrow.
        let w = world(db).await;
        let c = training::create_course(&w.app, &w.lead, &draft("sessions", "2"))
            .await
            .expect("course");
        let none = training::create_course(&w.app, &w.lead, &draft("sessions", ""))
            .await
            .expect("course");
        let first = session(&w, c, T0 + DAY, &[]).await;
        session(&w, c, T0 + 8 * DAY, &[]).await;
        training::set_attendance(&w.app, &w.lead, first, &[(w.mo_id, "booked".into())])
            .await
            .expect("book");

        // Exec
        let by_staff =
            accreditation::add_credit_learner(&w.app, &w.staff, c, &learner(w.mo_id)).await;
        let no_credits =
            accreditation::add_credit_learner(&w.app, &w.lead, none, &learner(w.mo_id)).await;
        let bad = accreditation::add_credit_learner(
            &w.app,
            &w.lead,
            c,
            &CreditLearnerDraft {
                uln: "98765".into(),
                family_name: " ".into(),
                ..learner(w.mo_id)
            },
        )
        .await;
        accreditation::add_credit_learner(&w.app, &w.lead, c, &learner(w.mo_id))
            .await
            .expect("add");
        let file = accreditation::accreditation_file(&w.app, &w.lead, c)
            .await
            .expect("file");
        let detail = training::course(&w.app, &w.lead, c).await.expect("course");
        let learning = training::learning(&w.app, &w.lead, w.mo_id)
            .await
            .expect("learning");
        let export = cairn_app::people::export(&w.app, &w.org.admin, w.mo_id)
            .await
            .expect("export");
        people_erase(&w, w.mo_id).await;
        let after = accreditation::accreditation_file(&w.app, &w.lead, c)
            .await
            .expect("file");

        // Check
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        assert!(matches!(
            no_credits,
            Err(AppError::Conflict("credit-error-no-credits"))
        ));
        match bad {
            Err(AppError::Invalid(e)) => {
                assert_eq!(e.for_field("uln").map(|x| x.code), Some("credit-error-uln"));
                assert_eq!(
                    e.for_field("family_name").map(|x| x.code),
                    Some("credit-error-family-name")
                );
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert_eq!(file.learners.len(), 1);
        let l = &file.learners[0];
        assert_eq!(
            (
                l.family_name.as_str(),
                l.date_of_birth.as_str(),
                l.uln.as_deref()
            ),
            ("Pryce", "1979-07-02", Some("9876543210"))
        );
        let first_day = local_date(T0 + DAY, &time_zone("Europe/London"));
        assert_eq!(file.first_day, Some(first_day));
        let d = detail
            .deadlines
            .expect("deadlines for a course with credits");
        assert_eq!(d.deadlines.register_by, add_working_days(first_day, 25));
        assert!(!d.deadlines.long_course);
        // The learning record staff and the API read carries none of it.
        let json = serde_json::to_string(&learning).expect("json");
        assert!(
            !json.contains("9876543210") && !json.contains("1979-07-02"),
            "{json}"
        );
        assert!(!json.contains("Pryce"));
        assert_eq!(export.credit_learner.len(), 1);
        assert_eq!(export.credit_learner[0].uln.as_deref(), Some("9876543210"));
        assert!(after.learners.is_empty(), "erasure deletes the details");
    })
    .await;
}

#[tokio::test]
async fn training_a_role_needs_is_missing_until_completed_and_lapses_after_its_refresher_interval()
{
    both_engines(|db| async move {
        // Arrange: a panel role needing a course refreshed yearly; Mo appointed to it.
        let w = world(db).await;
        let c = training::create_course(&w.app, &w.lead, &draft("sessions", ""))
            .await
            .expect("course");
        let role = roles::create_role(
            &w.app,
            &w.lead,
            &RoleDraft {
                kind: "interview_panel".into(),
                title_en: "Interview panel member".into(),
                title_cy: "Aelod o banel cyfweld".into(),
                purpose_en: "Help choose staff".into(),
                purpose_cy: "Helpu i ddewis staff".into(),
                involves_en: "Interviews".into(),
                involves_cy: "Cyfweliadau".into(),
                time_en: "A day".into(),
                time_cy: "Diwrnod".into(),
                support_en: "Training first".into(),
                support_cy: "Hyfforddiant yn gyntaf".into(),
                level: "3".into(),
                payment: "fee".into(),
                leadership: false,
                checks: Vec::new(),
                published: true,
            },
        )
        .await
        .expect("role");
        let appointment = {
            let mut tx = w.app.db.begin().await.expect("tx");
            let id = cairn_db::roles::insert_appointment(
                &mut tx.conn(),
                w.org.id,
                &cairn_db::roles::NewAppointment {
                    person_id: w.mo_id,
                    role_id: role,
                    unit_id: Some(w.alder),
                    interest_id: None,
                    starts_on: "2026-03-01",
                    created_by_label: "lead@org-a.example",
                },
                T0,
            )
            .await
            .expect("appointment");
            tx.commit().await.expect("commit");
            id
        };
        let state = || async {
            roles::appointment(&w.app, &w.lead, appointment)
                .await
                .expect("appointment")
                .training
                .iter()
                .map(|x| x.state)
                .collect::<Vec<_>>()
        };

        // Exec
        let by_staff =
            accreditation::set_role_training(&w.app, &w.staff, role, &c.to_string(), "12").await;
        let bad = accreditation::set_role_training(&w.app, &w.lead, role, "0", "0").await;
        accreditation::set_role_training(&w.app, &w.lead, role, &c.to_string(), "12")
            .await
            .expect("set");
        let missing = state().await;
        // Trained 400 days ago: two sessions, so the course is complete.
        for days in [401, 400] {
            let s = session(&w, c, T0 - days * DAY, &[]).await;
            attend(&w, s, &[w.mo_id]).await;
        }
        let lapsed = state().await;
        // A refresher: another session of the same course, ten days ago.
        let refresher = session(&w, c, T0 - 10 * DAY, &[]).await;
        attend(&w, refresher, &[w.mo_id]).await;
        let current = state().await;
        let listed = accreditation::role_training(&w.app, &w.mo, role)
            .await
            .expect("members read what a role needs");

        // Check
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        match bad {
            Err(AppError::Invalid(e)) => {
                assert!(e.for_field("course_id").is_some());
                assert_eq!(
                    e.for_field("refresh_months").map(|x| x.code),
                    Some("role-training-error-months")
                );
            }
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert_eq!(missing, vec![RoleTrainingState::Missing]);
        let tz = time_zone("Europe/London");
        let last = local_date(T0 - 400 * DAY, &tz);
        assert_eq!(
            lapsed,
            vec![RoleTrainingState::Lapsed {
                due: last.saturating_add(jiff::Span::new().months(12))
            }]
        );
        let refreshed = local_date(T0 - 10 * DAY, &tz);
        assert_eq!(
            current,
            vec![RoleTrainingState::Current {
                due: Some(refreshed.saturating_add(jiff::Span::new().months(12)))
            }]
        );
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].refresh_months, Some(12));
    })
    .await;
}

#[tokio::test]
async fn the_training_report_adds_up_by_month_and_unit_and_unit_staff_see_only_their_units() {
    both_engines(|db| async move {
        // Arrange: this month, a co-delivered session that Mo (Alder, service user) and Pat
        // (Birch, carer) attend, then one led by a professional alone that Mo attends; Mo
        // completes the two-session course (2 credits).
        let w = world(db).await;
        let c = training::create_course(&w.app, &w.lead, &draft("sessions", "2"))
            .await
            .expect("course");
        let peer = person(&w.app, &w.org, "Nia", "service_user", &[w.alder]).await;
        let nurse = person(&w.app, &w.org, "Owain", "staff", &[w.alder]).await;
        let pat = person(&w.app, &w.org, "Pat", "carer", &[w.birch]).await;
        let s1 = session(
            &w,
            c,
            T0 - 2 * DAY,
            &[(peer, "peer_trainer"), (nurse, "professional_trainer")],
        )
        .await;
        let s2 = session(&w, c, T0 - DAY, &[(nurse, "professional_trainer")]).await;
        attend(&w, s1, &[w.mo_id, pat]).await;
        attend(&w, s2, &[w.mo_id]).await;

        // Exec
        let whole = report::report(&w.app, &w.lead, 3).await.expect("report");
        let alder_only = report::report(&w.app, &w.staff, 3).await.expect("report");
        let member = report::report(&w.app, &w.mo, 3).await;

        // Check
        assert_eq!(whole.by_month.len(), 3);
        let march = whole.by_month.last().expect("this month");
        assert_eq!(march.key, "2026-03");
        assert_eq!((march.sessions, march.co_delivered, march.joint), (2, 1, 1));
        assert_eq!(march.attended.get("service_user"), Some(&2));
        assert_eq!(march.attended.get("carer"), Some(&1));
        assert_eq!(
            (march.learners, march.completions, march.credits),
            (2, 1, 2)
        );
        assert_eq!(whole.total, {
            let mut t = march.clone();
            t.key = String::new();
            t
        });
        let alder = whole
            .by_unit
            .iter()
            .find(|l| l.key == w.alder.to_string())
            .expect("Alder");
        let birch = whole
            .by_unit
            .iter()
            .find(|l| l.key == w.birch.to_string())
            .expect("Birch");
        assert_eq!(
            (alder.sessions, alder.attendances(), alder.credits),
            (2, 2, 2)
        );
        assert_eq!(
            (birch.sessions, birch.attendances(), birch.credits),
            (1, 1, 0)
        );
        assert_eq!(alder_only.total.attendances(), 2, "Pat is not theirs");
        assert_eq!(alder_only.by_unit.len(), 1);
        assert!(matches!(member, Err(AppError::Forbidden)));
    })
    .await;
}

#[tokio::test]
async fn next_steps_suggest_courses_at_the_persons_level_then_the_next_not_yet_started_or_asked_for()
 {
    both_engines(|db| async move {
        // Arrange: Mo is at level 1; one course at each level.
        let w = world(db).await;
        let at = |level: &str| CourseDraft {
            level: level.into(),
            practices: vec![format!("L{level}.01")],
            ..draft("sessions", "")
        };
        let one = training::create_course(&w.app, &w.lead, &at("1"))
            .await
            .expect("course");
        let two = training::create_course(&w.app, &w.lead, &at("2"))
            .await
            .expect("course");
        training::create_course(&w.app, &w.lead, &at("3"))
            .await
            .expect("course");

        // Exec
        let before = training::learning(&w.app, &w.mo, w.mo_id)
            .await
            .expect("learning");
        training::request(&w.app, &w.mo, one, None)
            .await
            .expect("ask");
        let after = training::learning(&w.app, &w.mo, w.mo_id)
            .await
            .expect("learning");

        // Check
        assert_eq!(before.next_steps, vec![one, two]);
        assert_eq!(after.next_steps, vec![two], "asked for already");
    })
    .await;
}
