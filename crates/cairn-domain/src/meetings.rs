//! Meetings and representation: groups with terms of reference (the "4 Rs": role, remit,
//! relationships, responsibility), meetings with accessible arrangements and an agenda that
//! always starts with representation and always carries service-user and carer issues, who
//! came (by constituency), and the representation rule a meeting is measured against.
//!
//! The rule: a group names, for each constituency, the fewest people of it who must be there.
//! A meeting meets the rule when every constituency with a minimum has at least that many
//! among the people who attended (or, before the meeting, among those who confirmed).
//!
//! What the organisation writes for people to read (a group's usual place, a meeting's place,
//! agenda items, minutes, decisions and actions) is written in English, Welsh or both: each
//! side is checked with the same limit, and a required text needs at least one of them.

use crate::keyed_enum;
use crate::people::Constituency;
use crate::time::{DateParts, parse_date_parts};
use crate::translation::Bilingual;
use crate::validation::{FieldErrors, optional_text, required_text};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

keyed_enum!(
    /// What kind of group it is. Labels in Fluent (`meetings-kind-…`).
    GroupKind, "meetings-kind", {
        Strategy => "strategy",
        Forum => "forum",
        Community => "community",
        TeamBuilding => "team_building",
        Other => "other",
    }
);

keyed_enum!(
    /// A person's answer before a meeting.
    Reply, "meetings-reply", {
        Confirmed => "confirmed",
        Apologies => "apologies",
    }
);

keyed_enum!(
    /// What happened on the day, per person.
    Presence, "meetings-presence", {
        Attended => "attended",
        Apologies => "apologies",
        Absent => "absent",
    }
);

keyed_enum!(
    /// Arrangements that make a meeting possible to come to.
    Arrangement, "meetings-arrangement", {
        Refreshments => "refreshments",
        Breaks => "breaks",
        QuietSpace => "quiet_space",
        EasyRead => "easy_read",
        Interpreter => "interpreter",
    }
);

keyed_enum!(
    /// Where an action is.
    ActionStatus, "meetings-action-status", {
        Open => "open",
        Done => "done",
        Dropped => "dropped",
    }
);

keyed_enum!(
    /// The agenda items every meeting carries, in this order, before anything else.
    StandingItem, "meetings-standing", {
        Representation => "representation",
        Issues => "su_carer_issues",
    }
);

/// The most people of one constituency a rule can ask for.
pub const RULE_MAX: u32 = 50;
/// Longest group name.
pub const NAME_MAX: usize = 120;
/// Longest "R" of the terms of reference, per language.
pub const TOR_MAX: usize = 4000;
/// Longest place, usual time or agenda item.
pub const SHORT_MAX: usize = 200;
/// Longest online link.
pub const LINK_MAX: usize = 500;
/// Longest minutes.
pub const MINUTES_MAX: usize = 20_000;
/// Longest action or decision.
pub const ACTION_MAX: usize = 1000;
/// Most extra standing items a group can have.
pub const STANDING_MAX: usize = 12;

/// Checks a text written in English, Welsh or both: each side on its own field (`field` for
/// the English, `{field}_cy` for the Welsh) against `max`; when `required` is given, an empty
/// text is refused with it on `field`.
pub fn check_text(
    e: &mut FieldErrors,
    field: &str,
    text: &Bilingual,
    max: usize,
    required: Option<&'static str>,
) {
    text.check(e, field, max, "meetings-error-too-long");
    if let Some(code) = required
        && text.is_empty()
    {
        e.add(field, code);
    }
}

/// People per constituency, in [`Constituency::ALL`] order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts(pub [u32; 5]);

impl Counts {
    fn index(c: Constituency) -> usize {
        Constituency::ALL.iter().position(|x| *x == c).unwrap_or(0)
    }

    /// Counts a list of constituencies.
    pub fn of(people: &[Constituency]) -> Self {
        let mut n = Counts::default();
        for c in people {
            n.0[Self::index(*c)] += 1;
        }
        n
    }

    /// How many of one constituency.
    pub fn get(&self, c: Constituency) -> u32 {
        self.0[Self::index(c)]
    }

    /// Sets the count of one constituency.
    pub fn set(&mut self, c: Constituency, n: u32) {
        self.0[Self::index(c)] = n;
    }

    /// Everyone counted.
    pub fn total(&self) -> u32 {
        self.0.iter().sum()
    }
}

/// The fewest people of each constituency a meeting needs. Zero means "not required".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule(pub Counts);

impl Default for Rule {
    /// At least one service user and at least one carer.
    fn default() -> Self {
        let mut c = Counts::default();
        c.set(Constituency::ServiceUser, 1);
        c.set(Constituency::Carer, 1);
        Rule(c)
    }
}

/// A rule applied to the people present.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub met: bool,
    pub counts: Counts,
    /// Constituencies short of their minimum: (constituency, how many more are needed).
    pub short: Vec<(Constituency, u32)>,
}

impl Rule {
    /// True when the rule asks for nobody.
    pub fn is_empty(&self) -> bool {
        self.0.total() == 0
    }

    /// The constituencies the rule asks for, with their minimums.
    pub fn required(&self) -> Vec<(Constituency, u32)> {
        Constituency::ALL
            .iter()
            .map(|c| (*c, self.0.get(*c)))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Evaluates the rule for the people present (or confirmed).
    pub fn evaluate(&self, present: &[Constituency]) -> Evaluation {
        let counts = Counts::of(present);
        self.evaluate_counts(counts)
    }

    /// Evaluates the rule for counts already made.
    pub fn evaluate_counts(&self, counts: Counts) -> Evaluation {
        let short: Vec<(Constituency, u32)> = self
            .required()
            .into_iter()
            .filter_map(|(c, min)| {
                let have = counts.get(c);
                (have < min).then(|| (c, min - have))
            })
            .collect();
        Evaluation {
            met: short.is_empty(),
            counts,
            short,
        }
    }
}

/// A group as typed.
#[derive(Debug, Clone, Default)]
pub struct GroupDraft {
    pub name_en: String,
    pub name_cy: String,
    pub kind: String,
    pub unit_id: Option<i64>,
    pub usual_place: String,
    /// The usual place in Welsh (either or both may be written).
    pub usual_place_cy: String,
    pub usual_time: String,
    /// Role, remit, relationships, responsibility — English then Welsh.
    pub tor_en: [String; 4],
    pub tor_cy: [String; 4],
    /// Minimums per constituency in [`Constituency::ALL`] order, as typed.
    pub minimums: [String; 5],
    /// Extra standing items, one per line.
    pub standing: String,
}

/// The four Rs, as field names.
pub const TOR_FIELDS: [&str; 4] = ["role", "remit", "relationships", "responsibility"];

/// A group once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFields {
    pub name_en: String,
    pub name_cy: String,
    pub kind: GroupKind,
    pub unit_id: Option<i64>,
    /// The usual place in English, Welsh or both (or neither).
    pub usual_place: Bilingual,
    pub usual_time: Option<String>,
    pub tor_en: [Option<String>; 4],
    pub tor_cy: [Option<String>; 4],
    pub rule: Rule,
    pub standing: Vec<String>,
}

impl GroupDraft {
    /// Checks every field. Each "R" is written in both languages or left for later in both.
    pub fn validate(&self) -> Result<GroupFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let name_en = required_text(
            &mut e,
            "name_en",
            &self.name_en,
            NAME_MAX,
            "meetings-error-name-en",
            "meetings-error-too-long",
        );
        let name_cy = required_text(
            &mut e,
            "name_cy",
            &self.name_cy,
            NAME_MAX,
            "meetings-error-name-cy",
            "meetings-error-too-long",
        );
        let kind = GroupKind::parse(self.kind.trim());
        if kind.is_none() {
            e.add("kind", "meetings-error-kind");
        }
        let usual_place = Bilingual::new(Some(&self.usual_place), Some(&self.usual_place_cy));
        check_text(&mut e, "usual_place", &usual_place, SHORT_MAX, None);
        let usual_time = optional_text(
            &mut e,
            "usual_time",
            Some(&self.usual_time),
            SHORT_MAX,
            "meetings-error-too-long",
        );
        let mut tor_en: [Option<String>; 4] = Default::default();
        let mut tor_cy: [Option<String>; 4] = Default::default();
        for (i, name) in TOR_FIELDS.iter().enumerate() {
            let en_field = format!("{name}_en");
            let cy_field = format!("{name}_cy");
            tor_en[i] = optional_text(
                &mut e,
                &en_field,
                Some(&self.tor_en[i]),
                TOR_MAX,
                "meetings-error-too-long",
            );
            tor_cy[i] = optional_text(
                &mut e,
                &cy_field,
                Some(&self.tor_cy[i]),
                TOR_MAX,
                "meetings-error-too-long",
            );
            match (&tor_en[i], &tor_cy[i]) {
                (Some(_), None) => e.add(&cy_field, "meetings-error-tor-cy"),
                (None, Some(_)) => e.add(&en_field, "meetings-error-tor-en"),
                _ => {}
            }
        }
        let mut counts = Counts::default();
        for (i, c) in Constituency::ALL.iter().enumerate() {
            let raw = self.minimums[i].trim();
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<u32>() {
                Ok(n) if n <= RULE_MAX => counts.set(*c, n),
                _ => e.add(&format!("min_{}", c.key()), "meetings-error-minimum"),
            }
        }
        let standing: Vec<String> = self
            .standing
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if standing.len() > STANDING_MAX || standing.iter().any(|l| l.chars().count() > SHORT_MAX) {
            e.add("standing", "meetings-error-standing");
        }
        match (e.is_empty(), kind) {
            (true, Some(kind)) => Ok(GroupFields {
                name_en,
                name_cy,
                kind,
                unit_id: self.unit_id,
                usual_place,
                usual_time,
                tor_en,
                tor_cy,
                rule: Rule(counts),
                standing,
            }),
            _ => Err(e),
        }
    }
}

/// A meeting as typed: a date, a start and end time on the organisation's clock, a place or
/// an online link, and the arrangements offered.
#[derive(Debug, Clone, Default)]
pub struct MeetingDraft {
    pub on: DateParts,
    pub starts: String,
    pub ends: String,
    pub place: String,
    /// The place in Welsh (either or both may be written).
    pub place_cy: String,
    pub online_link: String,
    pub arrangements: Vec<String>,
}

/// A meeting once checked, with its instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFields {
    pub starts_at: i64,
    pub ends_at: i64,
    /// The place in English, Welsh or both; empty only for a meeting that is online.
    pub place: Bilingual,
    pub online_link: Option<String>,
    pub arrangements: Vec<Arrangement>,
}

/// Reads "14:30" or "9:05" (24-hour clock).
pub fn parse_clock(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once([':', '.'])?;
    if m.len() != 2 || h.is_empty() || h.len() > 2 {
        return None;
    }
    let h: i8 = h.parse().ok()?;
    let m: i8 = m.parse().ok()?;
    Time::new(h, m, 0, 0).ok()
}

/// The instant (UTC milliseconds) of a wall-clock time on a date in `tz`. In the hour that
/// does not exist when clocks go forward, the later reading is used; in the hour that happens
/// twice when they go back, the earlier.
pub fn local_instant(date: Date, time: Time, tz: &TimeZone) -> i64 {
    date.to_datetime(time)
        .to_zoned(tz.clone())
        .map(|z| z.timestamp().as_millisecond())
        .unwrap_or(0)
}

/// True for an `https://` link with a host and no spaces.
pub fn looks_like_link(s: &str) -> bool {
    s.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/') && !rest.contains(' '))
}

/// Reads the ticked arrangements, refusing any key Cairn does not know.
fn checked_arrangements(e: &mut FieldErrors, raw: &[String]) -> Vec<Arrangement> {
    let mut out = Vec::new();
    for r in raw {
        match Arrangement::parse(r.trim()) {
            Some(a) if !out.contains(&a) => out.push(a),
            Some(_) => {}
            None => e.add("arrangements", "meetings-error-arrangement"),
        }
    }
    out
}

impl MeetingDraft {
    /// Checks every field; times are read on `tz`'s clock.
    pub fn validate(&self, tz: &TimeZone) -> Result<MeetingFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = parse_date_parts(&mut e, "on", &self.on, None);
        if self.on.is_blank() {
            e.add("on", "meetings-error-date");
        }
        let starts = parse_clock(&self.starts);
        if starts.is_none() {
            e.add("starts", "meetings-error-time");
        }
        let ends = parse_clock(&self.ends);
        if ends.is_none() {
            e.add("ends", "meetings-error-time");
        }
        if let (Some(s), Some(en)) = (starts, ends)
            && en <= s
        {
            e.add("ends", "meetings-error-ends");
        }
        let place = Bilingual::new(Some(&self.place), Some(&self.place_cy));
        check_text(&mut e, "place", &place, SHORT_MAX, None);
        let online_link = optional_text(
            &mut e,
            "online_link",
            Some(&self.online_link),
            LINK_MAX,
            "meetings-error-too-long",
        );
        if let Some(l) = &online_link
            && !looks_like_link(l)
        {
            e.add("online_link", "meetings-error-link");
        }
        if place.is_empty() && online_link.is_none() {
            e.add("place", "meetings-error-place");
        }
        let arrangements = checked_arrangements(&mut e, &self.arrangements);
        match (e.is_empty(), date, starts, ends) {
            (true, Some(d), Some(s), Some(en)) => Ok(MeetingFields {
                starts_at: local_instant(d, s, tz),
                ends_at: local_instant(d, en, tz),
                place,
                online_link,
                arrangements,
            }),
            _ => Err(e),
        }
    }
}

/// The agenda a new meeting starts with: the standing items in order, then the group's own.
pub fn standing_agenda(group_items: &[String]) -> Vec<(Option<StandingItem>, Option<String>)> {
    let mut out: Vec<(Option<StandingItem>, Option<String>)> =
        StandingItem::ALL.iter().map(|s| (Some(*s), None)).collect();
    out.extend(group_items.iter().map(|t| (None, Some(t.clone()))));
    out
}

/// "2026-07" for a month.
pub fn month_key(d: Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

/// "2026-Q3" for the quarter a month key falls in; `None` for a malformed key.
pub fn quarter_key(month: &str) -> Option<String> {
    let (y, m) = month.split_once('-')?;
    let m: u8 = m.parse().ok()?;
    if !(1..=12).contains(&m) || y.len() != 4 {
        return None;
    }
    Some(format!("{y}-Q{}", (m - 1) / 3 + 1))
}

/// Calendar invitations (RFC 5545).
pub mod ics {
    use jiff::Timestamp;

    /// One event to put in a calendar.
    #[derive(Debug, Clone)]
    pub struct Event {
        /// Globally unique and stable for this meeting, so a second download updates it.
        pub uid: String,
        pub stamp_ms: i64,
        pub starts_ms: i64,
        pub ends_ms: i64,
        pub summary: String,
        pub location: Option<String>,
        pub description: Option<String>,
        pub url: Option<String>,
        /// Bumped whenever the meeting changes, so calendars take the new version.
        pub sequence: i64,
        pub cancelled: bool,
    }

    /// TEXT escaping: backslash, semicolon, comma and line breaks.
    pub fn escape(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    out.push_str("\\n");
                }
                '\n' => out.push_str("\\n"),
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    /// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
    pub fn fold(line: &str) -> String {
        let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
        let mut width = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if width + n > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += n;
        }
        out.push_str("\r\n");
        out
    }

    /// An instant as a UTC DATE-TIME (`20260715T130000Z`).
    pub fn utc(ms: i64) -> String {
        let t = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
        t.strftime("%Y%m%dT%H%M%SZ").to_string()
    }

    /// A whole calendar with one event.
    pub fn calendar(e: &Event) -> String {
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Cairn//Meetings//EN".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "METHOD:PUBLISH".to_owned(),
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{}", utc(e.stamp_ms)),
            format!("DTSTART:{}", utc(e.starts_ms)),
            format!("DTEND:{}", utc(e.ends_ms)),
            format!("SEQUENCE:{}", e.sequence.max(0)),
            format!("SUMMARY:{}", escape(&e.summary)),
        ];
        if let Some(l) = &e.location {
            lines.push(format!("LOCATION:{}", escape(l)));
        }
        if let Some(d) = &e.description {
            lines.push(format!("DESCRIPTION:{}", escape(d)));
        }
        if let Some(u) = &e.url {
            lines.push(format!("URL:{}", u.replace(['\r', '\n'], "")));
        }
        lines.push(
            if e.cancelled {
                "STATUS:CANCELLED"
            } else {
                "STATUS:CONFIRMED"
            }
            .to_owned(),
        );
        lines.push("END:VEVENT".to_owned());
        lines.push("END:VCALENDAR".to_owned());
        lines.iter().map(|l| fold(l)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn constituency() -> impl Strategy<Value = Constituency> {
        (0usize..5).prop_map(|i| Constituency::ALL[i])
    }

    #[test]
    fn default_rule_needs_a_service_user_and_a_carer() {
        let r = Rule::default();
        assert!(
            !r.evaluate(&[Constituency::ServiceUser, Constituency::Staff])
                .met
        );
        let e = r.evaluate(&[Constituency::Staff]);
        assert_eq!(
            e.short,
            vec![(Constituency::ServiceUser, 1), (Constituency::Carer, 1)]
        );
        assert!(
            r.evaluate(&[Constituency::Carer, Constituency::ServiceUser])
                .met
        );
    }

    #[test]
    fn an_empty_rule_is_met_by_anyone_even_nobody() {
        let r = Rule(Counts::default());
        assert!(r.is_empty());
        assert!(r.evaluate(&[]).met);
    }

    #[test]
    fn standing_items_come_first_in_order() {
        let a = standing_agenda(&["Ward news".into()]);
        assert_eq!(a[0].0, Some(StandingItem::Representation));
        assert_eq!(a[1].0, Some(StandingItem::Issues));
        assert_eq!(a[2], (None, Some("Ward news".into())));
    }

    #[test]
    fn meeting_times_follow_london_across_the_clock_change() {
        let tz = TimeZone::get("Europe/London").expect("tz");
        let draft = |d: &str, m: &str| MeetingDraft {
            on: DateParts {
                day: d.into(),
                month: m.into(),
                year: "2026".into(),
            },
            starts: "14:00".into(),
            ends: "15:30".into(),
            place: "Day room".into(),
            ..Default::default()
        };
        let summer = draft("15", "7").validate(&tz).expect("valid");
        let winter = draft("15", "12").validate(&tz).expect("valid");
        assert_eq!(ics::utc(summer.starts_at), "20260715T130000Z");
        assert_eq!(ics::utc(winter.starts_at), "20261215T140000Z");
        assert_eq!(summer.ends_at - summer.starts_at, 90 * 60 * 1000);
    }

    #[test]
    fn a_meeting_needs_a_place_or_a_safe_link_and_ends_after_it_starts() {
        let tz = TimeZone::UTC;
        let d = MeetingDraft {
            on: DateParts {
                day: "1".into(),
                month: "2".into(),
                year: "2026".into(),
            },
            starts: "10:00".into(),
            ends: "09:00".into(),
            online_link: "javascript:alert(1)".into(),
            arrangements: vec!["refreshments".into(), "x".into()],
            ..Default::default()
        };
        let e = d.validate(&tz).expect_err("invalid");
        for f in ["ends", "online_link", "arrangements"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
        assert!(parse_clock("25:00").is_none());
        assert!(parse_clock("9.05").is_some());
    }

    #[test]
    fn a_place_in_welsh_only_will_do_and_each_language_is_checked_on_its_own_box() {
        let tz = TimeZone::UTC;
        let d = MeetingDraft {
            on: DateParts {
                day: "1".into(),
                month: "2".into(),
                year: "2026".into(),
            },
            starts: "10:00".into(),
            ends: "11:00".into(),
            place_cy: "  Lolfa, Tŷ Bedw ".into(),
            ..Default::default()
        };
        let f = d.validate(&tz).expect("a Welsh place is a place");
        assert_eq!(f.place, Bilingual::new(None, Some("Lolfa, Tŷ Bedw")));

        let long = MeetingDraft {
            place: "Lounge".into(),
            place_cy: "a".repeat(SHORT_MAX + 1),
            ..d.clone()
        };
        let e = long.validate(&tz).expect_err("too long");
        assert_eq!(
            e.for_field("place_cy").map(|f| f.code),
            Some("meetings-error-too-long")
        );
        assert!(e.for_field("place").is_none());

        let nowhere = MeetingDraft {
            place_cy: "   ".into(),
            ..d
        };
        let e = nowhere.validate(&tz).expect_err("no place");
        assert_eq!(
            e.for_field("place").map(|f| f.code),
            Some("meetings-error-place")
        );

        let mut required = FieldErrors::new();
        check_text(
            &mut required,
            "action",
            &Bilingual::default(),
            10,
            Some("meetings-error-action"),
        );
        assert_eq!(
            required.for_field("action").map(|f| f.code),
            Some("meetings-error-action")
        );
    }

    #[test]
    fn each_r_is_written_in_both_languages_or_neither() {
        let mut d = GroupDraft {
            name_en: "Strategy group".into(),
            name_cy: "Grŵp strategaeth".into(),
            kind: "strategy".into(),
            ..Default::default()
        };
        d.tor_en[1] = "Shape the service".into();
        d.minimums[1] = "2".into();
        let e = d.validate().expect_err("remit_cy missing");
        assert_eq!(
            e.for_field("remit_cy").map(|f| f.code),
            Some("meetings-error-tor-cy")
        );
        d.tor_cy[1] = "Llunio'r gwasanaeth".into();
        let g = d.validate().expect("valid");
        assert_eq!(g.rule.0.get(Constituency::Carer), 2);
        assert_eq!(g.rule.0.get(Constituency::ServiceUser), 0);
    }

    #[test]
    fn ics_lines_end_in_crlf_and_fold_within_75_octets() {
        let e = ics::Event {
            uid: "meeting-1@cairn".into(),
            stamp_ms: 0,
            starts_ms: 0,
            ends_ms: 3_600_000,
            summary: "Fforwm defnyddwyr gwasanaeth a gofalwyr; agenda, te a choffi — ".repeat(4),
            location: Some("Ystafell ddydd, Ward Enfys".into()),
            description: None,
            url: None,
            sequence: 0,
            cancelled: false,
        };
        let text = ics::calendar(&e);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        assert!(text.contains("\\;"));
        assert!(text.contains("\\,"));
    }

    proptest! {
        #[test]
        fn a_rule_is_met_iff_every_required_constituency_has_its_minimum(
            mins in proptest::collection::vec(0u32..4, 5),
            present in proptest::collection::vec(constituency(), 0..12),
        ) {
            let mut c = Counts::default();
            for (i, k) in Constituency::ALL.iter().enumerate() {
                c.set(*k, mins[i]);
            }
            let rule = Rule(c);
            let e = rule.evaluate(&present);
            let expected = Constituency::ALL.iter().all(|k| {
                present.iter().filter(|p| *p == k).count() as u32 >= rule.0.get(*k)
            });
            prop_assert_eq!(e.met, expected);
            prop_assert_eq!(e.counts.total() as usize, present.len());
            // What is short is exactly what is missing.
            for (k, need) in &e.short {
                prop_assert_eq!(e.counts.get(*k) + need, rule.0.get(*k));
            }
        }

        #[test]
        fn adding_people_never_breaks_a_met_rule(
            present in proptest::collection::vec(constituency(), 0..10),
            extra in constituency(),
        ) {
            let rule = Rule::default();
            let before = rule.evaluate(&present).met;
            let mut more = present.clone();
            more.push(extra);
            prop_assert!(!before || rule.evaluate(&more).met);
        }

        #[test]
        fn escaped_text_has_no_bare_separators_or_line_breaks(s in "\\PC{0,200}") {
            let e = ics::escape(&s);
            prop_assert!(!e.contains('\n') && !e.contains('\r'));
            let mut chars = e.chars();
            while let Some(c) = chars.next() {
                if c == '\\' {
                    let n = chars.next();
                    prop_assert!(matches!(n, Some('\\' | ';' | ',' | 'n')));
                } else {
                    prop_assert!(c != ';' && c != ',');
                }
            }
        }

        #[test]
        fn folding_keeps_the_text_and_every_line_short(s in "\\PC{0,400}") {
            let folded = ics::fold(&s);
            prop_assert!(folded.ends_with("\r\n"));
            for line in folded.trim_end_matches("\r\n").split("\r\n") {
                prop_assert!(line.len() <= 75);
            }
            let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
            prop_assert_eq!(unfolded, s);
        }
    }
}
