//! The translation list: texts an organisation wrote in one language only, across every table
//! with English and Welsh columns, and filling in the missing side.
//!
//! Each [`Field`] is one pair of columns on one table. The SQL is put together from the fixed
//! names below (never from input), so a new bilingual column is one line here.

use crate::{Conn, DbResult, execute, fetch_all};
use cairn_domain::people::Language;
use cairn_domain::translation::Field;
use serde::Serialize;

/// Where a field's two columns live.
struct Spec {
    /// The table, with an alias the other parts use.
    from: &'static str,
    en: &'static str,
    cy: &'static str,
    /// The organisation's id column (through a join when the table has none).
    org: &'static str,
    /// The record a person opens to see the text where it is used.
    link: &'static str,
    /// Anything else a text must meet to be read by members or the public.
    only: &'static str,
}

fn spec(f: Field) -> Spec {
    let meeting_part = |from, en, cy| Spec {
        from,
        en,
        cy,
        org: "m.organisation_id",
        link: "m.id",
        only: "TRUE",
    };
    match f {
        Field::SuggestionPublicText => Spec {
            from: "suggestions x",
            en: "public_text",
            cy: "public_text_cy",
            org: "x.organisation_id",
            link: "x.id",
            only: "x.visibility = 'published'",
        },
        Field::SuggestionResponse => Spec {
            from: "suggestions x",
            en: "public_response",
            cy: "public_response_cy",
            org: "x.organisation_id",
            link: "x.id",
            only: "x.visibility = 'published'",
        },
        Field::GroupPlace => simple("meeting_groups x", "usual_place", "usual_place_cy"),
        Field::MeetingPlace => simple("meetings x", "place", "place_cy"),
        Field::MeetingMinutes => simple("meetings x", "minutes", "minutes_cy"),
        Field::AgendaItem => meeting_part(
            "agenda_items x JOIN meetings m ON m.id = x.meeting_id",
            "title",
            "title_cy",
        ),
        Field::MeetingDecision => meeting_part(
            "meeting_decisions x JOIN meetings m ON m.id = x.meeting_id",
            "text",
            "text_cy",
        ),
        Field::MeetingAction => Spec {
            link: "x.meeting_id",
            ..simple("meeting_actions x", "text", "text_cy")
        },
        Field::FeeRateSource => simple("fee_rates x", "source", "source_cy"),
        Field::ExpenseRateSource => simple("expense_rates x", "source", "source_cy"),
        Field::LimitPresetSource => simple("limit_presets x", "source", "source_cy"),
        Field::RoundName => simple("assessment_rounds x", "name", "name_cy"),
        Field::CourseTitle => simple("courses x", "title_en", "title_cy"),
        Field::CourseSummary => simple("courses x", "summary_en", "summary_cy"),
        Field::SurveyTitle => simple("surveys x", "title_en", "title_cy"),
        Field::OpportunityNote => simple("opportunities x", "note_en", "note_cy"),
    }
}

fn simple(from: &'static str, en: &'static str, cy: &'static str) -> Spec {
    Spec {
        from,
        en,
        cy,
        org: "x.organisation_id",
        link: "x.id",
        only: "TRUE",
    }
}

/// A text waiting for its other language.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Waiting {
    pub id: i64,
    /// The record to open (the meeting for an agenda item, decision or action).
    pub link_id: i64,
    pub en: Option<String>,
    pub cy: Option<String>,
}

impl Waiting {
    /// The language still to write.
    pub fn needs(&self) -> Language {
        if self.en.as_deref().is_some_and(|t| !t.trim().is_empty()) {
            Language::Cy
        } else {
            Language::En
        }
    }
}

/// Up to `limit` texts of one field written in one language only, oldest record first.
pub async fn waiting(c: &mut Conn<'_>, org: i64, f: Field, limit: i64) -> DbResult<Vec<Waiting>> {
    let s = spec(f);
    let sql = format!(
        "SELECT x.id AS id, {link} AS link_id, x.{en} AS en, x.{cy} AS cy FROM {from} \
         WHERE {org} = $1 AND {only} AND ((COALESCE(x.{en}, '') = '') <> (COALESCE(x.{cy}, '') = '')) \
         ORDER BY x.id LIMIT $2",
        link = s.link,
        en = s.en,
        cy = s.cy,
        from = s.from,
        org = s.org,
        only = s.only,
    );
    fetch_all!(c, Waiting, &sql, org, limit)
}

/// Writes the missing side of one text. Only when that side is still empty and the other is
/// written, so a translation never overwrites text someone wrote meanwhile. False when nothing
/// matched (already translated, emptied, or not this organisation's).
pub async fn fill(
    c: &mut Conn<'_>,
    org: i64,
    f: Field,
    id: i64,
    lang: Language,
    text: &str,
) -> DbResult<bool> {
    let s = spec(f);
    let (target, other) = match lang {
        Language::En => (s.en, s.cy),
        Language::Cy => (s.cy, s.en),
    };
    // The UPDATE names the table without its alias; the organisation and the "read by
    // members" rule are checked through a sub-select on the same aliased FROM.
    let table = s.from.split_whitespace().next().unwrap_or_default();
    let sql = format!(
        "UPDATE {table} SET {target} = $1 WHERE id = $2 AND COALESCE({target}, '') = '' \
         AND COALESCE({other}, '') <> '' \
         AND id IN (SELECT x.id FROM {from} WHERE {org} = $3 AND {only})",
        from = s.from,
        org = s.org,
        only = s.only,
    );
    let n = execute!(c, &sql, text, id, org)?;
    Ok(n == 1)
}

/// The text already written, to show beside the box (None when not this organisation's).
pub async fn get(c: &mut Conn<'_>, org: i64, f: Field, id: i64) -> DbResult<Option<Waiting>> {
    let s = spec(f);
    let sql = format!(
        "SELECT x.id AS id, {link} AS link_id, x.{en} AS en, x.{cy} AS cy FROM {from} \
         WHERE {org} = $1 AND {only} AND x.id = $2",
        link = s.link,
        en = s.en,
        cy = s.cy,
        from = s.from,
        org = s.org,
        only = s.only,
    );
    let rows = fetch_all!(c, Waiting, &sql, org, id)?;
    Ok(rows.into_iter().next())
}
