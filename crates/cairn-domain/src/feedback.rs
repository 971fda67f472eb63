//! The feedback loop: where a suggestion came from, the status machine it moves through, and
//! the rules that make every closed suggestion carry a public response.
//!
//! Statuses are configurable per organisation; each maps to Red, Amber or Green and is either
//! open or closed. The rules: a closed suggestion never moves again; moving to a closed status
//! needs a public response ("You said … we did …" or "we can't, because …"); history only grows.

use crate::keyed_enum;
use crate::model::Rag;
use crate::time::DateParts;
use crate::validation::{FieldErrors, optional_text, required_text};

keyed_enum!(
    /// How a suggestion arrived. Labels in Fluent (`feedback-channel-…`).
    Channel, "feedback-channel", {
        Online => "online",
        Kiosk => "kiosk",
        Box => "box",
        Meeting => "meeting",
        Survey => "survey",
    }
);

keyed_enum!(
    /// A service-user and carer forum's decision on a development.
    ForumDecision, "feedback-forum", {
        Approved => "approved",
        NotApproved => "not_approved",
        Deferred => "deferred",
    }
);

keyed_enum!(
    /// Who may see a suggestion's wording: waiting for review, on the public boards, or kept private.
    Visibility, "feedback-visibility", {
        Pending => "pending",
        Published => "published",
        Private => "private",
    }
);

/// One status an organisation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDef {
    pub key: String,
    pub label_en: String,
    pub label_cy: String,
    pub rag: Rag,
    pub closed: bool,
}

/// The statuses every organisation starts with (stable keys; labels can be changed).
pub fn default_statuses() -> Vec<StatusDef> {
    let s = |key: &str, en: &str, cy: &str, rag, closed| StatusDef {
        key: key.into(),
        label_en: en.into(),
        label_cy: cy.into(),
        rag,
        closed,
    };
    vec![
        s("received", "Received", "Wedi dod i law", Rag::Red, false),
        s(
            "considering",
            "Being looked at",
            "Yn cael ei ystyried",
            Rag::Amber,
            false,
        ),
        s(
            "in_progress",
            "Agreed, in progress",
            "Wedi cytuno, ar y gweill",
            Rag::Amber,
            false,
        ),
        s("done", "Done", "Wedi'i wneud", Rag::Green, true),
        s("cannot_do", "Can't do", "Ddim yn bosibl", Rag::Red, true),
    ]
}

/// The status every new suggestion has.
pub const FIRST_STATUS: &str = "received";

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The suggestion is closed; nothing moves it.
    #[error("closed")]
    FromClosed,
    /// It already has that status.
    #[error("same status")]
    Same,
    /// A closed status needs a public response.
    #[error("response required")]
    ResponseRequired,
}

impl TransitionError {
    /// The Fluent id of the message.
    pub fn message_id(self) -> &'static str {
        match self {
            TransitionError::FromClosed => "feedback-error-closed",
            TransitionError::Same => "feedback-error-same-status",
            TransitionError::ResponseRequired => "feedback-error-response-required",
        }
    }
}

/// Checks a move from one status to another with the public response given (if any).
pub fn check_transition(
    from: &StatusDef,
    to: &StatusDef,
    public_response: Option<&str>,
) -> Result<(), TransitionError> {
    if from.closed {
        return Err(TransitionError::FromClosed);
    }
    if from.key == to.key {
        return Err(TransitionError::Same);
    }
    if to.closed && public_response.map(str::trim).is_none_or(str::is_empty) {
        return Err(TransitionError::ResponseRequired);
    }
    Ok(())
}

/// Longest suggestion.
pub const TEXT_MAX: usize = 2000;

/// Text with every line break as one line feed. A browser sends a textarea's line breaks as
/// CR LF, so without this each one counted as two characters and a suggestion within the
/// 2,000 the page promises was refused as too long.
pub fn one_char_line_breaks(raw: &str) -> String {
    raw.replace("\r\n", "\n").replace('\r', "\n")
}
/// Longest contact detail.
pub const CONTACT_MAX: usize = 200;
/// Longest public response or progress note.
pub const RESPONSE_MAX: usize = 2000;

/// A suggestion as typed.
#[derive(Debug, Clone, Default)]
pub struct SuggestionDraft {
    pub unit_id: Option<i64>,
    pub text: String,
    pub channel: String,
    pub anonymous: bool,
    pub contact: Option<String>,
    /// For a paper slip: the day it was found in the box.
    pub found_on: DateParts,
}

/// A checked suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuggestionFields {
    pub unit_id: Option<i64>,
    pub text: String,
    pub channel: Channel,
    pub anonymous: bool,
    pub contact: Option<String>,
    pub found_on: Option<jiff::civil::Date>,
}

impl SuggestionDraft {
    /// Checks the suggestion; `today` bounds the slip's date.
    pub fn validate(&self, today: jiff::civil::Date) -> Result<SuggestionFields, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = required_text(
            &mut e,
            "text",
            &one_char_line_breaks(&self.text),
            TEXT_MAX,
            "feedback-error-text-required",
            "feedback-error-text-long",
        );
        let channel = Channel::parse(self.channel.trim());
        if channel.is_none() {
            e.add("channel", "feedback-error-channel");
        }
        let contact = optional_text(
            &mut e,
            "contact",
            self.contact.as_deref().map(one_char_line_breaks).as_deref(),
            CONTACT_MAX,
            "feedback-error-contact-long",
        );
        let found_on =
            crate::time::parse_date_parts(&mut e, "found_on", &self.found_on, Some(today));
        if channel == Some(Channel::Box) && found_on.is_none() && e.for_field("found_on").is_none()
        {
            e.add("found_on", "feedback-error-found-on");
        }
        match (e.is_empty(), channel) {
            (true, Some(channel)) => Ok(SuggestionFields {
                unit_id: self.unit_id,
                text,
                channel,
                anonymous: self.anonymous,
                contact,
                found_on: if channel == Channel::Box {
                    found_on
                } else {
                    None
                },
            }),
            _ => Err(e),
        }
    }
}

/// Checks a public response or progress note (required, at most [`RESPONSE_MAX`]).
pub fn check_note(
    field: &str,
    raw: &str,
    required_code: &'static str,
) -> Result<String, FieldErrors> {
    let mut e = FieldErrors::new();
    let v = required_text(
        &mut e,
        field,
        &one_char_line_breaks(raw),
        RESPONSE_MAX,
        required_code,
        "feedback-error-note-long",
    );
    e.into_result(v)
}

/// Checks public wording written in English, Welsh or both: at least one language, each at
/// most [`RESPONSE_MAX`]. A missing language puts the suggestion on the translation list.
pub fn check_public(
    field: &str,
    text: &crate::translation::Bilingual,
    required_code: &'static str,
) -> Result<crate::translation::Bilingual, FieldErrors> {
    let mut e = FieldErrors::new();
    let text = one_char_line_breaks_both(text);
    if text.is_empty() {
        e.add(field, required_code);
    }
    text.check(&mut e, field, RESPONSE_MAX, "feedback-error-note-long");
    e.into_result(text)
}

/// [`one_char_line_breaks`] for each language of public wording.
pub fn one_char_line_breaks_both(
    text: &crate::translation::Bilingual,
) -> crate::translation::Bilingual {
    crate::translation::Bilingual {
        en: text.en.as_deref().map(one_char_line_breaks),
        cy: text.cy.as_deref().map(one_char_line_breaks),
    }
}

/// When a suggestion's response clock starts: the start of the day a paper slip was found
/// (in the organisation's time zone), or the moment it was received. A slip found 20 days ago
/// and typed in today has already waited 20 days.
pub fn clock_start(
    received_at: i64,
    found_on: Option<jiff::civil::Date>,
    tz: &jiff::tz::TimeZone,
) -> i64 {
    found_on
        .and_then(|d| d.to_zoned(tz.clone()).ok())
        .map(|z| z.timestamp().as_millisecond())
        .map_or(received_at, |found| found.min(received_at))
}

/// True when a suggestion still has no first response and is not closed, and more than
/// `target_days` have passed since its clock started ([`clock_start`]).
pub fn waiting_too_long(
    clock_start: i64,
    first_response_at: Option<i64>,
    closed_at: Option<i64>,
    now: i64,
    target_days: i64,
) -> bool {
    first_response_at.is_none()
        && closed_at.is_none()
        && now - clock_start > target_days * 24 * 60 * 60 * 1000
}

/// What a closed suggestion's public response says: what was done, or why it can't be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Outcome {
    /// "We did …"
    Done,
    /// "We can't do this, because …"
    CannotDo,
}

impl Outcome {
    /// A closed status shown in Red is a refusal (the default "Can't do", and any status an
    /// organisation adds that closes in Red); every other closed status is something done.
    pub fn of(status: &StatusDef) -> Outcome {
        if status.closed && status.rag == Rag::Red {
            Outcome::CannotDo
        } else {
            Outcome::Done
        }
    }

    /// The Fluent id of the heading over the response.
    pub fn heading_id(self) -> &'static str {
        match self {
            Outcome::Done => "feedback-we-did",
            Outcome::CannotDo => "feedback-we-cannot",
        }
    }
}

/// Whole days between two instants (for response times).
pub fn days_between(from_ms: i64, to_ms: i64) -> i64 {
    (to_ms - from_ms).max(0) / (24 * 60 * 60 * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn statuses() -> Vec<StatusDef> {
        default_statuses()
    }

    fn by(key: &str) -> StatusDef {
        statuses()
            .into_iter()
            .find(|s| s.key == key)
            .expect("status")
    }

    #[test]
    fn defaults_have_stable_keys_and_colours() {
        let keys: Vec<String> = statuses().iter().map(|s| s.key.clone()).collect();
        assert_eq!(
            keys,
            vec![
                "received",
                "considering",
                "in_progress",
                "done",
                "cannot_do"
            ]
        );
        assert_eq!(by("done").rag, Rag::Green);
        assert!(by("cannot_do").closed && !by("considering").closed);
    }

    #[test]
    fn closing_needs_a_public_response() {
        assert_eq!(
            check_transition(&by("received"), &by("done"), None),
            Err(TransitionError::ResponseRequired)
        );
        assert_eq!(
            check_transition(&by("received"), &by("cannot_do"), Some("   ")),
            Err(TransitionError::ResponseRequired)
        );
        assert_eq!(
            check_transition(&by("received"), &by("done"), Some("We fixed the kettle")),
            Ok(())
        );
        assert_eq!(
            check_transition(&by("received"), &by("considering"), None),
            Ok(())
        );
    }

    #[test]
    fn a_closed_suggestion_never_moves_and_a_move_must_change_something() {
        assert_eq!(
            check_transition(&by("done"), &by("considering"), Some("x")),
            Err(TransitionError::FromClosed)
        );
        assert_eq!(
            check_transition(&by("considering"), &by("considering"), None),
            Err(TransitionError::Same)
        );
    }

    #[test]
    fn a_box_slip_needs_the_day_it_was_found() {
        let today = jiff::civil::date(2026, 11, 26);
        let d = SuggestionDraft {
            text: "More fruit".into(),
            channel: "box".into(),
            ..Default::default()
        };
        assert_eq!(
            d.validate(today)
                .expect_err("no date")
                .for_field("found_on")
                .map(|e| e.code),
            Some("feedback-error-found-on")
        );
        let d = SuggestionDraft {
            found_on: DateParts {
                day: "20".into(),
                month: "11".into(),
                year: "2026".into(),
            },
            ..d
        };
        assert_eq!(
            d.validate(today).expect("valid").found_on,
            Some(jiff::civil::date(2026, 11, 20))
        );
        let long = SuggestionDraft {
            text: "x".repeat(TEXT_MAX + 1),
            channel: "online".into(),
            ..Default::default()
        };
        assert_eq!(
            long.validate(today)
                .expect_err("long")
                .for_field("text")
                .map(|e| e.code),
            Some("feedback-error-text-long")
        );
    }

    #[test]
    fn a_line_break_counts_as_one_character_however_the_browser_sends_it() {
        let today = jiff::civil::date(2026, 11, 26);
        // `n` characters in three lines, once each line break is one character.
        let lines = |n: usize, sep: &str| {
            let third = (n - 2) / 3;
            format!(
                "{}{sep}{}{sep}{}",
                "x".repeat(third),
                "x".repeat(third),
                "x".repeat(n - 2 - 2 * third)
            )
        };
        // TEXT_MAX characters once each CR LF is one line feed.
        let at_limit = SuggestionDraft {
            text: lines(TEXT_MAX, "\r\n"),
            channel: "online".into(),
            ..Default::default()
        };
        assert_eq!(
            at_limit.text.replace("\r\n", "\n").chars().count(),
            TEXT_MAX
        );
        let kept = at_limit.validate(today).expect("at the limit");
        assert!(!kept.text.contains('\r'), "stored with line feeds only");
        let over = SuggestionDraft {
            text: format!("{}y", at_limit.text),
            ..at_limit.clone()
        };
        assert_eq!(
            over.validate(today)
                .expect_err("one over")
                .for_field("text")
                .map(|e| e.code),
            Some("feedback-error-text-long")
        );
        assert_eq!(
            check_note("note", &lines(RESPONSE_MAX, "\r\n"), "r").map(|n| n.chars().count()),
            Ok(RESPONSE_MAX)
        );
    }

    #[test]
    fn a_slips_clock_starts_on_the_day_it_was_found_and_never_after_it_arrived() {
        let tz = jiff::tz::TimeZone::get("Europe/London").expect("tz");
        let received = jiff::civil::date(2026, 7, 21)
            .at(15, 0, 0, 0)
            .to_zoned(tz.clone())
            .expect("zoned")
            .timestamp()
            .as_millisecond();
        let found = jiff::civil::date(2026, 7, 1);
        let start = clock_start(received, Some(found), &tz);
        // Midnight in London, an hour before midnight UTC in summer.
        assert_eq!(
            start,
            found
                .to_zoned(tz.clone())
                .expect("z")
                .timestamp()
                .as_millisecond()
        );
        assert_eq!(clock_start(received, None, &tz), received);
        let day = 24 * 60 * 60 * 1000;
        assert!(waiting_too_long(start, None, None, received, 14));
        assert!(!waiting_too_long(received, None, None, received, 14));
        assert!(!waiting_too_long(start, Some(received), None, received, 14));
        assert!(!waiting_too_long(start, None, Some(received), received, 14));
        assert!(!waiting_too_long(
            received - 14 * day,
            None,
            None,
            received,
            14
        ));
    }

    #[test]
    fn a_response_to_a_red_closed_status_is_headed_as_a_refusal() {
        assert_eq!(Outcome::of(&by("cannot_do")), Outcome::CannotDo);
        assert_eq!(Outcome::of(&by("done")), Outcome::Done);
        assert_eq!(Outcome::of(&by("received")), Outcome::Done);
        assert_ne!(Outcome::CannotDo.heading_id(), Outcome::Done.heading_id());
    }

    proptest! {
        /// Walk random moves with or without responses: whatever happens, nothing ends closed
        /// without a response, nothing moves once closed, and the history only grows.
        #[test]
        fn no_path_closes_without_a_response(moves in proptest::collection::vec((0usize..5, proptest::option::of("[a-z ]{0,12}")), 0..30)) {
            let all = statuses();
            let mut current = by(FIRST_STATUS);
            let mut history: Vec<(String, Option<String>)> = vec![(current.key.clone(), None)];
            for (i, response) in moves {
                let to = &all[i];
                let before = history.len();
                match check_transition(&current, to, response.as_deref()) {
                    Ok(()) => {
                        current = to.clone();
                        history.push((to.key.clone(), response.clone()));
                        if current.closed {
                            prop_assert!(response.as_deref().is_some_and(|r| !r.trim().is_empty()));
                        }
                    }
                    Err(TransitionError::FromClosed) => prop_assert!(current.closed),
                    Err(_) => {}
                }
                prop_assert!(history.len() >= before);
            }
            let closes = history.iter().filter(|(k, _)| all.iter().any(|s| &s.key == k && s.closed)).count();
            prop_assert!(closes <= 1, "closed at most once");
        }
    }
}
