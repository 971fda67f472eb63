//! Text an organisation writes in English and Welsh: what a reader sees when one language is
//! missing, and the fields the organisation's translation list works through.
//!
//! The interface itself is in Fluent; this is for what people type (a suggestion's public
//! wording, a meeting's place, a rate's source note…). Either language may be written first;
//! the item is then "waiting for Welsh" (or English) until someone adds the other.

use crate::people::Language;
use crate::validation::FieldErrors;

/// One text in both languages; an empty side is `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Bilingual {
    pub en: Option<String>,
    pub cy: Option<String>,
}

/// Which language a reader gets, and whether it is the one they asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown<'a> {
    pub text: &'a str,
    pub lang: Language,
    /// True when the reader's language is missing and this is the other one.
    pub fell_back: bool,
}

fn filled(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

impl Bilingual {
    /// Both sides as typed (trimmed); blanks become `None`.
    pub fn new(en: Option<&str>, cy: Option<&str>) -> Self {
        Bilingual {
            en: filled(en),
            cy: filled(cy),
        }
    }

    /// English only (for older callers and data written before Welsh columns existed).
    pub fn english(en: &str) -> Self {
        Bilingual::new(Some(en), None)
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_none() && self.cy.is_none()
    }

    /// Both languages are there.
    pub fn is_complete(&self) -> bool {
        self.en.is_some() && self.cy.is_some()
    }

    /// The language still to be written, when exactly one is.
    pub fn missing(&self) -> Option<Language> {
        match (&self.en, &self.cy) {
            (Some(_), None) => Some(Language::Cy),
            (None, Some(_)) => Some(Language::En),
            _ => None,
        }
    }

    /// The side in `lang`.
    pub fn get(&self, lang: Language) -> Option<&str> {
        match lang {
            Language::En => self.en.as_deref(),
            Language::Cy => self.cy.as_deref(),
        }
    }

    /// The text for a reader of `lang`: theirs when it exists, else the other language,
    /// marked as a fall-back so the page can say so and mark its language.
    pub fn shown(&self, lang: Language) -> Option<Shown<'_>> {
        let other = match lang {
            Language::En => Language::Cy,
            Language::Cy => Language::En,
        };
        if let Some(text) = self.get(lang) {
            return Some(Shown {
                text,
                lang,
                fell_back: false,
            });
        }
        self.get(other).map(|text| Shown {
            text,
            lang: other,
            fell_back: true,
        })
    }

    /// Checks each side (length, control characters); errors go on `<field>` for the
    /// English and `<field>_cy` for the Welsh, so each shows beside its own box.
    pub fn check(&self, errors: &mut FieldErrors, field: &str, max: usize, too_long: &'static str) {
        crate::validation::optional_text(errors, field, self.en.as_deref(), max, too_long);
        crate::validation::optional_text(
            errors,
            &format!("{field}_cy"),
            self.cy.as_deref(),
            max,
            too_long,
        );
    }
}

impl From<&str> for Bilingual {
    /// Text given without a language is English (the language every column held before).
    fn from(en: &str) -> Self {
        Bilingual::english(en)
    }
}

impl From<&String> for Bilingual {
    /// As for `&str`: English.
    fn from(en: &String) -> Self {
        Bilingual::english(en)
    }
}

crate::keyed_enum! {
    /// A text field the translation list covers: each is one pair of English and Welsh
    /// columns on one kind of record.
    Field, "translation-field", {
        SuggestionPublicText => "suggestion_public_text",
        SuggestionResponse => "suggestion_response",
        GroupPlace => "group_place",
        MeetingPlace => "meeting_place",
        MeetingMinutes => "meeting_minutes",
        AgendaItem => "agenda_item",
        MeetingDecision => "meeting_decision",
        MeetingAction => "meeting_action",
        FeeRateSource => "fee_rate_source",
        ExpenseRateSource => "expense_rate_source",
        LimitPresetSource => "limit_preset_source",
        RoundName => "round_name",
        CourseTitle => "course_title",
        CourseSummary => "course_summary",
        SurveyTitle => "survey_title",
        OpportunityNote => "opportunity_note",
    }
}

impl Field {
    /// The longest text the field takes (the same limit as its own form).
    pub fn max_chars(self) -> usize {
        match self {
            Field::MeetingMinutes => 20_000,
            Field::SuggestionPublicText | Field::SuggestionResponse => {
                crate::feedback::RESPONSE_MAX
            }
            Field::CourseSummary | Field::OpportunityNote => 2_000,
            _ => 500,
        }
    }
}

/// A line of the translation list as it comes back from the translation service: which
/// record and field, and the text for the language that was missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    pub field: Field,
    pub id: i64,
    pub lang: Language,
    pub text: String,
}

/// Why a returned line cannot be used; each is a Fluent id said with its line number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineError {
    UnknownField,
    BadId,
    BadLanguage,
    TooLong,
}

impl LineError {
    pub fn message_id(self) -> &'static str {
        match self {
            LineError::UnknownField => "translation-error-field",
            LineError::BadId => "translation-error-id",
            LineError::BadLanguage => "translation-error-language",
            LineError::TooLong => "translation-error-long",
        }
    }
}

/// Reads one returned line: `field, id, language wanted, text`. A blank text is `None` (the
/// service has not done it yet), so a partly done file can come back more than once.
pub fn read_line(
    field: &str,
    id: &str,
    lang: &str,
    text: &str,
) -> Result<Option<Filled>, LineError> {
    let field = Field::parse(field.trim()).ok_or(LineError::UnknownField)?;
    let id = id
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(LineError::BadId)?;
    let lang = Language::parse(lang.trim()).ok_or(LineError::BadLanguage)?;
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if text.chars().count() > field.max_chars() {
        return Err(LineError::TooLong);
    }
    Ok(Some(Filled {
        field,
        id,
        lang,
        text: text.to_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reader_gets_their_language_and_else_the_other_marked_as_a_fall_back() {
        let both = Bilingual::new(Some("New chairs"), Some("Cadeiriau newydd"));
        let cy = both.shown(Language::Cy).expect("shown");
        assert_eq!(
            (cy.text, cy.lang, cy.fell_back),
            ("Cadeiriau newydd", Language::Cy, false)
        );

        let english_only = Bilingual::new(Some("New chairs"), Some("   "));
        assert_eq!(english_only.missing(), Some(Language::Cy));
        let cy = english_only.shown(Language::Cy).expect("shown");
        assert_eq!(
            (cy.text, cy.lang, cy.fell_back),
            ("New chairs", Language::En, true)
        );

        let welsh_only = Bilingual::new(None, Some("Cadeiriau newydd"));
        assert_eq!(welsh_only.missing(), Some(Language::En));
        let en = welsh_only.shown(Language::En).expect("shown");
        assert!(en.fell_back);
        assert_eq!(en.lang, Language::Cy);

        assert!(Bilingual::new(Some(""), None).shown(Language::En).is_none());
        assert!(both.is_complete());
        assert_eq!(both.missing(), None);
    }

    #[test]
    fn each_side_is_checked_for_length_on_its_own_field() {
        let b = Bilingual::new(Some("ok"), Some(&"a".repeat(11)));
        let mut e = FieldErrors::new();
        b.check(&mut e, "place", 10, "x-long");
        assert!(e.for_field("place").is_none());
        assert_eq!(e.for_field("place_cy").map(|e| e.code), Some("x-long"));
    }

    #[test]
    fn returned_lines_are_read_or_refused_with_a_reason() {
        let ok = read_line("meeting_place", "12", "cy", " Lolfa ").expect("reads");
        assert_eq!(
            ok,
            Some(Filled {
                field: Field::MeetingPlace,
                id: 12,
                lang: Language::Cy,
                text: "Lolfa".into()
            })
        );
        assert_eq!(read_line("meeting_place", "12", "cy", "  "), Ok(None));
        assert_eq!(
            read_line("password", "12", "cy", "x"),
            Err(LineError::UnknownField)
        );
        assert_eq!(
            read_line("meeting_place", "-3", "cy", "x"),
            Err(LineError::BadId)
        );
        assert_eq!(
            read_line("meeting_place", "3", "fr", "x"),
            Err(LineError::BadLanguage)
        );
        assert_eq!(
            read_line("meeting_place", "3", "cy", &"x".repeat(501)),
            Err(LineError::TooLong)
        );
    }

    #[test]
    fn every_field_has_a_key_that_reads_back() {
        for f in Field::ALL {
            assert_eq!(Field::parse(f.key()), Some(*f));
            assert!(f.label_id().starts_with("translation-field-"));
        }
    }
}
