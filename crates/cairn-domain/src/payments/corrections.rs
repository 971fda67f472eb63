//! Correcting a paid claim. A paid claim is never changed: a correction is a new claim for the
//! same person whose lines reverse chosen lines of the paid one. This module holds the rules on
//! which lines may be chosen; the use case records the correction and the two-person rule then
//! applies to it as to any claim (whoever records it counts as its approver).

/// One line of a paid claim, as a correction weighs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaidLine {
    pub id: i64,
    /// A reversal line (itself a correction made before payment): never reversed again.
    pub is_reversal: bool,
    pub is_fee: bool,
    pub amount_pence: i64,
    /// Some line (in the claim or in an earlier correction) already reverses this one.
    pub reversed: bool,
}

/// Why a correction is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionError {
    /// No line was chosen.
    NoLines,
    /// A chosen line is not one of the claim's, or is a reversal.
    NotALine,
    /// A chosen line has been reversed already: a line is corrected once.
    AlreadyReversed,
    /// The correction would leave the claim's fee or expenses below nothing (with a lower fee
    /// paid, the fee is corrected together with the line that lowered it).
    BelowZero,
}

impl CorrectionError {
    /// The Fluent id of the message.
    pub fn message_id(self) -> &'static str {
        match self {
            CorrectionError::NoLines => "payments-error-correct-lines",
            CorrectionError::NotALine => "payments-error-line",
            CorrectionError::AlreadyReversed => "payments-error-reversed",
            CorrectionError::BelowZero => "payments-error-correct-below-zero",
        }
    }
}

/// Checks a correction of the `chosen` lines of a paid claim whose lines are `lines`, when
/// earlier corrections (not refused) already took `corrected_fee` and `corrected_expenses`
/// pence off it (zero or less). Returns the chosen lines, each once, in the claim's order.
pub fn check_correction(
    lines: &[PaidLine],
    chosen: &[i64],
    corrected_fee: i64,
    corrected_expenses: i64,
) -> Result<Vec<PaidLine>, CorrectionError> {
    if chosen.is_empty() {
        return Err(CorrectionError::NoLines);
    }
    if chosen
        .iter()
        .any(|id| !lines.iter().any(|l| l.id == *id && !l.is_reversal))
    {
        return Err(CorrectionError::NotALine);
    }
    let picked: Vec<PaidLine> = lines
        .iter()
        .filter(|l| chosen.contains(&l.id))
        .copied()
        .collect();
    if picked.iter().any(|l| l.reversed) {
        return Err(CorrectionError::AlreadyReversed);
    }
    let sum = |fee: bool, of: &[PaidLine]| -> i64 {
        of.iter()
            .filter(|l| l.is_fee == fee)
            .map(|l| l.amount_pence)
            .sum()
    };
    let fee = sum(true, lines) + corrected_fee - sum(true, &picked);
    let expenses = sum(false, lines) + corrected_expenses - sum(false, &picked);
    if fee < 0 || expenses < 0 {
        return Err(CorrectionError::BelowZero);
    }
    Ok(picked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, is_fee: bool, amount_pence: i64) -> PaidLine {
        PaidLine {
            id,
            is_reversal: false,
            is_fee,
            amount_pence,
            reversed: false,
        }
    }

    #[test]
    fn chosen_lines_come_back_once_each_in_the_claims_order() {
        let lines = [line(1, true, 7500), line(2, false, 450)];
        let got = check_correction(&lines, &[2, 1, 2], 0, 0).expect("allowed");
        assert_eq!(got.iter().map(|l| l.id).collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn nothing_chosen_a_stranger_a_reversal_or_a_reversed_line_is_refused() {
        let mut lines = vec![line(1, true, 7500), line(2, false, 450)];
        assert_eq!(
            check_correction(&lines, &[], 0, 0),
            Err(CorrectionError::NoLines)
        );
        assert_eq!(
            check_correction(&lines, &[9], 0, 0),
            Err(CorrectionError::NotALine)
        );
        lines.push(PaidLine {
            id: 3,
            is_reversal: true,
            is_fee: false,
            amount_pence: -450,
            reversed: false,
        });
        lines[1].reversed = true;
        assert_eq!(
            check_correction(&lines, &[3], 0, 0),
            Err(CorrectionError::NotALine)
        );
        assert_eq!(
            check_correction(&lines, &[2], 0, 0),
            Err(CorrectionError::AlreadyReversed)
        );
    }

    #[test]
    fn a_fee_paid_lower_is_corrected_together_with_the_line_that_lowered_it() {
        // £75 claimed, £25 less paid: taking off the £75 alone would leave -£25.
        let lines = [line(1, true, 7500), line(2, true, -2500)];
        assert_eq!(
            check_correction(&lines, &[1], 0, 0),
            Err(CorrectionError::BelowZero)
        );
        assert!(check_correction(&lines, &[1, 2], 0, 0).is_ok());
    }

    #[test]
    fn earlier_corrections_count_against_what_is_left() {
        // Two expense lines; an earlier correction already took one off.
        let lines = [line(1, false, 450), line(2, false, 300)];
        assert!(check_correction(&lines, &[2], 0, -450).is_ok());
        assert_eq!(
            check_correction(&lines, &[2], 0, -600),
            Err(CorrectionError::BelowZero)
        );
    }
}
