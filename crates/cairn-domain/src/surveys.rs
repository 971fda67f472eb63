//! Surveys: questions in English, Welsh and Easy Read, each of five kinds, with simple show-if
//! rules; the built-in templates (the NHS Friends and Family Test, a co-production baseline for
//! service users, carers and staff, an exit survey); the three kinds of privacy; checking one
//! response's answers; and, in [`suppression`], the small-number rule every published figure
//! goes through.

use crate::keyed_enum;
use crate::validation::{FieldErrors, has_forbidden_control};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod suppression;
mod templates;

pub use templates::{agree_scale, template};

keyed_enum!(
    /// Who a response can be traced to. Shown to the respondent before they start. Labels in
    /// Fluent (`survey-privacy-…`).
    Privacy, "survey-privacy", {
        /// No link to any account or device; the time kept only as the week.
        Anonymous => "anonymous",
        /// Linked to the person, reported only in aggregate.
        Confidential => "confidential",
        /// Linked to the person, with their agreement (for example an exit conversation).
        Named => "named",
    }
);

keyed_enum!(
    /// A question's kind. Labels in Fluent (`question-kind-…`).
    QuestionKind, "question-kind", {
        /// A scale (Likert): choices whose values are numbers, averaged in results.
        Scale => "scale",
        OneChoice => "one_choice",
        SeveralChoices => "several_choices",
        Number => "number",
        FreeText => "free_text",
    }
);

keyed_enum!(
    /// A built-in survey. Labels in Fluent (`survey-template-…`).
    Template, "survey-template", {
        Fft => "fft",
        BaselineServiceUser => "baseline_service_user",
        BaselineCarer => "baseline_carer",
        BaselineStaff => "baseline_staff",
        Exit => "exit",
    }
);

keyed_enum!(
    /// How a response arrived. Labels in Fluent (`survey-channel-…`).
    Channel, "survey-channel", {
        Kiosk => "kiosk",
        Link => "link",
        Member => "member",
        /// A paper form typed in by staff, marked as such.
        Paper => "paper",
    }
);

/// Text in English and Welsh, with optional Easy Read wordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Wording {
    pub en: String,
    pub cy: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easy_cy: Option<String>,
}

impl Wording {
    /// The wording for a language, in Easy Read when asked for and written.
    pub fn pick(&self, welsh: bool, easy: bool) -> &str {
        let easy_text = if welsh { &self.easy_cy } else { &self.easy_en };
        match easy_text {
            Some(x) if easy && !x.trim().is_empty() => x,
            _ => {
                let (first, second) = if welsh {
                    (&self.cy, &self.en)
                } else {
                    (&self.en, &self.cy)
                };
                if first.trim().is_empty() {
                    second
                } else {
                    first
                }
            }
        }
    }
}

/// One answer a choice question offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: Wording,
}

/// Show a question only when an earlier choice question was answered with `equals` (for a
/// several-choices question: when that value was among those chosen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowIf {
    pub key: String,
    pub equals: String,
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub key: String,
    pub kind: QuestionKind,
    pub text: Wording,
    #[serde(default)]
    pub required: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<Choice>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
    /// Worded by a national standard (the Friends and Family Test): never reworded.
    #[serde(default)]
    pub locked: bool,
    /// The model's practice the question evidences, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice: Option<String>,
}

/// One checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Number(i64),
    One(String),
    Several(Vec<String>),
}

/// Most questions a survey holds.
pub const QUESTIONS_MAX: usize = 60;
/// Longest question or answer wording.
pub const WORDING_MAX: usize = 500;
/// Longest free-text answer.
pub const FREE_TEXT_MAX: usize = 2000;
/// The range a number answer may take.
pub const NUMBER_RANGE: std::ops::RangeInclusive<i64> = 0..=100_000;

fn good_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 40
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn wording_ok(w: &Wording) -> bool {
    let all = [
        Some(&w.en),
        Some(&w.cy),
        w.easy_en.as_ref(),
        w.easy_cy.as_ref(),
    ];
    (!w.en.trim().is_empty() || !w.cy.trim().is_empty())
        && all
            .iter()
            .flatten()
            .all(|x| x.chars().count() <= WORDING_MAX && !has_forbidden_control(x))
}

/// Checks questions written by hand (or sent through the API): 1 to [`QUESTIONS_MAX`], keys of
/// lower-case letters, digits and `_`, each once; wording in at least one language; choice
/// questions with at least two choices of distinct values (numbers for a scale); show-if
/// pointing at an earlier choice question and one of its values. Errors are on `questions`.
pub fn check_questions(questions: &[Question]) -> Result<(), FieldErrors> {
    let mut e = FieldErrors::new();
    let mut fail = |code| {
        if e.for_field("questions").is_none() {
            e.add("questions", code);
        }
    };
    if questions.is_empty() || questions.len() > QUESTIONS_MAX {
        fail("survey-error-question-count");
    }
    for (i, q) in questions.iter().enumerate() {
        if !good_key(&q.key) || questions[..i].iter().any(|p| p.key == q.key) {
            fail("survey-error-question-key");
        }
        if !wording_ok(&q.text) {
            fail("survey-error-question-text");
        }
        let with_choices = matches!(
            q.kind,
            QuestionKind::Scale | QuestionKind::OneChoice | QuestionKind::SeveralChoices
        );
        if with_choices {
            let mut values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
            values.sort_unstable();
            values.dedup();
            if q.choices.len() < 2
                || values.len() != q.choices.len()
                || q.choices
                    .iter()
                    .any(|c| !good_key(&c.value) || !wording_ok(&c.label))
                || (q.kind == QuestionKind::Scale
                    && q.choices.iter().any(|c| c.value.parse::<i64>().is_err()))
            {
                fail("survey-error-choices");
            }
        } else if !q.choices.is_empty() {
            fail("survey-error-choices");
        }
        if let Some(s) = &q.show_if {
            let target = questions[..i].iter().find(|p| p.key == s.key);
            let fits = target.is_some_and(|p| {
                matches!(
                    p.kind,
                    QuestionKind::Scale | QuestionKind::OneChoice | QuestionKind::SeveralChoices
                ) && p.choices.iter().any(|c| c.value == s.equals)
            });
            if !fits {
                fail("survey-error-show-if");
            }
        }
    }
    e.into_result(())
}

/// Whether a question is shown, given the answers so far.
pub fn is_shown(q: &Question, answers: &BTreeMap<String, Answer>) -> bool {
    match &q.show_if {
        None => true,
        Some(s) => match answers.get(&s.key) {
            Some(Answer::One(v)) => *v == s.equals,
            Some(Answer::Several(vs)) => vs.contains(&s.equals),
            _ => false,
        },
    }
}

fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_owned()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Checks one response against its round's questions. `raw` maps question keys to a string,
/// a number or (several choices) a list of strings; a form's empty field is absent or "".
/// Answers to questions hidden by a show-if rule are dropped. Errors are on each question's
/// key: `survey-error-required`, `survey-error-choice`, `survey-error-number`,
/// `survey-error-text-long`; a key no question has is `survey-error-unknown` on `answers`.
pub fn check_answers(
    questions: &[Question],
    raw: &BTreeMap<String, serde_json::Value>,
) -> Result<BTreeMap<String, Answer>, FieldErrors> {
    let mut e = FieldErrors::new();
    if raw.keys().any(|k| !questions.iter().any(|q| q.key == *k)) {
        e.add("answers", "survey-error-unknown");
    }
    let mut out: BTreeMap<String, Answer> = BTreeMap::new();
    for q in questions {
        if !is_shown(q, &out) {
            continue;
        }
        let value = raw.get(&q.key).filter(|v| match v {
            serde_json::Value::Null => false,
            serde_json::Value::String(s) => !s.trim().is_empty(),
            serde_json::Value::Array(a) => !a.is_empty(),
            _ => true,
        });
        let Some(value) = value else {
            if q.required {
                e.add(&q.key, "survey-error-required");
            }
            continue;
        };
        let known = |v: &str| q.choices.iter().any(|c| c.value == v);
        let answer = match q.kind {
            QuestionKind::Scale | QuestionKind::OneChoice => {
                text_of(value).filter(|v| known(v)).map(Answer::One)
            }
            QuestionKind::SeveralChoices => {
                let list: Option<Vec<String>> = match value {
                    serde_json::Value::Array(a) => a.iter().map(text_of).collect(),
                    other => text_of(other).map(|v| vec![v]),
                };
                list.filter(|l| l.iter().all(|v| known(v))).map(|mut l| {
                    // In the order the question offers them, each once.
                    l.sort_by_key(|v| q.choices.iter().position(|c| c.value == *v));
                    l.dedup();
                    Answer::Several(l)
                })
            }
            QuestionKind::Number => text_of(value)
                .and_then(|v| v.parse::<i64>().ok())
                .filter(|n| NUMBER_RANGE.contains(n))
                .map(Answer::Number),
            QuestionKind::FreeText => match text_of(value) {
                Some(t) if t.chars().count() > FREE_TEXT_MAX || has_forbidden_control(&t) => {
                    e.add(&q.key, "survey-error-text-long");
                    continue;
                }
                Some(t) => Some(Answer::One(t)),
                None => None,
            },
        };
        match answer {
            Some(a) => {
                out.insert(q.key.clone(), a);
            }
            None => e.add(
                &q.key,
                if q.kind == QuestionKind::Number {
                    "survey-error-number"
                } else {
                    "survey-error-choice"
                },
            ),
        }
    }
    e.into_result(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn raw(v: serde_json::Value) -> BTreeMap<String, serde_json::Value> {
        serde_json::from_value(v).expect("a map")
    }

    #[test]
    fn the_friends_and_family_test_is_worded_as_since_2020_with_six_answers_and_locked() {
        let fft = template(Template::Fft);
        assert_eq!(fft[0].key, "fft_rating");
        assert_eq!(
            fft[0].text.en,
            "Overall, how was your experience of our service?"
        );
        let values: Vec<&str> = fft[0].choices.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(
            values,
            [
                "very_good",
                "good",
                "neither",
                "poor",
                "very_poor",
                "dont_know"
            ]
        );
        assert_eq!(fft[0].choices[2].label.en, "Neither good nor poor");
        assert_eq!(fft[1].key, "fft_comment");
        assert_eq!(fft[1].kind, QuestionKind::FreeText);
        assert!(fft.iter().all(|q| q.locked));
    }

    #[test]
    fn every_built_in_question_has_welsh_and_easy_read_wordings_and_checks_out() {
        for t in Template::ALL {
            let qs = template(*t);
            check_questions(&qs).unwrap_or_else(|e| panic!("{t:?}: {e:?}"));
            for q in &qs {
                assert!(!q.text.cy.is_empty(), "{}", q.key);
                assert!(
                    q.text.easy_en.is_some() && q.text.easy_cy.is_some(),
                    "{}",
                    q.key
                );
                for c in &q.choices {
                    assert!(!c.label.cy.is_empty(), "{} {}", q.key, c.value);
                }
            }
        }
        let baseline = template(Template::BaselineServiceUser);
        assert!(baseline.iter().filter(|q| q.practice.is_some()).count() >= 5);
    }

    #[test]
    fn answers_are_checked_against_their_questions_and_hidden_ones_are_dropped() {
        let exit = template(Template::Exit);
        // "Something else" shows the question asking what; otherwise it is dropped.
        let ok = check_answers(
            &exit,
            &raw(json!({"ex_reason": ["time", "other"], "ex_other": "Moving house", "ex_keep_in_touch": "yes"})),
        )
        .expect("valid");
        assert_eq!(
            ok.get("ex_reason"),
            Some(&Answer::Several(vec!["time".into(), "other".into()]))
        );
        assert_eq!(
            ok.get("ex_other"),
            Some(&Answer::One("Moving house".into()))
        );
        let hidden = check_answers(
            &exit,
            &raw(json!({"ex_reason": ["time"], "ex_other": "ignored", "ex_keep_in_touch": "no"})),
        )
        .expect("valid");
        assert!(!hidden.contains_key("ex_other"));
        let bad = check_answers(
            &template(Template::Fft),
            &raw(json!({"fft_rating": "brilliant", "nonsense": 1})),
        )
        .expect_err("refused");
        assert_eq!(
            bad.for_field("fft_rating").map(|x| x.code),
            Some("survey-error-choice")
        );
        assert_eq!(
            bad.for_field("answers").map(|x| x.code),
            Some("survey-error-unknown")
        );
        let missing = check_answers(&template(Template::Fft), &raw(json!({"fft_comment": "hi"})))
            .expect_err("refused");
        assert_eq!(
            missing.for_field("fft_rating").map(|x| x.code),
            Some("survey-error-required")
        );
    }

    #[test]
    fn hand_written_questions_need_keys_wording_choices_and_a_show_if_that_points_back() {
        let mut qs = template(Template::Fft);
        assert!(check_questions(&qs).is_ok());
        qs[1].show_if = Some(ShowIf {
            key: "fft_rating".into(),
            equals: "poor".into(),
        });
        assert!(check_questions(&qs).is_ok());
        qs[0].show_if = Some(ShowIf {
            key: "fft_comment".into(),
            equals: "x".into(),
        });
        assert!(check_questions(&qs).is_err(), "a show-if must point back");
        let mut dup = template(Template::Fft);
        dup[1].key = "fft_rating".into();
        assert!(check_questions(&dup).is_err());
        assert!(check_questions(&[]).is_err());
    }
}
