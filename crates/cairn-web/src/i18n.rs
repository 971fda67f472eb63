//! English and Welsh. Strings live in `locales/{en,cy}/*.ftl`, one file per capability, and
//! are compiled into the binary. The Welsh bundle uses the identifier `cy`, so Welsh plural
//! rules (zero, one, two, few, many, other) apply; tests render every variant.

use cairn_domain::people::Language;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Bidi isolation marks around arguments confuse screen readers reading plain pages.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static CY: LanguageIdentifier = langid!("cy");

fn id_of(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::En => &EN,
        Language::Cy => &CY,
    }
}

/// A translator for one language, handed to every template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    pub lang: Language,
}

impl Tr {
    /// A translator for `lang`.
    pub fn new(lang: Language) -> Self {
        Tr { lang }
    }

    /// The language key for `<html lang>`.
    pub fn code(&self) -> &'static str {
        self.lang.key()
    }

    /// A message with no arguments.
    pub fn get(&self, id: &str) -> String {
        lookup(self.lang, id, None)
    }

    /// A message with arguments. An argument that is a whole number written plainly ("7",
    /// "-2", not "07" or "1,000") goes to Fluent as a number, so a plural selector picks the
    /// right one of Welsh's six forms; text passed as a number would always pick "other".
    /// Every caller builds its arguments with `to_string()`, so this is the one place that
    /// makes them numbers again.
    pub fn with(&self, id: &str, args: &[(&str, String)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Owned((*k).to_owned()), argument(v)))
            .collect();
        lookup(self.lang, id, Some(&map))
    }

    /// A message with one numeric argument `count` (selects the plural form).
    pub fn count(&self, id: &str, count: i64) -> String {
        let mut map: HashMap<Cow<'static, str>, FluentValue> = HashMap::new();
        map.insert(Cow::Borrowed("count"), FluentValue::from(count));
        lookup(self.lang, id, Some(&map))
    }

    /// True when the message exists in this language itself (no fallback).
    pub fn has(&self, id: &str) -> bool {
        LOCALES
            .lookup_single_language::<&str>(id_of(self.lang), id, None)
            .is_ok()
    }
}

/// Message `id` in `lang`. The loader's own lookup works out the fallback chain afresh on every
/// call (a language negotiation and a list of bundles), which showed in every page's profile;
/// every message exists in both languages (a test checks), so the page's own language is
/// asked first and the chain is walked only when that fails, with the same result.
fn lookup(
    lang: Language,
    id: &str,
    args: Option<&HashMap<Cow<'static, str>, FluentValue>>,
) -> String {
    LOCALES
        .lookup_single_language(id_of(lang), id, args)
        .unwrap_or_else(|_| match args {
            Some(a) => LOCALES.lookup_with_args(id_of(lang), id, a),
            None => LOCALES.lookup(id_of(lang), id),
        })
}

/// A number when `v` is one written plainly, else the text.
fn argument(v: &str) -> FluentValue<'static> {
    match v.parse::<i64>() {
        Ok(n) if n.to_string() == v => FluentValue::from(n),
        _ => FluentValue::from(v.to_owned()),
    }
}

/// The translator the use cases get for e-mails and notices.
#[derive(Debug, Clone, Copy, Default)]
pub struct FluentTranslator;

impl cairn_app::Translator for FluentTranslator {
    fn message(&self, lang: Language, id: &str, args: &[(&str, String)]) -> String {
        Tr::new(lang).with(id, args)
    }
}

/// Picks a language from an `Accept-Language` header: Welsh when it comes before English.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut bits = part.trim().split(';');
        let tag = bits.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = bits
            .find_map(|b| {
                b.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let lang = if tag == "cy" || tag.starts_with("cy-") {
            Language::Cy
        } else if tag == "en" || tag.starts_with("en-") {
            Language::En
        } else {
            continue;
        };
        if best.is_none_or(|(bq, _)| q > bq) {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asking_the_language_first_gives_what_the_loaders_fallback_chain_gives() {
        let count: HashMap<Cow<'static, str>, FluentValue> =
            HashMap::from([(Cow::Borrowed("count"), FluentValue::from(3))]);
        for lang in [Language::En, Language::Cy] {
            let t = Tr::new(lang);
            // A plain message, a plural one, and an id no bundle holds.
            assert_eq!(
                t.get("people-title"),
                LOCALES.lookup(id_of(lang), "people-title")
            );
            assert_eq!(
                t.count("buddies-note-waiting", 3),
                LOCALES.lookup_with_args(id_of(lang), "buddies-note-waiting", &count)
            );
            assert_eq!(
                t.get("no-such-message"),
                LOCALES.lookup(id_of(lang), "no-such-message")
            );
        }
        assert_ne!(
            Tr::new(Language::Cy).get("people-title"),
            Tr::new(Language::En).get("people-title")
        );
    }

    #[test]
    fn accept_language_prefers_the_highest_quality_known_language() {
        assert_eq!(from_accept_language("cy"), Some(Language::Cy));
        assert_eq!(from_accept_language("cy-GB,en;q=0.8"), Some(Language::Cy));
        assert_eq!(from_accept_language("en-GB,cy;q=0.5"), Some(Language::En));
        assert_eq!(from_accept_language("fr, cy;q=0.3"), Some(Language::Cy));
        assert_eq!(from_accept_language("fr"), None);
    }

    #[test]
    fn welsh_plurals_use_all_six_forms() {
        let cy = Tr::new(Language::Cy);
        assert_eq!(cy.count("people-count", 0), "Dim pobl");
        assert_eq!(cy.count("people-count", 1), "1 person");
        assert_eq!(cy.count("people-count", 2), "2 berson");
        assert_eq!(cy.count("people-count", 3), "3 pherson");
        assert_eq!(cy.count("people-count", 6), "6 pherson");
        assert_eq!(cy.count("people-count", 4), "4 person");
        assert_eq!(cy.count("units-count", 2), "2 uned");
        let en = Tr::new(Language::En);
        assert_eq!(en.count("people-count", 1), "1 person");
        // Numbers passed as text select their plural form too.
        assert_eq!(
            cy.with("people-count", &[("count", "2".to_owned())]),
            "2 berson"
        );
        assert_eq!(
            cy.with("people-count", &[("count", "3".to_owned())]),
            "3 pherson"
        );
        assert_eq!(en.count("people-count", 2), "2 people");
    }
}
