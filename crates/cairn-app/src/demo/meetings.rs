//! Meetings for the demo and the synthetic boards: the strategy group, the service-user and
//! carer forum, a community meeting on every unit and team-building days on a few, each with
//! terms of reference in English and Welsh; a history of meetings with the standing agenda and
//! attendance measured against each group's rule (carers come rarely, so some meetings miss
//! it, less often as time goes on); decisions and actions, some overdue; and meetings in the
//! coming weeks with some replies, one of them with no carer confirmed.
//!
//! Places, agenda items, minutes, decisions and actions are written in English and Welsh,
//! except a decision and an action left in English on purpose, so the translation list has
//! something on it.
//!
//! Meetings, replies, attendance and agendas are written many rows per statement (a board
//! has over 10,000 meetings); the rest row by row. Choices come from a seeded generator, so
//! the same seed gives the same data.

use crate::audit::{Action as AuditAction, record};
use crate::{Actor, AppResult};
use cairn_db::Conn;
use cairn_db::meetings::{BulkAgendaItem, BulkHeld, BulkMeeting, BulkPerson, Group, NewMeeting};
use cairn_domain::meetings::{
    ActionStatus, Arrangement, GroupDraft, GroupKind, Presence, Reply, local_instant, month_key,
    standing_agenda,
};
use cairn_domain::people::{Constituency, PersonStatus};
use cairn_domain::time::{local_date, time_zone};
use jiff::civil::{Date, Time, Weekday, time};
use jiff::tz::TimeZone;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How much meeting history to make.
pub(super) struct Plan {
    /// How far back the history goes and how far ahead meetings are already booked, in days.
    pub days_back: i64,
    pub days_ahead: i64,
    /// Community meetings a week on each unit (weekdays, staggered from unit to unit).
    pub community_per_week: usize,
    /// The units (by position) that also have team-building days.
    pub team_building: &'static [usize],
    /// The most members of each constituency ([`Constituency::ALL`] order) on a community
    /// meeting; the unit's link person always belongs.
    pub community_caps: [usize; 5],
    pub seed: u64,
    /// Who the meetings were scheduled and recorded by.
    pub who: &'static str,
}

impl Plan {
    /// The demo: a year back, five weeks ahead, a weekly community meeting on every unit.
    pub(super) fn demo() -> Self {
        Plan {
            days_back: 365,
            days_ahead: 35,
            community_per_week: 1,
            team_building: &[2, 3],
            community_caps: [8, 4, 4, 1, 1],
            seed: 2016,
            who: "lead@demo.cairn.test",
        }
    }

    /// A board: two years back, four weeks ahead, community meetings four mornings a week on
    /// each of its units (over 10,000 meetings on 30 units).
    pub(super) fn board(seed: u64) -> Self {
        Plan {
            days_back: 730,
            days_ahead: 28,
            community_per_week: 4,
            team_building: &[0, 3, 6, 9, 12, 15, 18, 21, 24, 27],
            community_caps: [6, 2, 2, 1, 1],
            seed,
            who: "lead@synthetic.cairn.test",
        }
    }
}

/// Weekdays in order, for staggering community meetings.
const WEEKDAYS: [Weekday; 5] = [
    Weekday::Monday,
    Weekday::Tuesday,
    Weekday::Wednesday,
    Weekday::Thursday,
    Weekday::Friday,
];

/// When a group meets.
enum Cadence {
    /// The nth (1-based) given weekday of every month.
    Monthly(i8, Weekday),
    /// On these weekdays every week.
    Weekly(Vec<Weekday>),
    /// The first given weekday of January, April, July and October.
    Quarterly(Weekday),
}

impl Cadence {
    fn on(&self, d: Date) -> bool {
        match self {
            Cadence::Monthly(n, w) => d.weekday() == *w && (d.day() - 1) / 7 + 1 == *n,
            Cadence::Weekly(days) => days.contains(&d.weekday()),
            Cadence::Quarterly(w) => d.weekday() == *w && d.day() <= 7 && d.month() % 3 == 1,
        }
    }
}

/// A person the generator can put on groups.
struct Someone {
    id: i64,
    k: Constituency,
    units: Vec<i64>,
    /// Has a demo sign-in: left to reply for themselves, and preferred for actions.
    signs_in: bool,
}

/// A group's details and how its meetings run.
struct Planned {
    group: Group,
    members: Vec<(i64, Constituency, bool)>,
    cadence: Cadence,
    starts: Time,
    length_min: i64,
    /// The place in English and in Welsh.
    place: (String, String),
    online_link: Option<&'static str>,
    arrangements: String,
    decisions: &'static [Words],
    actions: &'static [(Words, Constituency)],
    /// Record a decision on every nth meeting held, an action on every mth.
    every: (usize, usize),
}

/// A text in English and in Welsh; an empty Welsh side is left for the translation list.
type Words = (&'static str, &'static str);

/// The Welsh of a text written in English and Welsh (`None` when left to translate).
fn welsh(w: &Words) -> Option<&'static str> {
    Some(w.1).filter(|cy| !cy.is_empty())
}

/// Terms of reference: (role, remit, relationships, responsibility), English then Welsh.
type Tor = ([&'static str; 4], [&'static str; 4]);

const STRATEGY_TOR: Tor = (
    [
        "Steers co-production across the service and keeps the plan moving.",
        "Agrees the co-production plan, checks progress against the model each quarter and decides how the involvement budget is spent.",
        "Hears from the service-user and carer forum and the community meetings on the units; reports to the health board's mental health management team.",
        "Members read the papers beforehand, speak for the people they represent and take the group's decisions back to them.",
    ],
    [
        "Mae'n llywio cydgynhyrchu ar draws y gwasanaeth ac yn cadw'r cynllun ar y gweill.",
        "Mae'n cytuno ar y cynllun cydgynhyrchu, yn edrych ar y cynnydd yn erbyn y model bob chwarter ac yn penderfynu sut i wario'r gyllideb ar gyfer cynnwys pobl.",
        "Mae'n clywed gan y fforwm defnyddwyr gwasanaeth a gofalwyr a chan gyfarfodydd cymunedol yr unedau; mae'n adrodd i dîm rheoli iechyd meddwl y bwrdd iechyd.",
        "Mae'r aelodau'n darllen y papurau ymlaen llaw, yn siarad ar ran y bobl maen nhw'n eu cynrychioli ac yn mynd â phenderfyniadau'r grŵp yn ôl atyn nhw.",
    ],
);

const FORUM_TOR: Tor = (
    [
        "A place where service users and carers raise what matters to them and shape the service together.",
        "Decides on suggestions that need a forum decision, chooses who sits on the strategy group and plans events.",
        "Sends two representatives to the strategy group and takes up issues from the community meetings.",
        "Members treat each other with respect, keep personal stories private and share the work of running the forum.",
    ],
    [
        "Lle i ddefnyddwyr gwasanaeth a gofalwyr godi'r hyn sy'n bwysig iddyn nhw a llunio'r gwasanaeth gyda'i gilydd.",
        "Mae'n penderfynu ar awgrymiadau sydd angen penderfyniad gan y fforwm, yn dewis pwy sy'n eistedd ar y grŵp strategaeth ac yn trefnu digwyddiadau.",
        "Mae'n anfon dau gynrychiolydd i'r grŵp strategaeth ac yn ymdrin â materion o'r cyfarfodydd cymunedol.",
        "Mae'r aelodau'n trin ei gilydd â pharch, yn cadw straeon personol yn breifat ac yn rhannu'r gwaith o redeg y fforwm.",
    ],
);

const COMMUNITY_TOR: Tor = (
    [
        "The regular meeting where everyone on the unit has a say in day-to-day life.",
        "Covers news from the unit, activities, food, the building and suggestions from the box.",
        "Passes on to the service-user and carer forum anything it cannot settle itself.",
        "Staff make sure the meeting happens and the notes go up on the board; everyone listens and takes turns.",
    ],
    [
        "Y cyfarfod rheolaidd lle mae gan bawb ar yr uned lais ym mywyd bob dydd.",
        "Mae'n trafod newyddion yr uned, gweithgareddau, bwyd, yr adeilad ac awgrymiadau o'r blwch.",
        "Mae'n trosglwyddo i'r fforwm defnyddwyr gwasanaeth a gofalwyr unrhyw beth na all ei setlo ei hun.",
        "Mae'r staff yn sicrhau bod y cyfarfod yn digwydd a bod y nodiadau'n mynd ar yr hysbysfwrdd; mae pawb yn gwrando ac yn cymryd eu tro.",
    ],
);

const TEAM_TOR: Tor = (
    [
        "Brings the unit's staff and service users together to work as one team.",
        "A half day each quarter to look back, plan ahead and try something new together.",
        "Shares its plans with the unit's community meeting and with the strategy group.",
        "The unit manager books the time and the cover; everyone takes part as equals.",
    ],
    [
        "Mae'n dod â staff a defnyddwyr gwasanaeth yr uned at ei gilydd i weithio fel un tîm.",
        "Hanner diwrnod bob chwarter i edrych yn ôl, cynllunio ymlaen a rhoi cynnig ar rywbeth newydd gyda'i gilydd.",
        "Mae'r grŵp yn rhannu ei gynlluniau â chyfarfod cymunedol yr uned ac â'r grŵp strategaeth.",
        "Mae rheolwr yr uned yn trefnu'r amser a'r staff cyflenwi; mae pawb yn cymryd rhan ar sail gyfartal.",
    ],
);

const STRATEGY_DECISIONS: &[Words] = &[
    (
        "Agreed the co-production plan for the year.",
        "Cytunwyd ar y cynllun cydgynhyrchu ar gyfer y flwyddyn.",
    ),
    (
        "Agreed to pay carers' travel to forum and strategy meetings.",
        "Cytunwyd i dalu costau teithio gofalwyr i gyfarfodydd y fforwm a'r grŵp strategaeth.",
    ),
    (
        "Agreed that every unit names a link person by the end of the quarter.",
        "Cytunwyd y bydd pob uned yn enwi person cyswllt erbyn diwedd y chwarter.",
    ),
    (
        "Agreed to hold one meeting a quarter in the evening so that carers who work can come.",
        "Cytunwyd i gynnal un cyfarfod bob chwarter gyda'r nos er mwyn i ofalwyr sy'n gweithio allu dod.",
    ),
    (
        "Agreed to share the representation figures with every community meeting.",
        "Cytunwyd i rannu'r ffigurau cynrychiolaeth â phob cyfarfod cymunedol.",
    ),
];

const FORUM_DECISIONS: &[Words] = &[
    (
        "Approved a Welsh-language newspaper on every unit.",
        "Cymeradwywyd papur newydd Cymraeg ar bob uned.",
    ),
    (
        "Chose two members to sit on the strategy group.",
        "Dewiswyd dau aelod i eistedd ar y grŵp strategaeth.",
    ),
    (
        "Agreed to plan a summer event for service users, carers and staff.",
        "Cytunwyd i gynllunio digwyddiad haf ar gyfer defnyddwyr gwasanaeth, gofalwyr a staff.",
    ),
    (
        "Asked the strategy group for a carers' drop-in before each forum.",
        "Gofynnwyd i'r grŵp strategaeth am sesiwn galw heibio i ofalwyr cyn pob fforwm.",
    ),
];

const COMMUNITY_DECISIONS: &[Words] = &[
    (
        "Agreed a rota for the tea trolley.",
        "Cytunwyd ar rota ar gyfer y troli te.",
    ),
    // Left in English on purpose: it waits on the translation list.
    ("Agreed to try a film night on Fridays.", ""),
    (
        "Agreed that the garden stays open until 8pm in the summer.",
        "Cytunwyd y bydd yr ardd ar agor tan 20:00 yn yr haf.",
    ),
    (
        "Agreed to move the suggestions box next to the front door.",
        "Cytunwyd i symud y blwch awgrymiadau i ymyl y drws ffrynt.",
    ),
];

const TEAM_DECISIONS: &[Words] = &[
    (
        "Agreed to hold the next session at the allotment.",
        "Cytunwyd i gynnal y sesiwn nesaf yn y rhandir.",
    ),
    (
        "Agreed to swap roles for a morning so staff see the unit from the other side.",
        "Cytunwyd i gyfnewid rolau am fore er mwyn i'r staff weld yr uned o'r ochr arall.",
    ),
];

const STRATEGY_ACTIONS: &[(Words, Constituency)] = &[
    (
        (
            "Write to carers about the new travel payments.",
            "Ysgrifennu at ofalwyr am y taliadau teithio newydd.",
        ),
        Constituency::Staff,
    ),
    (
        (
            "Bring the carers' survey results to the next meeting.",
            "Dod â chanlyniadau arolwg y gofalwyr i'r cyfarfod nesaf.",
        ),
        Constituency::Carer,
    ),
    (
        (
            "Find a room with a hearing loop for the evening meetings.",
            "Dod o hyd i ystafell â dolen sain ar gyfer y cyfarfodydd gyda'r nos.",
        ),
        Constituency::Staff,
    ),
    (
        (
            "Ask each unit for the name of its link person.",
            "Gofyn i bob uned am enw ei pherson cyswllt.",
        ),
        Constituency::Manager,
    ),
    (
        (
            "Tell the forum what the group decided about the budget.",
            "Dweud wrth y fforwm beth a benderfynodd y grŵp am y gyllideb.",
        ),
        Constituency::ServiceUser,
    ),
];

const FORUM_ACTIONS: &[(Words, Constituency)] = &[
    (
        (
            "Put the forum's dates on every unit's notice board.",
            "Rhoi dyddiadau'r fforwm ar hysbysfwrdd pob uned.",
        ),
        Constituency::Staff,
    ),
    (
        (
            "Ask the kitchen about fresh fruit at breakfast.",
            "Gofyn i'r gegin am ffrwythau ffres amser brecwast.",
        ),
        Constituency::ServiceUser,
    ),
    (
        (
            "Draft a welcome leaflet for new carers.",
            "Drafftio taflen groeso i ofalwyr newydd.",
        ),
        Constituency::Carer,
    ),
    (
        (
            "Find out what the local carers' centre offers.",
            "Holi beth mae'r ganolfan gofalwyr leol yn ei gynnig.",
        ),
        Constituency::ThirdSector,
    ),
];

const COMMUNITY_ACTIONS: &[(Words, Constituency)] = &[
    (
        (
            "Order a new kettle for the day room.",
            "Archebu tegell newydd ar gyfer yr ystafell ddydd.",
        ),
        Constituency::Staff,
    ),
    (
        (
            "Get the garden bench mended.",
            "Trefnu i drwsio mainc yr ardd.",
        ),
        Constituency::Staff,
    ),
    (
        (
            "Collect everyone's choices for film night.",
            "Casglu dewisiadau pawb ar gyfer y noson ffilmiau.",
        ),
        Constituency::ServiceUser,
    ),
];

// Left in English on purpose: it waits on the translation list.
const TEAM_ACTIONS: &[(Words, Constituency)] = &[(
    ("Book the allotment and the minibus for next quarter.", ""),
    Constituency::Staff,
)];

const MINUTES: &[Words] = &[
    (
        "Everyone introduced themselves. The notes of the last meeting were agreed. The actions are listed below.",
        "Cyflwynodd pawb eu hunain. Cytunwyd ar gofnodion y cyfarfod diwethaf. Mae'r camau gweithredu wedi'u rhestru isod.",
    ),
    (
        "A short meeting: two people sent apologies. The group went through the standing items and agreed the actions below.",
        "Cyfarfod byr: anfonodd dau berson ymddiheuriadau. Aeth y grŵp drwy'r eitemau sefydlog a chytunodd ar y camau gweithredu isod.",
    ),
    (
        "Tea and cake for a member's last meeting. The group thanked them for their time and agreed the actions below.",
        "Te a chacen ar gyfer cyfarfod olaf aelod. Diolchodd y grŵp iddynt am eu hamser a chytunodd ar y camau gweithredu isod.",
    ),
];

/// The groups' own standing items (kept in one language on the group) in Welsh, for the
/// agendas the demo writes.
const STANDING_CY: &[Words] = &[
    (
        "Co-production plan: progress since last time",
        "Cynllun cydgynhyrchu: y cynnydd ers y tro diwethaf",
    ),
    (
        "Involvement payments and expenses",
        "Taliadau am gymryd rhan a threuliau",
    ),
    (
        "Suggestions waiting for a forum decision",
        "Awgrymiadau sy'n aros am benderfyniad gan y fforwm",
    ),
    (
        "News from the strategy group",
        "Newyddion o'r grŵp strategaeth",
    ),
    (
        "News from the unit and activities",
        "Newyddion o'r uned a gweithgareddau",
    ),
    (
        "What has gone well since last time",
        "Beth sydd wedi mynd yn dda ers y tro diwethaf",
    ),
];

/// A standing item's Welsh, when the demo has it.
fn standing_cy(en: &str) -> Option<String> {
    STANDING_CY
        .iter()
        .find(|(e, _)| *e == en)
        .map(|(_, cy)| (*cy).to_owned())
}

#[expect(
    clippy::too_many_arguments,
    reason = "a group's details are this many facts"
)]
fn draft(
    name_en: String,
    name_cy: String,
    kind: GroupKind,
    unit: Option<i64>,
    place: (&str, &str),
    when: &str,
    tor: &Tor,
    minimums: [u32; 5],
    standing: &[&str],
) -> GroupDraft {
    GroupDraft {
        name_en,
        name_cy,
        kind: kind.key().to_owned(),
        unit_id: unit,
        usual_place: place.0.to_owned(),
        usual_place_cy: place.1.to_owned(),
        usual_time: when.to_owned(),
        tor_en: tor.0.map(str::to_owned),
        tor_cy: tor.1.map(str::to_owned),
        minimums: minimums.map(|n| if n == 0 { String::new() } else { n.to_string() }),
        standing: standing.join("\n"),
    }
}

fn arrangements(list: &[Arrangement]) -> String {
    list.iter().map(|a| a.key()).collect::<Vec<_>>().join(",")
}

/// Takes up to `caps[k]` people of each constituency from `pool`, sign-ins first, then in the
/// order given.
fn pick(pool: &[&Someone], caps: [usize; 5]) -> Vec<(i64, Constituency, bool)> {
    let mut out = Vec::new();
    for (i, k) in Constituency::ALL.iter().enumerate() {
        let of_kind = pool.iter().filter(|p| p.k == *k);
        let first: Vec<&&Someone> = of_kind.clone().filter(|p| p.signs_in).collect();
        let rest = of_kind.filter(|p| !p.signs_in);
        out.extend(
            first
                .into_iter()
                .chain(rest)
                .take(caps[i])
                .map(|p| (p.id, p.k, p.signs_in)),
        );
    }
    out
}

/// How likely a member of a constituency is to come, `t` of the way through the history (0 to
/// 1). Carers come rarely, a little more often as time goes on.
fn attend_chance(kind: GroupKind, k: Constituency, t: f64) -> f64 {
    let p = match (k, kind) {
        (Constituency::ServiceUser, GroupKind::Strategy) => 0.8,
        (Constituency::ServiceUser, _) => 0.68,
        (Constituency::Carer, GroupKind::Strategy | GroupKind::Forum) => 0.3 + 0.3 * t,
        (Constituency::Carer, _) => 0.15 + 0.25 * t,
        (Constituency::Staff, GroupKind::Forum) => 0.6,
        (Constituency::Staff, _) => 0.85,
        (Constituency::ThirdSector, _) => 0.5,
        (Constituency::Manager, GroupKind::Community) => 0.3,
        (Constituency::Manager, _) => 0.65,
    };
    f64::clamp(p, 0.0, 1.0)
}

/// Everyone of the organisation who is active, with their units.
async fn active_people(c: &mut Conn<'_>, org: i64) -> AppResult<Vec<Someone>> {
    let q = cairn_db::people::PeopleQuery {
        status: Some(PersonStatus::Active),
        limit: 1_000_000,
        ..Default::default()
    };
    let people = cairn_db::people::list(c, org, &q).await?;
    let mut out: Vec<Someone> = people
        .iter()
        .map(|p| Someone {
            id: p.id,
            k: p.constituency,
            units: Vec::new(),
            signs_in: p.email.is_some(),
        })
        .collect();
    let ids: Vec<i64> = out.iter().map(|p| p.id).collect();
    let mut units = Vec::new();
    for chunk in ids.chunks(500) {
        units.extend(cairn_db::people::units_of(c, chunk).await?);
    }
    for p in &mut out {
        p.units = units
            .iter()
            .filter(|(person, _)| *person == p.id)
            .map(|(_, u)| *u)
            .collect();
    }
    Ok(out)
}

async fn add_group(
    c: &mut Conn<'_>,
    org: i64,
    d: &GroupDraft,
    now: i64,
    members: &[(i64, Constituency, bool)],
) -> AppResult<Group> {
    let fields = d.validate()?;
    let id = cairn_db::meetings::insert_group(c, org, &fields, now).await?;
    for (person, _, _) in members {
        cairn_db::meetings::add_member(c, id, *person).await?;
    }
    cairn_db::meetings::get_group(c, org, id)
        .await?
        .ok_or(crate::AppError::NotFound)
}

/// The groups of an organisation, with their members and how they meet.
async fn make_groups(
    c: &mut Conn<'_>,
    org: i64,
    units: &[i64],
    people: &[Someone],
    plan: &Plan,
    start: i64,
) -> AppResult<Vec<Planned>> {
    let everyone: Vec<&Someone> = people.iter().collect();
    let mut out = Vec::new();

    let members = pick(&everyone, [3, 2, 3, 1, 2]);
    let d = draft(
        "Strategy group".into(),
        "Grŵp strategaeth".into(),
        GroupKind::Strategy,
        None,
        (
            "Meeting room 2, main building (or join online)",
            "Ystafell gyfarfod 2, y prif adeilad (neu ymunwch ar-lein)",
        ),
        "First Tuesday of the month, 2pm to 4pm",
        &STRATEGY_TOR,
        [1, 1, 0, 0, 0],
        &[
            "Co-production plan: progress since last time",
            "Involvement payments and expenses",
        ],
    );
    out.push(Planned {
        group: add_group(c, org, &d, start, &members).await?,
        members,
        cadence: Cadence::Monthly(1, Weekday::Tuesday),
        starts: time(14, 0, 0, 0),
        length_min: 120,
        place: (
            "Meeting room 2, main building".into(),
            "Ystafell gyfarfod 2, y prif adeilad".into(),
        ),
        online_link: Some("https://meet.demo.cairn.test/strategy-group"),
        arrangements: arrangements(&[
            Arrangement::Refreshments,
            Arrangement::Breaks,
            Arrangement::EasyRead,
        ]),
        decisions: STRATEGY_DECISIONS,
        actions: STRATEGY_ACTIONS,
        every: (1, 1),
    });

    let members = pick(&everyone, [10, 6, 1, 2, 0]);
    let d = draft(
        "Service-user and carer forum".into(),
        "Fforwm defnyddwyr gwasanaeth a gofalwyr".into(),
        GroupKind::Forum,
        None,
        (
            "Day room, the resource centre",
            "Ystafell ddydd, y ganolfan adnoddau",
        ),
        "Second Thursday of the month, 1.30pm to 3pm",
        &FORUM_TOR,
        [2, 1, 0, 0, 0],
        &[
            "Suggestions waiting for a forum decision",
            "News from the strategy group",
        ],
    );
    out.push(Planned {
        group: add_group(c, org, &d, start, &members).await?,
        members,
        cadence: Cadence::Monthly(2, Weekday::Thursday),
        starts: time(13, 30, 0, 0),
        length_min: 90,
        place: (
            "Day room, the resource centre".into(),
            "Ystafell ddydd, y ganolfan adnoddau".into(),
        ),
        online_link: None,
        arrangements: arrangements(&[
            Arrangement::Refreshments,
            Arrangement::Breaks,
            Arrangement::QuietSpace,
            Arrangement::EasyRead,
        ]),
        decisions: FORUM_DECISIONS,
        actions: FORUM_ACTIONS,
        every: (1, 1),
    });

    for (i, unit_id) in units.iter().enumerate() {
        let unit = cairn_db::units::get_unit(c, org, *unit_id).await?;
        let name_cy = unit.name_cy.clone().unwrap_or_else(|| unit.name.clone());
        let here: Vec<&Someone> = people
            .iter()
            .filter(|p| p.units.contains(unit_id))
            .collect();
        let mut members = pick(&here, plan.community_caps);
        if let Some(link) = unit.link_person_id
            && !members.iter().any(|m| m.0 == link)
            && let Some(p) = people.iter().find(|p| p.id == link)
        {
            members.push((p.id, p.k, p.signs_in));
        }
        let days: Vec<Weekday> = (0..plan.community_per_week.clamp(1, 5))
            .map(|n| WEEKDAYS[(i + n) % WEEKDAYS.len()])
            .collect();
        let when = format!(
            "{} at 10.30am",
            days.iter()
                .map(|d| format!("{d:?}s"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        // The place in each language, from the unit's name in that language.
        let place = (
            format!("Lounge, {}", unit.name),
            format!("Lolfa, {name_cy}"),
        );
        let d = draft(
            format!("Community meeting – {}", unit.name),
            format!("Cyfarfod cymunedol – {name_cy}"),
            GroupKind::Community,
            Some(*unit_id),
            (&place.0, &place.1),
            &when,
            &COMMUNITY_TOR,
            [1, 1, 0, 0, 0],
            &["News from the unit and activities"],
        );
        out.push(Planned {
            group: add_group(c, org, &d, start, &members).await?,
            members,
            cadence: Cadence::Weekly(days),
            starts: time(10, 30, 0, 0),
            length_min: if plan.community_per_week > 1 { 45 } else { 60 },
            place,
            online_link: None,
            arrangements: arrangements(&[Arrangement::Refreshments]),
            decisions: COMMUNITY_DECISIONS,
            actions: COMMUNITY_ACTIONS,
            every: (8, 12),
        });
        if plan.team_building.contains(&i) {
            let mut members = pick(&here, [6, 0, 4, 0, 1]);
            if let Some(link) = unit.link_person_id
                && !members.iter().any(|m| m.0 == link)
                && let Some(p) = people.iter().find(|p| p.id == link)
            {
                members.push((p.id, p.k, p.signs_in));
            }
            let d = draft(
                format!("Team-building days – {}", unit.name),
                format!("Diwrnodau meithrin tîm – {name_cy}"),
                GroupKind::TeamBuilding,
                Some(*unit_id),
                (
                    "Training room, main building",
                    "Ystafell hyfforddi, y prif adeilad",
                ),
                "First Wednesday of January, April, July and October, 1pm to 4.30pm",
                &TEAM_TOR,
                [1, 0, 2, 0, 0],
                &["What has gone well since last time"],
            );
            out.push(Planned {
                group: add_group(c, org, &d, start, &members).await?,
                members,
                cadence: Cadence::Quarterly(Weekday::Wednesday),
                starts: time(13, 0, 0, 0),
                length_min: 210,
                place: (
                    "Training room, main building".into(),
                    "Ystafell hyfforddi, y prif adeilad".into(),
                ),
                online_link: None,
                arrangements: arrangements(&[Arrangement::Refreshments, Arrangement::Breaks]),
                decisions: TEAM_DECISIONS,
                actions: TEAM_ACTIONS,
                every: (1, 2),
            });
        }
    }
    Ok(out)
}

/// One meeting to write: which group, when, and (for meetings held) who came.
struct Occasion {
    group: usize,
    starts_at: i64,
    ends_at: i64,
    month: String,
    /// (person, constituency, presence) for every member, once held.
    presence: Vec<(i64, Constituency, Presence)>,
    held: Option<BulkHeld>,
    /// Nth meeting held of its group (for decisions and actions).
    nth: usize,
}

/// Writes the groups and their meetings for an organisation (see the module's introduction).
pub(super) async fn meeting_history(
    c: &mut Conn<'_>,
    org: i64,
    units: &[i64],
    now: i64,
    plan: &Plan,
) -> AppResult<()> {
    let tz: TimeZone = time_zone(&cairn_db::units::get_organisation(c, org).await?.time_zone);
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let today = local_date(now, &tz);
    let first_day = today
        .checked_sub(jiff::Span::new().days(plan.days_back))
        .unwrap_or(today);
    let last_day = today
        .checked_add(jiff::Span::new().days(plan.days_ahead))
        .unwrap_or(today);
    let history_starts = local_instant(first_day, Time::midnight(), &tz);
    let people = active_people(c, org).await?;
    let groups = make_groups(c, org, units, &people, plan, history_starts - 30 * DAY).await?;

    // Every meeting in date order.
    let mut occasions = Vec::new();
    let mut held_so_far = vec![0usize; groups.len()];
    let mut day = first_day;
    while day <= last_day {
        for (gi, g) in groups.iter().enumerate() {
            if !g.cadence.on(day) {
                continue;
            }
            let starts_at = local_instant(day, g.starts, &tz);
            let ends_at = starts_at + g.length_min * MINUTE;
            let mut o = Occasion {
                group: gi,
                starts_at,
                ends_at,
                month: month_key(local_date(starts_at, &tz)),
                presence: Vec::new(),
                held: None,
                nth: held_so_far[gi],
            };
            if ends_at < now {
                held_so_far[gi] += 1;
                let t = (starts_at - history_starts) as f64 / (now - history_starts).max(1) as f64;
                let mut present = Vec::new();
                for (person, k, _) in &g.members {
                    let presence = if rng.random_bool(attend_chance(g.group.kind, *k, t)) {
                        present.push(*k);
                        Presence::Attended
                    } else if rng.random_bool(0.5) {
                        Presence::Apologies
                    } else {
                        Presence::Absent
                    };
                    o.presence.push((*person, *k, presence));
                }
                let others = match g.group.kind {
                    GroupKind::Community => rng.random_range(0..3),
                    GroupKind::Forum => rng.random_range(0..4),
                    _ => rng.random_range(0..2),
                };
                let eval = g.group.rule().evaluate(&present);
                o.held = Some(BulkHeld {
                    counts: eval.counts,
                    others,
                    met: eval.met,
                    recorded_at: (ends_at + rng.random_range(1..5) * HOUR).min(now),
                });
            }
            occasions.push(o);
        }
        let Ok(next) = day.tomorrow() else { break };
        day = next;
    }

    // The meetings themselves.
    let by = plan.who;
    let rows: Vec<BulkMeeting<'_>> = occasions
        .iter()
        .map(|o| {
            let g = &groups[o.group];
            let minutes = match (g.group.kind, &o.held) {
                (GroupKind::Strategy | GroupKind::Forum | GroupKind::TeamBuilding, Some(_)) => {
                    Some(&MINUTES[o.nth % MINUTES.len()])
                }
                _ => None,
            };
            BulkMeeting {
                new: NewMeeting {
                    group: &g.group,
                    starts_at: o.starts_at,
                    ends_at: o.ends_at,
                    month: &o.month,
                    place: Some(&g.place.0),
                    place_cy: Some(&g.place.1),
                    online_link: g.online_link,
                    arrangements: &g.arrangements,
                    by,
                },
                minutes: minutes.map(|m| m.0.to_owned()),
                minutes_cy: minutes.and_then(welsh).map(str::to_owned),
                held: o.held.clone(),
                created_at: (o.starts_at - 21 * DAY).min(now - 3 * DAY),
            }
        })
        .collect();
    let ids = cairn_db::meetings::insert_meetings_bulk(c, &rows).await?;
    drop(rows);

    // Agendas: the standing items, then the group's own; forum meetings also take the
    // suggestions waiting for a forum decision, titled with their public wording (or, until
    // there is any, the words as written, in their language).
    let short = |t: Option<String>| t.map(|t| t.chars().take(200).collect::<String>());
    let forum_suggestions: Vec<(i64, i64, Option<String>, Option<String>)> =
        cairn_db::feedback::list(
            c,
            org,
            &cairn_db::feedback::SuggestionQuery {
                limit: 5000,
                ..Default::default()
            },
        )
        .await?
        .into_iter()
        .filter(|s| s.needs_forum)
        .map(|s| {
            let (en, cy) = if s.public_text.is_some() || s.public_text_cy.is_some() {
                (s.public_text, s.public_text_cy)
            } else if s.contact_language == "cy" {
                (None, Some(s.text))
            } else {
                (Some(s.text), None)
            };
            (s.id, s.received_at, short(en), short(cy))
        })
        .collect();
    let mut agenda = Vec::new();
    let mut forum_meetings: Vec<(i64, i64, i64)> = Vec::new();
    for (o, id) in occasions.iter().zip(&ids) {
        let g = &groups[o.group];
        let items = standing_agenda(&g.group.standing());
        let next = i64::try_from(items.len()).unwrap_or(0) + 1;
        for (pos, (standing, title)) in items.into_iter().enumerate() {
            agenda.push(BulkAgendaItem {
                meeting_id: *id,
                position: i64::try_from(pos).unwrap_or(0) + 1,
                standing: standing.map(|s| s.key()),
                title_cy: title.as_deref().and_then(standing_cy),
                title,
                suggestion_id: None,
            });
        }
        if g.group.kind == GroupKind::Forum {
            forum_meetings.push((*id, o.starts_at, next));
        }
    }
    // Each suggestion goes on the first forum meeting at least a day after it came in.
    for (sid, received, en, cy) in &forum_suggestions {
        if let Some(m) = forum_meetings
            .iter_mut()
            .find(|(_, starts, _)| *starts > received + DAY)
        {
            agenda.push(BulkAgendaItem {
                meeting_id: m.0,
                position: m.2,
                standing: None,
                title: en.clone(),
                title_cy: cy.clone(),
                suggestion_id: Some(*sid),
            });
            m.2 += 1;
        }
    }
    cairn_db::meetings::insert_agenda_bulk(c, &agenda).await?;
    drop(agenda);

    // Attendance for the meetings held; replies for those to come. People with a demo
    // sign-in are left to reply for themselves. On the first strategy meeting to come no
    // carer has confirmed, so the warning shows.
    let mut lines = Vec::new();
    let mut warned = false;
    for (o, id) in occasions.iter().zip(&ids) {
        let g = &groups[o.group];
        let length = (o.ends_at - o.starts_at) / MINUTE;
        if o.held.is_some() {
            for (person, k, presence) in &o.presence {
                let reply = match presence {
                    Presence::Apologies if rng.random_bool(0.8) => Some(Reply::Apologies),
                    Presence::Attended if rng.random_bool(0.4) => Some(Reply::Confirmed),
                    _ => None,
                };
                lines.push(BulkPerson {
                    meeting_id: *id,
                    person_id: *person,
                    constituency: *k,
                    reply: reply.map(|r| {
                        (
                            r.key(),
                            o.starts_at - rng.random_range(1..6) * DAY,
                            by.to_owned(),
                        )
                    }),
                    presence: Some(presence.key()),
                    minutes: (*presence == Presence::Attended).then_some(length),
                });
            }
            continue;
        }
        let no_carer = !warned && g.group.kind == GroupKind::Strategy;
        warned |= no_carer;
        let soon = o.starts_at - now < 7 * DAY;
        for (person, k, signs_in) in &g.members {
            if *signs_in || !rng.random_bool(if soon { 0.6 } else { 0.3 }) {
                continue;
            }
            let comes = rng.random_bool(attend_chance(g.group.kind, *k, 1.0));
            let reply = if comes && !(no_carer && *k == Constituency::Carer) {
                Reply::Confirmed
            } else {
                Reply::Apologies
            };
            lines.push(BulkPerson {
                meeting_id: *id,
                person_id: *person,
                constituency: *k,
                reply: Some((
                    reply.key(),
                    now - rng.random_range(1..48) * HOUR,
                    by.to_owned(),
                )),
                presence: None,
                minutes: None,
            });
        }
    }
    cairn_db::meetings::insert_meeting_people_bulk(c, &lines).await?;
    let attendance_lines = lines.len();
    drop(lines);

    // Decisions and actions on some of the meetings held. Actions due well before today are
    // done (a few dropped); later ones are still open, and those past their date are overdue.
    let done_before = today
        .checked_sub(jiff::Span::new().days(45))
        .unwrap_or(today);
    let (mut decisions, mut actions) = (0usize, 0usize);
    for (o, id) in occasions.iter().zip(&ids) {
        let Some(held) = &o.held else { continue };
        let g = &groups[o.group];
        if o.nth % g.every.0 == 0 {
            let text = &g.decisions[(o.nth / g.every.0 + o.group) % g.decisions.len()];
            cairn_db::meetings::add_decision(c, *id, text.0, welsh(text), held.recorded_at, by)
                .await?;
            decisions += 1;
        }
        if o.nth % g.every.1 != g.every.1 / 2 {
            continue;
        }
        let (text, wanted) = &g.actions[(o.nth / g.every.1 + o.group) % g.actions.len()];
        let wanted = *wanted;
        // The constituency the action suits; failing that, staff; failing that, anyone.
        let of = |ks: &[Constituency]| -> Vec<&(i64, Constituency, bool)> {
            g.members.iter().filter(|m| ks.contains(&m.1)).collect()
        };
        let mut pool = of(&[wanted]);
        if pool.is_empty() {
            pool = of(&[Constituency::Staff, Constituency::Manager]);
        }
        if pool.is_empty() {
            pool = g.members.iter().collect();
        }
        let Some(owner) = (if rng.random_bool(0.5) {
            pool.iter().find(|m| m.2).copied()
        } else {
            None
        })
        .or_else(|| pool.get(rng.random_range(0..pool.len().max(1))).copied()) else {
            continue;
        };
        let due = local_date(o.starts_at, &tz)
            .checked_add(jiff::Span::new().days(rng.random_range(2..5) * 7))
            .unwrap_or(today);
        let action = cairn_db::meetings::add_action(
            c,
            org,
            *id,
            text.0,
            welsh(text),
            owner.0,
            &due.to_string(),
            held.recorded_at,
        )
        .await?;
        actions += 1;
        if due < done_before {
            let status = if rng.random_bool(0.1) {
                ActionStatus::Dropped
            } else {
                ActionStatus::Done
            };
            let at = local_instant(due, time(12, 0, 0, 0), &tz) - rng.random_range(0..10) * DAY;
            cairn_db::meetings::set_action_status(
                c,
                action,
                status.key(),
                at.max(held.recorded_at),
            )
            .await?;
        }
    }

    let held = occasions.iter().filter(|o| o.held.is_some()).count();
    record::<(), _>(
        c,
        &Actor::system(Some(org)),
        Some(org),
        AuditAction::Create,
        "demo_meetings",
        Some(org),
        None,
        Some(&serde_json::json!({
            "groups": groups.len(),
            "meetings": occasions.len(),
            "held": held,
            "attendance_lines": attendance_lines,
            "decisions": decisions,
            "actions": actions,
        })),
        None,
        now,
    )
    .await?;
    Ok(())
}
