//! The demo organisation and the synthetic large data sets for benchmarks.
//!
//! The demo mirrors the service the co-production model comes from: a 28-bed low-secure unit
//! on two wards, an 18-bed locked and an 18-bed open rehabilitation unit, 8 step-down beds in
//! two houses, a community team and prison in-reach; about 40 people across every
//! constituency; and one sign-in per role. Names are invented. `board` scale makes 30 units
//! and 2,000 people in one organisation; `board10` makes one with 20,000 people, 200,000
//! suggestions and ten years of history; `national` makes 60 board-sized organisations.
//!
//! Generated rows are written directly through `cairn-db` in one transaction per
//! organisation, with a single audit row saying what was generated (not one per row).

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult};
use cairn_db::accounts::{self as db, NewUser};
use cairn_domain::Role;
use cairn_domain::people::{Constituency, Language, PersonFields, PersonStatus};
use cairn_domain::units::{GenderMix, UnitFields, UnitType};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod meetings;
mod payments;
mod people;
mod surveys;
mod training;

/// The demo organisation's name.
pub const DEMO_ORG: &str = "Demo Health Board";
/// The demo sign-ins: e-mail, role, and the chosen name of the person behind it (if any).
pub const DEMO_USERS: &[(&str, Role, Option<&str>)] = &[
    ("admin@demo.cairn.test", Role::OrgAdmin, None),
    ("lead@demo.cairn.test", Role::Lead, Some("Rhian")),
    ("staff@demo.cairn.test", Role::UnitStaff, Some("Gareth")),
    ("finance@demo.cairn.test", Role::Finance, Some("Sioned")),
    ("finance2@demo.cairn.test", Role::Finance, Some("Dylan")),
    ("member@demo.cairn.test", Role::Member, Some("Alex")),
    ("carer@demo.cairn.test", Role::Member, Some("Mair")),
    ("viewer@demo.cairn.test", Role::Viewer, None),
];

/// How much synthetic data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The demo organisation only.
    Demo,
    /// One organisation with 30 units and 2,000 people (plus the demo).
    Board,
    /// The board ten times over: 20,000 people, 200,000 suggestions and ten years of history,
    /// to show that page costs stay flat as data grows (plus the demo).
    Board10,
    /// 60 organisations of board size (plus the demo).
    National,
}

/// How large a synthetic organisation is; each scale is one size of the same generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Size {
    people: usize,
    suggestions: usize,
    /// How far back suggestions, meetings and claims go, in days.
    history_days: i64,
    /// Quarters of self-assessment history.
    quarters: i64,
}

impl Size {
    /// Board scale: 2,000 people, 20,000 suggestions, two years of history.
    const BOARD: Size = Size {
        people: 2_000,
        suggestions: 20_000,
        history_days: 730,
        quarters: 9,
    };
    /// Ten times board scale's people and suggestions, over ten years (the same 30 units, so
    /// each unit's lists are ten times as long and its meetings go back five times as far).
    const BOARD10: Size = Size {
        people: 20_000,
        suggestions: 200_000,
        history_days: 3_650,
        quarters: 41,
    };
}

impl Scale {
    /// How many synthetic organisations the scale has, and their size.
    fn synthetic(self) -> (i64, Size) {
        match self {
            Scale::Demo => (0, Size::BOARD),
            Scale::Board => (1, Size::BOARD),
            Scale::Board10 => (1, Size::BOARD10),
            Scale::National => (60, Size::BOARD),
        }
    }
}

struct DemoUnit {
    name: &'static str,
    name_cy: &'static str,
    kind: UnitType,
    beds: Option<i64>,
    mix: GenderMix,
}

const UNITS: &[DemoUnit] = &[
    DemoUnit {
        name: "Derwen Ward (low secure)",
        name_cy: "Ward Derwen (diogelwch isel)",
        kind: UnitType::LowSecure,
        beds: Some(14),
        mix: GenderMix::Male,
    },
    DemoUnit {
        name: "Onnen Ward (low secure)",
        name_cy: "Ward Onnen (diogelwch isel)",
        kind: UnitType::LowSecure,
        beds: Some(14),
        mix: GenderMix::Mixed,
    },
    DemoUnit {
        name: "Celyn House (locked rehabilitation)",
        name_cy: "Tŷ Celyn (adsefydlu dan glo)",
        kind: UnitType::LockedRehab,
        beds: Some(18),
        mix: GenderMix::Mixed,
    },
    DemoUnit {
        name: "Bedw House (open rehabilitation)",
        name_cy: "Tŷ Bedw (adsefydlu agored)",
        kind: UnitType::OpenRehab,
        beds: Some(18),
        mix: GenderMix::Mixed,
    },
    DemoUnit {
        name: "Afon House (step-down)",
        name_cy: "Tŷ Afon (camu i lawr)",
        kind: UnitType::StepDown,
        beds: Some(4),
        mix: GenderMix::Mixed,
    },
    DemoUnit {
        name: "Nant House (step-down)",
        name_cy: "Tŷ Nant (camu i lawr)",
        kind: UnitType::StepDown,
        beds: Some(4),
        mix: GenderMix::Mixed,
    },
    DemoUnit {
        name: "Community rehabilitation team",
        name_cy: "Tîm adsefydlu cymunedol",
        kind: UnitType::CommunityTeam,
        beds: None,
        mix: GenderMix::NotApplicable,
    },
    DemoUnit {
        name: "Prison in-reach",
        name_cy: "Mewngymorth i garchardai",
        kind: UnitType::PrisonInReach,
        beds: None,
        mix: GenderMix::NotApplicable,
    },
];

const FIRST_NAMES: &[&str] = &[
    "Aled", "Bethan", "Carys", "Dafydd", "Elin", "Ffion", "Geraint", "Huw", "Iolo", "Jac", "Lowri",
    "Llinos", "Macsen", "Nia", "Osian", "Owain", "Rhodri", "Seren", "Tomos", "Wyn", "Amir", "Bea",
    "Chris", "Dee", "Erin", "Femi", "Grace", "Hana", "Ivan", "Jo", "Kai", "Leah", "Mo", "Noor",
    "Olu", "Priya", "Sam", "Tariq", "Una", "Zara",
];

fn person(
    name: String,
    k: Constituency,
    unit_ids: Vec<i64>,
    lang: Language,
    discipline: Option<&str>,
) -> PersonFields {
    PersonFields {
        chosen_name: name,
        constituency: k,
        discipline: discipline.map(str::to_owned),
        unit_ids,
        status: PersonStatus::Active,
        status_since: None,
        preferred_language: lang,
        email: None,
        access_needs: None,
        consent_on: None,
    }
}

/// Builds the demo organisation (once; later calls only reset the demo passwords) and any
/// larger synthetic data. Returns the demo organisation's id.
pub async fn build(app: &App, password: &str, scale: Scale) -> AppResult<i64> {
    let hash = {
        let (pw, cost) = (password.to_owned(), app.password_cost);
        tokio::task::spawn_blocking(move || cost.hash(&pw))
            .await
            .map_err(|e| AppError::Unexpected(e.to_string()))?
    };
    let now = app.now();
    let existing = {
        let mut h = app.db.acquire().await?;
        cairn_db::units::list_organisations(&mut h.conn())
            .await?
            .into_iter()
            .find(|o| o.name == DEMO_ORG)
    };
    let org = match existing {
        Some(o) => {
            let mut tx = app.db.begin().await?;
            for (email, _, _) in DEMO_USERS {
                if let Some(u) = db::find_user_by_email(&mut tx.conn(), email).await? {
                    db::set_password(&mut tx.conn(), u.id, &hash, now).await?;
                }
            }
            tx.commit().await?;
            o.id
        }
        None => {
            let org = build_demo(app, &hash, now).await?;
            playbook_actions(app, org, now).await?;
            payments::money_at_work(app, org, local_today(now)).await?;
            org
        }
    };
    let (extra, size) = scale.synthetic();
    let have = {
        let mut h = app.db.acquire().await?;
        cairn_db::units::count_organisations(&mut h.conn()).await? - 1
    };
    for i in have..extra {
        build_synthetic(app, i, now, size).await?;
    }
    Ok(org)
}

async fn build_demo(app: &App, hash: &str, now: i64) -> AppResult<i64> {
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let org = cairn_db::units::insert_organisation(
        c,
        DEMO_ORG,
        Some("Bwrdd Iechyd Demo"),
        cairn_domain::time::DEFAULT_TIME_ZONE,
        now,
    )
    .await?;
    let service = cairn_db::units::insert_service(
        c,
        org,
        "Rehabilitation and recovery",
        Some("Gwasanaeth adsefydlu ac adferiad"),
        now,
    )
    .await?;
    let mut unit_ids = Vec::new();
    for u in UNITS {
        let f = UnitFields {
            name: u.name.into(),
            name_cy: Some(u.name_cy.into()),
            service_id: service,
            unit_type: u.kind,
            beds: u.beds,
            gender_mix: u.mix,
            link_person_id: None,
        };
        unit_ids.push(cairn_db::units::insert_unit(c, org, &f, now).await?);
    }
    let open_rehab = unit_ids[3];
    // People behind the sign-ins.
    let mut person_of = std::collections::HashMap::new();
    for (email, role, name) in DEMO_USERS {
        let Some(name) = name else { continue };
        let (k, units, discipline) = match role {
            Role::Lead => (Constituency::Staff, vec![], Some("Co-production lead")),
            Role::UnitStaff => (Constituency::Staff, vec![open_rehab], Some("Nurse")),
            Role::Finance => (Constituency::Staff, vec![], Some("Finance officer")),
            _ if email.starts_with("carer") => (Constituency::Carer, vec![open_rehab], None),
            _ => (Constituency::ServiceUser, vec![open_rehab], None),
        };
        let mut f = person(name.to_string(), k, units, Language::En, discipline);
        f.email = Some((*email).to_owned());
        person_of.insert(*email, cairn_db::people::insert(c, org, &f, now).await?);
    }
    // Everyone else: about 40 people across every constituency and unit.
    let mut rng = StdRng::seed_from_u64(2016);
    let kinds = [
        (Constituency::ServiceUser, 16),
        (Constituency::Carer, 8),
        (Constituency::Staff, 6),
        (Constituency::ThirdSector, 2),
        (Constituency::Manager, 2),
    ];
    let mut n = 0;
    let mut link_people = Vec::new();
    for (k, count) in kinds {
        for _ in 0..count {
            let name = format!(
                "{} {}",
                FIRST_NAMES[n % FIRST_NAMES.len()],
                char::from(b'A' + u8::try_from(n % 26).unwrap_or(0))
            );
            let unit = unit_ids[rng.random_range(0..unit_ids.len())];
            let lang = if rng.random_bool(0.3) {
                Language::Cy
            } else {
                Language::En
            };
            let discipline = (k == Constituency::Staff).then_some(
                [
                    "Nurse",
                    "Occupational therapist",
                    "Psychologist",
                    "Support worker",
                ][n % 4],
            );
            let mut f = person(name, k, vec![unit], lang, discipline);
            if n % 9 == 4 {
                f.status = PersonStatus::MovedOn;
            }
            let id = cairn_db::people::insert(c, org, &f, now).await?;
            if matches!(k, Constituency::Staff | Constituency::Manager) {
                link_people.push(id);
            }
            n += 1;
        }
    }
    // A link person for most units (the playbook watches for units without one).
    for (i, u) in unit_ids
        .iter()
        .enumerate()
        .take(link_people.len().min(unit_ids.len() - 1))
    {
        let unit = cairn_db::units::get_unit(c, org, *u).await?;
        let f = UnitFields {
            name: unit.name,
            name_cy: unit.name_cy,
            service_id: unit.service_id,
            unit_type: unit.unit_type,
            beds: unit.beds,
            gender_mix: unit.gender_mix,
            link_person_id: Some(link_people[i]),
        };
        cairn_db::units::update_unit(c, org, *u, &f, now).await?;
    }
    for (email, role, _) in DEMO_USERS {
        let u = NewUser {
            organisation_id: Some(org),
            email,
            password_hash: Some(hash),
            role: *role,
            person_id: person_of.get(email).copied(),
            locale: None,
        };
        let uid = db::insert_user(c, &u, now).await?;
        if role.is_unit_scoped() {
            db::set_user_units(c, uid, &[open_rehab]).await?;
        }
    }
    record::<(), _>(
        c,
        &Actor::system(Some(org)),
        Some(org),
        Action::Create,
        "demo",
        Some(org),
        None,
        Some(&serde_json::json!({"units": unit_ids.len(), "people": n})),
        None,
        now,
    )
    .await?;
    // Two quarters of self-assessment: a baseline six months ago, a round three months ago,
    // and today's statuses, so every page has a past to compare with.
    assessment_history(c, org, &unit_ids, now, 3, 2016, "lead@demo.cairn.test").await?;
    // Suggestions from every channel over the last two years (so the reports have months
    // enough for process limits), some answered on the boards.
    feedback_history(c, org, &unit_ids, now, 160, 730, 2016).await?;
    // A year of meetings, with a few to come: strategy group, forum, community meetings.
    meetings::meeting_history(c, org, &unit_ids, now, &meetings::Plan::demo()).await?;
    // Roles, opportunities, levels, buddies, welcome meetings, exits and recruitment panels.
    people::people_and_roles(
        c,
        org,
        &unit_ids,
        local_today(now),
        now,
        &people::Plan::demo(),
        &mut rng,
    )
    .await?;
    crate::payments::add_examples(c, org, now).await?;
    training::training_history(
        c,
        org,
        now,
        &training::Plan::demo(),
        &mut rng,
        person_of.get("member@demo.cairn.test").copied(),
    )
    .await?;
    surveys::survey_history(
        c,
        org,
        &unit_ids,
        local_today(now),
        now,
        &surveys::Plan::demo(),
        &mut rng,
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Works out the playbook on every demo unit (the data raises several challenges, on
/// different units), then takes on an action for the first two units with one raised: one
/// still open and due in a fortnight, one closed with a note.
async fn playbook_actions(app: &App, org: i64, now: i64) -> AppResult<()> {
    let units: Vec<(i64,)> = {
        let mut h = app.db.acquire().await?;
        cairn_db::fetch_all!(
            &mut h.conn(),
            (i64,),
            "SELECT id FROM units WHERE organisation_id = $1 ORDER BY id",
            org
        )?
    };
    for (u,) in &units {
        crate::playbook::refresh_unit(app, org, *u).await?;
    }
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let open = cairn_db::playbook::open_in_organisation(c, org).await?;
    let mut seen_units = Vec::new();
    let due = local_today(now)
        .checked_add(jiff::Span::new().days(14))
        .unwrap_or_else(|_| local_today(now))
        .to_string();
    for r in open {
        if seen_units.contains(&r.unit_id) || seen_units.len() == 2 {
            continue;
        }
        let owner: Option<i64> = cairn_db::fetch_optional!(
            c,
            (i64,),
            "SELECT p.id FROM person_units pu JOIN people p ON p.id = pu.person_id \
             WHERE pu.unit_id = $1 AND p.constituency = 'staff' AND p.status = 'active' ORDER BY p.id LIMIT 1",
            r.unit_id
        )?
        .map(|(id,)| id);
        let text = match r.challenge.as_str() {
            "time_commitment" => "Ask the ward manager to name a link person for the unit",
            "getting_to_know" => "Pair each newcomer with a buddy and print name cards",
            "project_fatigue" => "Go through the overdue actions at the next community meeting",
            "carer_involvement" => "Invite carers to the next forum, with travel paid",
            "organising_payment" => "Approve the waiting claims with finance this week",
            _ => "Phone the people who left to ask what would have helped",
        };
        let id = cairn_db::playbook::insert_action(
            c,
            org,
            &cairn_db::playbook::NewAction {
                unit: r.unit_id,
                challenge: &r.challenge,
                raised_id: Some(r.id),
                text,
                owner_person_id: owner,
                due_on: &due,
            },
            "lead@demo.cairn.test",
            now,
        )
        .await?;
        if !seen_units.is_empty() {
            cairn_db::playbook::close_action(
                c,
                id,
                "Talked it through at the community meeting; the forum picks it up next month",
                "lead@demo.cairn.test",
                now,
            )
            .await?;
        }
        seen_units.push(r.unit_id);
    }
    tx.commit().await?;
    Ok(())
}

/// Today in the demo organisations' time zone.
fn local_today(now: i64) -> jiff::civil::Date {
    cairn_domain::time::local_date(
        now,
        &cairn_domain::time::time_zone(cairn_domain::time::DEFAULT_TIME_ZONE),
    )
}

/// Makes one synthetic organisation of 30 units and `size`'s people and history.
async fn build_synthetic(app: &App, index: i64, now: i64, size: Size) -> AppResult<i64> {
    let mut rng = StdRng::seed_from_u64(u64::try_from(index).unwrap_or(0) + 7);
    let mut tx = app.db.begin().await?;
    let c = &mut tx.conn();
    let org = cairn_db::units::insert_organisation(
        c,
        &format!("Synthetic Health Board {}", index + 1),
        None,
        cairn_domain::time::DEFAULT_TIME_ZONE,
        now,
    )
    .await?;
    let mut services = Vec::new();
    for s in [
        "Rehabilitation and recovery",
        "Adult inpatient",
        "Community",
    ] {
        services.push(cairn_db::units::insert_service(c, org, s, None, now).await?);
    }
    let mut units = Vec::new();
    for i in 0..30 {
        let kind = UnitType::ALL[i % UnitType::ALL.len()];
        let f = UnitFields {
            name: format!("Unit {:02}", i + 1),
            name_cy: Some(format!("Uned {:02}", i + 1)),
            service_id: services[i % services.len()],
            unit_type: kind,
            beds: Some(i64::try_from(8 + i % 12).unwrap_or(8)),
            gender_mix: GenderMix::ALL[i % 3],
            link_person_id: None,
        };
        units.push(cairn_db::units::insert_unit(c, org, &f, now).await?);
    }
    // People who claim for their time: (person, unit, constituency).
    let mut claimants: Vec<(i64, i64, Constituency)> = Vec::new();
    for i in 0..size.people {
        let k = match i % 10 {
            0..=4 => Constituency::ServiceUser,
            5..=7 => Constituency::Carer,
            8 => Constituency::Staff,
            _ => {
                if i % 20 == 9 {
                    Constituency::ThirdSector
                } else {
                    Constituency::Manager
                }
            }
        };
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let unit = units[rng.random_range(0..units.len())];
        let mut f = person(
            format!("{first} {i:04}"),
            k,
            vec![unit],
            if i % 4 == 0 {
                Language::Cy
            } else {
                Language::En
            },
            None,
        );
        f.status = [
            PersonStatus::Active,
            PersonStatus::Active,
            PersonStatus::Active,
            PersonStatus::Paused,
            PersonStatus::MovedOn,
            PersonStatus::Left,
        ][i % 6];
        let id = cairn_db::people::insert(c, org, &f, now).await?;
        if matches!(k, Constituency::ServiceUser | Constituency::Carer) && i % 3 == 0 {
            claimants.push((id, unit, k));
        }
    }
    let lead = NewUser {
        organisation_id: Some(org),
        email: &format!("lead@synthetic-{}.cairn.test", index + 1),
        password_hash: None,
        role: Role::Lead,
        person_id: None,
        locale: None,
    };
    db::insert_user(c, &lead, now).await?;
    record::<(), _>(
        c,
        &Actor::system(Some(org)),
        Some(org),
        Action::Create,
        "demo",
        Some(org),
        None,
        Some(&serde_json::json!({"units": 30, "people": size.people})),
        None,
        now,
    )
    .await?;
    // Quarterly self-assessment for every unit (two years at board scale).
    assessment_history(
        c,
        org,
        &units,
        now,
        size.quarters,
        u64::try_from(index).unwrap_or(0) + 99,
        "lead@synthetic.cairn.test",
    )
    .await?;
    // Suggestions across the board's units (20,000 over two years at board scale).
    feedback_history(
        c,
        org,
        &units,
        now,
        size.suggestions,
        size.history_days,
        u64::try_from(index).unwrap_or(0) + 7,
    )
    .await?;
    // Meetings across the board's units (over 10,000 in two years at board scale).
    let plan = meetings::Plan {
        days_back: size.history_days,
        ..meetings::Plan::board(u64::try_from(index).unwrap_or(0) + 11)
    };
    meetings::meeting_history(c, org, &units, now, &plan).await?;
    people::people_and_roles(
        c,
        org,
        &units,
        local_today(now),
        now,
        &people::Plan::board(),
        &mut rng,
    )
    .await?;
    crate::payments::add_examples(c, org, now).await?;
    claim_history(c, org, &claimants, now, size.history_days, &mut rng).await?;
    training::training_history(c, org, now, &training::Plan::board(), &mut rng, None).await?;
    surveys::survey_history(
        c,
        org,
        &units,
        local_today(now),
        now,
        &surveys::Plan::board(),
        &mut rng,
    )
    .await?;
    tx.commit().await?;
    Ok(org)
}

/// Involvement claims over the last `days`: ten per claimant, paid once more than a month
/// old, the recent ones still on their way.
async fn claim_history(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    claimants: &[(i64, i64, Constituency)],
    now: i64,
    days: i64,
    rng: &mut StdRng,
) -> AppResult<()> {
    use cairn_domain::payments::{ActivityType, ClaimStatus};
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let tz = cairn_domain::time::time_zone(cairn_domain::time::DEFAULT_TIME_ZONE);
    let mut rows = Vec::new();
    for (person, unit, k) in claimants {
        for _ in 0..10 {
            let age = rng.random_range(1..days.max(2));
            let created = now - age * DAY;
            let on = cairn_domain::time::local_date(created - DAY, &tz);
            let activity = ActivityType::ALL[rng.random_range(0..ActivityType::ALL.len())];
            let minutes = [60, 120, 180, 240, 300][rng.random_range(0..5usize)];
            let status = match age {
                0..=7 => ClaimStatus::Submitted,
                8..=14 => ClaimStatus::Approved,
                15..=30 => ClaimStatus::Authorised,
                _ => ClaimStatus::Paid,
            };
            rows.push(cairn_db::payments::BulkClaim {
                person_id: *person,
                unit_id: *unit,
                constituency: k.key().to_owned(),
                activity,
                activity_on: on.to_string(),
                minutes,
                status,
                fee_pence: if minutes >= 240 { 15000 } else { 7500 },
                created_at: created,
                paid_at: (status == ClaimStatus::Paid)
                    .then(|| created + rng.random_range(5..40i64) * DAY),
            });
        }
    }
    cairn_db::payments::insert_claims_bulk(c, org, &rows).await?;
    Ok(())
}

/// A quarter, in milliseconds.
const QUARTER_MS: i64 = 91 * 24 * 60 * 60 * 1000;

/// One unit's plan for one practice: the quarters at which it becomes planned, in progress
/// and in place, and whether it does not apply.
struct Pace {
    unit: i64,
    practice: i64,
    planned: i64,
    progress: i64,
    in_place: i64,
    not_applicable: bool,
}

impl Pace {
    fn status_at(&self, q: i64) -> cairn_domain::model::Status {
        use cairn_domain::model::Status;
        if self.not_applicable {
            Status::NotApplicable
        } else if q >= self.in_place {
            Status::InPlace
        } else if q >= self.progress {
            Status::InProgress
        } else if q >= self.planned {
            Status::Planned
        } else {
            Status::NotStarted
        }
    }
}

/// Writes `quarters` of assessment history for the units: statuses move forward at a
/// practice-by-practice pace, a baseline is taken at the first quarter and a round closed at
/// each later one; the last quarter is today and no round is open.
async fn assessment_history(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    units: &[i64],
    now: i64,
    quarters: i64,
    seed: u64,
    who: &str,
) -> AppResult<()> {
    use cairn_domain::model::{AssessmentFields, Status};
    let start = now - (quarters - 1) * QUARTER_MS;
    crate::model::ensure_model(c, org, who, start).await?;
    let practices = cairn_db::model::list_practices(c, org).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let mut plan = Vec::new();
    for u in units {
        for p in &practices {
            let planned = rng.random_range(0..quarters + 2) + (p.level - 1);
            let progress = planned + rng.random_range(0..3);
            let in_place = progress + rng.random_range(1..4);
            plan.push(Pace {
                unit: *u,
                practice: p.id,
                planned,
                progress,
                in_place,
                not_applicable: p.level == 1 && rng.random_bool(0.03),
            });
        }
    }
    for q in 0..quarters {
        let at = start + q * QUARTER_MS;
        for row in &plan {
            let status = row.status_at(q);
            let before = if q == 0 {
                Status::NotStarted
            } else {
                row.status_at(q - 1)
            };
            // Only changes are written, as people would record them; every practice gets a
            // first entry when it first moves from "not started".
            if status == before {
                continue;
            }
            let f = AssessmentFields {
                status,
                reason: (status == Status::NotApplicable)
                    .then(|| "No carers are linked to this unit at present.".to_owned()),
                evidence: (status == Status::InPlace).then(|| {
                    "Seen at the last team meeting; notes kept with the unit's records.".to_owned()
                }),
                owner_person_id: None,
                target_on: None,
                review_on: None,
            };
            cairn_db::model::set(c, org, row.unit, row.practice, &f, 1, at, who).await?;
        }
        if q < quarters - 1 {
            let (kind, name, name_cy) = if q == 0 {
                (
                    "baseline",
                    "Baseline".to_owned(),
                    "Llinell sylfaen".to_owned(),
                )
            } else {
                ("round", format!("Quarter {q}"), format!("Chwarter {q}"))
            };
            let round =
                cairn_db::model::insert_round(c, org, kind, (&name, Some(&name_cy)), 1, at, who)
                    .await?;
            cairn_db::model::close_round(c, org, round, at + 60_000, who).await?;
        }
    }
    Ok(())
}

/// Suggestions the generators use, in the words people might write: what was said and what
/// was done, each in English and Welsh. The last is written in English only, as a busy ward
/// would, so the translation list and the marked fall-back have something real to show.
struct DemoSuggestion {
    said: (&'static str, Option<&'static str>),
    did: (&'static str, Option<&'static str>),
}

const SUGGESTIONS: &[DemoSuggestion] = &[
    DemoSuggestion {
        said: (
            "Could we have a kettle in the day room?",
            Some("A allwn ni gael tegell yn yr ystafell ddydd?"),
        ),
        did: (
            "We bought a kettle for the day room.",
            Some("Prynon ni degell i'r ystafell ddydd."),
        ),
    },
    DemoSuggestion {
        said: (
            "More fresh fruit at breakfast, please.",
            Some("Mwy o ffrwythau ffres amser brecwast, os gwelwch yn dda."),
        ),
        did: (
            "Fresh fruit is now on the breakfast trolley every day.",
            Some("Mae ffrwythau ffres ar y troli brecwast bob dydd erbyn hyn."),
        ),
    },
    DemoSuggestion {
        said: (
            "The garden bench is broken.",
            Some("Mae mainc yr ardd wedi torri."),
        ),
        did: (
            "The bench was mended in the first week.",
            Some("Cafodd y fainc ei thrwsio yn yr wythnos gyntaf."),
        ),
    },
    DemoSuggestion {
        said: (
            "Can visitors come on Sunday afternoons?",
            Some("A all ymwelwyr ddod ar brynhawniau Sul?"),
        ),
        did: (
            "Visiting now includes Sunday afternoons.",
            Some("Mae'r oriau ymweld yn cynnwys prynhawniau Sul erbyn hyn."),
        ),
    },
    DemoSuggestion {
        said: (
            "A quiet room for phone calls.",
            Some("Ystafell dawel ar gyfer galwadau ffôn."),
        ),
        did: (
            "The small lounge is kept quiet for calls after 6pm.",
            Some("Mae'r lolfa fach yn cael ei chadw'n dawel ar gyfer galwadau ar ôl 6pm."),
        ),
    },
    DemoSuggestion {
        said: (
            "Welsh-language newspapers on the ward.",
            Some("Papurau newydd Cymraeg ar y ward."),
        ),
        did: (
            "We now take a Welsh-language paper every week.",
            Some("Rydym yn cael papur Cymraeg bob wythnos erbyn hyn."),
        ),
    },
    DemoSuggestion {
        said: (
            "Evening walks to the shop with staff.",
            Some("Teithiau cerdded gyda'r nos i'r siop gyda staff."),
        ),
        did: (
            "We can't do this every evening because of staffing, but there are now two walks a week.",
            Some(
                "Ni allwn wneud hyn bob nos oherwydd nifer y staff, ond mae dwy daith gerdded yr wythnos erbyn hyn.",
            ),
        ),
    },
    DemoSuggestion {
        said: ("A notice of who is on shift today.", None),
        did: ("The board by the door now shows who is on shift.", None),
    },
];

/// Writes `count` suggestions spread over the last `days` days: from every channel, most
/// reviewed and published, many answered and closed, some waiting; a few are developments
/// that needed a forum decision.
async fn feedback_history(
    c: &mut cairn_db::Conn<'_>,
    org: i64,
    units: &[i64],
    now: i64,
    count: usize,
    days: i64,
    seed: u64,
) -> AppResult<()> {
    use cairn_domain::feedback::{Channel, SuggestionFields, Visibility};
    crate::feedback::ensure_statuses(c, org).await?;
    let mut rng = StdRng::seed_from_u64(seed);
    let day = 24 * 60 * 60 * 1000;
    for i in 0..count {
        let DemoSuggestion { said, did } = &SUGGESTIONS[i % SUGGESTIONS.len()];
        let unit = if i % 10 == 9 {
            None
        } else {
            Some(units[rng.random_range(0..units.len())])
        };
        let channel = Channel::ALL[rng.random_range(0..Channel::ALL.len())];
        let received = now - rng.random_range(0..days.max(1)) * day - rng.random_range(0..day);
        let fields = SuggestionFields {
            unit_id: unit,
            text: said.0.to_owned(),
            channel,
            anonymous: rng.random_bool(0.6),
            contact: None,
            found_on: (channel == Channel::Box).then(|| {
                cairn_domain::time::local_date(
                    received,
                    &cairn_domain::time::time_zone("Europe/London"),
                )
            }),
        };
        let new = cairn_db::feedback::NewSuggestion {
            fields: &fields,
            contact_language: if i % 4 == 0 { "cy" } else { "en" },
            submitted_by_user_id: None,
            entered_by_label: matches!(channel, Channel::Box | Channel::Meeting | Channel::Survey)
                .then_some("staff@demo.cairn.test"),
            kiosk_id: None,
        };
        let id = cairn_db::feedback::insert(c, org, &new, received, "generated").await?;
        let age_days = (now - received) / day;
        // Older suggestions have moved on further; the newest are still waiting.
        if age_days > 3 && rng.random_bool(0.85) {
            let reviewed = received + day;
            cairn_db::feedback::set_visibility(
                c,
                id,
                Visibility::Published,
                (Some(said.0), said.1),
                reviewed,
            )
            .await?;
            cairn_db::feedback::add_event(
                c,
                id,
                reviewed,
                "generated",
                "published",
                None,
                None,
                Some(said.0),
            )
            .await?;
            cairn_db::feedback::move_status(
                c,
                id,
                "received",
                "considering",
                false,
                None,
                reviewed,
            )
            .await?;
            cairn_db::feedback::add_event(
                c,
                id,
                reviewed,
                "generated",
                "status",
                Some("received"),
                Some("considering"),
                None,
            )
            .await?;
            if age_days > 20 {
                let closed = received + rng.random_range(5..20) * day;
                let to = if rng.random_bool(0.85) {
                    "done"
                } else {
                    "cannot_do"
                };
                cairn_db::feedback::move_status(
                    c,
                    id,
                    "considering",
                    to,
                    true,
                    Some((Some(did.0), did.1)),
                    closed,
                )
                .await?;
                cairn_db::feedback::add_event(
                    c,
                    id,
                    closed,
                    "generated",
                    "status",
                    Some("considering"),
                    Some(to),
                    Some(did.0),
                )
                .await?;
            }
        }
        if i % 25 == 3 {
            let decided = (age_days > 30).then(|| {
                cairn_domain::time::local_date(
                    received + 14 * day,
                    &cairn_domain::time::time_zone("Europe/London"),
                )
                .to_string()
            });
            cairn_db::feedback::set_forum(
                c,
                id,
                true,
                decided.as_ref().map(|_| "approved"),
                decided.as_deref(),
                decided.as_ref().map(|_| "Service-user and carer forum"),
                received + day,
            )
            .await?;
        }
    }
    Ok(())
}
