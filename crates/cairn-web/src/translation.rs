//! Text the organisation writes in English and Welsh: how a page shows it to a reader, and the
//! translation list (what still needs Welsh or English, as a page and a CSV out and back in).

use crate::context::{Posted, Signed, Uploaded};
use crate::error::{WebError, WebResult};
use crate::i18n::Tr;
use crate::views::{Chrome, FormState, html_status, organisation, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, State};
use cairn_app::AppError;
use cairn_db::translation::Waiting;
use cairn_domain::Permission;
use cairn_domain::people::Language;
use cairn_domain::translation::{Bilingual, Field};
use serde::{Deserialize, Serialize};

/// Organisation-written text for one reader: in their language when it exists, else in the
/// other with `lang` set (so a screen reader speaks it right) and a note in the reader's
/// language saying it is not yet translated.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Local {
    pub text: String,
    pub lang: &'static str,
    pub note: Option<String>,
}

impl Local {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// `text` for a reader of `t`'s language.
pub fn local(t: &Tr, text: &Bilingual) -> Local {
    match text.shown(t.lang) {
        Some(shown) => Local {
            text: shown.text.to_owned(),
            lang: shown.lang.key(),
            note: shown.fell_back.then(|| {
                t.get(match t.lang {
                    Language::Cy => "translation-not-yet-cy",
                    Language::En => "translation-not-yet-en",
                })
            }),
        },
        None => Local {
            text: String::new(),
            lang: t.code(),
            note: None,
        },
    }
}

/// As [`local`] for a pair of optional columns.
pub fn local_of(t: &Tr, en: Option<&str>, cy: Option<&str>) -> Local {
    local(t, &Bilingual::new(en, cy))
}

// ---------------------------------------------------------------------------------------------
// The translation list
// ---------------------------------------------------------------------------------------------

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/translations", list)
        .get("/translations.csv", list_csv)
        .upload("/translations/upload", upload)
        .post("/translations/settings", save_settings)
        .get("/translations/{field}/{id}", fill_form)
        .post("/translations/{field}/{id}", fill)
}

/// Where a field's text is used, for staff to see it in place.
fn href(f: Field, w: &Waiting) -> String {
    let id = w.link_id;
    match f {
        Field::SuggestionPublicText | Field::SuggestionResponse => format!("/feedback/{id}"),
        Field::GroupPlace => format!("/meetings/groups/{id}"),
        Field::MeetingPlace
        | Field::MeetingMinutes
        | Field::AgendaItem
        | Field::MeetingDecision
        | Field::MeetingAction => format!("/meetings/{id}"),
        Field::FeeRateSource | Field::ExpenseRateSource | Field::LimitPresetSource => {
            "/payments/rates".to_owned()
        }
        Field::RoundName => "/assessment/rounds".to_owned(),
        Field::CourseTitle | Field::CourseSummary => format!("/training/courses/{id}"),
        Field::SurveyTitle => format!("/surveys/{id}"),
        Field::OpportunityNote => format!("/opportunities/{id}"),
    }
}

/// One text on the list as the page shows it.
struct Row {
    field: &'static str,
    id: i64,
    /// "cy" or "en": the language still to write.
    needs: &'static str,
    needs_label: String,
    written: Local,
    href: String,
}

struct Group {
    label: String,
    rows: Vec<Row>,
}

#[derive(Template)]
#[template(path = "translation/list.html")]
struct ListPage {
    chrome: Chrome,
    t: Tr,
    groups: Vec<Group>,
    total: i64,
    board_needs_both: bool,
    done: Option<String>,
    form: FormState,
    refused: Vec<String>,
}

fn row(t: &Tr, f: Field, w: &Waiting) -> Row {
    let needs = w.needs();
    Row {
        field: f.key(),
        id: w.id,
        needs: needs.key(),
        needs_label: t.get(match needs {
            Language::Cy => "translation-needs-cy",
            Language::En => "translation-needs-en",
        }),
        written: local_of(t, w.en.as_deref(), w.cy.as_deref()),
        href: href(f, w),
    }
}

#[derive(Deserialize, Default)]
struct DoneQuery {
    done: Option<String>,
    added: Option<i64>,
    skipped: Option<i64>,
}

async fn list_view(
    st: &AppState,
    s: &Signed,
    done: Option<String>,
    form: FormState,
    refused: Vec<String>,
) -> WebResult {
    if !s.actor().can(Permission::ManageTranslations) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let waiting = cairn_app::translation::waiting(&st.app, s.actor()).await?;
    let o = cairn_app::units::my_organisation(&st.app, s.actor()).await?;
    let groups: Vec<Group> = waiting
        .iter()
        .map(|(f, rows)| Group {
            label: t.get(&f.label_id()),
            rows: rows.iter().map(|w| row(&t, *f, w)).collect(),
        })
        .collect();
    let total = groups.iter().map(|g| g.rows.len() as i64).sum();
    let chrome = Chrome::signed(s, t.get("translation-title"), organisation(st, s).await?)
        .with_errors(&form);
    html_status(
        form.status(),
        &ListPage {
            chrome,
            t,
            groups,
            total,
            board_needs_both: o.board_needs_both_languages,
            done,
            form,
            refused,
        },
    )
}

async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<DoneQuery>) -> WebResult {
    let t = s.ctx.t();
    let done = match q.done.as_deref() {
        Some("saved") => Some(t.get("translation-saved")),
        Some("setting") => Some(t.get("translation-settings-saved")),
        Some("uploaded") => Some(format!(
            "{} {}",
            t.count("translation-uploaded", q.added.unwrap_or(0)),
            t.count("translation-skipped", q.skipped.unwrap_or(0))
        )),
        _ => None,
    };
    list_view(&st, &s, done, FormState::new(), Vec::new()).await
}

/// The list for the translation service: one line per text, the translation column empty.
async fn list_csv(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let waiting = cairn_app::translation::waiting(&st.app, s.actor()).await?;
    let mut out = vec![
        [
            "translation-csv-field",
            "translation-csv-id",
            "translation-csv-language",
            "translation-csv-what",
            "translation-csv-source",
            "translation-csv-translation",
        ]
        .iter()
        .map(|id| t.get(id))
        .collect::<Vec<_>>(),
    ];
    for (f, rows) in &waiting {
        for w in rows {
            out.push(vec![
                f.key().to_owned(),
                w.id.to_string(),
                w.needs().key().to_owned(),
                t.get(&f.label_id()),
                w.en.clone()
                    .filter(|x| !x.trim().is_empty())
                    .or_else(|| w.cy.clone())
                    .unwrap_or_default(),
                String::new(),
            ]);
        }
    }
    Ok(crate::csv_export::download("cairn-translations.csv", &out))
}

/// Reads a returned file: the columns this page wrote (field, id, language, what, text,
/// translation), in that order; the heading line is skipped whatever its language.
fn read_csv(bytes: &[u8]) -> Option<Vec<[String; 4]>> {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for rec in r.records() {
        let rec = rec.ok()?;
        if rec.len() != 6 {
            return None;
        }
        let cell = |i: usize| rec.get(i).unwrap_or_default().to_owned();
        // The download guards cells against spreadsheet formulas with a leading quote; a
        // translation that starts with one gets it back off.
        let text = cell(5);
        let text = text.strip_prefix('\'').map(str::to_owned).unwrap_or(text);
        rows.push([cell(0), cell(1), cell(2), text]);
    }
    Some(rows)
}

async fn upload(State(st): State<AppState>, s: Signed, up: Uploaded) -> WebResult {
    if !s.actor().can(Permission::ManageTranslations) {
        return Err(WebError::Forbidden);
    }
    let t = s.ctx.t();
    let refuse = |code: &'static str| {
        let mut e = cairn_domain::FieldErrors::new();
        e.add("file", code);
        let mut form = FormState::new();
        form.add_errors(&t, &e);
        form
    };
    let file = up.file("file").filter(|b| !b.is_empty());
    let rows = match (up.unreadable || up.too_big, file) {
        (false, Some(bytes)) => read_csv(bytes),
        _ => return list_view(&st, &s, None, refuse("translation-error-file"), Vec::new()).await,
    };
    let Some(rows) = rows else {
        return list_view(&st, &s, None, refuse("translation-error-csv"), Vec::new()).await;
    };
    match cairn_app::translation::import(&st.app, s.actor(), &rows).await? {
        Ok(done) => see_other(&format!(
            "/translations?done=uploaded&added={}&skipped={}",
            done.added, done.skipped
        )),
        Err(refused) => {
            let lines = refused
                .iter()
                .map(|r| t.with(r.message_id, &[("line", r.line.to_string())]))
                .collect();
            list_view(&st, &s, None, refuse("translation-error-csv"), lines).await
        }
    }
}

#[derive(Deserialize, Default)]
struct SettingsIn {
    #[serde(default)]
    board_needs_both: String,
}

async fn save_settings(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SettingsIn>,
) -> WebResult {
    cairn_app::translation::set_board_needs_both(&st.app, s.actor(), f.board_needs_both == "yes")
        .await?;
    see_other("/translations?done=setting")
}

#[derive(Template)]
#[template(path = "translation/fill.html")]
struct FillPage {
    chrome: Chrome,
    t: Tr,
    form: FormState,
    action: String,
    field_label: String,
    written: Local,
    needs: &'static str,
    label: String,
    href: String,
}

async fn fill_view(
    st: &AppState,
    s: &Signed,
    field: &str,
    id: i64,
    form: Option<FormState>,
) -> WebResult {
    if !s.actor().can(Permission::ManageTranslations) {
        return Err(WebError::Forbidden);
    }
    let f = Field::parse(field).ok_or(WebError::NotFound)?;
    let t = s.ctx.t();
    let org = s.actor().organisation_id.ok_or(WebError::Forbidden)?;
    let w = {
        let mut h = st.app.db.acquire().await.map_err(AppError::from)?;
        cairn_db::translation::get(&mut h.conn(), org, f, id)
            .await
            .map_err(AppError::from)?
            .ok_or(WebError::NotFound)?
    };
    let needs = w.needs();
    let form = form.unwrap_or_default();
    // Named by the field and the item's number: one text can be in several items (the same
    // decision in two meetings), each with its own page; the text itself is in one language
    // only, which a title cannot mark.
    let chrome = Chrome::signed(s, t.get("translation-title"), organisation(st, s).await?)
        .about(format!("{} {id}", t.get(&f.label_id())))
        .with_errors(&form);
    html_status(
        form.status(),
        &FillPage {
            chrome,
            form,
            action: format!("/translations/{}/{id}", f.key()),
            field_label: t.get(&f.label_id()),
            written: local_of(&t, w.en.as_deref(), w.cy.as_deref()),
            needs: needs.key(),
            label: t.get(match needs {
                Language::Cy => "translation-add-label-cy",
                Language::En => "translation-add-label-en",
            }),
            href: href(f, &w),
            t,
        },
    )
}

async fn fill_form(
    State(st): State<AppState>,
    s: Signed,
    Path((field, id)): Path<(String, i64)>,
) -> WebResult {
    fill_view(&st, &s, &field, id, None).await
}

#[derive(Deserialize, Default)]
struct FillIn {
    #[serde(default)]
    text: String,
    #[serde(default)]
    lang: String,
}

async fn fill(
    State(st): State<AppState>,
    s: Signed,
    Path((field, id)): Path<(String, i64)>,
    Posted(input): Posted<FillIn>,
) -> WebResult {
    if !s.actor().can(Permission::ManageTranslations) {
        return Err(WebError::Forbidden);
    }
    let f = Field::parse(&field).ok_or(WebError::NotFound)?;
    let lang = Language::parse(&input.lang).ok_or(WebError::NotFound)?;
    match cairn_app::translation::fill(&st.app, s.actor(), f, id, lang, &input.text).await {
        Ok(()) => see_other("/translations?done=saved"),
        Err(AppError::Invalid(e)) => {
            let mut form = FormState::new();
            form.set("text", input.text);
            form.add_errors(&s.ctx.t(), &e);
            fill_view(&st, &s, &field, id, Some(form)).await
        }
        Err(AppError::Conflict(code)) => {
            let mut e = cairn_domain::FieldErrors::new();
            e.add("text", code);
            let mut form = FormState::new();
            form.set("text", input.text);
            form.add_errors(&s.ctx.t(), &e);
            fill_view(&st, &s, &field, id, Some(form)).await
        }
        Err(e) => Err(e.into()),
    }
}
