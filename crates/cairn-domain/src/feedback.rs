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
            &self.text,
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
            self.contact.as_deref(),
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
        raw,
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
    if text.is_empty() {
        e.add(field, required_code);
    }
    text.check(&mut e, field, RESPONSE_MAX, "feedback-error-note-long");
    e.into_result(text.clone())
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
