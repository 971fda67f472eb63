//! People: service users, carers, staff, third-sector partners and managers. A person need not
//! have an account. We hold the minimum: a chosen name (not a legal name), how they take part,
//! their units, their status with dates, their language for correspondence, access needs and
//! the date they consented.

use crate::keyed_enum;
use crate::time::{DateParts, parse_date_parts};
use crate::validation::{FieldErrors, looks_like_email, optional_text, required_text};
use jiff::civil::Date;

keyed_enum!(
    /// How a person takes part. Labels in Fluent (`constituency-…`).
    Constituency, "constituency", {
        ServiceUser => "service_user",
        Carer => "carer",
        Staff => "staff",
        ThirdSector => "third_sector",
        Manager => "manager",
    }
);

keyed_enum!(
    /// Where a person is with the service. Labels in Fluent (`person-status-…`).
    PersonStatus, "person-status", {
        Active => "active",
        Paused => "paused",
        MovedOn => "moved_on",
        Left => "left",
    }
);

keyed_enum!(
    /// A language Cairn speaks. Correspondence and pages use the person's choice.
    Language, "language", {
        En => "en",
        Cy => "cy",
    }
);

/// Longest chosen name.
pub const CHOSEN_NAME_MAX: usize = 80;
/// Longest free text about access needs.
pub const ACCESS_NEEDS_MAX: usize = 1000;
/// Longest staff discipline (nurse, OT, …).
pub const DISCIPLINE_MAX: usize = 80;

/// A person's details as typed.
#[derive(Debug, Clone, Default)]
pub struct PersonDraft {
    pub chosen_name: String,
    pub constituency: String,
    pub discipline: Option<String>,
    pub unit_ids: Vec<i64>,
    pub status: String,
    pub status_since: DateParts,
    pub preferred_language: String,
    pub email: Option<String>,
    pub access_needs: Option<String>,
    pub consent_on: DateParts,
}

/// A person's details once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonFields {
    pub chosen_name: String,
    pub constituency: Constituency,
    pub discipline: Option<String>,
    pub unit_ids: Vec<i64>,
    pub status: PersonStatus,
    pub status_since: Option<Date>,
    pub preferred_language: Language,
    pub email: Option<String>,
    pub access_needs: Option<String>,
    pub consent_on: Option<Date>,
}

impl PersonDraft {
    /// Checks every field against `today` (dates may not be in the future).
    pub fn validate(&self, today: Date) -> Result<PersonFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let chosen_name = required_text(
            &mut e,
            "chosen_name",
            &self.chosen_name,
            CHOSEN_NAME_MAX,
            "people-error-chosen-name-required",
            "people-error-chosen-name-too-long",
        );
        let constituency = Constituency::parse(self.constituency.trim());
        if constituency.is_none() {
            e.add("constituency", "people-error-constituency-required");
        }
        let discipline = optional_text(
            &mut e,
            "discipline",
            self.discipline.as_deref(),
            DISCIPLINE_MAX,
            "people-error-discipline-too-long",
        );
        let status = if self.status.trim().is_empty() {
            Some(PersonStatus::Active)
        } else {
            PersonStatus::parse(self.status.trim())
        };
        if status.is_none() {
            e.add("status", "people-error-status-required");
        }
        let status_since =
            parse_date_parts(&mut e, "status_since", &self.status_since, Some(today));
        let preferred_language = if self.preferred_language.trim().is_empty() {
            None
        } else {
            Language::parse(self.preferred_language.trim())
        };
        if preferred_language.is_none() {
            e.add("preferred_language", "people-error-language-required");
        }
        let email = optional_text(
            &mut e,
            "email",
            self.email.as_deref(),
            254,
            "people-error-email-invalid",
        )
        .map(|s| s.to_lowercase());
        if let Some(addr) = &email
            && !looks_like_email(addr)
            && e.for_field("email").is_none()
        {
            e.add("email", "people-error-email-invalid");
        }
        let access_needs = optional_text(
            &mut e,
            "access_needs",
            self.access_needs.as_deref(),
            ACCESS_NEEDS_MAX,
            "people-error-access-needs-too-long",
        );
        let consent_on = parse_date_parts(&mut e, "consent_on", &self.consent_on, Some(today));
        let mut unit_ids = self.unit_ids.clone();
        unit_ids.sort_unstable();
        unit_ids.dedup();
        match (e.is_empty(), constituency, status, preferred_language) {
            (true, Some(constituency), Some(status), Some(preferred_language)) => {
                Ok(PersonFields {
                    chosen_name,
                    constituency,
                    discipline: if constituency == Constituency::Staff {
                        discipline
                    } else {
                        None
                    },
                    unit_ids,
                    status,
                    status_since,
                    preferred_language,
                    email,
                    access_needs,
                    consent_on,
                })
            }
            _ => Err(e),
        }
    }
}

keyed_enum!(
    /// How a person likes to be contacted. Labels in Fluent (`contact-by-…`).
    ContactBy, "contact-by", {
        Email => "email",
        Phone => "phone",
        Letter => "letter",
        InPerson => "in_person",
        ThroughStaff => "through_staff",
    }
);

keyed_enum!(
    /// A recorded step on a person's pathway. A buddy is a step too, but it comes from the
    /// buddy pairings, not from here. Labels in Fluent (`pathway-step-…`).
    PathwayStep, "pathway-step", {
        Welcome => "welcome",
        Information => "information",
        Training => "training",
        Practice => "practice",
        Shadowing => "shadowing",
    }
);

impl PathwayStep {
    /// The level whose steps this belongs to: welcome and information are level 1, the rest
    /// level 2.
    pub fn level(self) -> u8 {
        match self {
            PathwayStep::Welcome | PathwayStep::Information => 1,
            PathwayStep::Training | PathwayStep::Practice | PathwayStep::Shadowing => 2,
        }
    }
}

/// Longest free text a person writes about their skills, interests, areas to grow or what to
/// ask them about.
pub const PROFILE_TEXT_MAX: usize = 1000;
/// Longest note on a step, decision or check-in.
pub const NOTE_MAX: usize = 2000;
/// A newcomer should have a buddy within this many days of joining (L1.08).
pub const BUDDY_DUE_DAYS: i64 = 14;
/// People who joined within this many days count as newcomers.
pub const NEWCOMER_DAYS: i64 = 182;

/// A profile as typed: the person's own words and choices.
#[derive(Debug, Clone, Default)]
pub struct ProfileDraft {
    pub skills: String,
    pub interests: String,
    pub grow_areas: String,
    pub ask_me_about: String,
    pub contact_by: String,
    pub contact_note: String,
    pub access_needs: String,
    pub consent_whos_who: bool,
    pub consent_photo: bool,
    pub consent_opportunities: bool,
}

/// A profile once checked.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct ProfileFields {
    pub skills: Option<String>,
    pub interests: Option<String>,
    pub grow_areas: Option<String>,
    pub ask_me_about: Option<String>,
    pub contact_by: Option<ContactBy>,
    pub contact_note: Option<String>,
    pub access_needs: Option<String>,
    pub consent_whos_who: bool,
    pub consent_photo: bool,
    pub consent_opportunities: bool,
}

impl ProfileDraft {
    /// Checks every field; everything is optional, nothing is longer than its limit.
    pub fn validate(&self) -> Result<ProfileFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut text = |field: &str, raw: &str, max: usize| {
            optional_text(&mut e, field, Some(raw), max, "profile-error-too-long")
        };
        let skills = text("skills", &self.skills, PROFILE_TEXT_MAX);
        let interests = text("interests", &self.interests, PROFILE_TEXT_MAX);
        let grow_areas = text("grow_areas", &self.grow_areas, PROFILE_TEXT_MAX);
        let ask_me_about = text("ask_me_about", &self.ask_me_about, PROFILE_TEXT_MAX);
        let contact_note = text("contact_note", &self.contact_note, PROFILE_TEXT_MAX);
        let access_needs = text("access_needs", &self.access_needs, ACCESS_NEEDS_MAX);
        let contact_by = match self.contact_by.trim() {
            "" => None,
            k => {
                let c = ContactBy::parse(k);
                if c.is_none() {
                    e.add("contact_by", "profile-error-contact-by");
                }
                c
            }
        };
        e.into_result(ProfileFields {
            skills,
            interests,
            grow_areas,
            ask_me_about,
            contact_by,
            contact_note,
            access_needs,
            consent_whos_who: self.consent_whos_who,
            consent_photo: self.consent_photo,
            consent_opportunities: self.consent_opportunities,
        })
    }
}

/// A decision to move a person's level, made with them, as typed.
#[derive(Debug, Clone, Default)]
pub struct LevelDraft {
    pub to_level: String,
    pub decided_on: DateParts,
    pub note: String,
}

/// A level decision once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelFields {
    pub from_level: u8,
    pub to_level: u8,
    pub decided_on: Date,
    pub note: String,
}

impl LevelDraft {
    /// Checks the decision against the person's current level: a different level, a date no
    /// later than today, and a note saying what was agreed with them.
    pub fn validate(&self, current: u8, today: Date) -> Result<LevelFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let to_level = match self.to_level.trim() {
            "1" => Some(1u8),
            "2" => Some(2),
            "3" => Some(3),
            _ => None,
        };
        match to_level {
            None => e.add("to_level", "level-error-level"),
            Some(l) if l == current => e.add("to_level", "level-error-same"),
            _ => {}
        }
        let decided_on = parse_date_parts(&mut e, "decided_on", &self.decided_on, Some(today));
        if decided_on.is_none() && e.for_field("decided_on").is_none() {
            e.add("decided_on", "level-error-date");
        }
        let note = required_text(
            &mut e,
            "note",
            &self.note,
            NOTE_MAX,
            "level-error-note",
            "level-error-note-too-long",
        );
        match (e.is_empty(), to_level, decided_on) {
            (true, Some(to_level), Some(decided_on)) => Ok(LevelFields {
                from_level: current,
                to_level,
                decided_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// A pathway step as typed.
#[derive(Debug, Clone, Default)]
pub struct StepDraft {
    pub step: String,
    pub done_on: DateParts,
    pub note: String,
}

/// A pathway step once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepFields {
    pub step: PathwayStep,
    pub done_on: Date,
    pub note: Option<String>,
}

impl StepDraft {
    /// Checks the step: a known step and a date no later than today.
    pub fn validate(&self, today: Date) -> Result<StepFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let step = PathwayStep::parse(self.step.trim());
        if step.is_none() {
            e.add("step", "pathway-error-step");
        }
        let done_on = parse_date_parts(&mut e, "done_on", &self.done_on, Some(today));
        if done_on.is_none() && e.for_field("done_on").is_none() {
            e.add("done_on", "pathway-error-date");
        }
        let note = optional_text(
            &mut e,
            "note",
            Some(&self.note),
            NOTE_MAX,
            "pathway-error-note-too-long",
        );
        match (e.is_empty(), step, done_on) {
            (true, Some(step), Some(done_on)) => Ok(StepFields {
                step,
                done_on,
                note,
            }),
            _ => Err(e),
        }
    }
}

/// Whether a newcomer who joined on `joined` and was first paired on `first_buddy` (if ever)
/// had a buddy within [`BUDDY_DUE_DAYS`].
pub fn buddy_in_time(joined: Date, first_buddy: Option<Date>) -> bool {
    first_buddy.is_some_and(|b| {
        joined
            .until(b)
            .map(|span| span.get_days() <= BUDDY_DUE_DAYS as i32)
            .unwrap_or(false)
            || b <= joined
    })
}

/// Whether a newcomer with no buddy is overdue one on `today` (more than
/// [`BUDDY_DUE_DAYS`] since they joined).
pub fn buddy_overdue(joined: Date, today: Date) -> bool {
    joined
        .checked_add(jiff::Span::new().days(BUDDY_DUE_DAYS))
        .is_ok_and(|due| today > due)
}

// ---------------------------------------------------------------------------------------------
// Buddies (L1.08) and welcome meetings (L1.09)
// ---------------------------------------------------------------------------------------------

/// The share of arrivals offered a welcome meeting is taken over this many days, today
/// included (L1.09).
pub const WELCOME_WINDOW_DAYS: i64 = 90;

/// The earliest joining date that still makes someone a newcomer on `today`.
pub fn newcomer_since(today: Date) -> Date {
    today
        .checked_sub(jiff::Span::new().days(NEWCOMER_DAYS))
        .unwrap_or(today)
}

/// Whether a person who joined on `joined` is a newcomer on `today`: they joined no later than
/// today and no more than [`NEWCOMER_DAYS`] ago. A person with no joining date is not one.
pub fn is_newcomer(joined: Option<Date>, today: Date) -> bool {
    joined.is_some_and(|j| j <= today && j >= newcomer_since(today))
}

/// The first arrival date inside the welcome window that ends on `today`.
pub fn welcome_window_start(today: Date) -> Date {
    today
        .checked_sub(jiff::Span::new().days(WELCOME_WINDOW_DAYS - 1))
        .unwrap_or(today)
}

/// A pairing as typed: the newcomer, their buddy and the start date.
#[derive(Debug, Clone, Default)]
pub struct PairingDraft {
    pub newcomer_id: String,
    pub buddy_id: String,
    pub starts_on: DateParts,
}

/// A pairing once checked (who may be paired is checked against the records by the use case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingFields {
    pub newcomer_id: i64,
    pub buddy_id: i64,
    pub starts_on: Date,
}

impl PairingDraft {
    /// Checks the form: a newcomer, a different person as buddy, and a start date no later
    /// than `today`.
    pub fn validate(&self, today: Date) -> Result<PairingFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let newcomer = self.newcomer_id.trim().parse::<i64>().ok();
        if newcomer.is_none() {
            e.add("newcomer_id", "buddies-error-newcomer");
        }
        let buddy = self.buddy_id.trim().parse::<i64>().ok();
        match buddy {
            None => e.add("buddy_id", "buddies-error-buddy"),
            Some(b) if Some(b) == newcomer => e.add("buddy_id", "buddies-error-same"),
            _ => {}
        }
        let starts_on = parse_date_parts(&mut e, "starts_on", &self.starts_on, Some(today));
        if starts_on.is_none() && e.for_field("starts_on").is_none() {
            e.add("starts_on", "buddies-error-start");
        }
        match (e.is_empty(), newcomer, buddy, starts_on) {
            (true, Some(newcomer_id), Some(buddy_id), Some(starts_on)) => Ok(PairingFields {
                newcomer_id,
                buddy_id,
                starts_on,
            }),
            _ => Err(e),
        }
    }
}

/// A buddy check-in as typed.
#[derive(Debug, Clone, Default)]
pub struct CheckinDraft {
    pub held_on: DateParts,
    pub note: String,
}

/// A check-in once checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckinFields {
    pub held_on: Date,
    pub note: Option<String>,
}

impl CheckinDraft {
    /// Checks a check-in on a pairing that started on `starts_on` (and ended on `ends_on`, if
    /// it has): a date inside the pairing, no later than `today`, and a note of limited length.
    pub fn validate(
        &self,
        starts_on: Date,
        ends_on: Option<Date>,
        today: Date,
    ) -> Result<CheckinFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let held_on = parse_date_parts(&mut e, "held_on", &self.held_on, Some(today));
        match held_on {
            None if e.for_field("held_on").is_none() => {
                e.add("held_on", "buddies-error-checkin-date")
            }
            Some(d) if d < starts_on => e.add("held_on", "buddies-error-checkin-before-start"),
            Some(d) if ends_on.is_some_and(|end| d > end) => {
                e.add("held_on", "buddies-error-checkin-after-end")
            }
            _ => {}
        }
        let note = optional_text(
            &mut e,
            "note",
            Some(&self.note),
            NOTE_MAX,
            "buddies-error-note-too-long",
        );
        match (e.is_empty(), held_on) {
            (true, Some(held_on)) => Ok(CheckinFields { held_on, note }),
            _ => Err(e),
        }
    }
}

/// The end of a pairing as typed.
#[derive(Debug, Clone, Default)]
pub struct EndDraft {
    pub ends_on: DateParts,
}

impl EndDraft {
    /// Checks the end date of a pairing that started on `starts_on`: given, not before the
    /// start and no later than `today`.
    pub fn validate(&self, starts_on: Date, today: Date) -> Result<Date, FieldErrors> {
        let mut e = FieldErrors::new();
        let ends_on = parse_date_parts(&mut e, "ends_on", &self.ends_on, Some(today));
        match ends_on {
            None if e.for_field("ends_on").is_none() => e.add("ends_on", "buddies-error-end-date"),
            Some(d) if d < starts_on => e.add("ends_on", "buddies-error-end-before-start"),
            _ => {}
        }
        match (e.is_empty(), ends_on) {
            (true, Some(d)) => Ok(d),
            _ => Err(e),
        }
    }
}

/// An arrival on a unit and its welcome / family-liaison meeting, as typed. A date only: no
/// names and no clinical details are ever asked for.
#[derive(Debug, Clone, Default)]
pub struct ArrivalDraft {
    pub arrived_on: DateParts,
    pub offered_on: DateParts,
    pub accepted_on: DateParts,
    pub declined_on: DateParts,
    pub held_on: DateParts,
}

/// An arrival once checked.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ArrivalFields {
    pub arrived_on: Date,
    pub offered_on: Option<Date>,
    pub accepted_on: Option<Date>,
    pub declined_on: Option<Date>,
    pub held_on: Option<Date>,
}

impl ArrivalDraft {
    /// Checks the dates: an arrival date no later than `today`; every other date optional, not
    /// before the arrival and not after today; accepting, declining and holding a meeting need
    /// it to have been offered first (and on or after the offer); a meeting is accepted or
    /// declined, not both; a declined meeting was not held.
    pub fn validate(&self, today: Date) -> Result<ArrivalFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let arrived_on = parse_date_parts(&mut e, "arrived_on", &self.arrived_on, Some(today));
        if arrived_on.is_none() && e.for_field("arrived_on").is_none() {
            e.add("arrived_on", "welcome-error-arrived");
        }
        let later = |e: &mut FieldErrors, field: &str, parts: &DateParts| {
            let d = parse_date_parts(e, field, parts, Some(today));
            if let (Some(d), Some(a)) = (d, arrived_on)
                && d < a
            {
                e.add(field, "welcome-error-before-arrival");
            }
            d
        };
        let offered_on = later(&mut e, "offered_on", &self.offered_on);
        let accepted_on = later(&mut e, "accepted_on", &self.accepted_on);
        let declined_on = later(&mut e, "declined_on", &self.declined_on);
        let held_on = later(&mut e, "held_on", &self.held_on);
        for (field, d) in [
            ("accepted_on", accepted_on),
            ("declined_on", declined_on),
            ("held_on", held_on),
        ] {
            if d.is_none() || e.for_field(field).is_some() {
                continue;
            }
            match offered_on {
                None if e.for_field("offered_on").is_none() => {
                    e.add(field, "welcome-error-needs-offered")
                }
                Some(o) if d.is_some_and(|d| d < o) => e.add(field, "welcome-error-before-offered"),
                _ => {}
            }
        }
        if accepted_on.is_some() && declined_on.is_some() && e.for_field("declined_on").is_none() {
            e.add("declined_on", "welcome-error-accepted-and-declined");
        }
        if held_on.is_some() && declined_on.is_some() && e.for_field("held_on").is_none() {
            e.add("held_on", "welcome-error-held-declined");
        }
        match (e.is_empty(), arrived_on) {
            (true, Some(arrived_on)) => Ok(ArrivalFields {
                arrived_on,
                offered_on,
                accepted_on,
                declined_on,
                held_on,
            }),
            _ => Err(e),
        }
    }

    /// As [`ArrivalDraft::validate`], for recording how the meeting went on an arrival already
    /// logged: the offer date is then needed, since everything else follows from it.
    pub fn validate_meeting(&self, today: Date) -> Result<ArrivalFields, FieldErrors> {
        let mut e = match self.validate(today) {
            Ok(f) if f.offered_on.is_some() => return Ok(f),
            Ok(_) => FieldErrors::new(),
            Err(e) => e,
        };
        if self.offered_on.is_blank() && e.for_field("offered_on").is_none() {
            e.add("offered_on", "welcome-error-offered-required");
        }
        Err(e)
    }
}

/// The letters of the alphabet a sort uses, in order. Welsh digraphs are single letters (G7):
/// *ch* after *c*, *dd* after *d*, *ff* after *f*, *ng* after *g*, *ll* after *l*, *ph* after
/// *p*, *rh* after *r*, *th* after *t*; letters Welsh borrows (j, k, q, v, x, z) keep their
/// Latin places.
const WELSH_LETTERS: [&str; 34] = [
    "a", "b", "c", "ch", "d", "dd", "e", "f", "ff", "g", "ng", "h", "i", "j", "k", "l", "ll", "m",
    "n", "o", "p", "ph", "q", "r", "rh", "s", "t", "th", "u", "v", "w", "x", "y", "z",
];

/// A vowel or consonant without its accent (â → a, ŵ → w), so accents do not move a name.
fn base_letter(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ẁ' | 'ẃ' | 'ŵ' | 'ẅ' => 'w',
        'ỳ' | 'ý' | 'ŷ' | 'ÿ' => 'y',
        other => other,
    }
}

/// A key that sorts names alphabetically in `lang`: in Welsh by the Welsh alphabet (so Lyons
/// comes before Llewelyn, and Cyril before Chris), in English by the Latin one. Accents and
/// case are ignored; spaces and punctuation come before letters. (As in ICU's `cy` collation,
/// *ng* is always read as one letter, which puts a name such as "Bangor" after "Banw".)
pub fn name_sort_key(name: &str, lang: Language) -> Vec<u32> {
    let chars: Vec<char> = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(base_letter)
        .collect();
    let mut key = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if lang == Language::Cy
            && let Some(&next) = chars.get(i + 1)
        {
            let pair: String = [c, next].iter().collect();
            if let Some(pos) = WELSH_LETTERS.iter().position(|l| *l == pair) {
                key.push(1000 + pos as u32);
                i += 2;
                continue;
            }
        }
        let single = c.to_string();
        key.push(match WELSH_LETTERS.iter().position(|l| *l == single) {
            Some(pos) => 1000 + pos as u32,
            // Spaces, digits and punctuation first; any other letter after z.
            None if (c as u32) < 1000 => c as u32,
            None => 2000 + c as u32,
        });
        i += 1;
    }
    key
}

/// [`name_sort_key`] in Welsh as text the database can sort by: two lowercase letters a
/// character, so it sorts the same under any collation (C, ICU or the system's). Spaces and
/// punctuation come first, then digits, then the Welsh alphabet, then any other letter.
pub fn welsh_sort_key(name: &str) -> String {
    let mut out = String::new();
    for k in name_sort_key(name, Language::Cy) {
        let (a, b) = match k {
            0x30..=0x39 => (b'a', b'b' + (k - 0x30) as u8),
            0..1000 => (b'a', b'a'),
            1000..2000 => {
                let pos = (k - 1000) as u8;
                (b'b' + pos / 26, b'a' + pos % 26)
            }
            _ => (b'z', b'z'),
        };
        out.push(a as char);
        out.push(b as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_stored_welsh_key_sorts_names_as_the_welsh_alphabet_does() {
        let mut names = [
            "Llinos",
            "Lowri",
            "Lewis",
            "Chris",
            "Cyril",
            "Dafydd",
            "Dylan",
            "Ffion",
            "Fflur",
            "Gwen",
            "Ngaio",
            "Rhys",
            "Ruth",
            "Thomas",
            "Tom",
            "Ann Marie",
            "Anna",
            "7 Dwr",
        ];
        names.sort_by_key(|n| welsh_sort_key(n));
        assert_eq!(
            names.as_slice(),
            [
                "7 Dwr",
                "Ann Marie",
                "Anna",
                "Cyril",
                "Chris",
                "Dafydd",
                "Dylan",
                "Ffion",
                "Fflur",
                "Gwen",
                "Ngaio",
                "Lewis",
                "Lowri",
                "Llinos",
                "Ruth",
                "Rhys",
                "Tom",
                "Thomas"
            ]
        );
        assert!(
            welsh_sort_key("Âli") == welsh_sort_key("ali"),
            "accents and case ignored"
        );
        assert!(
            welsh_sort_key("Llŷr")
                .bytes()
                .all(|b| b.is_ascii_lowercase())
        );
    }

    fn today() -> Date {
        date(2026, 3, 29)
    }

    fn draft() -> PersonDraft {
        PersonDraft {
            chosen_name: "Sam".into(),
            constituency: "carer".into(),
            preferred_language: "cy".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_new_person_defaults_to_active() {
        let f = draft().validate(today()).expect("valid");
        assert_eq!(f.status, PersonStatus::Active);
        assert_eq!(f.preferred_language, Language::Cy);
    }

    #[test]
    fn discipline_is_kept_only_for_staff() {
        let mut d = draft();
        d.discipline = Some("Nurse".into());
        assert_eq!(d.validate(today()).expect("valid").discipline, None);
        d.constituency = "staff".into();
        assert_eq!(
            d.validate(today()).expect("valid").discipline.as_deref(),
            Some("Nurse")
        );
    }

    #[test]
    fn consent_date_cannot_be_in_the_future() {
        let mut d = draft();
        d.consent_on = DateParts {
            day: "30".into(),
            month: "3".into(),
            year: "2026".into(),
        };
        assert_eq!(
            d.validate(today())
                .expect_err("future")
                .for_field("consent_on")
                .map(|x| x.code),
            Some("date-error-future")
        );
    }

    #[test]
    fn bad_email_and_missing_fields_are_all_reported() {
        let d = PersonDraft {
            email: Some("not an email".into()),
            ..Default::default()
        };
        let e = d.validate(today()).expect_err("invalid");
        for f in ["chosen_name", "constituency", "preferred_language", "email"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_profile_keeps_the_persons_words_and_defaults_every_consent_to_no() {
        let f = ProfileDraft {
            skills: " Baking ".into(),
            contact_by: "phone".into(),
            ..Default::default()
        }
        .validate()
        .expect("valid");
        assert_eq!(f.skills.as_deref(), Some("Baking"));
        assert_eq!(f.contact_by, Some(ContactBy::Phone));
        assert!(!f.consent_whos_who && !f.consent_photo && !f.consent_opportunities);
        let e = ProfileDraft {
            interests: "x".repeat(PROFILE_TEXT_MAX + 1),
            contact_by: "pigeon".into(),
            ..Default::default()
        }
        .validate()
        .expect_err("invalid");
        assert!(e.for_field("interests").is_some());
        assert!(e.for_field("contact_by").is_some());
    }

    #[test]
    fn a_level_decision_needs_a_different_level_a_date_and_a_note() {
        let parts = |d: &str| DateParts {
            day: d.into(),
            month: "3".into(),
            year: "2026".into(),
        };
        let d = LevelDraft {
            to_level: "2".into(),
            decided_on: parts("29"),
            note: "Agreed with Sam at review".into(),
        };
        let f = d.validate(1, today()).expect("valid");
        assert_eq!((f.from_level, f.to_level), (1, 2));
        let e = d.validate(2, today()).expect_err("same level");
        assert_eq!(
            e.for_field("to_level").map(|x| x.code),
            Some("level-error-same")
        );
        let e = LevelDraft::default()
            .validate(1, today())
            .expect_err("empty");
        for f in ["to_level", "decided_on", "note"] {
            assert!(e.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_buddy_is_in_time_up_to_fourteen_days_after_joining() {
        use jiff::civil::date;
        let joined = date(2026, 3, 1);
        assert!(buddy_in_time(joined, Some(date(2026, 3, 15))));
        assert!(!buddy_in_time(joined, Some(date(2026, 3, 16))));
        assert!(buddy_in_time(joined, Some(date(2026, 2, 20))));
        assert!(!buddy_in_time(joined, None));
        assert!(!buddy_overdue(joined, date(2026, 3, 15)));
        assert!(buddy_overdue(joined, date(2026, 3, 16)));
    }

    #[test]
    fn pathway_steps_belong_to_levels_one_and_two() {
        assert_eq!(PathwayStep::Information.level(), 1);
        assert_eq!(PathwayStep::Shadowing.level(), 2);
    }
    #[test]
    fn welsh_names_sort_by_the_welsh_alphabet_and_english_by_the_latin_one() {
        let names = [
            "Llewelyn", "Lyons", "Chris", "Cyril", "Dafydd", "Ŵyn", "Wil",
        ];
        let sorted = |lang| {
            let mut v = names.to_vec();
            v.sort_by_key(|n| name_sort_key(n, lang));
            v
        };
        assert_eq!(
            sorted(Language::Cy),
            [
                "Cyril", "Chris", "Dafydd", "Lyons", "Llewelyn", "Wil", "Ŵyn"
            ]
        );
        assert_eq!(
            sorted(Language::En),
            [
                "Chris", "Cyril", "Dafydd", "Llewelyn", "Lyons", "Wil", "Ŵyn"
            ]
        );
        assert!(name_sort_key("Ann Jones", Language::En) < name_sort_key("Anna", Language::En));
    }
}

#[cfg(test)]
mod buddy_and_welcome_tests {
    use super::*;
    use jiff::civil::date;

    fn parts(d: Date) -> DateParts {
        DateParts::from_date(Some(d))
    }

    fn today() -> Date {
        date(2026, 3, 29)
    }

    #[test]
    fn a_newcomer_joined_within_the_newcomer_days_and_no_joining_date_is_no_newcomer() {
        let t = today();
        let edge = t
            .checked_sub(jiff::Span::new().days(NEWCOMER_DAYS))
            .expect("date");
        assert!(is_newcomer(Some(t), t));
        assert!(is_newcomer(Some(edge), t));
        assert!(!is_newcomer(Some(edge.yesterday().expect("date")), t));
        assert!(!is_newcomer(Some(t.tomorrow().expect("date")), t));
        assert!(!is_newcomer(None, t));
    }

    #[test]
    fn the_welcome_window_is_ninety_days_including_today() {
        let start = welcome_window_start(today());
        assert_eq!(start.until(today()).expect("span").get_days(), 89);
    }

    #[test]
    fn a_pairing_needs_a_newcomer_another_person_as_buddy_and_a_start_not_in_the_future() {
        let ok = PairingDraft {
            newcomer_id: "4".into(),
            buddy_id: "7".into(),
            starts_on: parts(today()),
        }
        .validate(today())
        .expect("valid");
        assert_eq!((ok.newcomer_id, ok.buddy_id, ok.starts_on), (4, 7, today()));
        let same = PairingDraft {
            newcomer_id: "4".into(),
            buddy_id: "4".into(),
            starts_on: parts(today().tomorrow().expect("date")),
        }
        .validate(today())
        .expect_err("same person, future start");
        assert_eq!(
            same.for_field("buddy_id").map(|e| e.code),
            Some("buddies-error-same")
        );
        assert_eq!(
            same.for_field("starts_on").map(|e| e.code),
            Some("date-error-future")
        );
        let empty = PairingDraft::default()
            .validate(today())
            .expect_err("empty");
        for f in ["newcomer_id", "buddy_id", "starts_on"] {
            assert!(empty.for_field(f).is_some(), "{f}");
        }
    }

    #[test]
    fn a_check_in_falls_inside_the_pairing_and_an_end_is_not_before_the_start() {
        let start = date(2026, 3, 10);
        let d = |day| CheckinDraft {
            held_on: parts(date(2026, 3, day)),
            note: "Talked about the garden".into(),
        };
        assert!(d(10).validate(start, None, today()).is_ok());
        assert_eq!(
            d(9).validate(start, None, today())
                .expect_err("before")
                .for_field("held_on")
                .map(|e| e.code),
            Some("buddies-error-checkin-before-start")
        );
        assert_eq!(
            d(20)
                .validate(start, Some(date(2026, 3, 15)), today())
                .expect_err("after end")
                .for_field("held_on")
                .map(|e| e.code),
            Some("buddies-error-checkin-after-end")
        );
        assert!(
            CheckinDraft::default()
                .validate(start, None, today())
                .is_err()
        );
        let end = |d: Date| EndDraft { ends_on: parts(d) }.validate(start, today());
        assert_eq!(end(start), Ok(start));
        assert_eq!(
            end(date(2026, 3, 9))
                .expect_err("before")
                .for_field("ends_on")
                .map(|e| e.code),
            Some("buddies-error-end-before-start")
        );
        assert!(end(today().tomorrow().expect("date")).is_err());
        assert!(EndDraft::default().validate(start, today()).is_err());
    }

    fn arrival(
        arrived: i8,
        offered: Option<i8>,
        accepted: Option<i8>,
        declined: Option<i8>,
        held: Option<i8>,
    ) -> ArrivalDraft {
        let p = |d: Option<i8>| DateParts::from_date(d.map(|d| date(2026, 3, d)));
        ArrivalDraft {
            arrived_on: p(Some(arrived)),
            offered_on: p(offered),
            accepted_on: p(accepted),
            declined_on: p(declined),
            held_on: p(held),
        }
    }

    fn code(e: &FieldErrors, f: &str) -> Option<&'static str> {
        e.for_field(f).map(|x| x.code)
    }

    #[test]
    fn an_arrival_needs_a_date_no_later_than_today_and_may_be_offered_at_once() {
        let f = arrival(20, Some(21), Some(22), None, Some(25))
            .validate(today())
            .expect("valid");
        assert_eq!(f.arrived_on, date(2026, 3, 20));
        assert_eq!(f.held_on, Some(date(2026, 3, 25)));
        let e = ArrivalDraft::default()
            .validate(today())
            .expect_err("empty");
        assert_eq!(code(&e, "arrived_on"), Some("welcome-error-arrived"));
        let e = arrival(30, None, None, None, None)
            .validate(today())
            .expect_err("future");
        assert_eq!(code(&e, "arrived_on"), Some("date-error-future"));
    }

    #[test]
    fn meeting_dates_follow_the_arrival_and_the_offer_and_never_pass_today() {
        let e = arrival(20, Some(19), None, None, None)
            .validate(today())
            .expect_err("x");
        assert_eq!(code(&e, "offered_on"), Some("welcome-error-before-arrival"));
        let e = arrival(20, None, None, None, Some(22))
            .validate(today())
            .expect_err("x");
        assert_eq!(code(&e, "held_on"), Some("welcome-error-needs-offered"));
        let e = arrival(20, Some(23), Some(22), None, None)
            .validate(today())
            .expect_err("x");
        assert_eq!(
            code(&e, "accepted_on"),
            Some("welcome-error-before-offered")
        );
        let e = arrival(20, Some(21), Some(22), Some(22), None)
            .validate(today())
            .expect_err("x");
        assert_eq!(
            code(&e, "declined_on"),
            Some("welcome-error-accepted-and-declined")
        );
        let e = arrival(20, Some(21), None, Some(22), Some(23))
            .validate(today())
            .expect_err("x");
        assert_eq!(code(&e, "held_on"), Some("welcome-error-held-declined"));
        let mut d = arrival(20, Some(21), None, None, None);
        d.held_on = parts(today().tomorrow().expect("date"));
        assert_eq!(
            code(&d.validate(today()).expect_err("x"), "held_on"),
            Some("date-error-future")
        );
    }

    #[test]
    fn recording_the_meeting_on_a_logged_arrival_needs_the_offer_date() {
        let e = arrival(20, None, None, None, None)
            .validate_meeting(today())
            .expect_err("nothing");
        assert_eq!(
            code(&e, "offered_on"),
            Some("welcome-error-offered-required")
        );
        assert!(
            arrival(20, None, None, None, None)
                .validate(today())
                .is_ok()
        );
        assert!(
            arrival(20, Some(20), None, Some(21), None)
                .validate_meeting(today())
                .is_ok()
        );
    }
}
