//! A member's own claim, one question a page (what it was for, when, how long, expenses one at
//! a time, how they would like to be paid if they have not said yet), then Check your answers
//! and a confirmation. What they type is kept on the server after every page, one draft a
//! person, so an interruption loses nothing; sending makes and submits the claim with the same
//! use cases as the one-page form and removes the draft.
//!
//! Each page checks only its own questions, with the rules the claim itself is checked by
//! ([`ClaimDraft::validate`]), so a page never accepts what sending would refuse.

use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::payments::drafts as db;
use cairn_domain::payments::{
    ClaimDraft, ExpenseCategory, ExpenseDraft, ExpenseRate, MAX_PENCE, PaymentChoice,
    expense_rate_on, parse_pounds,
};
use cairn_domain::time::DateParts;
use cairn_domain::{FieldErrors, Permission};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One expense as typed on its pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExpenseStep {
    pub category: String,
    pub miles: String,
    pub amount: String,
}

/// Everything typed so far. Every field is text as typed (never a parsed value), so what was
/// typed wrongly comes back exactly as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClaimSteps {
    pub activity_type: String,
    pub description: String,
    pub day: String,
    pub month: String,
    pub year: String,
    pub hours: String,
    pub minutes: String,
    /// "yes", "no", or empty until answered.
    pub has_expenses: String,
    pub expenses: Vec<ExpenseStep>,
    /// How they would like to be paid: asked only while they have not chosen.
    pub choice: String,
    /// With the choice "lower": the most they want as a fee, in pounds as typed.
    pub lower: String,
}

/// A page of the journey, for its own checks and for where "carry on" and a refused send go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    What,
    When,
    Time,
    HasExpenses,
    Category(usize),
    Amount(usize),
    Paid,
}

impl ClaimSteps {
    /// True when they said they have expenses to claim.
    pub fn claims_expenses(&self) -> bool {
        self.has_expenses == "yes"
    }

    /// The claim as the one-page form would have it (expenses only when they said yes).
    pub fn claim_draft(&self) -> ClaimDraft {
        ClaimDraft {
            activity_type: self.activity_type.clone(),
            activity_on: DateParts {
                day: self.day.clone(),
                month: self.month.clone(),
                year: self.year.clone(),
            },
            hours: self.hours.clone(),
            minutes: self.minutes.clone(),
            description: self.description.clone(),
            expenses: if self.claims_expenses() {
                self.expenses
                    .iter()
                    .map(|x| ExpenseDraft {
                        category: x.category.clone(),
                        miles: x.miles.clone(),
                        amount: x.amount.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    /// What is wrong with one page's answers (empty when nothing), keyed by that page's fields:
    /// `activity_type`, `description`; `activity_on`; `hours`; `has_expenses`; `category`;
    /// `amount` or `miles`; `choice`, `lower`.
    pub fn check(&self, part: Part, today: Date) -> FieldErrors {
        let mut out = FieldErrors::new();
        let claim_errors = |keep: &[&str]| -> FieldErrors {
            let mut e = FieldErrors::new();
            if let Err(all) = self.claim_draft().validate(today) {
                for x in all.0 {
                    if keep.contains(&x.field.as_str()) && e.for_field(&x.field).is_none() {
                        e.add(&x.field, x.code);
                    }
                }
            }
            e
        };
        match part {
            Part::What => return claim_errors(&["activity_type", "description"]),
            Part::When => return claim_errors(&["activity_on"]),
            Part::Time => return claim_errors(&["hours"]),
            Part::HasExpenses => {
                if !matches!(self.has_expenses.as_str(), "yes" | "no") {
                    out.add("has_expenses", "payments-wizard-error-has-expenses");
                }
            }
            Part::Category(i) => {
                let c = self
                    .expenses
                    .get(i)
                    .map(|x| x.category.trim())
                    .unwrap_or("");
                if ExpenseCategory::parse(c).is_none() {
                    out.add("category", "payments-error-category");
                }
            }
            Part::Amount(i) => {
                let Some(x) = self.expenses.get(i) else {
                    out.add("amount", "payments-error-amount");
                    return out;
                };
                let Some(category) = ExpenseCategory::parse(x.category.trim()) else {
                    out.add("category", "payments-error-category");
                    return out;
                };
                let field = if category.is_mileage() {
                    "miles"
                } else {
                    "amount"
                };
                let mut all = self.clone();
                all.has_expenses = "yes".into();
                if let Err(e) = all.claim_draft().validate(today)
                    && let Some(x) = e.for_field(&format!("expense_{i}"))
                {
                    out.add(field, x.code);
                }
            }
            Part::Paid => match PaymentChoice::parse(self.choice.trim()) {
                None => out.add("choice", "payments-error-choice"),
                Some(PaymentChoice::Lower) => {
                    // As the payment settings page checks it: an amount, at most the largest.
                    if parse_pounds(&self.lower).is_none_or(|p| p > MAX_PENCE) {
                        out.add("lower", "payments-error-amount");
                    }
                }
                Some(_) => {}
            },
        }
        out
    }

    /// The pages in order for these answers: the expense pages only when they have expenses,
    /// the payment page only when it is asked.
    pub fn parts(&self, asks_choice: bool) -> Vec<Part> {
        let mut out = vec![Part::What, Part::When, Part::Time, Part::HasExpenses];
        if self.claims_expenses() {
            for i in 0..self.expenses.len().max(1) {
                out.push(Part::Category(i));
                out.push(Part::Amount(i));
            }
        }
        if asks_choice {
            out.push(Part::Paid);
        }
        out
    }

    /// The first page still to answer (or answered wrongly); `None` when all are ready to check.
    pub fn first_gap(&self, today: Date, asks_choice: bool) -> Option<Part> {
        self.parts(asks_choice)
            .into_iter()
            .find(|p| !self.check(*p, today).is_empty())
    }
}

/// What the journey's pages need beyond the draft.
#[derive(Debug, Clone)]
pub struct Journey {
    /// The draft kept, if any.
    pub steps: Option<ClaimSteps>,
    /// When it was last saved (UTC ms).
    pub saved_at: Option<i64>,
    /// Today on the organisation's calendar (the date rules need it).
    pub today: Date,
    /// True while the member has not said how they would like to be paid.
    pub asks_choice: bool,
}

fn me(actor: &Actor) -> AppResult<(i64, i64)> {
    require(actor, Permission::ClaimOwn)?;
    let org = org_of(actor)?;
    let person = actor.person_id.ok_or(AppError::Forbidden)?;
    Ok((org, person))
}

async fn read(c: &mut cairn_db::Conn<'_>, person: i64) -> AppResult<Option<(ClaimSteps, i64)>> {
    match db::get(c, person).await? {
        Some(row) => serde_json::from_str(&row.data)
            .map(|s| Some((s, row.updated_at)))
            .map_err(|e| AppError::Unexpected(format!("claim draft: {e}"))),
        None => Ok(None),
    }
}

/// The member's draft, today, and whether the payment question is asked.
pub async fn journey(app: &App, actor: &Actor) -> AppResult<Journey> {
    let (org, person) = me(actor)?;
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    let kept = read(&mut c, person).await?;
    let today = crate::org_today(&mut c, app, org).await?;
    let asks_choice = cairn_db::payments::profile(&mut c, person).await?.is_none();
    Ok(Journey {
        saved_at: kept.as_ref().map(|k| k.1),
        steps: kept.map(|k| k.0),
        today,
        asks_choice,
    })
}

/// Keeps the member's draft as it now is.
pub async fn save(app: &App, actor: &Actor, steps: &ClaimSteps) -> AppResult<()> {
    let (org, person) = me(actor)?;
    let data =
        serde_json::to_string(steps).map_err(|e| AppError::Unexpected(format!("draft: {e}")))?;
    let mut h = app.db.acquire().await?;
    db::put(&mut h.conn(), org, person, &data, app.now()).await?;
    Ok(())
}

/// Throws the member's draft away (they chose to start again).
pub async fn discard(app: &App, actor: &Actor) -> AppResult<()> {
    let (_, person) = me(actor)?;
    let mut h = app.db.acquire().await?;
    db::delete(&mut h.conn(), person).await?;
    Ok(())
}

/// The expense categories on the draft that the rates ask a receipt for, on the claim's date
/// (or today while the date is not a real one yet), each once.
pub async fn receipts_asked(
    app: &App,
    actor: &Actor,
    steps: &ClaimSteps,
    today: Date,
) -> AppResult<Vec<ExpenseCategory>> {
    let (org, _) = me(actor)?;
    if !steps.claims_expenses() {
        return Ok(Vec::new());
    }
    let on = steps
        .claim_draft()
        .validate(today)
        .map_or(today, |f| f.activity_on);
    let rates: Vec<ExpenseRate> = {
        let mut h = app.db.acquire().await?;
        cairn_db::payments::expense_rates(&mut h.conn(), org)
            .await?
            .iter()
            .filter_map(cairn_db::payments::ExpenseRateRow::rate)
            .collect()
    };
    let mut out = Vec::new();
    for x in &steps.expenses {
        if let Some(cat) = ExpenseCategory::parse(x.category.trim())
            && expense_rate_on(&rates, cat, on).is_some_and(|r| r.needs_receipt)
            && !out.contains(&cat)
        {
            out.push(cat);
        }
    }
    Ok(out)
}

/// What sending did: the claim, and whether it went to be approved (it waits as a draft when
/// the rates ask for a receipt and none is attached yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub claim_id: i64,
    pub submitted: bool,
}

/// Sending: either it went, or the page to go back to with what is wrong there.
#[derive(Debug, Clone)]
pub enum SendOutcome {
    Sent(Sent),
    Fix(Part, FieldErrors),
}

/// The page a use case's error belongs to, with the error under that page's field name.
fn part_of(errors: &FieldErrors, steps: &ClaimSteps) -> (Part, FieldErrors) {
    let Some(first) = errors.0.first() else {
        return (Part::What, FieldErrors::new());
    };
    let mut e = FieldErrors::new();
    let part = match first.field.as_str() {
        "activity_on" => Part::When,
        "hours" => Part::Time,
        "expenses" => Part::HasExpenses,
        "choice" | "lower" => Part::Paid,
        f => match f
            .strip_prefix("expense_")
            .and_then(|i| i.parse::<usize>().ok())
        {
            Some(i) => {
                let mileage = steps
                    .expenses
                    .get(i)
                    .and_then(|x| ExpenseCategory::parse(x.category.trim()))
                    .is_some_and(ExpenseCategory::is_mileage);
                e.add(if mileage { "miles" } else { "amount" }, first.code);
                return (Part::Amount(i), e);
            }
            // The activity and its description, and "no rate for this activity that day".
            None => Part::What,
        },
    };
    let field = match (part, first.field.as_str()) {
        (Part::HasExpenses, _) => "has_expenses",
        (Part::What, "description") => "description",
        (Part::What, _) => "activity_type",
        (_, f) => f,
    };
    e.add(field, first.code);
    (part, e)
}

/// Sends the member's draft: records how they would like to be paid if they have just said,
/// makes the claim (fee and mileage from the rates, as the one-page form does), removes the
/// draft, and submits the claim for approval unless a receipt is still needed.
pub async fn send(app: &App, actor: &Actor) -> AppResult<SendOutcome> {
    let (_, person) = me(actor)?;
    let j = journey(app, actor).await?;
    let steps = j.steps.ok_or(AppError::NotFound)?;
    if let Some(part) = steps.first_gap(j.today, j.asks_choice) {
        return Ok(SendOutcome::Fix(part, steps.check(part, j.today)));
    }
    // Only while they still have no choice: one made meanwhile on the payment settings page
    // (which also holds their own limit) is the newer word and stays.
    if j.asks_choice && !steps.choice.is_empty() {
        let d = super::ProfileDraft {
            choice: steps.choice.clone(),
            lower: steps.lower.clone(),
            limit_kind: "none".into(),
            ..Default::default()
        };
        match super::set_profile(app, actor, person, &d).await {
            Ok(()) => {}
            Err(AppError::Invalid(e)) => return Ok(SendOutcome::Fix(Part::Paid, e)),
            Err(e) => return Err(e),
        }
    }
    let id = match super::create_claim(app, actor, None, None, &steps.claim_draft()).await {
        Ok(id) => id,
        Err(AppError::Invalid(e)) => {
            let (part, e) = part_of(&e, &steps);
            return Ok(SendOutcome::Fix(part, e));
        }
        Err(e) => return Err(e),
    };
    // The claim exists now: the draft goes at once, so a second press cannot make it twice.
    {
        let mut h = app.db.acquire().await?;
        db::delete(&mut h.conn(), person).await?;
    }
    let submitted = match super::submit(app, actor, id).await {
        Ok(()) => true,
        Err(AppError::Conflict("payments-error-receipt-needed")) => false,
        Err(e) => return Err(e),
    };
    Ok(SendOutcome::Sent(Sent {
        claim_id: id,
        submitted,
    }))
}

/// The confirmation page's facts: the member's own claim, and the organisation's target for
/// paying a claim (days from sending).
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub view: super::ClaimView,
    pub target_days: i64,
}

/// The confirmation for one of the member's own claims (anyone else's is "not found").
pub async fn confirmation(app: &App, actor: &Actor, id: i64) -> AppResult<Confirmation> {
    let (org, _) = me(actor)?;
    let view = super::claim(app, actor, id).await?;
    if !actor.is_person(view.claim.person_id) {
        return Err(AppError::NotFound);
    }
    let mut h = app.db.acquire().await?;
    let target_days = super::target_days(&mut h.conn(), org).await?;
    Ok(Confirmation { view, target_days })
}

/// Attaches the receipt a just-made claim was waiting for, then sends it to be approved.
pub async fn add_receipt_and_send(
    app: &App,
    actor: &Actor,
    id: i64,
    bytes: &[u8],
) -> AppResult<()> {
    me(actor)?;
    let view = super::claim(app, actor, id).await?;
    if !actor.is_person(view.claim.person_id) {
        return Err(AppError::NotFound);
    }
    super::add_receipt(app, actor, id, bytes).await?;
    super::submit(app, actor, id).await
}

/// A person's kept draft for their own export (the raw JSON as stored, and when).
pub async fn of_person(
    c: &mut cairn_db::Conn<'_>,
    person: i64,
) -> AppResult<Option<cairn_db::payments::drafts::ClaimDraftRow>> {
    Ok(db::get(c, person).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn filled() -> ClaimSteps {
        ClaimSteps {
            activity_type: "meeting".into(),
            description: "Ward round".into(),
            day: "3".into(),
            month: "2".into(),
            year: "2026".into(),
            hours: "2".into(),
            minutes: "0".into(),
            has_expenses: "yes".into(),
            expenses: vec![ExpenseStep {
                category: "parking".into(),
                amount: "4.50".into(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    #[test]
    fn each_page_sees_only_its_own_mistakes() {
        let today = date(2026, 3, 1);
        let mut s = filled();
        s.hours = "x".into();
        assert!(s.check(Part::What, today).is_empty());
        assert!(s.check(Part::When, today).is_empty());
        assert_eq!(
            s.check(Part::Time, today)
                .for_field("hours")
                .map(|e| e.code),
            Some("payments-error-time")
        );
        assert_eq!(s.first_gap(today, false), Some(Part::Time));
    }

    #[test]
    fn an_expense_amount_is_checked_under_the_field_its_category_asks_for() {
        let today = date(2026, 3, 1);
        let mut s = filled();
        s.expenses[0].amount = "lots".into();
        assert!(
            s.check(Part::Amount(0), today)
                .for_field("amount")
                .is_some()
        );
        s.expenses[0].category = "mileage_car".into();
        assert!(s.check(Part::Amount(0), today).for_field("miles").is_some());
        s.expenses[0].miles = "12.5".into();
        assert!(s.check(Part::Amount(0), today).is_empty());
    }

    #[test]
    fn expenses_said_no_to_are_not_claimed_and_the_payment_page_is_asked_only_when_needed() {
        let today = date(2026, 3, 1);
        let mut s = filled();
        s.has_expenses = "no".into();
        s.expenses[0].amount = "lots".into();
        assert!(s.claim_draft().expenses.is_empty());
        assert_eq!(s.first_gap(today, false), None);
        assert_eq!(s.first_gap(today, true), Some(Part::Paid));
        s.choice = "lower".into();
        assert!(s.check(Part::Paid, today).for_field("lower").is_some());
        s.lower = "20".into();
        assert_eq!(s.first_gap(today, true), None);
    }

    #[test]
    fn a_refused_expense_goes_back_to_its_amount_page() {
        let mut e = FieldErrors::new();
        e.add("expense_0", "payments-error-over-limit");
        let (part, shown) = part_of(&e, &filled());
        assert_eq!(part, Part::Amount(0));
        assert!(shown.for_field("amount").is_some());
        let mut e = FieldErrors::new();
        e.add("activity_type", "payments-error-no-rate");
        assert_eq!(part_of(&e, &filled()).0, Part::What);
    }
}
