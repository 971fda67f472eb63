//! Every page in Welsh: each demo account (and a visitor) reads Cairn in Welsh, following the
//! links from their home page to every page they can reach, and no page shows English text
//! except where it is marked as another language (`lang="en"`: text the organisation has not
//! translated yet, or the name of the other language on the switch) or as typed by a person in
//! whatever language they wrote (`lang=""`).
//!
//! English is recognised by its common short words, which Welsh never uses ("the", "and",
//! "you", "with"…), so names of people and places pass.

use crate::crawl::{get, kind_of, links};
use cairn_app::{App, Clock, PasswordCost};
use cairn_web::{AppState, WebConfig};
use std::collections::{BTreeSet, HashSet, VecDeque};
use std::sync::Arc;

const PASSWORD: &str = "demo-password-for-welsh-pages";

/// Words that mark a sentence as English: frequent in English, never Welsh words.
const ENGLISH: &[&str] = &[
    "the", "and", "you", "your", "with", "for", "this", "that", "what", "when", "have", "has",
    "not", "are", "was", "will", "from", "our", "we", "they", "their", "there", "been", "were",
    "which", "who", "how", "please", "here", "of", "should", "would", "about", "only", "yet",
];

/// Elements whose content is never read as page text.
const SKIP: &[&str] = &["script", "style", "textarea", "svg"];
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// The visible text of `html` outside any element marked as another language, one string per
/// text run.
fn welsh_text(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    // (element name, marked as not Welsh)
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map(|i| &after[i + 3..]).unwrap_or("");
            continue;
        }
        if rest.starts_with('<') {
            let end = rest.find('>').unwrap_or(rest.len() - 1);
            let tag = &rest[1..end];
            rest = &rest[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let name = name.trim().to_ascii_lowercase();
                if let Some(pos) = stack.iter().rposition(|(n, _)| *n == name) {
                    stack.truncate(pos);
                }
                continue;
            }
            if tag.starts_with('!') || tag.starts_with('?') {
                continue;
            }
            let name: String = tag
                .split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if SKIP.contains(&name.as_str()) {
                let close = format!("</{name}");
                rest = rest
                    .to_ascii_lowercase()
                    .find(&close)
                    .map(|i| &rest[i..])
                    .unwrap_or("");
                continue;
            }
            if VOID.contains(&name.as_str()) || tag.ends_with('/') {
                continue;
            }
            let marked = ["lang=\"en\"", "lang=\"\""].iter().any(|m| tag.contains(m));
            let inherited = stack.last().is_some_and(|(_, m)| *m);
            // A Welsh island inside an English one is Welsh again.
            let marked = if tag.contains("lang=\"cy\"") {
                false
            } else {
                marked || inherited
            };
            stack.push((name, marked));
            continue;
        }
        let end = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..end];
        rest = &rest[end..];
        if !stack.last().is_some_and(|(_, m)| *m) && !text.trim().is_empty() {
            out.push(
                text.replace("&#39;", "'")
                    .replace("&#x27;", "'")
                    .replace("&amp;", "&")
                    .replace("&quot;", "\"")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    out
}

/// The English words in a run of text.
fn english_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// Reads every page `cookie` can reach from `start`, in Welsh; returns the pages read and
/// each English run found, with its page.
async fn crawl(
    router: &axum::Router,
    cookie: &str,
    start: &[String],
    read: &mut BTreeSet<String>,
) -> (usize, Vec<String>) {
    let mut seen_kinds = HashSet::new();
    let mut queue: VecDeque<String> = start.iter().cloned().collect();
    let mut found = Vec::new();
    let mut pages = 0;
    while let Some(path) = queue.pop_front() {
        if !seen_kinds.insert(kind_of(&path)) || pages >= 400 {
            continue;
        }
        let (status, body, location) = get(router, cookie, &path).await;
        if status.is_redirection() {
            if location.starts_with('/') {
                queue.push_back(location);
            }
            continue;
        }
        if body.is_empty() {
            continue;
        }
        pages += 1;
        read.insert(kind_of(&path));
        assert!(
            body.contains("<html lang=\"cy\""),
            "{path} ({status}) is not a Welsh page"
        );
        for run in welsh_text(&body) {
            let words = english_words(&run);
            if !words.is_empty() {
                found.push(format!("{path}: {run:?} ({})", words.join(", ")));
            }
        }
        // A document the reader asked for in English (a board pack, the handbook) is English.
        queue.extend(links(&body).into_iter().filter(|h| !h.contains("lang=en")));
    }
    (pages, found)
}

#[test]
fn the_text_reader_skips_marked_english_and_finds_unmarked_english() {
    let html = r#"<html lang="cy"><head><title>Hafan</title><style>.the{}</style></head>
        <body><p>Croeso</p><p lang="en">Not yet <b>translated</b></p>
        <p>Mae'r <span lang="en">TV room</span> yn oer</p><div lang="en"><p lang="cy">Ar agor</p></div>
        <p>You said, we did</p><br><input value="the"><textarea>the note</textarea></body></html>"#;
    let runs = welsh_text(html);
    assert!(runs.contains(&"Croeso".to_owned()));
    assert!(runs.contains(&"Ar agor".to_owned()));
    assert!(
        !runs
            .iter()
            .any(|r| r.contains("translated") || r.contains("TV room"))
    );
    let english: Vec<&String> = runs
        .iter()
        .filter(|r| !english_words(r).is_empty())
        .collect();
    assert_eq!(english, vec!["You said, we did"]);
    assert_eq!(kind_of("/meetings/12?x=1"), "/meetings/{}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_each_demo_account_reaches_reads_in_welsh() {
    let db = cairn_testkit::sqlite().await;
    let app = App::new(
        db.db.clone(),
        Clock::system(),
        Arc::new(cairn_web::i18n::FluentTranslator),
    )
    .with_password_cost(PasswordCost::Test);
    let org = cairn_app::demo::build(&app, PASSWORD, cairn_app::demo::Scale::Demo)
        .await
        .expect("demo");
    let router = cairn_web::router(AppState {
        app: app.clone(),
        config: Arc::new(WebConfig {
            base_url: "http://localhost".into(),
            ..Default::default()
        }),
    });
    // Pages no link leads to (a kiosk's, a unit's public board and poster) and records the
    // crawl would otherwise meet only by chance: the first of each, read by every account.
    let admin = cairn_app::accounts::sign_in(&app, "admin@demo.cairn.test", PASSWORD, "test")
        .await
        .expect("sign in");
    let admin = cairn_app::accounts::actor_for(&app, &{
        let mut h = app.db.acquire().await.expect("acquire");
        cairn_db::accounts::get_user(&mut h.conn(), admin.user_id)
            .await
            .expect("user")
    })
    .await
    .expect("actor");
    let mut h = app.db.acquire().await.expect("acquire");
    let unit = cairn_db::units::list_units(&mut h.conn(), org, None, None, 1)
        .await
        .expect("units")[0]
        .id;
    let claim = cairn_db::payments::list_claims(&mut h.conn(), org, &Default::default())
        .await
        .expect("claims")
        .first()
        .map(|c| c.id);
    let run = cairn_db::payments::runs(&mut h.conn(), org)
        .await
        .expect("runs")
        .first()
        .map(|r| r.id);
    let survey = cairn_db::surveys::surveys(&mut h.conn(), org)
        .await
        .expect("surveys")
        .first()
        .map(|s| s.id)
        .expect("a demo survey");
    let round = cairn_db::surveys::rounds_of(&mut h.conn(), survey)
        .await
        .expect("rounds")
        .first()
        .map(|r| r.id)
        .expect("a round");
    let round_unit = cairn_db::surveys::round_units(&mut h.conn(), round)
        .await
        .expect("round units")[0]
        .0;
    drop(h);
    let kiosk = cairn_app::feedback::create_kiosk(&app, &admin, unit, "Llechen")
        .await
        .expect("kiosk");
    let card = cairn_app::surveys::print_cards(&app, &admin, round, round_unit, "1")
        .await
        .expect("card")
        .1
        .remove(0);
    let pack = cairn_app::reports::create_pack(
        &app,
        &admin,
        &cairn_domain::reports::PackDraft {
            title: "Chwarter 1".into(),
            committee: "Ansawdd a Diogelwch".into(),
            period_from: "2026-01".into(),
            period_to: "2026-03".into(),
            measures: vec!["suggestions_received".into()],
            ..Default::default()
        },
    )
    .await
    .expect("pack");
    let mut extra = vec![
        "/".to_owned(),
        format!("/o/{org}/units/{unit}/you-said-we-did"),
        format!("/o/{org}/units/{unit}/poster"),
        format!("/kiosk/{kiosk}"),
        format!("/kiosk/{kiosk}/suggest"),
        format!("/kiosk/{kiosk}/board"),
        "/my-buddy".to_owned(),
        "/suggest/thanks".to_owned(),
        format!("/kiosk/{kiosk}/thanks"),
        format!("/units/{unit}/playbook/time_commitment/actions/new"),
        format!("/surveys/rounds/{round}/cards"),
        format!("/c/{card}"),
        format!("/reports/packs/{pack}"),
        format!("/reports/packs/{pack}/edit"),
    ];
    extra.extend(claim.map(|id| format!("/payments/claims/{id}")));
    extra.extend(run.map(|id| format!("/payments/runs/{id}")));
    let mut report = BTreeSet::new();
    let mut total = 0;
    // A visitor: the public pages and the sign-in page.
    let mut public = vec!["/sign-in".to_owned(), format!("/o/{org}/you-said-we-did")];
    public.extend(extra.iter().cloned());
    let mut read = BTreeSet::new();
    let (pages, found) = crawl(&router, "cairn_lang=cy", &public, &mut read).await;
    total += pages;
    report.extend(found);
    for email in [
        "admin", "lead", "staff", "finance", "member", "carer", "viewer",
    ] {
        let email = format!("{email}@demo.cairn.test");
        let session = cairn_app::accounts::sign_in(&app, &email, PASSWORD, "test")
            .await
            .expect("sign in");
        let cookie = format!("cairn_session={}; cairn_lang=cy", session.secret);
        let mut start = vec!["/home".to_owned()];
        start.extend(extra.iter().cloned());
        let (pages, found) = crawl(&router, &cookie, &start, &mut read).await;
        assert!(pages > 5, "{email} read {pages} pages");
        total += pages;
        report.extend(found.into_iter().map(|f| format!("{email} {f}")));
    }
    let unread: Vec<&str> = cairn_web::route_list()
        .iter()
        .filter(|r| r.method == "GET" && !r.path.starts_with("/api/"))
        .map(|r| r.path)
        .filter(|p| !read.contains(&kind_of(&p.replace("{", "1{"))))
        .collect();
    eprintln!("welsh pages read: {total}; page kinds never reached: {unread:?}");
    assert!(total > 100, "only {total} pages read");
    assert!(
        report.is_empty(),
        "{} runs of English on Welsh pages:\n{}",
        report.len(),
        report.into_iter().collect::<Vec<_>>().join("\n")
    );
}
