//! Easy Read: the member's pages that matter most — making a suggestion, opportunities and
//! "I'm interested", making a claim and what they are owed, what Cairn keeps about them — in
//! large type, one idea to a short sentence, a picture beside each (Cairn's own drawings under
//! `/assets/images/easy-read/`, decorative: the sentence carries the meaning).
//!
//! A member turns Easy Read on or off (`POST /easy-read/switch`); the choice is kept on their
//! account, so it holds from one sign-in to the next. While it is on, [`send_to_easy_read`]
//! sends them from each standard page to its Easy Read version; every Easy Read page links back
//! to the standard page with `?standard=1`, which the redirect leaves alone.
//!
//! The pages call the same use cases as the standard ones (`feedback::submit_online`,
//! `roles::express_interest`, `payments::list`, `people::about_me`), so the rules, permission
//! checks and audit are the same whichever page a member uses.

use crate::context::{NoFields, Posted, Signed};
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Choice, Chrome, FormState, html, html_status, local_name, see_other};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::{Path, Query, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use cairn_app::AppError;
use cairn_app::roles::Expressed;
use cairn_domain::feedback::SuggestionDraft;
use cairn_domain::payments::{ClaimStatus, format_pounds};
use cairn_domain::people::Language;
use cairn_domain::roles::InterestStatus;
use cairn_domain::time::{format_date, local_date, parse_iso_date, time_zone};
use serde::Deserialize;

/// The Easy Read pages' routes.
pub fn routes(r: Routes) -> Routes {
    r.get("/easy-read", hub)
        .post("/easy-read/switch", switch)
        .get("/easy-read/suggest", suggest_form)
        .post("/easy-read/suggest", suggest)
        .get("/easy-read/suggest/thanks", thanks)
        .get("/easy-read/opportunities", opportunities)
        .post("/easy-read/opportunities/{id}/interest", interested)
        .get("/easy-read/claims", claims)
        .get("/easy-read/me", about_me)
}

/// Each standard page with an Easy Read version, and that version.
const VERSIONS: &[(&str, &str)] = &[
    ("/suggest", "/easy-read/suggest"),
    ("/opportunities", "/easy-read/opportunities"),
    ("/payments/claims", "/easy-read/claims"),
    ("/me", "/easy-read/me"),
];

/// The Easy Read version of a standard page, if it has one.
fn easy_version(path: &str) -> Option<&'static str> {
    VERSIONS.iter().find(|(p, _)| *p == path).map(|(_, e)| *e)
}

/// The standard page of an Easy Read version.
fn standard_of(easy: &str) -> &'static str {
    VERSIONS
        .iter()
        .find(|(_, e)| *e == easy)
        .map(|(p, _)| *p)
        .unwrap_or("/home")
}

/// Sends a member who reads Easy Read from a standard page to its Easy Read version. Only page
/// reads move (a form sent to a standard page is answered there), and `?standard=1` — the "go
/// to the standard page" link on every Easy Read page — stays where it is.
pub async fn send_to_easy_read(req: Request, next: Next) -> Response {
    if req.method() == Method::GET
        && let Some(to) = easy_version(req.uri().path())
        && !req
            .uri()
            .query()
            .is_some_and(|q| q.split('&').any(|p| p == "standard=1"))
        && let Some(ctx) = req.extensions().get::<crate::context::Ctx>()
        && let Some(s) = &ctx.session
        && s.user.easy_read
        && cairn_app::easy_read::offered(&s.actor)
    {
        return Redirect::to(to).into_response();
    }
    next.run(req).await
}

// ---------------------------------------------------------------------------------------------
// What every Easy Read page shows
// ---------------------------------------------------------------------------------------------

/// One idea: a picture (a file name under `/assets/images/easy-read/`, without `.svg`) and the
/// short sentence beside it.
pub(crate) struct Idea {
    pub pic: &'static str,
    pub text: String,
}

fn idea(pic: &'static str, text: String) -> Idea {
    Idea { pic, text }
}

/// The foot of every Easy Read page: the way back to the standard page, and the switch.
pub(crate) struct Switch {
    /// Easy Read is on for this member.
    pub on: bool,
    /// The standard page, with `?standard=1` (empty on the Easy Read home page).
    pub standard: String,
    /// Where the switch returns: the standard page when turning off, this page when on.
    pub next: String,
}

fn switch_for(s: &Signed, easy: &str) -> Switch {
    let on = s.session.user.easy_read;
    let standard = standard_of(easy);
    Switch {
        on,
        standard: if easy == "/easy-read" {
            String::new()
        } else {
            format!("{standard}?standard=1")
        },
        next: if on && easy != "/easy-read" {
            standard.to_owned()
        } else {
            easy.to_owned()
        },
    }
}

/// The frame of an Easy Read page, after checking the reader is offered Easy Read.
async fn chrome(st: &AppState, s: &Signed, title: String) -> WebResult<Chrome> {
    cairn_app::easy_read::may_read(s.actor())?;
    // "Make a suggestion – Easy Read": not the same page as the standard one.
    Ok(
        Chrome::signed(s, title, crate::views::organisation(st, s).await?)
            .about(s.ctx.t().get("easy-read-title")),
    )
}

fn date_words(t: &Tr, iso: &str) -> String {
    parse_iso_date(iso)
        .map(|d| format_date(d, t.lang))
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The Easy Read home page and the switch
// ---------------------------------------------------------------------------------------------

/// A link to one Easy Read page.
pub(crate) struct PageLink {
    pub pic: &'static str,
    pub href: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "easy_read/hub.html")]
struct HubPage {
    chrome: Chrome,
    t: Tr,
    state: Idea,
    ideas: Vec<Idea>,
    pages: Vec<PageLink>,
    switch: Switch,
}

async fn hub(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let chrome = chrome(&st, &s, t.get("easy-read-title")).await?;
    let switch = switch_for(&s, "/easy-read");
    html(&HubPage {
        state: if switch.on {
            idea("tick", t.get("easy-read-is-on"))
        } else {
            idea("cross", t.get("easy-read-is-off"))
        },
        ideas: vec![
            idea("book", t.get("easy-read-intro")),
            idea("eye", t.get("easy-read-on-means")),
            idea("person", t.get("easy-read-remembered")),
        ],
        pages: vec![
            PageLink {
                pic: "speech",
                href: "/easy-read/suggest",
                label: t.get("easy-read-link-suggest"),
            },
            PageLink {
                pic: "board",
                href: "/easy-read/opportunities",
                label: t.get("easy-read-link-opportunities"),
            },
            PageLink {
                pic: "coin",
                href: "/easy-read/claims",
                label: t.get("easy-read-link-claims"),
            },
            PageLink {
                pic: "folder",
                href: "/easy-read/me",
                label: t.get("easy-read-link-me"),
            },
        ],
        switch,
        chrome,
        t,
    })
}

#[derive(Deserialize)]
struct SwitchIn {
    /// `yes` turns Easy Read on; anything else turns it off.
    #[serde(default)]
    on: String,
    #[serde(default)]
    next: String,
}

async fn switch(State(st): State<AppState>, s: Signed, Posted(f): Posted<SwitchIn>) -> WebResult {
    cairn_app::easy_read::set(&st.app, s.actor(), f.on == "yes").await?;
    let next = crate::redirect::local_target(
        Some(f.next.as_str()).filter(|n| !n.is_empty()),
        "/easy-read",
    )?;
    see_other(&next)
}

// ---------------------------------------------------------------------------------------------
// Making a suggestion
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "easy_read/suggest.html")]
struct SuggestPage {
    chrome: Chrome,
    t: Tr,
    ideas: Vec<Idea>,
    form: FormState,
    units: Vec<Choice>,
    switch: Switch,
}

#[derive(Deserialize, Default)]
struct SuggestionIn {
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    text: String,
    anonymous: Option<String>,
    #[serde(default)]
    contact: String,
}

impl SuggestionIn {
    /// The same draft the standard member form sends (the use case sets the channel).
    fn draft(&self) -> SuggestionDraft {
        SuggestionDraft {
            unit_id: self.unit_id.trim().parse().ok(),
            text: self.text.clone(),
            anonymous: self.anonymous.is_some(),
            contact: Some(self.contact.clone()),
            ..Default::default()
        }
    }

    fn form(&self) -> FormState {
        let mut f = FormState::new();
        f.set("unit_id", self.unit_id.clone())
            .set("text", self.text.clone())
            .set(
                "anonymous",
                if self.anonymous.is_some() { "yes" } else { "" },
            )
            .set("contact", self.contact.clone());
        f
    }
}

async fn suggest_view(st: &AppState, s: &Signed, form: FormState) -> WebResult {
    let t = s.ctx.t();
    let chrome = chrome(st, s, t.get("easy-read-suggest-title"))
        .await?
        .with_errors(&form);
    // A member chooses among their own wards and teams, as on the standard page.
    let own = match s.actor().person_id {
        Some(pid) => {
            cairn_app::people::view(&st.app, s.actor(), pid)
                .await?
                .unit_ids
        }
        None => Vec::new(),
    };
    let units = cairn_app::units::unit_labels(&st.app, s.actor())
        .await?
        .into_iter()
        .filter(|(id, _, _)| own.contains(id))
        .map(|(id, name, cy)| Choice {
            value: id.to_string(),
            label: local_name(&t, &name, cy.as_deref()),
        })
        .collect();
    html_status(
        form.status(),
        &SuggestPage {
            ideas: vec![
                idea("speech", t.get("easy-read-suggest-what")),
                idea("pencil", t.get("easy-read-suggest-write")),
                idea("eye", t.get("easy-read-suggest-read")),
                idea("lock", t.get("easy-read-suggest-name")),
                idea("board", t.get("easy-read-suggest-board")),
                idea("person", t.get("easy-read-suggest-names-off")),
            ],
            switch: switch_for(s, "/easy-read/suggest"),
            chrome,
            t,
            form,
            units,
        },
    )
}

async fn suggest_form(State(st): State<AppState>, s: Signed) -> WebResult {
    suggest_view(&st, &s, FormState::new()).await
}

async fn suggest(
    State(st): State<AppState>,
    s: Signed,
    Posted(f): Posted<SuggestionIn>,
) -> WebResult {
    cairn_app::easy_read::may_read(s.actor())?;
    match cairn_app::feedback::submit_online(&st.app, s.actor(), &f.draft(), s.ctx.lang).await {
        Ok(_) => see_other("/easy-read/suggest/thanks"),
        Err(AppError::Invalid(errs)) => {
            let mut form = f.form();
            form.add_errors(&s.ctx.t(), &errs);
            suggest_view(&st, &s, form).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "easy_read/thanks.html")]
struct ThanksPage {
    chrome: Chrome,
    t: Tr,
    ideas: Vec<Idea>,
}

async fn thanks(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let chrome = chrome(&st, &s, t.get("easy-read-thanks-title")).await?;
    html(&ThanksPage {
        ideas: vec![
            idea("tick", t.get("easy-read-thanks-got")),
            idea("eye", t.get("easy-read-thanks-read")),
            idea("board", t.get("easy-read-thanks-board")),
            idea("envelope", t.get("easy-read-thanks-tell")),
        ],
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// Opportunities and "I'm interested"
// ---------------------------------------------------------------------------------------------

struct OpportunityCard {
    id: i64,
    title: String,
    ideas: Vec<Idea>,
    /// The opportunity's own note, in the page's language (as the organisation wrote it).
    note: String,
    /// They have already said they are interested.
    interested: bool,
}

struct InterestCard {
    title: String,
    status: Idea,
    feedback: Option<String>,
}

#[derive(Template)]
#[template(path = "easy_read/opportunities.html")]
struct OpportunitiesPage {
    chrome: Chrome,
    t: Tr,
    /// "Thank you, we know": after saying "I'm interested".
    done: Option<Idea>,
    ideas: Vec<Idea>,
    open: Vec<OpportunityCard>,
    /// Said when nothing is open.
    none: Idea,
    /// Said on an opportunity they are already interested in.
    already: Idea,
    mine: Vec<InterestCard>,
    switch: Switch,
}

#[derive(Deserialize, Default)]
struct SentQuery {
    sent: Option<String>,
    already: Option<String>,
}

fn interest_pic(s: InterestStatus) -> &'static str {
    match s {
        InterestStatus::Received => "clock",
        InterestStatus::Talked => "talk",
        InterestStatus::Offered => "hand",
        InterestStatus::Appointed => "tick",
        InterestStatus::NotThisTime => "cross",
    }
}

async fn opportunities(
    State(st): State<AppState>,
    s: Signed,
    Query(q): Query<SentQuery>,
) -> WebResult {
    let t = s.ctx.t();
    let chrome = chrome(&st, &s, t.get("easy-read-opps-title")).await?;
    let welsh = t.lang == Language::Cy;
    let v = cairn_app::roles::opportunities(&st.app, s.actor()).await?;
    let units = cairn_app::units::unit_labels(&st.app, s.actor()).await?;
    let place = |unit: Option<i64>| match unit {
        None => t.get("roles-whole-service"),
        Some(u) => units
            .iter()
            .find(|(id, _, _)| *id == u)
            .map(|(_, n, cy)| local_name(&t, n, cy.as_deref()))
            .unwrap_or_else(|| t.get("roles-a-unit")),
    };
    let open = v
        .open
        .iter()
        .map(|o| OpportunityCard {
            id: o.id,
            title: o.title(welsh).to_owned(),
            ideas: vec![
                idea(
                    "place",
                    t.with("easy-read-opps-where", &[("place", place(o.unit_id))]),
                ),
                idea(
                    "calendar",
                    t.with(
                        "easy-read-opps-by",
                        &[("date", date_words(&t, &o.closes_on))],
                    ),
                ),
            ],
            note: o.note(welsh).unwrap_or_default().to_owned(),
            interested: v.mine.iter().any(|i| i.opportunity_id == o.id),
        })
        .collect();
    let title_of = |id: &str| -> Option<String> {
        let id: i64 = id.parse().ok()?;
        v.mine
            .iter()
            .find(|i| i.opportunity_id == id)
            .map(|i| if welsh { &i.title_cy } else { &i.title_en }.clone())
    };
    let done = match (&q.sent, &q.already) {
        (Some(id), _) => title_of(id)
            .map(|title| idea("tick", t.with("easy-read-opps-sent", &[("title", title)]))),
        (None, Some(id)) => title_of(id).map(|title| {
            idea(
                "tick",
                t.with("easy-read-opps-sent-before", &[("title", title)]),
            )
        }),
        _ => None,
    };
    let mine = v
        .mine
        .iter()
        .map(|i| InterestCard {
            title: if welsh { &i.title_cy } else { &i.title_en }.clone(),
            status: idea(
                interest_pic(i.status),
                t.get(&format!(
                    "easy-read-interest-{}",
                    i.status.key().replace('_', "-")
                )),
            ),
            feedback: i.feedback.clone().filter(|f| !f.trim().is_empty()),
        })
        .collect();
    html(&OpportunitiesPage {
        done,
        ideas: vec![
            idea("board", t.get("easy-read-opps-what")),
            idea("hand", t.get("easy-read-opps-press")),
            idea("talk", t.get("easy-read-opps-talk")),
            idea("tick", t.get("easy-read-opps-no-wrong")),
        ],
        open,
        none: idea("board", t.get("easy-read-opps-none")),
        already: idea("tick", t.get("easy-read-opps-already")),
        mine,
        switch: switch_for(&s, "/easy-read/opportunities"),
        chrome,
        t,
    })
}

async fn interested(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<i64>,
    Posted(_): Posted<NoFields>,
) -> WebResult {
    cairn_app::easy_read::may_read(s.actor())?;
    match cairn_app::easy_read::express_interest(&st.app, s.actor(), id).await? {
        Expressed::New(_) => see_other(&format!("/easy-read/opportunities?sent={id}#done")),
        Expressed::Already(_) => see_other(&format!("/easy-read/opportunities?already={id}#done")),
    }
}

// ---------------------------------------------------------------------------------------------
// Claims and money
// ---------------------------------------------------------------------------------------------

/// How many of their claims the page lists (the totals count every claim).
const CLAIMS_SHOWN: usize = 20;

struct ClaimCard {
    id: i64,
    heading: String,
    ideas: Vec<Idea>,
}

#[derive(Template)]
#[template(path = "easy_read/claims.html")]
struct ClaimsPage {
    chrome: Chrome,
    t: Tr,
    how: Vec<Idea>,
    owed: Vec<Idea>,
    claims: Vec<ClaimCard>,
    /// Said when they have no claim.
    none: Idea,
    more: bool,
    switch: Switch,
}

fn claim_pic(s: ClaimStatus) -> &'static str {
    match s {
        ClaimStatus::Draft => "pencil",
        ClaimStatus::Submitted
        | ClaimStatus::Approved
        | ClaimStatus::Authorised
        | ClaimStatus::InRun => "clock",
        ClaimStatus::Paid => "tick",
        ClaimStatus::Rejected => "cross",
    }
}

async fn claims(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    let chrome = chrome(&st, &s, t.get("easy-read-claims-title")).await?;
    let own = cairn_app::easy_read::own_claims(&st.app, s.actor()).await?;
    let n = &own.totals;
    let mut owed = Vec::new();
    if n.owed_count > 0 {
        owed.push(idea(
            "coin",
            t.with("easy-read-owed", &[("amount", format_pounds(n.owed_pence))]),
        ));
        owed.push(idea(
            "receipt",
            t.count("easy-read-owed-claims", n.owed_count),
        ));
        owed.push(idea("clock", t.get("easy-read-owed-wait")));
    } else {
        owed.push(idea("coin", t.get("easy-read-owed-none")));
    }
    owed.push(if n.paid_count > 0 {
        idea(
            "tick",
            t.with("easy-read-paid", &[("amount", format_pounds(n.paid_pence))]),
        )
    } else {
        idea("clock", t.get("easy-read-paid-none"))
    });
    if n.not_sent_count > 0 {
        owed.push(idea(
            "pencil",
            t.count("easy-read-not-sent", n.not_sent_count),
        ));
        owed.push(idea("envelope", t.get("easy-read-not-sent-send")));
    }
    if n.not_paid_count > 0 {
        owed.push(idea(
            "cross",
            t.count("easy-read-not-paid", n.not_paid_count),
        ));
        owed.push(idea("question", t.get("easy-read-not-paid-why")));
    }
    let claims = own
        .claims
        .iter()
        .take(CLAIMS_SHOWN)
        .map(|c| ClaimCard {
            id: c.id,
            heading: t.with(
                "easy-read-claim-line",
                &[
                    ("activity", t.get(&c.activity_type.label_id())),
                    ("date", date_words(&t, &c.activity_on)),
                ],
            ),
            // A correction of a paid claim takes money back: a minus sign is no way to say so.
            ideas: if c.corrects_claim_id.is_some() {
                vec![
                    idea(
                        "coin",
                        t.with(
                            "easy-read-claim-taken-back",
                            &[("amount", format_pounds(-c.total_pence))],
                        ),
                    ),
                    idea("question", t.get("easy-read-claim-correction")),
                ]
            } else {
                vec![
                    idea(
                        "coin",
                        t.with(
                            "easy-read-claim-amount",
                            &[("amount", format_pounds(c.total_pence))],
                        ),
                    ),
                    idea(
                        claim_pic(c.status),
                        t.get(&format!(
                            "easy-read-claim-status-{}",
                            c.status.key().replace('_', "-")
                        )),
                    ),
                ]
            },
        })
        .collect();
    html(&ClaimsPage {
        how: vec![
            idea("calendar", t.get("easy-read-claim-time")),
            idea("clock", t.get("easy-read-claim-when")),
            idea("bus", t.get("easy-read-claim-travel")),
            idea("receipt", t.get("easy-read-claim-receipts")),
            idea("eye", t.get("easy-read-claim-check")),
            idea("coin", t.get("easy-read-claim-pay")),
        ],
        owed,
        claims,
        none: idea("receipt", t.get("easy-read-claims-none")),
        more: own.claims.len() > CLAIMS_SHOWN,
        switch: switch_for(&s, "/easy-read/claims"),
        chrome,
        t,
    })
}

// ---------------------------------------------------------------------------------------------
// What Cairn keeps about you
// ---------------------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "easy_read/me.html")]
struct MePage {
    chrome: Chrome,
    t: Tr,
    intro: Idea,
    facts: Vec<Idea>,
    who_sees: Vec<Idea>,
    switch: Switch,
}

async fn about_me(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    cairn_app::easy_read::may_read(s.actor())?;
    // Easy Read is only offered to someone with a record, so there is always one here.
    let me = cairn_app::people::about_me(&st.app, s.actor())
        .await?
        .ok_or(crate::error::WebError::NotFound)?;
    let org = cairn_app::units::my_organisation(&st.app, s.actor()).await?;
    let today = local_date(st.app.now(), &time_zone(&org.time_zone)).to_string();
    let chrome = Chrome::signed(
        &s,
        t.get("easy-read-me-title"),
        local_name(&t, &org.name, org.name_cy.as_deref()),
    );
    let p = &me.person;
    let places: Vec<String> = cairn_app::units::unit_labels(&st.app, s.actor())
        .await?
        .into_iter()
        .filter(|(id, _, _)| me.unit_ids.contains(id))
        .map(|(_, name, cy)| local_name(&t, &name, cy.as_deref()))
        .collect();
    let roles_now = me
        .appointments
        .iter()
        .filter(|r| r.is_current(&today))
        .count() as i64;
    let facts = vec![
        idea(
            "person",
            t.with("easy-read-me-name", &[("name", p.chosen_name.clone())]),
        ),
        idea(
            "people",
            t.with(
                "easy-read-me-taking-part",
                &[("what", t.get(&p.constituency.label_id()))],
            ),
        ),
        idea(
            "place",
            if places.is_empty() {
                t.get("easy-read-me-places-none")
            } else {
                t.with("easy-read-me-places", &[("places", places.join(", "))])
            },
        ),
        idea(
            "envelope",
            match p.email.as_deref().filter(|e| !e.trim().is_empty()) {
                Some(e) => t.with("easy-read-me-email", &[("email", e.to_owned())]),
                None => t.get("easy-read-me-email-none"),
            },
        ),
        idea(
            "hand",
            t.count("easy-read-me-interests", me.interests.len() as i64),
        ),
        idea("board", t.count("easy-read-me-roles", roles_now)),
        idea(
            "talk",
            t.count("easy-read-me-groups", me.groups.len() as i64),
        ),
        idea("coin", t.count("easy-read-me-claims", me.claim_count)),
    ];
    html(&MePage {
        intro: idea("folder", t.get("easy-read-me-intro")),
        facts,
        who_sees: vec![
            idea("eye", t.get("easy-read-me-who-sees")),
            idea("lock", t.get("easy-read-me-logged")),
            idea("folder", t.get("easy-read-me-copy")),
            idea("question", t.get("easy-read-me-wrong")),
        ],
        switch: switch_for(&s, "/easy-read/me"),
        chrome,
        t,
    })
}
