//! Every page has a title of its own (WCAG 2.4.2): a lead follows the links from their home
//! page through the demo organisation, several pages of each kind, and no two different pages
//! share a `<title>`. A page about one thing (a person, a meeting, a claim, a unit) names it:
//! "Leaving – Sam Jones – Cairn – Demo Health Board".
//!
//! Two addresses are the same page when they differ only in their query string: a query
//! filters, sorts or pages a list, or fills in a form, and never changes what the page is.

use crate::crawl::{get, kind_of, links};
use axum::http::StatusCode;
use cairn_app::{App, Clock, PasswordCost};
use cairn_web::{AppState, WebConfig};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

const PASSWORD: &str = "demo-password-for-titles";
/// Pages of one kind read: enough to meet two different things of each kind.
const PER_KIND: usize = 3;
const MAX_PAGES: usize = 900;

/// The text of the page's `<title>`, its entities decoded and its spaces collapsed.
fn title_of(html: &str) -> Option<String> {
    let start = html.find("<title>")? + "<title>".len();
    let end = start + html[start..].find("</title>")?;
    Some(
        html[start..end]
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Reads the pages `cookie` reaches from `start`, up to PER_KIND of each kind; returns each
/// page's path (without its query) and title.
async fn crawl(router: &axum::Router, cookie: &str, start: &[String]) -> BTreeMap<String, String> {
    let mut per_kind: HashMap<String, usize> = HashMap::new();
    let mut visited = BTreeSet::new();
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    let mut titles = BTreeMap::new();
    while let Some(url) = queue.pop_front() {
        let path = url.split('?').next().unwrap_or("").to_owned();
        if titles.len() >= MAX_PAGES || !visited.insert(path.clone()) {
            continue;
        }
        let count = per_kind.entry(kind_of(&path)).or_default();
        if *count >= PER_KIND {
            continue;
        }
        let (status, body, location) = get(router, cookie, &url).await;
        if status.is_redirection() {
            if location.starts_with('/') {
                queue.push_back(location);
            }
            continue;
        }
        // Error pages share their titles ("Page not found") by design.
        if status != StatusCode::OK || body.is_empty() {
            continue;
        }
        *count += 1;
        if let Some(title) = title_of(&body) {
            titles.insert(path, title);
        }
        queue.extend(links(&body));
    }
    titles
}

/// Titles worn by more than one page, with the pages.
fn shared(titles: &BTreeMap<String, String>) -> Vec<String> {
    let mut by_title: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (path, title) in titles {
        by_title.entry(title).or_default().push(path);
    }
    by_title
        .into_iter()
        .filter(|(_, paths)| paths.len() > 1)
        .map(|(title, paths)| format!("{title:?}: {}", paths.join(" ")))
        .collect()
}

#[test]
fn the_title_reader_decodes_entities_and_groups_pages_by_title() {
    assert_eq!(
        title_of("<head><title>Leaving &ndash; Sam O&#39;Neil &amp; co\n – Cairn</title>"),
        Some("Leaving &ndash; Sam O'Neil & co – Cairn".to_owned())
    );
    let titles: BTreeMap<String, String> = [("/a", "One"), ("/b", "Two"), ("/c", "One")]
        .into_iter()
        .map(|(p, t)| (p.to_owned(), t.to_owned()))
        .collect();
    assert_eq!(shared(&titles), vec!["\"One\": /a /c".to_owned()]);
    assert_eq!(
        links(r#"<a href="/people/3?page=2#x">x</a><a href="/assets/a.css">"#),
        vec!["/people/3?page=2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_two_pages_an_account_reaches_share_a_title() {
    cairn_testkit::both_engines(|db| async move {
        let app = App::new(
            db.clone(),
            Clock::system(),
            Arc::new(cairn_web::i18n::FluentTranslator),
        )
        .with_password_cost(PasswordCost::Test);
        cairn_app::demo::build(&app, PASSWORD, cairn_app::demo::Scale::Demo)
            .await
            .expect("demo");
        let router = cairn_web::router(AppState {
            app: app.clone(),
            config: Arc::new(WebConfig {
                base_url: "http://localhost".into(),
                ..Default::default()
            }),
        });
        let mut report = Vec::new();
        let mut total = 0;
        // Each account on its own: one person never sees two organisations' pages side by side.
        for account in [
            "lead", "admin", "staff", "finance", "member", "carer", "viewer",
        ] {
            let email = format!("{account}@demo.cairn.test");
            let session = cairn_app::accounts::sign_in(&app, &email, PASSWORD, "test")
                .await
                .expect("sign in");
            let cookie = format!("cairn_session={}; cairn_lang=en", session.secret);
            let titles = crawl(&router, &cookie, &["/home".to_owned()]).await;
            assert!(titles.len() > 5, "{email} read only {} pages", titles.len());
            total += titles.len();
            report.extend(
                shared(&titles)
                    .into_iter()
                    .map(|s| format!("{account}: {s}")),
            );
        }
        eprintln!("titles: {total} pages read");
        assert!(total > 200, "only {total} pages read");
        assert!(
            report.is_empty(),
            "{} titles are shared by different pages:\n{}",
            report.len(),
            report.join("\n")
        );
    })
    .await;
}
