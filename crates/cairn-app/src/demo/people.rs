//! Demo and board-scale data for people and roles: when people joined, profiles some of them
//! agreed to put on the who's-who, role descriptions (buddy, interview-panel member, training
//! co-facilitator, service-user and carer coordinator, forum chair, strategy-group member, and
//! one still in draft), open and closed opportunities with expressions of interest at every
//! step, people at each level with their pathway steps and level decisions, appointments,
//! buddies (one newcomer still waiting past 14 days), arrivals with welcome meetings, exits
//! with their reasons, and recruitment panels. Everything is written through `cairn-db` in the
//! caller's transaction.

use crate::AppResult;
use cairn_db::Conn;
use cairn_db::roles::{NewAppointment, NewExit, NewInterest, NewOpportunity};
use cairn_domain::people::{
    ArrivalFields, Constituency, LevelFields, PathwayStep, PersonStatus, ProfileFields, StepFields,
};
use cairn_domain::roles::{
    ExitReason, InterestStatus, PaymentCategory, RecruitmentFields, RecruitmentStage, RoleCheck,
    RoleFields, RoleKind, StayInTouch,
};
use jiff::civil::Date;
use rand::Rng;
use rand::rngs::StdRng;

/// Who generated the rows, as the audit and "recorded by" columns show it.
const BY: &str = "demo";

/// One person of the organisation, as the generator sees them.
struct Someone {
    id: i64,
    k: Constituency,
    status: PersonStatus,
    unit: Option<i64>,
    /// Reads Cairn in Welsh, so writes their own profile in Welsh.
    welsh: bool,
}

/// How much to make: the demo's handful, or a board's worth.
pub(super) struct Plan {
    /// People who join in the last few weeks (newcomers).
    pub newcomers: usize,
    /// Share of service users and carers with a profile on the who's-who.
    pub profiles: f64,
    /// Arrivals per unit over the last 90 days.
    pub arrivals_per_unit: usize,
    /// Exits over the last year.
    pub exits: usize,
    /// Recruitment processes.
    pub processes: usize,
}

impl Plan {
    /// The demo organisation.
    pub fn demo() -> Self {
        Plan {
            newcomers: 5,
            profiles: 0.6,
            arrivals_per_unit: 2,
            exits: 6,
            processes: 3,
        }
    }

    /// A board-sized organisation.
    pub fn board() -> Self {
        Plan {
            newcomers: 120,
            profiles: 0.35,
            arrivals_per_unit: 20,
            exits: 150,
            processes: 40,
        }
    }
}

fn day(today: Date, days_ago: i64) -> Date {
    today
        .checked_sub(jiff::Span::new().days(days_ago))
        .unwrap_or(today)
}

/// An appointment to make, owning its start date.
struct Appointment {
    person_id: i64,
    role_id: i64,
    unit_id: Option<i64>,
    starts_on: String,
}

impl Appointment {
    fn as_new(&self) -> NewAppointment<'_> {
        NewAppointment {
            person_id: self.person_id,
            role_id: self.role_id,
            unit_id: self.unit_id,
            interest_id: None,
            starts_on: &self.starts_on,
            created_by_label: BY,
        }
    }
}

fn appointment(person_id: i64, role_id: i64, unit_id: Option<i64>, since: Date) -> Appointment {
    Appointment {
        person_id,
        role_id,
        unit_id,
        starts_on: since.to_string(),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "one role description, written out field by field in both languages"
)]
fn role(
    kind: RoleKind,
    (title_en, title_cy): (&str, &str),
    (purpose_en, purpose_cy): (&str, &str),
    (involves_en, involves_cy): (&str, &str),
    (time_en, time_cy): (&str, &str),
    level: u8,
    payment: PaymentCategory,
    leadership: bool,
    checks: &[RoleCheck],
) -> RoleFields {
    RoleFields {
        kind,
        title_en: title_en.into(),
        title_cy: title_cy.into(),
        purpose_en: purpose_en.into(),
        purpose_cy: purpose_cy.into(),
        involves_en: involves_en.into(),
        involves_cy: involves_cy.into(),
        time_en: time_en.into(),
        time_cy: time_cy.into(),
        support_en: "A named contact in the co-production team, a buddy if you would like one, and the training for the role.".into(),
        support_cy: "Cyswllt penodol yn y tîm cydgynhyrchu, cyfaill os hoffech chi un, a'r hyfforddiant ar gyfer y rôl.".into(),
        level,
        payment,
        leadership,
        needs_references: checks.contains(&RoleCheck::References),
        needs_dbs: checks.contains(&RoleCheck::Dbs),
        needs_occupational_health: checks.contains(&RoleCheck::OccupationalHealth),
        published: true,
    }
}

/// The demo's role descriptions, in the order they are made.
fn roles() -> Vec<RoleFields> {
    use PaymentCategory::*;
    use RoleCheck::*;
    use RoleKind::*;
    let mut draft = role(
        Other,
        ("Easy Read reviewer", "Adolygydd Hawdd ei Ddeall"),
        (
            "Check that leaflets and letters are easy to read.",
            "Gwirio bod taflenni a llythyrau'n hawdd eu darllen.",
        ),
        (
            "Reading drafts and saying what is hard to follow.",
            "Darllen drafftiau a dweud beth sy'n anodd ei ddilyn.",
        ),
        ("About two hours a month.", "Tua dwy awr y mis."),
        1,
        Voluntary,
        false,
        &[],
    );
    draft.published = false;
    vec![
        role(
            Buddy,
            ("Buddy", "Cyfaill"),
            (
                "Help someone new feel welcome in their first weeks.",
                "Helpu rhywun newydd i deimlo bod croeso iddo yn ei wythnosau cyntaf.",
            ),
            (
                "Meeting a newcomer, showing them round, going with them to their first meetings.",
                "Cwrdd â pherson newydd, dangos y lle iddo, mynd gydag ef i'w gyfarfodydd cyntaf.",
            ),
            (
                "About an hour a week for six weeks.",
                "Tua awr yr wythnos am chwe wythnos.",
            ),
            2,
            Fee,
            false,
            &[References],
        ),
        role(
            InterviewPanel,
            ("Interview-panel member", "Aelod o banel cyfweld"),
            (
                "Bring the view of people who use the service to staff recruitment.",
                "Dod â safbwynt pobl sy'n defnyddio'r gwasanaeth i recriwtio staff.",
            ),
            (
                "Helping write the job description, shortlisting and interviewing.",
                "Helpu i ysgrifennu'r disgrifiad swydd, llunio rhestr fer a chyfweld.",
            ),
            (
                "A few half days a year.",
                "Ychydig o hanner diwrnodau bob blwyddyn.",
            ),
            3,
            Fee,
            false,
            &[References, Dbs],
        ),
        role(
            CoFacilitator,
            ("Training co-facilitator", "Cyd-hwylusydd hyfforddiant"),
            (
                "Design and deliver training with staff.",
                "Cynllunio a chyflwyno hyfforddiant gyda staff.",
            ),
            (
                "Planning sessions and leading parts of them from your own experience.",
                "Cynllunio sesiynau ac arwain rhannau ohonynt o'ch profiad eich hun.",
            ),
            ("One day a month.", "Un diwrnod y mis."),
            3,
            Fee,
            false,
            &[References],
        ),
        role(
            Coordinator,
            (
                "Service-user and carer coordinator",
                "Cydgysylltydd defnyddwyr gwasanaeth a gofalwyr",
            ),
            (
                "Bring service users and carers together and make sure their voice is heard across the service.",
                "Dod â defnyddwyr gwasanaeth a gofalwyr at ei gilydd a sicrhau bod eu llais yn cael ei glywed ar draws y gwasanaeth.",
            ),
            (
                "Keeping in touch with members, organising forums and sitting on the strategy group.",
                "Cadw mewn cysylltiad ag aelodau, trefnu fforymau ac eistedd ar y grŵp strategaeth.",
            ),
            (
                "Two days a week, paid through payroll.",
                "Dau ddiwrnod yr wythnos, wedi'u talu drwy'r gyflogres.",
            ),
            3,
            Payroll,
            true,
            &[References, Dbs, OccupationalHealth],
        ),
        role(
            ForumChair,
            ("Forum chair", "Cadeirydd fforwm"),
            (
                "Chair the service-user and carer forum.",
                "Cadeirio fforwm defnyddwyr gwasanaeth a gofalwyr.",
            ),
            (
                "Agreeing the agenda, chairing the meeting and reporting back.",
                "Cytuno ar yr agenda, cadeirio'r cyfarfod ac adrodd yn ôl.",
            ),
            ("One meeting a month.", "Un cyfarfod y mis."),
            3,
            Fee,
            true,
            &[],
        ),
        role(
            StrategyGroup,
            ("Strategy-group member", "Aelod o'r grŵp strategaeth"),
            (
                "Share decisions about how the service develops.",
                "Rhannu penderfyniadau am sut mae'r gwasanaeth yn datblygu.",
            ),
            (
                "Reading papers and taking part in the strategy group.",
                "Darllen papurau a chymryd rhan yn y grŵp strategaeth.",
            ),
            ("Two hours every other month.", "Dwy awr bob yn ail fis."),
            3,
            ExpensesOnly,
            false,
            &[],
        ),
        draft,
    ]
}

/// Skills, then interests.
type Said = (&'static str, &'static str);

/// What people say about themselves on their profile: skills and interests, in English and
/// as a Welsh speaker would write them.
const SKILLS: &[(Said, Said)] = &[
    (
        ("Baking and cooking", "Gardening, growing vegetables"),
        ("Pobi a choginio", "Garddio, tyfu llysiau"),
    ),
    (
        ("Listening", "Meeting new people"),
        ("Gwrando", "Cwrdd â phobl newydd"),
    ),
    (
        ("Art and drawing", "Running a stall at the fair"),
        ("Celf a darlunio", "Rhedeg stondin yn y ffair"),
    ),
    (
        ("Computers", "Helping with the newsletter"),
        ("Cyfrifiaduron", "Helpu gyda'r cylchlythyr"),
    ),
    (
        ("Music, guitar", "Leading a music group"),
        ("Cerddoriaeth, gitâr", "Arwain grŵp cerddoriaeth"),
    ),
    (
        ("Walking", "Organising walks"),
        ("Cerdded", "Trefnu teithiau cerdded"),
    ),
];

/// Makes the people and roles data for `org`, whose people and units already exist.
pub(super) async fn people_and_roles(
    c: &mut Conn<'_>,
    org: i64,
    unit_ids: &[i64],
    today: Date,
    now: i64,
    plan: &Plan,
    rng: &mut StdRng,
) -> AppResult<()> {
    let q = cairn_db::people::PeopleQuery {
        limit: 1_000_000,
        ..Default::default()
    };
    let listed = cairn_db::people::list(c, org, &q).await?;
    let ids: Vec<i64> = listed.iter().map(|p| p.id).collect();
    let mut pairs = Vec::new();
    for chunk in ids.chunks(500) {
        pairs.extend(cairn_db::people::units_of(c, chunk).await?);
    }
    let people: Vec<Someone> = listed
        .iter()
        .map(|p| Someone {
            id: p.id,
            k: p.constituency,
            status: p.status,
            unit: pairs.iter().find(|(pid, _)| *pid == p.id).map(|(_, u)| *u),
            welsh: p.preferred_language == cairn_domain::people::Language::Cy,
        })
        .collect();
    let lived: Vec<&Someone> = people
        .iter()
        .filter(|p| matches!(p.k, Constituency::ServiceUser | Constituency::Carer))
        .collect();

    // When people joined: most long ago; the last few are newcomers.
    let newcomers = plan.newcomers.min(lived.len() / 3);
    let (settled, recent) = lived.split_at(lived.len() - newcomers);
    for p in &people {
        let joined = if recent.iter().any(|r| r.id == p.id) {
            let i = recent.iter().position(|r| r.id == p.id).unwrap_or(0);
            // Spread over the last 60 days: some still in their first fortnight.
            day(
                today,
                3 + i64::try_from(i * 57 / newcomers.max(1)).unwrap_or(0),
            )
        } else {
            day(today, rng.random_range(200..2200))
        };
        cairn_db::people::set_joined_on(c, org, p.id, joined).await?;
    }

    // Profiles, some on the who's-who.
    for (i, p) in settled.iter().enumerate() {
        if !rng.random_bool(plan.profiles) {
            continue;
        }
        let (en, cy) = SKILLS[i % SKILLS.len()];
        let ((skills, interests), grow, settle) = if p.welsh {
            (cy, "Siarad mewn cyfarfodydd", "beth a'm helpodd i setlo")
        } else {
            (en, "Speaking in meetings", "what helped me settle in")
        };
        let f = ProfileFields {
            skills: Some(skills.into()),
            interests: Some(interests.into()),
            grow_areas: (i % 3 == 0).then(|| grow.into()),
            ask_me_about: Some(if p.welsh {
                format!("{skills}, a {settle}")
            } else {
                format!("{skills}, and {settle}")
            }),
            contact_by: Some(cairn_domain::people::ContactBy::ALL[i % 5]),
            contact_note: None,
            access_needs: None,
            consent_whos_who: p.status == PersonStatus::Active,
            consent_photo: false,
            consent_opportunities: i % 2 == 0,
        };
        cairn_db::people::set_profile(c, org, p.id, &f, now).await?;
    }

    // Role descriptions.
    let mut role_ids = Vec::new();
    for f in roles() {
        role_ids.push((f.kind, cairn_db::roles::insert_role(c, org, &f, now).await?));
    }
    let role_of = |k: RoleKind| {
        role_ids
            .iter()
            .find(|(kind, _)| *kind == k)
            .map(|(_, id)| *id)
            .unwrap_or_default()
    };

    // Appointments: buddies across the units, one of them someone who has moved on; the
    // coordinator, forum chair and strategy-group members service-wide.
    let mut appointed: Vec<i64> = Vec::new();
    // A buddy on every unit that has a settled service user, then more up to a sixth of them.
    let buddies_wanted = (settled.len() / 6).max(unit_ids.len());
    let could_buddy: Vec<&&Someone> = settled
        .iter()
        .filter(|p| p.k == Constituency::ServiceUser && p.status != PersonStatus::Left)
        .collect();
    let mut chosen: Vec<&&Someone> = Vec::new();
    for u in unit_ids {
        if let Some(p) = could_buddy.iter().find(|p| p.unit == Some(*u)) {
            chosen.push(p);
        }
    }
    for p in &could_buddy {
        if chosen.len() >= buddies_wanted {
            break;
        }
        if !chosen.iter().any(|c| c.id == p.id) {
            chosen.push(p);
        }
    }
    let mut buddies: Vec<(i64, Option<i64>)> = Vec::new();
    for p in chosen {
        let a = appointment(p.id, role_of(RoleKind::Buddy), p.unit, day(today, 300));
        cairn_db::roles::insert_appointment(c, org, &a.as_new(), now).await?;
        buddies.push((p.id, p.unit));
        appointed.push(p.id);
    }
    let free: Vec<&&Someone> = settled
        .iter()
        .filter(|p| p.status == PersonStatus::Active && !appointed.contains(&p.id))
        .collect();
    let leaders = [
        (RoleKind::Coordinator, Constituency::Carer),
        (RoleKind::ForumChair, Constituency::ServiceUser),
        (RoleKind::CoFacilitator, Constituency::ServiceUser),
        (RoleKind::InterviewPanel, Constituency::Carer),
        (RoleKind::StrategyGroup, Constituency::ServiceUser),
        (RoleKind::StrategyGroup, Constituency::Carer),
    ];
    let per_kind = (free.len() / 20).max(1);
    let mut level_three: Vec<i64> = Vec::new();
    for (kind, k) in leaders {
        let picked: Vec<i64> = free
            .iter()
            .filter(|p| p.k == k && !level_three.contains(&p.id))
            .take(per_kind)
            .map(|p| p.id)
            .collect();
        for id in picked {
            let a = appointment(id, role_of(kind), None, day(today, 400));
            cairn_db::roles::insert_appointment(c, org, &a.as_new(), now).await?;
            level_three.push(id);
        }
    }

    // Levels: level-3 role holders, and a share at level 2, each with the decision recorded.
    let level_two: Vec<i64> = settled
        .iter()
        .filter(|p| p.status == PersonStatus::Active && !level_three.contains(&p.id))
        .step_by(3)
        .map(|p| p.id)
        .collect();
    for (id, to) in level_two
        .iter()
        .map(|id| (*id, 2u8))
        .chain(level_three.iter().map(|id| (*id, 3u8)))
    {
        let mut from = 1;
        for l in 2..=to {
            cairn_db::people::decide_level(
                c,
                org,
                id,
                &LevelFields {
                    from_level: from,
                    to_level: l,
                    decided_on: day(today, 500 - 200 * i64::from(l - 1)),
                    note: "Agreed together at a review: ready to try a more active role.".into(),
                },
                "lead@demo.cairn.test",
                now,
            )
            .await?;
            from = l;
        }
        for (step, ago) in [
            (PathwayStep::Training, 480),
            (PathwayStep::Practice, 420),
            (PathwayStep::Shadowing, 360),
        ] {
            let f = StepFields {
                step,
                done_on: day(today, ago),
                note: None,
            };
            cairn_db::people::insert_step(c, org, id, &f, BY, now).await?;
        }
    }

    // Newcomers: information and a welcome for most; a buddy within 14 days for most, one
    // paired late, and the last one past 14 days still waiting.
    for (i, p) in recent.iter().enumerate() {
        let joined = day(
            today,
            3 + i64::try_from(i * 57 / newcomers.max(1)).unwrap_or(0),
        );
        let days_in = (today - joined).get_days();
        if days_in > 2 {
            for step in [PathwayStep::Welcome, PathwayStep::Information] {
                let f = StepFields {
                    step,
                    done_on: day(joined, -1),
                    note: None,
                };
                cairn_db::people::insert_step(c, org, p.id, &f, BY, now).await?;
            }
        }
        let waiting = i == newcomers.saturating_sub(2);
        let Some((buddy, _)) = buddies
            .iter()
            .find(|(_, u)| *u == p.unit)
            .or(buddies.get(i % buddies.len().max(1)))
        else {
            continue;
        };
        if waiting || days_in < 5 {
            continue;
        }
        let after = if i % 4 == 3 { 18 } else { 4 };
        if i64::from(days_in) <= after {
            continue;
        }
        let starts = day(joined, -after);
        let pairing = cairn_db::people::buddies::insert_pairing(
            c,
            org,
            p.id,
            *buddy,
            &starts.to_string(),
            BY,
            now,
        )
        .await?;
        cairn_db::people::buddies::insert_checkin(
            c,
            pairing,
            &day(starts, -3).min(today).to_string(),
            Some("Went to the community meeting together."),
            BY,
            now,
        )
        .await?;
    }

    // Opportunities: open on a unit and service-wide, one closed, with interests at each step.
    let open_rehab = unit_ids.get(3).copied();
    let opportunities = [
        (RoleKind::Buddy, open_rehab, 30),
        (RoleKind::InterviewPanel, None, 21),
        (RoleKind::CoFacilitator, None, 45),
        (RoleKind::StrategyGroup, None, -20),
    ];
    let mut opp_ids = Vec::new();
    for (kind, unit, closes_in) in opportunities {
        let id = cairn_db::roles::insert_opportunity(
            c,
            org,
            &NewOpportunity {
                role_id: role_of(kind),
                unit_id: unit,
                note_en: None,
                note_cy: None,
                opened_on: &day(today, 40).to_string(),
                closes_on: &day(today, -closes_in).to_string(),
                created_by_label: BY,
            },
            now,
        )
        .await?;
        opp_ids.push(id);
    }
    let steps = [
        InterestStatus::Received,
        InterestStatus::Talked,
        InterestStatus::Offered,
        InterestStatus::NotThisTime,
    ];
    let hopefuls: Vec<&&Someone> = free
        .iter()
        .copied()
        .filter(|p| !level_three.contains(&p.id))
        .collect();
    for (i, p) in hopefuls.iter().take(steps.len() * 2 * per_kind).enumerate() {
        let opp = opp_ids[1 + i % 2];
        let interest = cairn_db::roles::insert_interest(
            c,
            org,
            &NewInterest {
                opportunity_id: opp,
                person_id: p.id,
                message: Some("I would like to help other people who are new."),
                entered_by_label: BY,
                on_behalf: false,
            },
            now,
        )
        .await?;
        cairn_db::roles::insert_event(c, interest, None, InterestStatus::Received, None, BY, now)
            .await?;
        let to = steps[i % steps.len()];
        let mut at = InterestStatus::Received;
        while at != to {
            let next = if to == InterestStatus::NotThisTime {
                InterestStatus::NotThisTime
            } else {
                at.next().unwrap_or(to)
            };
            let feedback = (next == InterestStatus::NotThisTime).then_some(
                "Thank you for coming to talk with us. We had more people than places this time; we would love you to try again next time.",
            );
            cairn_db::roles::move_interest(c, interest, at, next, feedback, now).await?;
            cairn_db::roles::insert_event(c, interest, Some(at), next, feedback, BY, now).await?;
            at = next;
        }
    }

    // Arrivals with welcome or family-liaison meetings (dates only, no names).
    for u in unit_ids {
        for i in 0..plan.arrivals_per_unit {
            let arrived = day(today, rng.random_range(1..88));
            let offered = (i % 5 != 4).then(|| day(arrived, -rng.random_range(0..4)).min(today));
            let accepted = offered.filter(|_| i % 3 != 2);
            let declined = offered.filter(|_| i % 3 == 2);
            let held = accepted
                .map(|a| day(a, -7))
                .filter(|h| *h <= today && i % 2 == 0);
            let f = ArrivalFields {
                arrived_on: arrived,
                offered_on: offered,
                accepted_on: accepted,
                declined_on: declined,
                held_on: held,
            };
            cairn_db::people::welcome::insert_arrival(c, org, *u, &f, BY, now).await?;
        }
    }

    // Exits over the last year: reasons from the list, some staying in touch.
    let leavers: Vec<&Someone> = people
        .iter()
        .filter(|p| matches!(p.status, PersonStatus::MovedOn | PersonStatus::Left))
        .take(plan.exits)
        .collect();
    let reasons = ExitReason::ALL;
    for (i, p) in leavers.iter().enumerate() {
        let picked = [
            reasons[i % reasons.len()],
            reasons[(i * 3 + 1) % reasons.len()],
        ];
        let mut picked: Vec<ExitReason> = picked.to_vec();
        picked.sort();
        picked.dedup();
        cairn_db::roles::insert_exit(
            c,
            org,
            &NewExit {
                person_id: p.id,
                appointment_id: None,
                left_on: &day(
                    today,
                    10 + i64::try_from(i * 350 / leavers.len().max(1)).unwrap_or(0),
                )
                .to_string(),
                reasons: &picked,
                own_words: (i % 2 == 0)
                    .then_some("I got a lot out of it and I would like to stay in touch."),
                stay_in_touch: if p.status == PersonStatus::MovedOn {
                    StayInTouch::ALL[1 + i % 3]
                } else {
                    StayInTouch::No
                },
                entered_by_label: BY,
                on_behalf: true,
            },
            now,
        )
        .await?;
    }

    // Staff recruitment: most with service users or carers from the job description, some
    // only at interview, the newest with no panel yet.
    let staff: Vec<i64> = people
        .iter()
        .filter(|p| p.k == Constituency::Staff)
        .map(|p| p.id)
        .collect();
    let posts = [
        "Staff nurse",
        "Occupational therapist",
        "Clinical psychologist",
        "Support worker",
        "Peer support worker",
    ];
    for i in 0..plan.processes {
        let f = RecruitmentFields {
            post: posts[i % posts.len()].into(),
            unit_id: unit_ids.get(i % unit_ids.len()).copied(),
            opened_on: day(today, 20 + i64::try_from(i * 13).unwrap_or(0)),
        };
        let process = cairn_db::roles::insert_process(c, org, &f, BY, now).await?;
        if i + 1 == plan.processes {
            continue;
        }
        let lay = lived[(i * 7) % lived.len()].id;
        let officer = staff.get(i % staff.len().max(1)).copied();
        for stage in RecruitmentStage::ALL {
            let mut panel: Vec<i64> = officer.into_iter().collect();
            if i % 3 != 1 || *stage == RecruitmentStage::Interview {
                panel.push(lay);
            }
            cairn_db::roles::set_panel(c, process, *stage, &panel).await?;
        }
    }
    Ok(())
}
