//! The translation list: every text the organisation wrote in one language only, for the
//! co-production lead or the organisation's translation service to complete, one at a time or
//! as a batch (a CSV out and back in); and whether public pages wait for both languages.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use cairn_db::translation::Waiting;
use cairn_domain::people::Language;
use cairn_domain::translation::{Field, Filled, LineError, read_line};
use cairn_domain::{FieldErrors, Permission};

/// How many texts of one field the list shows at once.
pub const PER_FIELD: i64 = 200;

/// The records each field's text belongs to, as the audit log names them.
fn entity(f: Field) -> &'static str {
    match f {
        Field::SuggestionPublicText | Field::SuggestionResponse => "suggestion",
        Field::GroupPlace => "meeting_group",
        Field::MeetingPlace | Field::MeetingMinutes => "meeting",
        Field::AgendaItem => "agenda_item",
        Field::MeetingDecision => "meeting_decision",
        Field::MeetingAction => "meeting_action",
        Field::FeeRateSource => "fee_rate",
        Field::ExpenseRateSource => "expense_rate",
        Field::LimitPresetSource => "limit_preset",
        Field::RoundName => "assessment_round",
        Field::CourseTitle | Field::CourseSummary => "course",
        Field::SurveyTitle => "survey",
        Field::OpportunityNote => "opportunity",
    }
}

/// Everything waiting, field by field (fields with nothing waiting are left out).
pub async fn waiting(app: &App, actor: &Actor) -> AppResult<Vec<(Field, Vec<Waiting>)>> {
    require(actor, Permission::ManageTranslations)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let mut out = Vec::new();
    for f in Field::ALL {
        let rows = cairn_db::translation::waiting(&mut h.conn(), org, *f, PER_FIELD).await?;
        if !rows.is_empty() {
            out.push((*f, rows));
        }
    }
    Ok(out)
}

/// Adds the missing language to one text. The field error is on `text`.
pub async fn fill(
    app: &App,
    actor: &Actor,
    field: Field,
    id: i64,
    lang: Language,
    text: &str,
) -> AppResult<()> {
    require(actor, Permission::ManageTranslations)?;
    let org = org_of(actor)?;
    let line = match read_line(field.key(), &id.to_string(), lang.key(), text) {
        Ok(Some(l)) => l,
        Ok(None) => return Err(one_error("translation-error-text")),
        Err(LineError::TooLong) => return Err(one_error("translation-error-long")),
        Err(_) => return Err(AppError::NotFound),
    };
    let mut e = FieldErrors::new();
    cairn_domain::validation::optional_text(
        &mut e,
        "text",
        Some(&line.text),
        field.max_chars(),
        "translation-error-long",
    );
    if !e.is_empty() {
        return Err(e.into());
    }
    let mut tx = app.db.begin().await?;
    if !apply(&mut tx.conn(), actor, org, &line, app.now()).await? {
        return Err(AppError::Conflict("translation-error-already"));
    }
    tx.commit().await?;
    Ok(())
}

fn one_error(code: &'static str) -> AppError {
    let mut e = FieldErrors::new();
    e.add("text", code);
    e.into()
}

async fn apply(
    c: &mut cairn_db::Conn<'_>,
    actor: &Actor,
    org: i64,
    l: &Filled,
    now: i64,
) -> AppResult<bool> {
    if !cairn_db::translation::fill(c, org, l.field, l.id, l.lang, &l.text).await? {
        return Ok(false);
    }
    record(
        c,
        actor,
        Some(org),
        Action::Update,
        entity(l.field),
        Some(l.id),
        None::<&()>,
        Some(&serde_json::json!({"translated": l.field.key(), "language": l.lang.key()})),
        None,
        now,
    )
    .await?;
    Ok(true)
}

/// One line of a returned file that could not be used, with its line number (1 is the
/// heading) and the Fluent id saying why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub line: usize,
    pub message_id: &'static str,
}

/// What an upload did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Lines whose text had been written meanwhile (or whose record is gone).
    pub skipped: usize,
}

/// Takes back a file from the translation service: `rows` are its lines after the heading,
/// as (field, id, language needed, translation). All or nothing: any line that cannot be
/// read refuses the whole file with every reason, so nothing is half applied.
pub async fn import(
    app: &App,
    actor: &Actor,
    rows: &[[String; 4]],
) -> AppResult<Result<Imported, Vec<Refused>>> {
    require(actor, Permission::ManageTranslations)?;
    let org = org_of(actor)?;
    let mut lines = Vec::new();
    let mut refused = Vec::new();
    for (i, [field, id, lang, text]) in rows.iter().enumerate() {
        match read_line(field, id, lang, text) {
            Ok(Some(l)) => lines.push(l),
            Ok(None) => {}
            Err(e) => refused.push(Refused {
                line: i + 2,
                message_id: match e {
                    LineError::TooLong => "translation-error-line-long",
                    other => other.message_id(),
                },
            }),
        }
    }
    if !refused.is_empty() {
        return Ok(Err(refused));
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let mut done = Imported::default();
    for l in &lines {
        if apply(&mut tx.conn(), actor, org, l, now).await? {
            done.added += 1;
        } else {
            done.skipped += 1;
        }
    }
    tx.commit().await?;
    Ok(Ok(done))
}

/// Whether the public board, poster and kiosk wait for both languages.
pub async fn set_board_needs_both(app: &App, actor: &Actor, on: bool) -> AppResult<()> {
    require(actor, Permission::ManageTranslations)?;
    let org = org_of(actor)?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let before = cairn_db::units::get_organisation(&mut tx.conn(), org).await?;
    cairn_db::units::set_board_needs_both_languages(&mut tx.conn(), org, on, now).await?;
    record(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "organisation",
        Some(org),
        Some(&serde_json::json!({"board_needs_both_languages": before.board_needs_both_languages})),
        Some(&serde_json::json!({"board_needs_both_languages": on})),
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
