//! Demo and board-scale training: a prospectus of twelve courses in English and Welsh across
//! the three levels, two years of runs (each course twice a year, one session a week), most
//! co-delivered by a peer trainer with a professional and some by staff alone, registers with
//! people from every constituency (attended, apologies, absent), and the next runs booked.
//! Written through `cairn-db` in the caller's transaction.

use crate::AppResult;
use cairn_db::Conn;
use cairn_db::training::{NewCourse, NewSession};
use cairn_domain::people::{Constituency, PersonStatus};
use cairn_domain::training::{Attendance, TrainerPart};
use rand::Rng;
use rand::rngs::StdRng;

const BY: &str = "demo";
const DAY: i64 = 24 * 60 * 60 * 1000;
const HOUR: i64 = 60 * 60 * 1000;

/// One course of the demo prospectus.
struct Demo {
    en: &'static str,
    cy: &'static str,
    summary_en: &'static str,
    summary_cy: &'static str,
    audience: &'static str,
    level: i64,
    practices: &'static str,
    sessions: i64,
    hours: i64,
    credits: Option<(i64, &'static str)>,
    /// Sessions to attend to complete; `None` when assessed.
    min: Option<i64>,
}

const COURSES: [Demo; 12] = [
    Demo {
        en: "Understanding the three levels",
        cy: "Deall y tair lefel",
        summary_en: "What laying the foundation, building skills and working in partnership look like on a ward.",
        summary_cy: "Sut olwg sydd ar osod y sylfaen, meithrin sgiliau a gweithio mewn partneriaeth ar ward.",
        audience: "service_user,carer,staff",
        level: 1,
        practices: "L1.13",
        sessions: 3,
        hours: 6,
        credits: None,
        min: Some(2),
    },
    Demo {
        en: "Welcome to co-production",
        cy: "Croeso i gydgynhyrchu",
        summary_en: "A first look at working together: who is who, and how to have your say.",
        summary_cy: "Golwg gyntaf ar weithio gyda'n gilydd: pwy yw pwy, a sut i ddweud eich dweud.",
        audience: "service_user,carer,staff",
        level: 1,
        practices: "L1.13",
        sessions: 2,
        hours: 4,
        credits: None,
        min: Some(2),
    },
    Demo {
        en: "Being a buddy",
        cy: "Bod yn gyfaill",
        summary_en: "Welcoming someone new: listening, sharing what helped you, and knowing where to turn.",
        summary_cy: "Croesawu rhywun newydd: gwrando, rhannu beth a'ch helpodd chi, a gwybod ble i droi.",
        audience: "service_user,carer",
        level: 1,
        practices: "L1.08",
        sessions: 2,
        hours: 5,
        credits: None,
        min: Some(2),
    },
    Demo {
        en: "Speaking up, speaking out",
        cy: "Codi llais, siarad allan",
        summary_en: "Finding your voice in meetings and reviews, and saying what matters to you.",
        summary_cy: "Dod o hyd i'ch llais mewn cyfarfodydd ac adolygiadau, a dweud beth sy'n bwysig i chi.",
        audience: "service_user,carer",
        level: 2,
        practices: "L2.02",
        sessions: 6,
        hours: 30,
        credits: Some((3, "entry_3")),
        min: Some(4),
    },
    Demo {
        en: "Recovery and wellbeing",
        cy: "Adferiad a llesiant",
        summary_en: "Ideas and tools for your own recovery, learned side by side with staff.",
        summary_cy: "Syniadau ac offer ar gyfer eich adferiad eich hun, wedi'u dysgu ochr yn ochr â staff.",
        audience: "service_user,carer,staff",
        level: 2,
        practices: "L2.04",
        sessions: 6,
        hours: 20,
        credits: Some((2, "entry_3")),
        min: Some(4),
    },
    Demo {
        en: "Chairing a meeting",
        cy: "Cadeirio cyfarfod",
        summary_en: "Agendas, keeping time, and making sure everyone is heard.",
        summary_cy: "Agendâu, cadw amser, a gwneud yn siŵr bod pawb yn cael eu clywed.",
        audience: "service_user,carer",
        level: 2,
        practices: "L2.08",
        sessions: 4,
        hours: 20,
        credits: Some((2, "1")),
        min: Some(3),
    },
    Demo {
        en: "Telling your story safely",
        cy: "Adrodd eich stori yn ddiogel",
        summary_en: "Deciding what to share, with whom, and looking after yourself while you do.",
        summary_cy: "Penderfynu beth i'w rannu, gyda phwy, a gofalu amdanoch chi'ch hun wrth wneud hynny.",
        audience: "service_user,carer",
        level: 2,
        practices: "L2.02",
        sessions: 3,
        hours: 9,
        credits: None,
        min: Some(2),
    },
    Demo {
        en: "Carers in partnership",
        cy: "Gofalwyr mewn partneriaeth",
        summary_en: "Your rights as a carer, care plans, and working with the team.",
        summary_cy: "Eich hawliau fel gofalwr, cynlluniau gofal, a gweithio gyda'r tîm.",
        audience: "carer,staff",
        level: 2,
        practices: "L2.04",
        sessions: 4,
        hours: 12,
        credits: None,
        min: Some(3),
    },
    Demo {
        en: PANEL_COURSE,
        cy: "Eistedd ar banel cyfweld",
        summary_en: "Fair questions, scoring and keeping things confidential, before you join a staff recruitment panel.",
        summary_cy: "Cwestiynau teg, sgorio a chadw pethau'n gyfrinachol, cyn i chi ymuno â phanel recriwtio staff.",
        audience: "service_user,carer",
        level: 3,
        practices: "L3.04",
        sessions: 2,
        hours: 10,
        credits: Some((1, "1")),
        min: None,
    },
    Demo {
        en: "Training the trainers",
        cy: "Hyfforddi'r hyfforddwyr",
        summary_en: "Designing and delivering a session together with a professional trainer.",
        summary_cy: "Llunio a chyflwyno sesiwn ynghyd â hyfforddwr proffesiynol.",
        audience: "service_user,carer,staff",
        level: 3,
        practices: "L3.09",
        sessions: 6,
        hours: 40,
        credits: Some((4, "2")),
        min: Some(5),
    },
    Demo {
        en: "Leading change together",
        cy: "Arwain newid gyda'n gilydd",
        summary_en: "Taking part in service developments and the forum's decisions.",
        summary_cy: "Cymryd rhan yn natblygiadau'r gwasanaeth a phenderfyniadau'r fforwm.",
        audience: "service_user,carer,staff",
        level: 3,
        practices: "L3.06,L3.08",
        sessions: 4,
        hours: 16,
        credits: None,
        min: Some(3),
    },
    Demo {
        en: "Challenging stigma",
        cy: "Herio stigma",
        summary_en: "Talking about mental health in the community, in schools and at events.",
        summary_cy: "Siarad am iechyd meddwl yn y gymuned, mewn ysgolion ac mewn digwyddiadau.",
        audience: "service_user,carer,staff",
        level: 3,
        practices: "L3.07",
        sessions: 3,
        hours: 9,
        credits: None,
        min: Some(2),
    },
];

/// How much to make.
pub(super) struct Plan {
    /// Runs of each course a year.
    pub runs_a_year: i64,
    /// Learners per run.
    pub learners: usize,
}

impl Plan {
    pub fn demo() -> Self {
        Plan {
            runs_a_year: 2,
            learners: 8,
        }
    }

    pub fn board() -> Self {
        Plan {
            runs_a_year: 3,
            learners: 12,
        }
    }
}

/// Writes the prospectus, two years of runs and the next runs with bookings.
/// The course a recruitment panel role needs.
const PANEL_COURSE: &str = "Sitting on an interview panel";

pub(super) async fn training_history(
    c: &mut Conn<'_>,
    org: i64,
    now: i64,
    plan: &Plan,
    rng: &mut StdRng,
    member: Option<i64>,
) -> AppResult<()> {
    let q = cairn_db::people::PeopleQuery {
        limit: 1_000_000,
        ..Default::default()
    };
    let people: Vec<(i64, Constituency)> = cairn_db::people::list(c, org, &q)
        .await?
        .into_iter()
        .filter(|p| p.status == PersonStatus::Active)
        .map(|p| (p.id, p.constituency))
        .collect();
    let of = |k: &[Constituency]| -> Vec<(i64, Constituency)> {
        people
            .iter()
            .filter(|(_, c)| k.contains(c))
            .copied()
            .collect()
    };
    let peers = of(&[Constituency::ServiceUser, Constituency::Carer]);
    let staff = of(&[Constituency::Staff]);
    if peers.is_empty() || staff.is_empty() {
        return Ok(());
    }
    // Two years back, and one run ahead.
    let start = now - 730 * DAY;
    let gap = 365 * DAY / plan.runs_a_year.max(1);
    for (i, d) in COURSES.iter().enumerate() {
        let course = cairn_db::training::insert_course(
            c,
            org,
            &NewCourse {
                title_en: Some(d.en),
                title_cy: Some(d.cy),
                summary_en: Some(d.summary_en),
                summary_cy: Some(d.summary_cy),
                audience: d.audience,
                level: d.level,
                practices: d.practices,
                sessions: d.sessions,
                learning_hours: d.hours,
                credits: d.credits.map(|x| x.0),
                cqfw_level: d.credits.map(|x| x.1),
                agored_unit: d.credits.map(|_| "CQFW-DEMO"),
                min_sessions: d.min,
                created_by_label: BY,
            },
            start,
        )
        .await?;
        // Sitting on a panel needs this course first, refreshed every two years.
        if d.en == PANEL_COURSE {
            for role in cairn_db::roles::role_ids_of_kind(c, org, "interview_panel").await? {
                cairn_db::training::accreditation::set_role_training(c, role, course, Some(24))
                    .await?;
            }
        }
        let audience: Vec<Constituency> = d
            .audience
            .split(',')
            .filter_map(Constituency::parse)
            .collect();
        let pool = of(&audience);
        let offset = i64::try_from(i).unwrap_or(0) * 9 * DAY;
        let mut run_start = start + offset;
        let mut run = 0;
        while run_start < now + 60 * DAY {
            // Most runs are co-delivered; one in four has staff alone.
            let co = run % 4 != 3;
            let peer = peers[rng.random_range(0..peers.len())].0;
            let pro = staff[rng.random_range(0..staff.len())].0;
            let mut learners: Vec<(i64, Constituency)> = Vec::new();
            // The demo member has been to every run of the first four courses.
            if let Some(m) = member.filter(|_| i < 4)
                && let Some(p) = pool.iter().find(|p| p.0 == m)
            {
                learners.push(*p);
            }
            while learners.len() < plan.learners.min(pool.len()) {
                let p = pool[rng.random_range(0..pool.len())];
                if !learners.iter().any(|l| l.0 == p.0) && p.0 != peer && p.0 != pro {
                    learners.push(p);
                }
                if learners.len() + 2 >= pool.len() {
                    break;
                }
            }
            for s in 0..d.sessions {
                // 10:00 to 12:00 (UTC) once a week.
                let day_start = run_start - run_start.rem_euclid(DAY) + 10 * HOUR;
                let at = day_start + s * 7 * DAY;
                let id = cairn_db::training::insert_session(
                    c,
                    org,
                    &NewSession {
                        course_id: course,
                        starts_at: at,
                        ends_at: at + 2 * HOUR,
                        place: Some("Education centre, room 2"),
                        online_url: None,
                        capacity: 12,
                        created_by_label: BY,
                    },
                    start,
                )
                .await?;
                if co {
                    cairn_db::training::insert_trainer(c, id, peer, TrainerPart::PeerTrainer)
                        .await?;
                }
                cairn_db::training::insert_trainer(c, id, pro, TrainerPart::ProfessionalTrainer)
                    .await?;
                for (p, k) in &learners {
                    let status = if at > now {
                        Attendance::Booked
                    } else {
                        match rng.random_range(0..10) {
                            0 => Attendance::Apologies,
                            1 => Attendance::Absent,
                            _ => Attendance::Attended,
                        }
                    };
                    cairn_db::training::set_attendance(c, id, *p, status, k.key(), BY, true, at)
                        .await?;
                }
            }
            run += 1;
            run_start += gap;
        }
        // Certificates, as the register would have issued them: completion once the rule is
        // met, and delivery for each session a peer trainer delivered.
        let sessions = cairn_db::training::sessions_of_course(c, org, course).await?;
        let mut done: Vec<i64> = Vec::new();
        for s in sessions.iter().filter(|s| s.starts_at < now) {
            for line in cairn_db::training::register(c, s.id).await? {
                if line.status != Attendance::Attended || done.contains(&line.person_id) {
                    continue;
                }
                let n = cairn_db::training::attended_count(c, course, line.person_id).await?;
                if d.min.is_some_and(|m| n >= m) {
                    done.push(line.person_id);
                    let reference = format!("CRN-C{course}-{}", line.person_id);
                    cairn_db::training::insert_certificate(
                        c,
                        org,
                        line.person_id,
                        course,
                        None,
                        "completion",
                        &reference,
                        BY,
                        s.ends_at,
                    )
                    .await?;
                }
            }
            for t in cairn_db::training::trainers(c, s.id).await? {
                if t.part == TrainerPart::PeerTrainer {
                    let reference = format!("CRN-D{}-{}", s.id, t.person_id);
                    cairn_db::training::insert_certificate(
                        c,
                        org,
                        t.person_id,
                        course,
                        Some(s.id),
                        "delivery",
                        &reference,
                        BY,
                        s.ends_at,
                    )
                    .await?;
                }
            }
        }
    }
    Ok(())
}
