//! Correcting a paid claim on the web: the claim page's "Correct this paid claim" form (finance
//! choose lines and give a reason), the link between a correction and the paid claim it
//! corrects, the corrections on the member's statement, and the line on the report.

use super::{claim_view, date_words, pounds, renamed};
use crate::AppState;
use crate::context::{Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Choice, FormState, see_other};
use axum::extract::{Path, State};
use cairn_app::AppError;
use cairn_app::payments::{ClaimView, Earnings};
use cairn_db::payments::Line;
use cairn_domain::payments::ExpenseCategory;
use serde::Deserialize;

/// A line in the reader's words: what it is for.
fn line_label(t: &Tr, l: &Line) -> String {
    match (
        l.kind.as_str(),
        l.category.as_deref().and_then(ExpenseCategory::parse),
    ) {
        ("fee", _) => t.get("payments-line-fee"),
        ("adjustment", _) => t.get("payments-line-adjustment"),
        ("reversal", _) => t.get("payments-line-reversal"),
        (_, Some(cat)) => t.get(&cat.label_id()),
        _ => String::new(),
    }
}

/// One correction of a paid claim, as its page lists it.
pub(super) struct CorrectionRow {
    pub id: i64,
    pub text: String,
}

/// The claim page's part about corrections.
pub(super) struct Panel {
    /// For a correction: the paid claim it corrects (0 when this is not a correction), in words.
    pub corrects_id: i64,
    pub corrects_text: String,
    pub corrects_link: String,
    /// Corrections recorded against this paid claim.
    pub rows: Vec<CorrectionRow>,
    /// The form, for finance on a paid claim with lines left to correct.
    pub can_correct: bool,
    pub lines: Vec<Choice>,
}

/// The corrections part of the page for the claim on `v`.
pub(super) async fn panel(st: &AppState, s: &Signed, t: &Tr, v: &ClaimView) -> WebResult<Panel> {
    let k = cairn_app::payments::corrections(&st.app, s.actor(), v).await?;
    let id = k.corrects.unwrap_or(0);
    Ok(Panel {
        corrects_id: id,
        corrects_text: t.with("payments-corrects", &[("id", id.to_string())]),
        corrects_link: t.with("payments-corrects-link", &[("id", id.to_string())]),
        rows: k
            .corrections
            .iter()
            .map(|c| CorrectionRow {
                id: c.id,
                text: t.with(
                    "payments-correction-row",
                    &[
                        ("id", c.id.to_string()),
                        ("amount", pounds(c.total_pence)),
                        ("status", t.get(&c.status.label_id())),
                    ],
                ),
            })
            .collect(),
        can_correct: k.can_correct,
        lines: k
            .correctable
            .iter()
            .map(|l| Choice {
                value: l.id.to_string(),
                label: t.with(
                    "payments-correct-paid-line",
                    &[
                        ("line", line_label(t, l)),
                        ("amount", pounds(l.amount_pence)),
                    ],
                ),
            })
            .collect(),
    })
}

#[derive(Deserialize, Default)]
pub(super) struct CorrectIn {
    #[serde(default)]
    correct_reason: String,
    #[serde(default)]
    correct_lines: Vec<String>,
}

/// Records a correction and shows it (waiting for a second person); mistakes go back to the
/// paid claim's page beside the fields, with what was typed and chosen.
pub(super) async fn correct(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(f): Posted<CorrectIn>,
) -> WebResult {
    // Something that is not a number is not a line of the claim: the use case says so (after
    // checking who is asking).
    let lines: Vec<i64> = f
        .correct_lines
        .iter()
        .map(|v| v.trim().parse().unwrap_or(-1))
        .collect();
    let r =
        cairn_app::payments::correct_paid(&st.app, s.actor(), id, &lines, &f.correct_reason).await;
    let r = renamed(
        renamed(r, "reason", "correct_reason"),
        "lines",
        "correct_lines",
    );
    match r {
        Ok(new) => see_other(&format!("/payments/claims/{new}")),
        Err(AppError::Invalid(errs)) => {
            let mut form = FormState::new();
            form.set("correct_reason", f.correct_reason)
                .set_many("correct_lines", f.correct_lines);
            form.add_errors(&s.ctx.t(), &errs);
            claim_view(&st, &s, id, form).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The statement's corrections: (claim id, words).
pub(super) async fn statement_rows(
    st: &AppState,
    t: &Tr,
    e: &Earnings,
) -> WebResult<Vec<(i64, String)>> {
    Ok(cairn_app::payments::statement_corrections(&st.app, e)
        .await?
        .iter()
        .map(|c| {
            (
                c.id,
                t.with(
                    "payments-statement-correction",
                    &[
                        ("claim", c.corrects_claim_id.unwrap_or(c.id).to_string()),
                        ("date", date_words(t, &c.activity_on)),
                        ("amount", pounds(c.total_pence)),
                        ("status", t.get(&c.status.label_id())),
                    ],
                ),
            )
        })
        .collect())
}

/// The report's line about corrections, when there were any.
pub(super) fn report_line(t: &Tr, r: &cairn_app::payments::Report) -> Option<String> {
    (r.corrections > 0).then(|| {
        t.with(
            "payments-report-corrections",
            &[
                ("count", r.corrections.to_string()),
                ("amount", pounds(r.corrected_pence)),
            ],
        )
    })
}
