//! Dates and times. Instants are stored as UTC milliseconds since the Unix epoch and shown in
//! the organisation's time zone (Europe/London unless it chooses otherwise), so a meeting at
//! 10:00 in July and one at 10:00 in January both read "10:00" across the clock change. Dates
//! (`*_on`) are calendar dates with no time zone. Month names come from here, not from the
//! host's locale, so a server in any country writes "25 Mawrth 2026".

use crate::people::Language;
use crate::validation::FieldErrors;
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};

/// The default time zone of a new organisation.
pub const DEFAULT_TIME_ZONE: &str = "Europe/London";

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_CY: [&str; 12] = [
    "Ionawr",
    "Chwefror",
    "Mawrth",
    "Ebrill",
    "Mai",
    "Mehefin",
    "Gorffennaf",
    "Awst",
    "Medi",
    "Hydref",
    "Tachwedd",
    "Rhagfyr",
];

/// A date as typed into the three-field date input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

impl DateParts {
    /// The parts of an existing date, for filling in a form.
    pub fn from_date(d: Option<Date>) -> Self {
        match d {
            Some(d) => DateParts {
                day: d.day().to_string(),
                month: d.month().to_string(),
                year: d.year().to_string(),
            },
            None => DateParts::default(),
        }
    }

    /// True when nothing was typed.
    pub fn is_blank(&self) -> bool {
        self.day.trim().is_empty() && self.month.trim().is_empty() && self.year.trim().is_empty()
    }
}

/// Reads an optional date from its three fields. Blank is `None`; a partial or impossible date
/// records a specific error; a date after `not_after` records `date-error-future`.
pub fn parse_date_parts(
    errors: &mut FieldErrors,
    field: &str,
    parts: &DateParts,
    not_after: Option<Date>,
) -> Option<Date> {
    if parts.is_blank() {
        return None;
    }
    let num = |s: &str| s.trim().parse::<i32>().ok();
    let (d, m, y) = (num(&parts.day), num(&parts.month), num(&parts.year));
    let code = match (d, m, y) {
        (None, _, _) => "date-error-day",
        (_, None, _) => "date-error-month",
        (_, _, None) => "date-error-year",
        (Some(d), Some(m), Some(y)) => {
            if !(1900..=2200).contains(&y) {
                "date-error-year"
            } else {
                match (i8::try_from(d), i8::try_from(m)) {
                    (Ok(d), Ok(m)) => match Date::new(i16::try_from(y).unwrap_or(0), m, d) {
                        Ok(date) => {
                            if not_after.is_some_and(|limit| date > limit) {
                                "date-error-future"
                            } else {
                                return Some(date);
                            }
                        }
                        Err(_) => "date-error-real",
                    },
                    _ => "date-error-real",
                }
            }
        }
    };
    errors.add(field, code);
    None
}

/// Reads a stored ISO date (`2026-03-29`).
pub fn parse_iso_date(s: &str) -> Option<Date> {
    s.parse::<Date>().ok()
}

/// Looks up an IANA time zone, falling back to Europe/London when the name is unknown.
pub fn time_zone(name: &str) -> TimeZone {
    TimeZone::get(name)
        .or_else(|_| TimeZone::get(DEFAULT_TIME_ZONE))
        .unwrap_or(TimeZone::UTC)
}

/// True when `name` is a time zone this build knows.
pub fn is_known_time_zone(name: &str) -> bool {
    TimeZone::get(name).is_ok()
}

/// "29 March 2026" / "29 Mawrth 2026": day without a leading zero, month in words.
pub fn format_date(d: Date, lang: Language) -> String {
    let months = match lang {
        Language::En => &MONTHS_EN,
        Language::Cy => &MONTHS_CY,
    };
    let month = months[usize::try_from(d.month() - 1).unwrap_or(0)];
    format!("{} {} {}", d.day(), month, d.year())
}

/// "March 2026" / "Mawrth 2026" for a month key ("2026-03"); the key itself when malformed.
pub fn format_month(key: &str, lang: Language) -> String {
    let months = match lang {
        Language::En => &MONTHS_EN,
        Language::Cy => &MONTHS_CY,
    };
    match key.split_once('-').map(|(y, m)| (y, m.parse::<usize>())) {
        Some((y, Ok(m))) if (1..=12).contains(&m) => format!("{} {y}", months[m - 1]),
        _ => key.to_owned(),
    }
}

/// The calendar date of instant `ms` in `tz`.
pub fn local_date(ms: i64, tz: &TimeZone) -> Date {
    Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone())
        .date()
}

/// "29 March 2026 at 14:30" / "29 Mawrth 2026 am 14:30", 24-hour clock, in `tz`.
pub fn format_instant(ms: i64, tz: &TimeZone, lang: Language) -> String {
    let z = Timestamp::from_millisecond(ms)
        .unwrap_or(Timestamp::UNIX_EPOCH)
        .to_zoned(tz.clone());
    let joiner = match lang {
        Language::En => "at",
        Language::Cy => "am",
    };
    format!(
        "{} {joiner} {:02}:{:02}",
        format_date(z.date(), lang),
        z.hour(),
        z.minute()
    )
}

/// "01:30": a wall-clock time on the 24-hour clock, as the UI writes it.
pub fn format_clock(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// When a wall-clock time happens twice (the clocks go back across it): both instants (UTC
/// milliseconds), earlier first, with the zone's abbreviation for each ("BST", "GMT").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Twice {
    pub first: i64,
    pub first_zone: String,
    pub second: i64,
    pub second_zone: String,
}

/// What a wall-clock time on a date means on a time zone's clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClockReading {
    /// An ordinary time: one instant (UTC milliseconds).
    Once(i64),
    /// The clocks go forward across this time, so it never happens.
    Skipped,
    /// The clocks go back across this time, so it happens twice.
    Twice(Twice),
}

crate::keyed_enum!(
    /// Which of the two readings of a time that happens twice was meant.
    Occurrence, "time-occurrence", {
        First => "first",
        Second => "second",
    }
);

/// Reads a wall-clock time on a date in `tz`, without guessing: a time the clocks skip and a
/// time they pass twice are said to be so, for the person to choose again or to choose which.
pub fn read_clock(date: Date, time: Time, tz: &TimeZone) -> ClockReading {
    let dt = date.to_datetime(time);
    let ms = |offset: jiff::tz::Offset| {
        offset
            .to_timestamp(dt)
            .map(|t| t.as_millisecond())
            .unwrap_or(0)
    };
    let zone = |at: i64| {
        tz.to_offset_info(Timestamp::from_millisecond(at).unwrap_or(Timestamp::UNIX_EPOCH))
            .abbreviation()
            .to_owned()
    };
    match tz.to_ambiguous_zoned(dt).offset() {
        AmbiguousOffset::Unambiguous { offset } => ClockReading::Once(ms(offset)),
        AmbiguousOffset::Gap { .. } => ClockReading::Skipped,
        AmbiguousOffset::Fold { before, after } => {
            // The offset before the change is the larger one, so it gives the earlier instant.
            let (first, second) = (ms(before), ms(after));
            ClockReading::Twice(Twice {
                first,
                first_zone: zone(first),
                second,
                second_zone: zone(second),
            })
        }
    }
}

/// The instant of a time on a date in `tz` when it is not in doubt, else (for a time that
/// happens twice) the one `which` names; `None` for a skipped time or a choice not made.
pub fn resolve_clock(
    date: Date,
    time: Time,
    tz: &TimeZone,
    which: Option<Occurrence>,
) -> Option<i64> {
    match (read_clock(date, time, tz), which) {
        (ClockReading::Once(ms), _) => Some(ms),
        (ClockReading::Skipped, _) => None,
        (ClockReading::Twice(t), Some(Occurrence::First)) => Some(t.first),
        (ClockReading::Twice(t), Some(Occurrence::Second)) => Some(t.second),
        (ClockReading::Twice(_), None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn ms(s: &str) -> i64 {
        s.parse::<Timestamp>().expect("timestamp").as_millisecond()
    }

    #[test]
    fn instants_show_in_london_time_across_the_clock_change() {
        let tz = time_zone(DEFAULT_TIME_ZONE);
        // 29 March 2026: clocks go forward at 01:00 UTC.
        assert_eq!(
            format_instant(ms("2026-03-29T00:30:00Z"), &tz, Language::En),
            "29 March 2026 at 00:30"
        );
        assert_eq!(
            format_instant(ms("2026-03-29T01:30:00Z"), &tz, Language::En),
            "29 March 2026 at 02:30"
        );
        // 25 October 2026: clocks go back at 01:00 UTC.
        assert_eq!(
            format_instant(ms("2026-10-25T00:30:00Z"), &tz, Language::Cy),
            "25 Hydref 2026 am 01:30"
        );
        assert_eq!(
            format_instant(ms("2026-10-25T01:30:00Z"), &tz, Language::Cy),
            "25 Hydref 2026 am 01:30"
        );
        // A late-evening UTC instant in summer is already the next day in London.
        assert_eq!(
            local_date(ms("2026-07-01T23:30:00Z"), &tz),
            date(2026, 7, 2)
        );
    }

    #[test]
    fn dates_are_written_in_each_language_without_leading_zeros() {
        assert_eq!(
            format_date(date(2026, 2, 5), Language::En),
            "5 February 2026"
        );
        assert_eq!(
            format_date(date(2026, 2, 5), Language::Cy),
            "5 Chwefror 2026"
        );
    }

    #[test]
    fn date_input_reports_which_part_is_wrong() {
        let cases = [
            (("", "3", "2026"), "date-error-day"),
            (("1", "x", "2026"), "date-error-month"),
            (("1", "3", ""), "date-error-year"),
            (("31", "2", "2026"), "date-error-real"),
            (("1", "1", "1800"), "date-error-year"),
            (("1", "1", "2027"), "date-error-future"),
        ];
        for ((d, m, y), code) in cases {
            let mut e = FieldErrors::new();
            let parts = DateParts {
                day: d.into(),
                month: m.into(),
                year: y.into(),
            };
            assert_eq!(
                parse_date_parts(&mut e, "f", &parts, Some(date(2026, 12, 31))),
                None
            );
            assert_eq!(e.for_field("f").map(|x| x.code), Some(code), "{d}/{m}/{y}");
        }
        let mut e = FieldErrors::new();
        let ok = DateParts {
            day: "29".into(),
            month: "3".into(),
            year: "2026".into(),
        };
        assert_eq!(
            parse_date_parts(&mut e, "f", &ok, None),
            Some(date(2026, 3, 29))
        );
        assert!(e.is_empty());
    }

    #[test]
    fn unknown_time_zone_falls_back_to_london() {
        assert!(!is_known_time_zone("Mars/Olympus"));
        assert_eq!(time_zone("Mars/Olympus").iana_name(), Some("Europe/London"));
    }

    #[test]
    fn an_ordinary_london_time_reads_as_one_instant() {
        let tz = time_zone(DEFAULT_TIME_ZONE);
        let r = read_clock(date(2026, 3, 29), jiff::civil::time(3, 0, 0, 0), &tz);
        assert_eq!(r, ClockReading::Once(ms("2026-03-29T02:00:00Z")));
        let r = read_clock(date(2026, 10, 25), jiff::civil::time(2, 0, 0, 0), &tz);
        assert_eq!(r, ClockReading::Once(ms("2026-10-25T02:00:00Z")));
    }

    #[test]
    fn a_time_the_clocks_skip_in_spring_is_said_not_to_exist() {
        let tz = time_zone(DEFAULT_TIME_ZONE);
        let t = jiff::civil::time(1, 30, 0, 0);
        assert_eq!(read_clock(date(2026, 3, 29), t, &tz), ClockReading::Skipped);
        assert_eq!(
            resolve_clock(date(2026, 3, 29), t, &tz, Some(Occurrence::First)),
            None
        );
        assert_eq!(format_clock(t), "01:30");
    }

    #[test]
    fn a_time_the_clocks_pass_twice_in_autumn_gives_both_readings_bst_first() {
        let tz = time_zone(DEFAULT_TIME_ZONE);
        let t = jiff::civil::time(1, 30, 0, 0);
        let expected = Twice {
            first: ms("2026-10-25T00:30:00Z"),
            first_zone: "BST".into(),
            second: ms("2026-10-25T01:30:00Z"),
            second_zone: "GMT".into(),
        };
        assert_eq!(
            read_clock(date(2026, 10, 25), t, &tz),
            ClockReading::Twice(expected.clone())
        );
        assert_eq!(resolve_clock(date(2026, 10, 25), t, &tz, None), None);
        assert_eq!(
            resolve_clock(date(2026, 10, 25), t, &tz, Some(Occurrence::First)),
            Some(expected.first)
        );
        assert_eq!(
            resolve_clock(date(2026, 10, 25), t, &tz, Some(Occurrence::Second)),
            Some(expected.second)
        );
        assert_eq!(expected.second - expected.first, 3_600_000);
    }
}
