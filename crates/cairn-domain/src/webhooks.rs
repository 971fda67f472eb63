//! Signed webhooks: the events an endpoint can subscribe to, the rule for checking a chosen
//! list, and when a failed delivery is tried again.
//!
//! Event names are `noun.verb` in snake case and, once published, never change: receivers
//! match on them. Each has words in both languages (`webhooks-event-…`) saying plainly what it
//! means, for the checkboxes on the endpoint form.

use crate::FieldErrors;

/// Something that happened in Cairn that an endpoint can be told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Event {
    SuggestionReceived,
    SuggestionPublished,
    SuggestionClosed,
    MeetingPlanned,
    MeetingAttendanceRecorded,
    ClaimSubmitted,
    ClaimAuthorised,
    ClaimPaid,
    PaymentRunLocked,
    PersonLeft,
    InterestMoved,
}

impl Event {
    /// Every event, in the order the form lists them.
    pub const ALL: [Event; 11] = [
        Event::SuggestionReceived,
        Event::SuggestionPublished,
        Event::SuggestionClosed,
        Event::MeetingPlanned,
        Event::MeetingAttendanceRecorded,
        Event::ClaimSubmitted,
        Event::ClaimAuthorised,
        Event::ClaimPaid,
        Event::PaymentRunLocked,
        Event::PersonLeft,
        Event::InterestMoved,
    ];

    /// The published name, e.g. `claim.paid`.
    pub fn key(self) -> &'static str {
        match self {
            Event::SuggestionReceived => "suggestion.received",
            Event::SuggestionPublished => "suggestion.published",
            Event::SuggestionClosed => "suggestion.closed",
            Event::MeetingPlanned => "meeting.planned",
            Event::MeetingAttendanceRecorded => "meeting.attendance_recorded",
            Event::ClaimSubmitted => "claim.submitted",
            Event::ClaimAuthorised => "claim.authorised",
            Event::ClaimPaid => "claim.paid",
            Event::PaymentRunLocked => "payment_run.locked",
            Event::PersonLeft => "person.left",
            Event::InterestMoved => "interest.moved",
        }
    }

    /// The event with this exact name.
    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.key() == s)
    }

    /// The Fluent id of the plain description shown beside its checkbox.
    pub fn description_id(self) -> String {
        format!("webhooks-event-{}", self.key().replace(['.', '_'], "-"))
    }
}

/// Checks a chosen list of event names: at least one, every one known. Repeats are dropped and
/// the order is the form's, so a stored list compares equal however it was sent.
pub fn check_events(errors: &mut FieldErrors, field: &str, names: &[String]) -> Vec<Event> {
    if names.is_empty() {
        errors.add(field, "webhooks-error-events-none");
        return Vec::new();
    }
    if names.iter().any(|n| Event::parse(n.trim()).is_none()) {
        errors.add(field, "webhooks-error-events-unknown");
        return Vec::new();
    }
    Event::ALL
        .into_iter()
        .filter(|e| names.iter().any(|n| n.trim() == e.key()))
        .collect()
}

/// The stored form of a list of events: their names joined by commas.
pub fn join_events(events: &[Event]) -> String {
    events.iter().map(|e| e.key()).collect::<Vec<_>>().join(",")
}

/// The events of a stored list; names no longer known are left out.
pub fn split_events(stored: &str) -> Vec<Event> {
    stored.split(',').filter_map(Event::parse).collect()
}

const SECOND_MS: i64 = 1_000;
const MINUTE_MS: i64 = 60 * SECOND_MS;
const HOUR_MS: i64 = 60 * MINUTE_MS;

/// How long a delivery is tried for before it is given up.
pub const GIVE_UP_AFTER_MS: i64 = 24 * HOUR_MS;

/// The wait after each failed try (the first try is at once): 5 seconds, 5 minutes, 30
/// minutes, 2 hours, 5 hours, 10 hours, 10 hours — capped at a day after the delivery was
/// queued, where the last try happens.
pub const RETRY_DELAYS_MS: [i64; 7] = [
    5 * SECOND_MS,
    5 * MINUTE_MS,
    30 * MINUTE_MS,
    2 * HOUR_MS,
    5 * HOUR_MS,
    10 * HOUR_MS,
    10 * HOUR_MS,
];

/// When to try again after `attempts` failed tries, the latest at `now`, of a delivery queued
/// at `queued_at`; `None` means give up. No try is planned beyond a day after queueing, and
/// one that has reached that day is not tried again.
pub fn next_attempt(queued_at: i64, attempts: i64, now: i64) -> Option<i64> {
    let last = queued_at + GIVE_UP_AFTER_MS;
    if now >= last || attempts < 1 {
        return None;
    }
    let delay = *RETRY_DELAYS_MS.get(usize::try_from(attempts - 1).ok()?)?;
    Some((now + delay).min(last))
}

/// How long a rotated-out secret keeps signing beside the new one, so a receiver can change
/// its copy without refusing deliveries meanwhile.
pub const ROTATION_OVERLAP_MS: i64 = 24 * HOUR_MS;

/// How long a finished delivery (sent or given up) stays in the log.
pub const LOG_DAYS: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_name_is_noun_dot_verb_in_snake_case_and_parses_back() {
        for e in Event::ALL {
            let (noun, verb) = e.key().split_once('.').expect("a dot");
            for part in [noun, verb] {
                assert!(!part.is_empty());
                assert!(part.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            }
            assert_eq!(Event::parse(e.key()), Some(e));
        }
        assert_eq!(Event::parse("claim.Paid"), None);
    }

    #[test]
    fn a_list_with_an_unknown_or_no_event_is_refused_beside_the_field() {
        let mut e = FieldErrors::new();
        assert!(check_events(&mut e, "events", &["claim.paid".into(), "x.y".into()]).is_empty());
        assert_eq!(
            e.for_field("events").map(|f| f.code),
            Some("webhooks-error-events-unknown")
        );
        let mut e = FieldErrors::new();
        check_events(&mut e, "events", &[]);
        assert_eq!(
            e.for_field("events").map(|f| f.code),
            Some("webhooks-error-events-none")
        );
    }

    #[test]
    fn a_chosen_list_is_kept_in_form_order_without_repeats() {
        let mut e = FieldErrors::new();
        let got = check_events(
            &mut e,
            "events",
            &[
                "claim.paid".into(),
                "suggestion.received".into(),
                "claim.paid".into(),
            ],
        );
        assert!(e.is_empty());
        assert_eq!(got, vec![Event::SuggestionReceived, Event::ClaimPaid]);
        assert_eq!(split_events(&join_events(&got)), got);
    }

    #[test]
    fn retries_back_off_then_stop_a_day_after_queueing() {
        let q = 1_000_000;
        let mut now = q;
        let mut tries = vec![now];
        let mut attempts = 1;
        while let Some(at) = next_attempt(q, attempts, now) {
            assert!(at > now, "each try is later than the one before");
            now = at;
            tries.push(now);
            attempts += 1;
        }
        assert_eq!(tries[1] - tries[0], 5 * SECOND_MS);
        assert_eq!(tries[2] - tries[1], 5 * MINUTE_MS);
        assert_eq!(*tries.last().expect("tries"), q + GIVE_UP_AFTER_MS);
        assert_eq!(
            tries.len(),
            8,
            "at once, six backed-off tries, then the last at a day"
        );
        assert_eq!(next_attempt(q, 1, q + GIVE_UP_AFTER_MS), None);
    }
}
