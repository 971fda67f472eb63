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
use crate::time::{ClockReading, DateParts, Occurrence, parse_date_parts, read_clock};
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
/// Longest a meeting can last, measured between real instants (so a meeting over the night the
/// clocks change is an hour longer or shorter than its clock times suggest).
pub const MEETING_MAX_MS: i64 = 12 * 60 * 60 * 1000;

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
    /// For a start time the clocks pass twice (the night they go back): which one, `first` or
    /// `second` ([`Occurrence`]); ignored for any other time.
    pub starts_which: String,
    /// The same for the end time.
    pub ends_which: String,
}

/// A time on the meeting form that the clock change makes a question of: the start or end
/// (`field`), on the date it falls (the next day for an end earlier than the start).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClockQuestion {
    pub field: &'static str,
    pub date: Date,
    pub time: Time,
    /// [`ClockReading::Skipped`] or [`ClockReading::Twice`], never `Once`.
    pub reading: ClockReading,
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
    /// The date of the meeting and its start and end times, when each reads; an end earlier
    /// than the start is on the next day.
    fn clock_times(&self) -> (Option<Date>, Option<Time>, Option<(Date, Time)>) {
        let date = parse_date_parts(&mut FieldErrors::new(), "on", &self.on, None);
        let starts = parse_clock(&self.starts);
        let ends = parse_clock(&self.ends);
        let end = match (date, starts, ends) {
            (Some(d), Some(s), Some(en)) if en < s => d.tomorrow().ok().map(|t| (t, en)),
            (Some(d), _, Some(en)) => Some((d, en)),
            _ => None,
        };
        (date, starts, end)
    }

    /// The start and end times that fall where the clocks change on `tz`: one the clocks skip
    /// (to be refused with its date) or one they pass twice (to ask which is meant).
    pub fn clock_questions(&self, tz: &TimeZone) -> Vec<ClockQuestion> {
        let (date, starts, end) = self.clock_times();
        let start = date.zip(starts);
        [("starts", start), ("ends", end)]
            .into_iter()
            .filter_map(|(field, at)| {
                let (date, time) = at?;
                let reading = read_clock(date, time, tz);
                (!matches!(reading, ClockReading::Once(_))).then_some(ClockQuestion {
                    field,
                    date,
                    time,
                    reading,
                })
            })
            .collect()
    }

    /// Checks every field; times are read on `tz`'s clock. An end time earlier than the start
    /// is the next day (a meeting across midnight); the length is measured between the real
    /// instants and may not pass [`MEETING_MAX_MS`]. A time the clocks skip is refused on its
    /// field; a time they pass twice needs `starts_which`/`ends_which`.
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
            && en == s
        {
            e.add("ends", "meetings-error-same-time");
        }
        let (_, _, end) = self.clock_times();
        let mut instant = |field: &str, at: Option<(Date, Time)>, which: &str| {
            let (d, t) = at?;
            match read_clock(d, t, tz) {
                ClockReading::Once(ms) => Some(ms),
                ClockReading::Skipped => {
                    e.add(field, "meetings-error-no-such-time");
                    None
                }
                ClockReading::Twice(twice) => match Occurrence::parse(which.trim()) {
                    Some(Occurrence::First) => Some(twice.first),
                    Some(Occurrence::Second) => Some(twice.second),
                    None => {
                        e.add(&format!("{field}_which"), "meetings-error-which");
                        None
                    }
                },
            }
        };
        let starts_at = instant("starts", date.zip(starts), &self.starts_which);
        let ends_at = if starts.is_some_and(|s| ends == Some(s)) {
            None
        } else {
            instant("ends", end, &self.ends_which)
        };
        if let (Some(s), Some(en)) = (starts_at, ends_at) {
            if en <= s {
                // Only possible on the night the clocks go back, with the second reading
                // chosen for the start and the first for the end.
                e.add("ends", "meetings-error-ends");
            } else if en - s > MEETING_MAX_MS {
                e.add("ends", "meetings-error-too-long-meeting");
            }
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
        match (e.is_empty(), starts_at, ends_at) {
            (true, Some(starts_at), Some(ends_at)) => Ok(MeetingFields {
                starts_at,
                ends_at,
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
    use jiff::tz::{AmbiguousOffset, Offset, TimeZone};

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
        /// The organisation's time zone: times are written on its clock with a VTIMEZONE, so a
        /// calendar shows them as the organisation meant them.
        pub time_zone: TimeZone,
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

    /// A local DATE-TIME (`20261025T013000`) on an offset.
    fn local(t: Timestamp, offset: Offset) -> String {
        offset.to_datetime(t).strftime("%Y%m%dT%H%M%S").to_string()
    }

    /// An offset as a UTC-OFFSET value (`+0100`, `-0330`, seconds only when there are some).
    fn utc_offset(o: Offset) -> String {
        let total = o.seconds();
        let sign = if total < 0 { '-' } else { '+' };
        let abs = total.unsigned_abs();
        let (h, m, s) = (abs / 3600, abs % 3600 / 60, abs % 60);
        if s == 0 {
            format!("{sign}{h:02}{m:02}")
        } else {
            format!("{sign}{h:02}{m:02}{s:02}")
        }
    }

    /// A DATE-TIME property (`DTSTART`, `DTEND`) for an instant: on the zone's clock with its
    /// TZID, or in UTC when the zone has no name or the instant is the second reading of a time
    /// the clocks pass twice (a TZID time names the first of the two, RFC 5545 3.3.5).
    fn date_time(name: &str, ms: i64, tz: &TimeZone) -> String {
        let t = Timestamp::from_millisecond(ms).unwrap_or(Timestamp::UNIX_EPOCH);
        let Some(id) = tz.iana_name().filter(|n| *n != "UTC") else {
            return format!("{name}:{}", utc(ms));
        };
        let offset = tz.to_offset(t);
        let dt = offset.to_datetime(t);
        let second_of_two = matches!(
            tz.to_ambiguous_zoned(dt).offset(),
            AmbiguousOffset::Fold { before, .. } if before != offset
        );
        if second_of_two {
            format!("{name}:{}", utc(ms))
        } else {
            format!("{name};TZID={id}:{}", local(t, offset))
        }
    }

    /// The VTIMEZONE for a named zone, covering `from`..=`to`: the change in force at `from`
    /// and every change up to `to`, each as its own observance (no recurrence rules to get
    /// wrong). `None` for a zone with no name, whose times are written in UTC.
    fn vtimezone(tz: &TimeZone, from: i64, to: i64) -> Option<Vec<String>> {
        let id = tz.iana_name().filter(|n| *n != "UTC")?;
        let start = Timestamp::from_millisecond(from).unwrap_or(Timestamp::UNIX_EPOCH);
        let end = Timestamp::from_millisecond(to).unwrap_or(Timestamp::UNIX_EPOCH);
        let mut lines = vec!["BEGIN:VTIMEZONE".to_owned(), format!("TZID:{id}")];
        // The change in force when the event starts, then any during it.
        let mut changes: Vec<_> = tz.preceding(start).take(1).collect();
        changes.extend(tz.following(start).take_while(|c| c.timestamp() <= end));
        if changes.is_empty() {
            let info = tz.to_offset_info(start);
            let o = utc_offset(info.offset());
            lines.extend([
                "BEGIN:STANDARD".to_owned(),
                "DTSTART:19700101T000000".to_owned(),
                format!("TZOFFSETFROM:{o}"),
                format!("TZOFFSETTO:{o}"),
                format!("TZNAME:{}", escape(info.abbreviation())),
                "END:STANDARD".to_owned(),
            ]);
        }
        for c in changes {
            let at = c.timestamp();
            let before = tz.to_offset(at - jiff::SignedDuration::from_secs(1));
            let kind = if c.dst().is_dst() {
                "DAYLIGHT"
            } else {
                "STANDARD"
            };
            lines.extend([
                format!("BEGIN:{kind}"),
                // The moment of the change, on the clock as it read just before.
                format!("DTSTART:{}", local(at, before)),
                format!("TZOFFSETFROM:{}", utc_offset(before)),
                format!("TZOFFSETTO:{}", utc_offset(c.offset())),
                format!("TZNAME:{}", escape(c.abbreviation())),
                format!("END:{kind}"),
            ]);
        }
        lines.push("END:VTIMEZONE".to_owned());
        Some(lines)
    }

    /// A whole calendar with one event, its start and end on the organisation's clock.
    pub fn calendar(e: &Event) -> String {
        let mut lines = vec![
            "BEGIN:VCALENDAR".to_owned(),
            "VERSION:2.0".to_owned(),
            "PRODID:-//Cairn//Meetings//EN".to_owned(),
            "CALSCALE:GREGORIAN".to_owned(),
            "METHOD:PUBLISH".to_owned(),
        ];
        if let Some(zone) = vtimezone(&e.time_zone, e.starts_ms, e.ends_ms) {
            lines.extend(zone);
        }
        lines.extend([
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", escape(&e.uid)),
            format!("DTSTAMP:{}", utc(e.stamp_ms)),
            date_time("DTSTART", e.starts_ms, &e.time_zone),
            date_time("DTEND", e.ends_ms, &e.time_zone),
            format!("SEQUENCE:{}", e.sequence.max(0)),
            format!("SUMMARY:{}", escape(&e.summary)),
        ]);
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
            time_zone: TimeZone::UTC,
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

    fn london() -> TimeZone {
        TimeZone::get("Europe/London").expect("tz")
    }

    fn on(d: &str, m: &str, y: &str, starts: &str, ends: &str) -> MeetingDraft {
        MeetingDraft {
            on: DateParts {
                day: d.into(),
                month: m.into(),
                year: y.into(),
            },
            starts: starts.into(),
            ends: ends.into(),
            place: "Day room".into(),
            ..Default::default()
        }
    }

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>()
            .expect("timestamp")
            .as_millisecond()
    }

    #[test]
    fn a_start_time_the_clocks_skip_is_refused_on_the_start_field_and_asked_about() {
        let d = on("29", "3", "2026", "01:30", "03:00");
        let e = d.validate(&london()).expect_err("no 01:30 that night");
        assert_eq!(
            e.for_field("starts").map(|f| f.code),
            Some("meetings-error-no-such-time")
        );
        let q = d.clock_questions(&london());
        assert_eq!(q.len(), 1);
        assert_eq!(
            (q[0].field, q[0].date, &q[0].reading),
            (
                "starts",
                jiff::civil::date(2026, 3, 29),
                &ClockReading::Skipped
            )
        );
    }

    #[test]
    fn a_start_time_the_clocks_pass_twice_needs_a_choice_and_each_choice_is_its_own_instant() {
        let mut d = on("25", "10", "2026", "01:30", "03:00");
        let e = d.validate(&london()).expect_err("which 01:30?");
        assert_eq!(
            e.for_field("starts_which").map(|f| f.code),
            Some("meetings-error-which")
        );
        assert!(matches!(
            d.clock_questions(&london())[0].reading,
            ClockReading::Twice(_)
        ));
        d.starts_which = "first".into();
        let first = d.validate(&london()).expect("the BST one");
        assert_eq!(first.starts_at, at("2026-10-25T00:30:00Z"));
        // 01:30 BST to 03:00 GMT is two and a half real hours.
        assert_eq!(first.ends_at - first.starts_at, 150 * 60 * 1000);
        d.starts_which = "second".into();
        let second = d.validate(&london()).expect("the GMT one");
        assert_eq!(second.starts_at, at("2026-10-25T01:30:00Z"));
        assert_eq!(second.ends_at - second.starts_at, 90 * 60 * 1000);
    }

    #[test]
    fn an_ordinary_time_asks_nothing_and_ignores_a_stray_choice() {
        let mut d = on("24", "10", "2026", "01:30", "03:00");
        d.starts_which = "second".into();
        assert!(d.clock_questions(&london()).is_empty());
        let f = d.validate(&london()).expect("valid");
        assert_eq!(f.starts_at, at("2026-10-24T00:30:00Z"));
    }

    #[test]
    fn an_end_earlier_than_the_start_is_the_next_day() {
        let f = on("31", "12", "2026", "22:00", "01:30")
            .validate(&london())
            .expect("across midnight");
        assert_eq!(f.starts_at, at("2026-12-31T22:00:00Z"));
        assert_eq!(f.ends_at, at("2027-01-01T01:30:00Z"));
        let same = on("31", "12", "2026", "22:00", "22:00")
            .validate(&london())
            .expect_err("no length");
        assert_eq!(
            same.for_field("ends").map(|f| f.code),
            Some("meetings-error-same-time")
        );
        let too_long = on("31", "12", "2026", "10:00", "09:00")
            .validate(&london())
            .expect_err("23 hours");
        assert_eq!(
            too_long.for_field("ends").map(|f| f.code),
            Some("meetings-error-too-long-meeting")
        );
    }

    #[test]
    fn a_meeting_over_the_night_the_clocks_change_lasts_its_real_length() {
        // 22:00 to 03:00 is four real hours when the clocks go forward, six when they go back.
        let spring = on("28", "3", "2026", "22:00", "03:00")
            .validate(&london())
            .expect("spring");
        assert_eq!(spring.ends_at - spring.starts_at, 4 * 60 * 60 * 1000);
        let autumn = on("24", "10", "2026", "22:00", "03:00")
            .validate(&london())
            .expect("autumn");
        assert_eq!(autumn.ends_at - autumn.starts_at, 6 * 60 * 60 * 1000);
        // An end the clocks skip, on the next day, is refused on the end field with its date.
        let skipped = on("28", "3", "2026", "23:00", "01:15");
        let e = skipped.validate(&london()).expect_err("no 01:15");
        assert_eq!(
            e.for_field("ends").map(|f| f.code),
            Some("meetings-error-no-such-time")
        );
        assert_eq!(
            skipped.clock_questions(&london())[0].date,
            jiff::civil::date(2026, 3, 29)
        );
    }

    fn event(starts_ms: i64, ends_ms: i64) -> ics::Event {
        ics::Event {
            uid: "meeting-1@cairn".into(),
            stamp_ms: 0,
            starts_ms,
            ends_ms,
            summary: "Forum".into(),
            location: None,
            description: None,
            url: None,
            sequence: 0,
            cancelled: false,
            time_zone: london(),
        }
    }

    #[test]
    fn ics_times_are_on_the_london_clock_with_a_vtimezone_for_the_change_in_between() {
        let text = ics::calendar(&event(
            at("2026-10-24T21:00:00Z"),
            at("2026-10-25T03:00:00Z"),
        ));
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines.contains(&"DTSTART;TZID=Europe/London:20261024T220000"));
        assert!(lines.contains(&"DTEND;TZID=Europe/London:20261025T030000"));
        let zone = text
            .split("BEGIN:VTIMEZONE\r\n")
            .nth(1)
            .and_then(|z| z.split("END:VTIMEZONE").next())
            .expect("a VTIMEZONE");
        assert!(zone.starts_with("TZID:Europe/London\r\n"));
        // In force at the start: BST since March; during it: back to GMT at 02:00 BST.
        assert!(zone.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nTZNAME:BST\r\n"
        ));
        assert!(zone.contains(
            "BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nTZNAME:GMT\r\n"
        ));
        assert!(text.find("END:VTIMEZONE") < text.find("BEGIN:VEVENT"));
    }

    #[test]
    fn ics_writes_the_second_of_two_readings_in_utc_so_it_is_not_taken_for_the_first() {
        let first = ics::calendar(&event(
            at("2026-10-25T00:30:00Z"),
            at("2026-10-25T02:00:00Z"),
        ));
        assert!(first.contains("\r\nDTSTART;TZID=Europe/London:20261025T013000\r\n"));
        let second = ics::calendar(&event(
            at("2026-10-25T01:30:00Z"),
            at("2026-10-25T02:00:00Z"),
        ));
        assert!(second.contains("\r\nDTSTART:20261025T013000Z\r\n"));
        assert!(second.contains("\r\nDTEND;TZID=Europe/London:20261025T020000\r\n"));
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
