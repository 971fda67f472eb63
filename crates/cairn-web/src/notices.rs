//! The home page: what is new for the signed-in person (in-app notices) and where to go next.

use crate::accounts::{org_name, page};
use crate::context::Signed;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::views::Chrome;
use crate::{AppState, Routes};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};

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
}

async fn home(State(st): State<AppState>, s: Signed) -> Response {
    let t = s.ctx.t();
    let tz = match cairn_app::units::my_organisation(&st.app, s.actor()).await {
        Ok(o) => cairn_domain::time::time_zone(&o.time_zone),
        Err(_) => cairn_domain::time::time_zone(cairn_domain::time::DEFAULT_TIME_ZONE),
    };
    let notices = match cairn_app::notices::for_actor(&st.app, s.actor(), t.lang).await {
        Ok(n) => n,
        Err(e) => return WebError::from(e).into_response(),
    };
    let notices = notices
        .into_iter()
        .map(|n| NoticeRow {
            text: n.text,
            when: cairn_domain::time::format_instant(n.created_at, &tz, t.lang),
            unread: n.unread,
        })
        .collect();
    let chrome = Chrome::signed(&s, t.get("home-title"), org_name(&st, &s).await);
    let my_buddy = crate::people::buddies::has_my_buddy(&st, &s).await;
    page(&HomePage {
        chrome,
        t,
        notices,
        my_buddy,
    })
}
