//! The home page: what is new for the signed-in person (in-app notices) and where to go next.

use crate::context::Signed;
use crate::error::WebResult;
use crate::i18n::Tr;
use crate::views::{Chrome, html, organisation};
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::State;
use cairn_domain::time::{DEFAULT_TIME_ZONE, time_zone};

pub(crate) fn routes(r: Routes) -> Routes {
    r.get("/home", home)
}

struct NoticeRow {
    text: String,
    when: String,
    unread: bool,
}

#[derive(Template)]
#[template(path = "notices/home.html")]
struct HomePage {
    chrome: Chrome,
    t: Tr,
    notices: Vec<NoticeRow>,
    /// The person is in a buddy pairing now: link to their "My buddy" page.
    my_buddy: bool,
    /// Surveys open on the person's units: (title, link, closing day, answered already).
    surveys: Vec<(String, String, String, bool)>,
    /// The person is asked to read and acknowledge the guiding principles.
    principles_asked: bool,
    /// The organisation's principles can be read (anyone in an organisation).
    principles_link: bool,
    /// For those who act on the model (leads, unit staff): the playbook's challenges raised on
    /// their units now, each (line, link to the unit's playbook).
    raised: Option<Vec<(String, String)>>,
}

async fn home(State(st): State<AppState>, s: Signed) -> WebResult {
    let t = s.ctx.t();
    // A platform administrator belongs to no organisation: their times are in the default zone.
    let tz = if s.actor().organisation_id.is_some() {
        time_zone(&crate::views::my_organisation(&st, &s).await?.time_zone)
    } else {
        time_zone(DEFAULT_TIME_ZONE)
    };
    let org_name = organisation(&st, &s).await?;
    let my_buddy = crate::people::buddies::has_my_buddy(&st, &s).await?;
    let surveys = cairn_app::surveys::open_for_me(&st.app, s.actor())
        .await?
        .into_iter()
        .map(|o| {
            (
                crate::training::local_title(
                    &t,
                    o.survey.title_en.as_deref(),
                    o.survey.title_cy.as_deref(),
                )
                .text,
                o.link,
                t.with(
                    "home-survey-closes",
                    &[("date", crate::people::date_words(&t, &o.round.closes_on))],
                ),
                o.answered,
            )
        })
        .collect();
    // Read after the rest the page needs, as reading marks them read: a page that fails
    // before this marks none read.
    let notices = cairn_app::notices::for_actor(&st.app, s.actor(), t.lang)
        .await?
        .into_iter()
        .map(|n| NoticeRow {
            text: n.text,
            when: cairn_domain::time::format_instant(n.created_at, &tz, t.lang),
            unread: n.unread,
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("home-title"), org_name);
    let principles_asked = cairn_app::principles::asked(&st.app, s.actor()).await?;
    let raised = if s.actor().can(cairn_domain::Permission::ManageAssessments) {
        Some(
            cairn_app::playbook::raised(&st.app, s.actor())
                .await?
                .into_iter()
                .map(|(r, unit)| {
                    (
                        t.with(
                            "playbook-home-line",
                            &[
                                ("unit", unit),
                                (
                                    "challenge",
                                    crate::playbook::challenge_name(&t, &r.challenge),
                                ),
                                (
                                    "date",
                                    cairn_domain::time::format_date(
                                        cairn_domain::time::local_date(r.raised_at, &tz),
                                        t.lang,
                                    ),
                                ),
                            ],
                        ),
                        format!("/units/{}/playbook", r.unit_id),
                    )
                })
                .collect(),
        )
    } else {
        None
    };
    html(&HomePage {
        chrome,
        t,
        notices,
        my_buddy,
        surveys,
        principles_asked,
        principles_link: s.actor().organisation_id.is_some(),
        raised,
    })
}
