//! Demo and board surveys: the Friends and Family Test, anonymous, run on every unit in three
//! rounds (a baseline six months ago, a round three months ago, and one open now), with more
//! answers on some units than others, so some results show in full and some are held back by
//! the small-number rule; a staff baseline with no round yet; confidential baselines for
//! service users and for carers, and an anonymous exit survey, open on every unit now with no
//! answers yet (members answer them signed in).

use crate::AppResult;
use cairn_db::Conn;
use cairn_db::surveys::{self as db, NewResponse};
use cairn_domain::surveys::{Answer, Template, template};
use jiff::civil::Date;
use rand::Rng;
use rand::rngs::StdRng;
use std::collections::BTreeMap;

const BY: &str = "lead@demo.cairn.test";
const RATINGS: [&str; 6] = [
    "very_good",
    "good",
    "neither",
    "poor",
    "very_poor",
    "dont_know",
];
const COMMENTS: [&str; 6] = [
    "Staff listen to me.",
    "The community meeting helps.",
    "More activities at the weekend, please.",
    "I did not know who to ask about my plan.",
    "Food could be better.",
    "Mae'r staff yn garedig.",
];

/// How many answers: about `per_round` per round over all units, shared unevenly.
pub(super) struct Plan {
    pub per_round: usize,
}

impl Plan {
    pub(super) fn demo() -> Self {
        Plan { per_round: 120 }
    }
    /// About 20,000 answers over three rounds.
    pub(super) fn board() -> Self {
        Plan { per_round: 7_200 }
    }
}

pub(super) async fn survey_history(
    c: &mut Conn<'_>,
    org: i64,
    units: &[i64],
    today: Date,
    now: i64,
    plan: &Plan,
    rng: &mut StdRng,
) -> AppResult<()> {
    if units.is_empty() {
        return Ok(());
    }
    let fft = serde_json::to_string(&template(Template::Fft))
        .map_err(|e| crate::AppError::Unexpected(e.to_string()))?;
    let survey = db::insert_survey(
        c,
        org,
        Some("How was your stay?"),
        Some("Sut oedd eich arhosiad?"),
        "anonymous",
        Some("fft"),
        &fft,
        BY,
        now,
    )
    .await?;
    let staff = serde_json::to_string(&template(Template::BaselineStaff))
        .map_err(|e| crate::AppError::Unexpected(e.to_string()))?;
    db::insert_survey(
        c,
        org,
        Some("Co-production baseline: staff"),
        Some("Llinell sylfaen cydgynhyrchu: staff"),
        "confidential",
        Some("baseline_staff"),
        &staff,
        BY,
        now,
    )
    .await?;
    let day = |n: i64| today.saturating_sub(jiff::Span::new().days(n));
    let month_ahead = today.saturating_add(jiff::Span::new().days(30));
    for (en, cy, privacy, t) in [
        (
            "Co-production baseline: service users",
            "Llinell sylfaen cydgynhyrchu: defnyddwyr gwasanaeth",
            "confidential",
            Template::BaselineServiceUser,
        ),
        (
            "Co-production baseline: carers",
            "Llinell sylfaen cydgynhyrchu: gofalwyr",
            "confidential",
            Template::BaselineCarer,
        ),
        (
            "Why people step back",
            "Pam mae pobl yn camu'n ôl",
            "anonymous",
            Template::Exit,
        ),
    ] {
        let json = serde_json::to_string(&template(t))
            .map_err(|e| crate::AppError::Unexpected(e.to_string()))?;
        let id = db::insert_survey(
            c,
            org,
            Some(en),
            Some(cy),
            privacy,
            Some(t.key()),
            &json,
            BY,
            now,
        )
        .await?;
        let round = db::insert_round(
            c,
            org,
            id,
            "Baseline",
            &day(7).to_string(),
            &month_ahead.to_string(),
            &json,
            BY,
            now,
        )
        .await?;
        for u in units {
            let token: String = (0..12)
                .map(|_| char::from(b"abcdefghjkmnpqrstuvwxyz23456789"[rng.random_range(0..31)]))
                .collect();
            db::add_round_unit(c, round, *u, &token).await?;
        }
    }
    let rounds = [
        ("Baseline", "Llinell sylfaen", day(180), day(150)),
        ("Spring", "Gwanwyn", day(90), day(60)),
        (
            "Now",
            "Nawr",
            day(7),
            today.saturating_add(jiff::Span::new().days(23)),
        ),
    ];
    for (i, (name, _cy, opens, closes)) in rounds.iter().enumerate() {
        let round = db::insert_round(
            c,
            org,
            survey,
            name,
            &opens.to_string(),
            &closes.to_string(),
            &fft,
            BY,
            now,
        )
        .await?;
        for u in units {
            let token: String = (0..12)
                .map(|_| char::from(b"abcdefghjkmnpqrstuvwxyz23456789"[rng.random_range(0..31)]))
                .collect();
            db::add_round_unit(c, round, *u, &token).await?;
        }
        // Uneven shares: every third unit gets few answers (some under 5, some under 10).
        let weights: Vec<usize> = (0..units.len())
            .map(|k| if k % 3 == 2 { 1 } else { 6 })
            .collect();
        let total_weight: usize = weights.iter().sum();
        for (k, u) in units.iter().enumerate() {
            let n = if k % 3 == 2 {
                rng.random_range(2..9)
            } else {
                plan.per_round * weights[k] / total_weight.max(1)
            };
            let span = (*closes - *opens).get_days().max(1);
            for _ in 0..n {
                let at = opens.saturating_add(jiff::Span::new().days(i64::from(
                    rng.random_range(0..span.min(if i == 2 { 7 } else { span })),
                )));
                // Later rounds lean better: a little more "very good" each time.
                let roll = rng.random_range(0..100) + i * 8;
                let rating = match roll {
                    0..=9 => RATINGS[3 + rng.random_range(0..2)],
                    10..=24 => RATINGS[2],
                    25..=29 => RATINGS[5],
                    30..=64 => RATINGS[1],
                    _ => RATINGS[0],
                };
                let mut a: BTreeMap<String, Answer> = BTreeMap::new();
                a.insert("fft_rating".into(), Answer::One(rating.into()));
                if rng.random_range(0..4) == 0 {
                    a.insert(
                        "fft_comment".into(),
                        Answer::One(COMMENTS[rng.random_range(0..COMMENTS.len())].into()),
                    );
                }
                let json = serde_json::to_string(&a)
                    .map_err(|e| crate::AppError::Unexpected(e.to_string()))?;
                let response = db::insert_response(
                    c,
                    org,
                    &NewResponse {
                        round_id: round,
                        unit_id: *u,
                        week_of: &cairn_domain::payments::week_start(at).to_string(),
                        person_id: None,
                        channel: if rng.random_range(0..3) == 0 {
                            "link"
                        } else {
                            "kiosk"
                        },
                        entered_by_label: None,
                        answers_json: &json,
                    },
                )
                .await?;
                let mut rows = vec![("fft_rating".to_owned(), rating.to_owned())];
                if a.contains_key("fft_comment") {
                    rows.push(("fft_comment".to_owned(), String::new()));
                }
                db::insert_answers(c, response, round, *u, &rows).await?;
            }
        }
    }
    Ok(())
}
