//! Field errors. A field error names the form field and carries a Fluent message id (its
//! `code`), so the same error reads correctly in English and in Welsh beside the field and in
//! the API's 422 body.

use serde::Serialize;

/// One problem with one field: `field` is the form/JSON field name, `code` a Fluent id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

/// All the problems found with one submission, in the order the fields appear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem with `field`.
    pub fn add(&mut self, field: &str, code: &'static str) {
        self.0.push(FieldError {
            field: field.to_owned(),
            code,
        });
    }

    /// True when nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first error for `field`, if any.
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }

    /// `Ok(value)` when empty, else `Err(self)`.
    pub fn into_result<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

/// Trims `raw` and checks it is present and at most `max` characters.
/// Returns the trimmed text, or records `<prefix>-required` / `<prefix>-too-long` style codes
/// passed in by the caller.
pub fn required_text(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    max: usize,
    code_required: &'static str,
    code_too_long: &'static str,
) -> String {
    let value = raw.trim();
    if value.is_empty() {
        errors.add(field, code_required);
    } else if has_forbidden_control(value) {
        errors.add(field, CONTROL_CHARACTER);
    } else if value.chars().count() > max {
        errors.add(field, code_too_long);
    }
    value.to_owned()
}

/// Trims optional text; empty becomes `None`; over `max` characters records `code_too_long`.
pub fn optional_text(
    errors: &mut FieldErrors,
    field: &str,
    raw: Option<&str>,
    max: usize,
    code_too_long: &'static str,
) -> Option<String> {
    let value = raw.map(str::trim).unwrap_or("");
    if value.is_empty() {
        return None;
    }
    if has_forbidden_control(value) {
        errors.add(field, CONTROL_CHARACTER);
    } else if value.chars().count() > max {
        errors.add(field, code_too_long);
    }
    Some(value.to_owned())
}

/// The Fluent id of the message for text holding a control character.
pub const CONTROL_CHARACTER: &str = "error-control-character";

/// True when `s` holds a control character other than tab, line feed or carriage return.
/// PostgreSQL cannot store U+0000 in text at all, and the others are never typed on purpose,
/// so both engines refuse them alike.
pub fn has_forbidden_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// A deliberately small e-mail check: one `@`, something either side, a dot in the domain, no
/// spaces. Delivery is the real test; this only catches typing slips.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && !domain.contains('@')
        && s.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_except_tab_and_new_lines() {
        for bad in ["a\u{0}b", "\u{7}", "x\u{1b}[31m", "del\u{7f}", "c1\u{85}"] {
            assert!(has_forbidden_control(bad), "{bad:?}");
        }
        for good in ["plain", "tab\there", "line\r\nbreak", "Llanelli – café"] {
            assert!(!has_forbidden_control(good), "{good:?}");
        }
        let mut e = FieldErrors::new();
        required_text(&mut e, "name", "Ward\u{0}A", 50, "req", "long");
        optional_text(&mut e, "note", Some("hi\u{0}"), 50, "long");
        assert_eq!(e.for_field("name").map(|x| x.code), Some(CONTROL_CHARACTER));
        assert_eq!(e.for_field("note").map(|x| x.code), Some(CONTROL_CHARACTER));
    }

    #[test]
    fn required_text_trims_and_flags_empty_and_long_values() {
        let mut e = FieldErrors::new();
        assert_eq!(
            required_text(&mut e, "name", "  Ward A ", 10, "req", "long"),
            "Ward A"
        );
        assert!(e.is_empty());
        required_text(&mut e, "name", "   ", 10, "req", "long");
        required_text(&mut e, "other", "12345678901", 10, "req", "long");
        assert_eq!(e.for_field("name").map(|x| x.code), Some("req"));
        assert_eq!(e.for_field("other").map(|x| x.code), Some("long"));
    }

    #[test]
    fn email_check_accepts_ordinary_addresses_and_refuses_slips() {
        assert!(looks_like_email("sam@example.org"));
        assert!(!looks_like_email("sam@example"));
        assert!(!looks_like_email("sam example@x.org"));
        assert!(!looks_like_email("@x.org"));
        assert!(!looks_like_email("sam@@x.org"));
    }
}
