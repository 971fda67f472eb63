//! English and Welsh parity: the same message ids in both, and every id the code uses exists.

use std::collections::BTreeSet;
use std::path::Path;

fn ids(lang: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let mut out = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("locales") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("ftl");
        for line in text.lines() {
            if let Some((id, _)) = line.split_once(" =")
                && !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                out.insert(id.to_owned());
            }
        }
    }
    out
}

#[test]
fn english_and_welsh_have_exactly_the_same_messages() {
    let en = ids("en");
    let cy = ids("cy");
    assert!(en.len() > 200, "{} English messages", en.len());
    let only_en: Vec<_> = en.difference(&cy).collect();
    let only_cy: Vec<_> = cy.difference(&en).collect();
    assert!(
        only_en.is_empty() && only_cy.is_empty(),
        "only in English: {only_en:?}; only in Welsh: {only_cy:?}"
    );
}

fn used_ids() -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeSet::new();
    let mut files = Vec::new();
    for dir in [
        "src",
        "templates",
        "../cairn-domain/src",
        "../cairn-app/src",
    ] {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).expect("dir") {
                let p = e.expect("entry").path();
                if p.is_dir() {
                    stack.push(p)
                } else {
                    files.push(p)
                }
            }
        }
    }
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (i, _) in text.match_indices('"') {
            // An HTML attribute value (id="…") is not a message id.
            if i > 0 && text.as_bytes()[i - 1] == b'=' {
                continue;
            }
            let rest = &text[i + 1..];
            let Some(end) = rest.find('"') else { continue };
            let s = &rest[..end];
            let known_prefix = [
                "units-",
                "people-",
                "date-error-",
                "accounts-error-",
                "setup-",
                "settings-error-",
                "error-",
                "email-",
                "notice-",
                "sign-in-",
                "account-",
                "audit-col-",
                "home-",
                "common-",
                "nav-",
                "header-",
                "meetings-",
                "payments-",
            ];
            // Enumeration prefixes (`keyed_enum!`), not message ids themselves.
            let enum_prefixes = [
                "meetings-kind",
                "meetings-reply",
                "meetings-presence",
                "meetings-arrangement",
                "meetings-action-status",
                "meetings-standing",
                "payments-activity",
                "payments-basis",
                "payments-expense",
                "payments-status",
                "payments-choice",
                "payments-period",
                "payments-run",
                "payments-chart",
                "payments-rest",
            ];
            if enum_prefixes.contains(&s) {
                continue;
            }
            if known_prefix.iter().any(|p| s.starts_with(p))
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !s.ends_with('-')
            {
                out.insert(s.to_owned());
            }
        }
    }
    out
}

#[test]
fn every_message_id_the_code_uses_exists_in_both_languages() {
    let en = ids("en");
    let used = used_ids();
    assert!(used.len() > 100, "found {} ids in code", used.len());
    let missing: Vec<_> = used.difference(&en).collect();
    assert!(missing.is_empty(), "used but not defined: {missing:?}");
}

#[test]
fn every_enumeration_value_has_a_label_in_both_languages() {
    use cairn_domain::people::{Constituency, Language, PersonStatus};
    use cairn_domain::units::{GenderMix, UnitType};
    let mut labels: Vec<String> = Vec::new();
    labels.extend(cairn_domain::Role::ALL.iter().map(|x| x.label_id()));
    labels.extend(UnitType::ALL.iter().map(|x| x.label_id()));
    labels.extend(GenderMix::ALL.iter().map(|x| x.label_id()));
    labels.extend(Constituency::ALL.iter().map(|x| x.label_id()));
    labels.extend(PersonStatus::ALL.iter().map(|x| x.label_id()));
    labels.extend(Language::ALL.iter().map(|x| x.label_id()));
    {
        use cairn_domain::meetings::{
            ActionStatus, Arrangement, GroupKind, Presence, Reply, StandingItem,
        };
        labels.extend(GroupKind::ALL.iter().map(|x| x.label_id()));
        labels.extend(Reply::ALL.iter().map(|x| x.label_id()));
        labels.extend(Presence::ALL.iter().map(|x| x.label_id()));
        labels.extend(Arrangement::ALL.iter().map(|x| x.label_id()));
        labels.extend(ActionStatus::ALL.iter().map(|x| x.label_id()));
        labels.extend(StandingItem::ALL.iter().map(|x| x.label_id()));
        use cairn_domain::payments::{
            ActivityType, ClaimStatus, ExpenseCategory, LimitPeriod, PaymentChoice, RateBasis,
            RunStatus,
        };
        labels.extend(ActivityType::ALL.iter().map(|x| x.label_id()));
        labels.extend(RateBasis::ALL.iter().map(|x| x.label_id()));
        labels.extend(ExpenseCategory::ALL.iter().map(|x| x.label_id()));
        labels.extend(ClaimStatus::ALL.iter().map(|x| x.label_id()));
        labels.extend(PaymentChoice::ALL.iter().map(|x| x.label_id()));
        labels.extend(LimitPeriod::ALL.iter().map(|x| x.label_id()));
        labels.extend(RunStatus::ALL.iter().map(|x| x.label_id()));
        for kind in [
            "made",
            "made-for",
            "submitted",
            "approved",
            "authorised",
            "rejected",
            "paid",
            "paid-less",
            "corrected",
        ] {
            labels.push(format!("payments-event-{kind}"));
        }
        for kind in ["none", "preset", "own"] {
            labels.push(format!("payments-limit-kind-{kind}"));
        }
        for stem in cairn_domain::meetings::TOR_FIELDS {
            labels.push(format!("meetings-tor-{stem}"));
            labels.push(format!("meetings-tor-{stem}-hint"));
        }
    }
    labels.extend(
        cairn_app::audit::Action::KEYS
            .iter()
            .map(|k| format!("audit-action-{}", k.replace('_', "-"))),
    );
    for lang in [Language::En, Language::Cy] {
        let t = cairn_web::i18n::Tr::new(lang);
        for id in &labels {
            assert!(t.has(id), "{id} missing in {lang:?}");
        }
    }
}
