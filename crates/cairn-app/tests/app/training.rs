//! Use-case tests for training: the prospectus and its checks against the model, sessions
//! co-delivered and joint, places and the waiting list, asking to join (for oneself, or by
//! staff on someone's behalf), registers read by staff and the session's own trainers, and each
//! person's learning with completion and credits. Every body runs on SQLite and PostgreSQL.

use crate::common::*;
use crate::payments::{World, member, person, world};
use cairn_app::{AppError, training};
use cairn_domain::training::{Attendance, CourseDraft, SessionDraft};
use cairn_testkit::both_engines;

const HOUR: i64 = 60 * 60 * 1000;

fn course_draft(practice: &str, min_sessions: &str) -> CourseDraft {
    CourseDraft {
        title_en: "Understanding the levels".into(),
        title_cy: "Deall y lefelau".into(),
        summary_en: "What the three levels of co-production mean for you".into(),
        summary_cy: "Beth mae tair lefel cydgynhyrchu yn ei olygu i chi".into(),
        audience: vec!["service_user".into(), "carer".into(), "staff".into()],
        level: "1".into(),
        practices: vec![practice.into()],
        sessions: "3".into(),
        learning_hours: "20".into(),
        credits: "2".into(),
        cqfw_level: "entry_3".into(),
        agored_unit: String::new(),
        completion: "sessions".into(),
        min_sessions: min_sessions.into(),
    }
}

fn session_draft(at: i64, capacity: &str, trainers: &[(i64, &str)]) -> SessionDraft {
    SessionDraft {
        starts_at: Some(at),
        ends_at: Some(at + 2 * HOUR),
        place: "Education centre, room 2".into(),
        online_url: String::new(),
        capacity: capacity.into(),
        trainers: trainers
            .iter()
            .map(|(p, k)| (p.to_string(), (*k).to_owned()))
            .collect(),
    }
}

async fn course(w: &World) -> i64 {
    training::create_course(&w.app, &w.lead, &course_draft("L1.13", "2"))
        .await
        .expect("course")
}

#[tokio::test]
async fn a_course_must_evidence_practices_of_the_model_and_only_leads_keep_the_prospectus() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;

        // Exec
        let id = course(&w).await;
        let unknown = training::create_course(&w.app, &w.lead, &course_draft("L3.99", "2")).await;
        let by_staff = training::create_course(&w.app, &w.staff, &course_draft("L1.13", "2")).await;
        let by_member = training::create_course(&w.app, &w.mo, &course_draft("L1.13", "2")).await;
        let seen_by_member = training::courses(&w.app, &w.mo).await.expect("prospectus");

        // Check
        match unknown {
            Err(AppError::Invalid(e)) => assert_eq!(
                e.for_field("practices").map(|x| x.code),
                Some("course-error-practice")
            ),
            other => panic!("expected Invalid, got {other:?}"),
        }
        assert!(matches!(by_staff, Err(AppError::Forbidden)));
        assert!(matches!(by_member, Err(AppError::Forbidden)));
        assert_eq!(seen_by_member.len(), 1);
        assert_eq!(seen_by_member[0].id, id);
        assert_eq!(seen_by_member[0].practices, "L1.13");
        assert_eq!(seen_by_member[0].audience, "service_user,carer,staff");
    })
    .await;
}

#[tokio::test]
async fn a_session_is_co_delivered_with_a_peer_and_a_professional_and_joint_once_two_constituencies_attend()
 {
    both_engines(|db| async move {
        // Arrange: a peer trainer (a service user) and a professional trainer (staff).
        let w = world(db).await;
        let c = course(&w).await;
        let peer = person(&w.app, &w.org, "Nia", "service_user", &[w.alder]).await;
        let nurse = person(&w.app, &w.org, "Owain", "staff", &[w.alder]).await;
        let carer = person(&w.app, &w.org, "Pat", "carer", &[w.alder]).await;

        // Exec
        let peer_only = training::create_session(
            &w.app,
            &w.lead,
            c,
            &session_draft(T0 + 24 * HOUR, "10", &[(peer, "peer_trainer")]),
        )
        .await
        .expect("session");
        let both = training::create_session(
            &w.app,
            &w.lead,
            c,
            &session_draft(
                T0 + 48 * HOUR,
                "10",
                &[(peer, "peer_trainer"), (nurse, "professional_trainer")],
            ),
        )
        .await
        .expect("session");
        let service_users_only = training::set_attendance(
            &w.app,
            &w.staff,
            both.session.id,
            &[(w.mo_id, "attended".into())],
        )
        .await
        .expect("register");
        let with_a_carer = training::set_attendance(
            &w.app,
            &w.staff,
            both.session.id,
            &[(carer, "attended".into())],
        )
        .await
        .expect("register");

        // Check
        assert!(!peer_only.co_delivered);
        assert!(both.co_delivered);
        assert!(!service_users_only.joint);
        assert!(with_a_carer.joint);
        let register = training::register(&w.app, &w.staff, both.session.id)
            .await
            .expect("register");
        let line = register
            .lines
            .iter()
            .find(|l| l.person_id == carer)
            .expect("the carer's line");
        assert_eq!(
            (line.status, line.on_behalf, line.entered_by_label.as_str()),
            (Attendance::Attended, true, "staff@org-a.example")
        );
    })
    .await;
}

#[tokio::test]
async fn a_booking_past_the_sessions_capacity_goes_on_the_waiting_list() {
    both_engines(|db| async move {
        // Arrange: two places.
        let w = world(db).await;
        let c = course(&w).await;
        let s = training::create_session(&w.app, &w.lead, c, &session_draft(T0 + HOUR, "2", &[]))
            .await
            .expect("session");
        let a = person(&w.app, &w.org, "Ann", "carer", &[w.alder]).await;
        let b = person(&w.app, &w.org, "Ben", "carer", &[w.alder]).await;

        // Exec
        let after = training::set_attendance(
            &w.app,
            &w.lead,
            s.session.id,
            &[
                (w.mo_id, "booked".into()),
                (a, "booked".into()),
                (b, "booked".into()),
            ],
        )
        .await
        .expect("book");

        // Check
        assert_eq!((after.session.taken, after.session.waiting), (2, 1));
        let r = training::register(&w.app, &w.lead, s.session.id)
            .await
            .expect("register");
        let ben = r.lines.iter().find(|l| l.person_id == b).expect("Ben");
        assert_eq!(ben.status, Attendance::Waiting);
    })
    .await;
}

#[tokio::test]
async fn a_member_asks_to_join_for_themselves_and_staff_only_for_people_in_their_units() {
    both_engines(|db| async move {
        // Arrange: Mo is a member on Alder; Bea is on Birch, outside the staff's unit.
        let w = world(db).await;
        let c = course(&w).await;
        let bea = person(&w.app, &w.org, "Bea", "carer", &[w.birch]).await;
        let ali = person(&w.app, &w.org, "Ali", "carer", &[w.alder]).await;

        // Exec
        let own = training::request(&w.app, &w.mo, c, None)
            .await
            .expect("ask");
        let again = training::request(&w.app, &w.mo, c, None)
            .await
            .expect("ask");
        let for_other = training::request(&w.app, &w.mo, c, Some(ali)).await;
        let by_staff = training::request(&w.app, &w.staff, c, Some(ali))
            .await
            .expect("staff ask");
        let outside = training::request(&w.app, &w.staff, c, Some(bea)).await;

        // Check
        assert!(own && !again && by_staff);
        assert!(matches!(for_other, Err(AppError::Invalid(_))));
        assert!(matches!(outside, Err(AppError::Invalid(_))));
        let d = training::course(&w.app, &w.lead, c).await.expect("course");
        let asked: Vec<(i64, bool)> = d
            .requests
            .iter()
            .map(|r| (r.person_id, r.on_behalf))
            .collect();
        assert_eq!(asked, vec![(w.mo_id, false), (ali, true)]);
        let member_view = training::course(&w.app, &w.mo, c).await.expect("course");
        assert!(member_view.asked);
        assert!(member_view.requests.is_empty(), "members see no one else");
    })
    .await;
}

#[tokio::test]
async fn learning_counts_completion_by_the_rule_and_credits_by_level_for_the_person_and_staff_in_reach()
 {
    both_engines(|db| async move {
        // Arrange: a course of 3 sessions completed by attending 2, worth 2 credits at Entry 3.
        let w = world(db).await;
        let c = course(&w).await;
        let (gwen, gwen_id) = member(&w, "Gwen", "service_user", &[w.alder]).await;
        let (_, hywel_id) = member(&w, "Hywel", "carer", &[w.alder]).await;
        let mut sessions = Vec::new();
        for day in 1..=3 {
            let s = training::create_session(
                &w.app,
                &w.lead,
                c,
                &session_draft(T0 + day * 24 * HOUR, "12", &[]),
            )
            .await
            .expect("session");
            sessions.push(s.session.id);
        }
        for (i, s) in sessions.iter().enumerate() {
            let gwen_status = if i < 2 { "attended" } else { "apologies" };
            let hywel_status = if i == 0 { "attended" } else { "absent" };
            training::set_attendance(
                &w.app,
                &w.staff,
                *s,
                &[
                    (gwen_id, gwen_status.into()),
                    (hywel_id, hywel_status.into()),
                ],
            )
            .await
            .expect("register");
        }

        // Exec
        let own = training::learning(&w.app, &gwen, gwen_id)
            .await
            .expect("own");
        let by_staff = training::learning(&w.app, &w.staff, hywel_id)
            .await
            .expect("staff");
        let other_member = training::learning(&w.app, &gwen, hywel_id).await;

        // Check
        assert_eq!(own.courses.len(), 1);
        assert_eq!(
            (own.courses[0].attended, own.courses[0].completed),
            (2, true)
        );
        assert_eq!(own.credits_by_level.get("entry_3"), Some(&2));
        assert_eq!(own.sessions.len(), 3);
        assert_eq!(
            (by_staff.courses[0].attended, by_staff.courses[0].completed),
            (1, false)
        );
        assert!(by_staff.credits_by_level.is_empty());
        assert!(matches!(other_member, Err(AppError::NotFound)));
        let reads = crate::payments::count(
            &w.app,
            &format!(
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'training' AND action = 'view' \
                 AND on_behalf_of_person_id = {hywel_id}"
            ),
        )
        .await;
        assert_eq!(reads, 1, "staff reading Hywel's learning is audited");
    })
    .await;
}

#[tokio::test]
async fn a_trainer_reads_the_whole_register_unit_staff_only_their_units_and_other_members_nothing()
{
    both_engines(|db| async move {
        // Arrange: Iolo, a member, is the peer trainer.
        let w = world(db).await;
        let c = course(&w).await;
        let (iolo, iolo_id) = member(&w, "Iolo", "service_user", &[w.alder]).await;
        let s = training::create_session(
            &w.app,
            &w.lead,
            c,
            &session_draft(T0 + HOUR, "12", &[(iolo_id, "peer_trainer")]),
        )
        .await
        .expect("session");
        training::set_attendance(
            &w.app,
            &w.staff,
            s.session.id,
            &[(w.mo_id, "booked".into())],
        )
        .await
        .expect("book");
        // Bea, on Birch, is booked by the lead: the staff on Alder do not see her.
        let bea = person(&w.app, &w.org, "Bea", "carer", &[w.birch]).await;
        training::set_attendance(&w.app, &w.lead, s.session.id, &[(bea, "booked".into())])
            .await
            .expect("book");

        // Exec
        let trainer = training::register(&w.app, &iolo, s.session.id).await;
        let learner = training::register(&w.app, &w.mo, s.session.id).await;
        let marking =
            training::set_attendance(&w.app, &iolo, s.session.id, &[(w.mo_id, "attended".into())])
                .await;

        let by_staff = training::register(&w.app, &w.staff, s.session.id)
            .await
            .expect("staff");

        // Check
        let r = trainer.expect("the trainer reads the register");
        assert_eq!(r.lines.len(), 2, "the trainer sees everyone coming");
        let seen: Vec<i64> = by_staff.lines.iter().map(|l| l.person_id).collect();
        assert_eq!(seen, vec![w.mo_id]);
        assert!(matches!(learner, Err(AppError::NotFound)));
        assert!(matches!(marking, Err(AppError::Forbidden)));
    })
    .await;
}

#[tokio::test]
async fn the_demo_prospectus_has_twelve_bilingual_courses_and_two_years_of_sessions_some_co_delivered()
 {
    both_engines(|db| async move {
        // Arrange
        let app = app(db);

        // Exec
        let org = cairn_app::demo::build(&app, "pw-long-enough-123", cairn_app::demo::Scale::Demo)
            .await
            .expect("demo");
        let lead = signed_in(&app, "lead@demo.cairn.test").await;
        let courses = training::courses(&app, &lead).await.expect("prospectus");

        // Check
        assert_eq!(courses.len(), 12);
        assert!(
            courses
                .iter()
                .all(|c| c.title_en.is_some() && c.title_cy.is_some())
        );
        assert!((1..=3).all(|l| courses.iter().any(|c| c.level == l)));
        let (mut co, mut not_co, mut joint, mut past) = (0, 0, 0, 0);
        let mut earliest = i64::MAX;
        for c in &courses {
            let d = training::course(&app, &lead, c.id).await.expect("course");
            for s in d.sessions {
                if s.co_delivered {
                    co += 1;
                } else {
                    not_co += 1;
                }
                if s.joint {
                    joint += 1;
                }
                if s.session.starts_at < app.now() {
                    past += 1;
                }
                earliest = earliest.min(s.session.starts_at);
            }
        }
        assert!(co > not_co && not_co > 0, "co-delivered {co}, not {not_co}");
        assert!(joint > 0 && past > 0);
        assert!(
            app.now() - earliest > 600 * 24 * 60 * 60 * 1000,
            "about two years of sessions"
        );
        let completions = {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::fetch_scalar!(
                &mut h.conn(),
                i64,
                "SELECT COUNT(*) FROM session_attendance a JOIN training_sessions s ON s.id = a.session_id \
                 WHERE s.organisation_id = $1 AND a.status = 'attended'",
                org
            )
            .expect("count")
        };
        assert!(completions > 100, "attendance recorded ({completions})");
        // The demo member has learned something, with credits and certificates to show.
        let alex = signed_in(&app, "member@demo.cairn.test").await;
        let own = training::learning(&app, &alex, alex.person_id.expect("person"))
            .await
            .expect("own learning");
        assert!(own.courses.iter().any(|c| c.completed));
        assert!(!own.credits_by_level.is_empty());
        assert!(own.certificates.iter().any(|c| c.kind == "completion"));
        // Interview-panel roles need the panel course, refreshed every two years.
        let panel = {
            let mut h = app.db.acquire().await.expect("acquire");
            cairn_db::roles::role_ids_of_kind(&mut h.conn(), org, "interview_panel")
                .await
                .expect("roles")
        };
        assert!(!panel.is_empty());
        let needs = training::accreditation::role_training(&app, &lead, panel[0])
            .await
            .expect("role training");
        assert_eq!(needs.len(), 1);
        assert_eq!(needs[0].title_en.as_deref(), Some("Sitting on an interview panel"));
        assert_eq!(needs[0].refresh_months, Some(24));
    })
    .await;
}

/// A practice's live measure on a unit: (message, count, disagrees with the status).
fn measure(a: &cairn_app::model::UnitAssessment, code: &str) -> (&'static str, i64, bool) {
    let m = a
        .items
        .iter()
        .find(|i| i.practice.code == code)
        .and_then(|i| i.measure.as_ref())
        .unwrap_or_else(|| panic!("{code} has a live measure"));
    (m.message_id, m.count, m.disagrees)
}

#[tokio::test]
async fn the_model_counts_people_trained_and_the_quarters_joint_and_co_delivered_sessions_per_unit()
{
    both_engines(|db| async move {
        // Arrange: on Alder, a co-delivered levels-awareness session that Mo (a service user)
        // and Pat (a carer) attended; the unit says speaking-out training is in place.
        let w = world(db).await;
        let c = course(&w).await;
        let peer = person(&w.app, &w.org, "Nia", "service_user", &[w.birch]).await;
        let nurse = person(&w.app, &w.org, "Owain", "staff", &[w.birch]).await;
        let pat = person(&w.app, &w.org, "Pat", "carer", &[w.alder]).await;
        let s = training::create_session(
            &w.app,
            &w.lead,
            c,
            &session_draft(
                T0 - 10 * 24 * HOUR,
                "10",
                &[(peer, "peer_trainer"), (nurse, "professional_trainer")],
            ),
        )
        .await
        .expect("session");
        training::set_attendance(
            &w.app,
            &w.lead,
            s.session.id,
            &[(w.mo_id, "attended".into()), (pat, "attended".into())],
        )
        .await
        .expect("register");
        cairn_app::model::set_status(
            &w.app,
            &w.org.admin,
            w.alder,
            "L2.02",
            &cairn_domain::model::AssessmentDraft {
                status: "in_place".into(),
                evidence: Some("We run it".into()),
                ..Default::default()
            },
        )
        .await
        .expect("status");

        // Exec
        let alder = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.alder)
            .await
            .expect("alder");
        let birch = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.birch)
            .await
            .expect("birch");
        w.app.clock.set(T0 + 100 * 24 * HOUR);
        let next_quarter = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.alder)
            .await
            .expect("later");

        // Check
        assert_eq!(measure(&alder, "L1.13").1, 2);
        assert_eq!(measure(&alder, "L2.04").1, 1);
        assert_eq!(measure(&alder, "L3.09").1, 1);
        assert_eq!(
            measure(&alder, "L2.02"),
            ("model-measure-assertiveness-trained", 0, true),
            "in place, yet no one has been: check this"
        );
        assert_eq!(
            measure(&birch, "L1.13").1,
            0,
            "the trainers are not learners"
        );
        assert_eq!(measure(&next_quarter, "L2.04").1, 0);
        assert_eq!(
            measure(&next_quarter, "L1.13").1,
            2,
            "trained stays trained"
        );
    })
    .await;
}

#[tokio::test]
async fn a_peer_trainers_delivery_becomes_one_claim_for_the_session_prep_and_debrief() {
    both_engines(|db| async move {
        // Arrange: Iolo (a member) is peer trainer and Owain professional trainer of a two-hour
        // session; the rate card has a training-delivery rate.
        let w = world(db).await;
        let c = course(&w).await;
        let (iolo, iolo_id) = member(&w, "Iolo", "service_user", &[w.alder]).await;
        let (_, cai_id) = member(&w, "Cai", "carer", &[w.alder]).await;
        let owain = person(&w.app, &w.org, "Owain", "staff", &[w.alder]).await;
        let at = crate::common::utc(2026, 3, 20, 9, 0);
        let s = training::create_session(
            &w.app,
            &w.lead,
            c,
            &session_draft(
                at,
                "12",
                &[
                    (iolo_id, "peer_trainer"),
                    (owain, "professional_trainer"),
                    (cai_id, "co_facilitator"),
                ],
            ),
        )
        .await
        .expect("session")
        .session
        .id;

        // Exec
        let own = training::claim_delivery(&w.app, &iolo, s, iolo_id, "30", "15")
            .await
            .expect("Iolo's claim");
        let again = training::claim_delivery(&w.app, &iolo, s, iolo_id, "0", "0").await;
        let by_staff = training::claim_delivery(&w.app, &w.staff, s, cai_id, "", "")
            .await
            .expect("Cai's claim, made with staff");
        let professional = training::claim_delivery(&w.app, &w.lead, s, owain, "0", "0").await;
        let too_long = training::claim_delivery(&w.app, &w.lead, s, cai_id, "600", "0").await;

        // Check: the session's 120 minutes plus 45; the day of the session; training delivery.
        let claim = crate::payments::stored(&w.app, w.org.id, own).await;
        assert_eq!(
            (
                claim.minutes,
                claim.activity_on.as_str(),
                claim.activity_type.key()
            ),
            (165, "2026-03-20", "training_delivery")
        );
        assert!(claim.fee_pence > 0, "paid from the rate card");
        assert_eq!(claim.status.key(), "draft");
        let cai = crate::payments::stored(&w.app, w.org.id, by_staff).await;
        assert_eq!(cai.minutes, 120);
        assert_eq!(cai.created_by_label, "staff@org-a.example");
        crate::payments::assert_conflict(again, "training-error-claimed");
        assert!(matches!(professional, Err(AppError::Invalid(_))));
        assert!(matches!(too_long, Err(AppError::Invalid(_))));
        let claims = training::delivery_claims(&w.app, &w.lead, s)
            .await
            .expect("claims");
        assert_eq!(claims, vec![(own, iolo_id), (by_staff, cai_id)]);
        // From here it is a claim like any other: Iolo sends it.
        crate::payments::submitted(&w.app, &iolo, own).await;
    })
    .await;
}

#[tokio::test]
async fn certificates_are_issued_once_when_earned_checked_by_reference_and_corrected_only_within_30_days()
 {
    both_engines(|db| async move {
        // Arrange: a course completed by attending 2 of 3 sessions; Iolo is its peer trainer.
        let w = world(db).await;
        let c = course(&w).await;
        let (gwen, gwen_id) = member(&w, "Gwen", "service_user", &[w.alder]).await;
        let (_, iolo_id) = member(&w, "Iolo", "service_user", &[w.alder]).await;
        let mut sessions = Vec::new();
        for day in 1..=3 {
            let s = training::create_session(
                &w.app,
                &w.lead,
                c,
                &session_draft(T0 - day * 24 * HOUR, "12", &[(iolo_id, "peer_trainer")]),
            )
            .await
            .expect("session");
            sessions.push(s.session.id);
        }
        let attend = |s: i64| {
            let app = &w.app;
            let staff = &w.staff;
            async move {
                training::set_attendance(app, staff, s, &[(gwen_id, "attended".into())])
                    .await
                    .expect("register")
            }
        };

        // Exec: one session attended, then a second, then the third (already complete).
        attend(sessions[0]).await;
        let after_one = training::learning(&w.app, &gwen, gwen_id).await.expect("l");
        attend(sessions[1]).await;
        attend(sessions[2]).await;
        let after_all = training::learning(&w.app, &gwen, gwen_id).await.expect("l");
        let iolo = training::learning(&w.app, &w.lead, iolo_id)
            .await
            .expect("l");

        // Check: no completion after one; exactly one after three; a delivery certificate for
        // each session Iolo delivered.
        let completions = |l: &training::Learning| {
            l.certificates
                .iter()
                .filter(|c| c.kind == "completion")
                .count()
        };
        assert_eq!(completions(&after_one), 0);
        assert_eq!(completions(&after_all), 1);
        assert_eq!(
            iolo.certificates
                .iter()
                .filter(|c| c.kind == "delivery")
                .count(),
            3
        );
        let cert = after_all
            .certificates
            .iter()
            .find(|c| c.kind == "completion")
            .expect("completion")
            .clone();

        // Checked by reference, typed in lower case; unknown references find nothing.
        let found = training::verify(&w.app, &w.staff, &cert.reference.to_lowercase())
            .await
            .expect("verify")
            .expect("found");
        assert_eq!(found.person_name, "Gwen");
        assert!(
            training::verify(&w.app, &w.staff, "CRN-AAAAA-AAAAA")
                .await
                .expect("verify")
                .is_none()
        );
        assert!(matches!(
            training::verify(&w.app, &gwen, &cert.reference).await,
            Err(AppError::Forbidden)
        ));
        // Gwen reads her own; another member does not.
        training::certificate(&w.app, &gwen, cert.id)
            .await
            .expect("her own");
        assert!(matches!(
            training::certificate(&w.app, &w.mo, cert.id).await,
            Err(AppError::NotFound)
        ));

        // Corrected within 30 days: a new one replaces it; the old cannot be corrected again.
        let new = training::reissue(&w.app, &w.staff, cert.id)
            .await
            .expect("reissue");
        let old = training::certificate(&w.app, &w.lead, cert.id)
            .await
            .expect("old");
        assert_eq!(old.certificate.replaced_by_id, Some(new));
        crate::payments::assert_conflict(
            training::reissue(&w.app, &w.staff, cert.id).await,
            "certificate-error-replaced",
        );
        w.app.clock.set(T0 + 31 * 24 * HOUR);
        crate::payments::assert_conflict(
            training::reissue(&w.app, &w.staff, new).await,
            "certificate-error-too-late",
        );
    })
    .await;
}

#[tokio::test]
async fn anyone_suggests_a_topic_the_lead_sees_it_by_constituency_and_the_model_counts_the_units() {
    both_engines(|db| async move {
        // Arrange
        let w = world(db).await;

        // Exec: Mo (a service user on Alder), the lead (no person record), an empty idea.
        let from_mo = training::suggest_topic(&w.app, &w.mo, "  Managing money on benefits ")
            .await
            .expect("Mo's idea");
        training::suggest_topic(&w.app, &w.lead, "Trauma-informed care")
            .await
            .expect("the lead's idea");
        let empty = training::suggest_topic(&w.app, &w.mo, "   ").await;
        let listed = training::topics(&w.app, &w.lead).await.expect("topics");
        let by_member = training::topics(&w.app, &w.mo).await;
        let alder = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.alder)
            .await
            .expect("alder");
        let birch = cairn_app::model::unit_assessment(&w.app, &w.org.admin, w.birch)
            .await
            .expect("birch");
        let c = course(&w).await;
        training::link_topic(&w.app, &w.lead, from_mo, c)
            .await
            .expect("link");

        // Check
        assert!(matches!(empty, Err(AppError::Invalid(_))));
        let seen: Vec<(&str, &str)> = listed
            .iter()
            .map(|x| (x.text.as_str(), x.constituency.as_str()))
            .collect();
        assert_eq!(
            seen,
            vec![
                ("Trauma-informed care", "staff"),
                ("Managing money on benefits", "service_user")
            ]
        );
        assert!(matches!(by_member, Err(AppError::Forbidden)));
        assert_eq!(measure(&alder, "L2.03").1, 1);
        assert_eq!(measure(&birch, "L2.03").1, 0);
        let after = training::topics(&w.app, &w.lead).await.expect("topics");
        assert_eq!(
            after
                .iter()
                .find(|x| x.id == from_mo)
                .and_then(|x| x.course_id),
            Some(c)
        );
        // Mo's own learning record lists the idea; once Mo is erased it stays, not his.
        let own = training::learning(&w.app, &w.mo, w.mo_id)
            .await
            .expect("own");
        assert_eq!(own.topics.len(), 1);
        people_erase(&w, w.mo_id).await;
        let kept = training::topics(&w.app, &w.lead).await.expect("topics");
        assert_eq!(kept.len(), 2);
        let mine = {
            let mut h = w.app.db.acquire().await.expect("acquire");
            cairn_db::training::topics_of(&mut h.conn(), w.mo_id)
                .await
                .expect("topics")
        };
        assert!(mine.is_empty());
    })
    .await;
}

pub(crate) async fn people_erase(w: &World, person: i64) {
    cairn_app::people::erasure::erase(&w.app, &w.org.admin, person, "They asked us to")
        .await
        .expect("erase");
}
