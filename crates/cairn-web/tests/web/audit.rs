//! The audit log in the reader's language: every kind of record the code writes to the log is
//! listed and has words in English and Welsh, and the Welsh page and CSV show words, never the
//! stored codes, for what happened and the record type. Both engines.

use crate::helpers::{Res, TestApp, Who};
use axum::http::{Method, StatusCode};
use cairn_domain::people::Language;
use cairn_web::i18n::Tr;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A fresh app on each engine (PostgreSQL only when it can be reached or is required).
async fn engines() -> Vec<TestApp> {
    let mut v = vec![TestApp::new().await];
    if let Some(pg) = TestApp::on_postgres().await {
        v.push(pg);
    }
    v
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("a source directory") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out
}

/// The arguments of the call whose `(` is at `open`, split at top-level commas (string
/// literals, brackets and braces respected), trimmed.
fn call_args(text: &str, open: usize) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut depth = 0;
    let mut in_str = false;
    let mut escaped = false;
    for c in text[open..].chars() {
        if in_str {
            cur.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                cur.push(c);
            }
            '(' | '[' | '{' => {
                depth += 1;
                if depth > 1 {
                    cur.push(c);
                }
            }
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    args.push(cur.trim().to_owned());
                    return args;
                }
                cur.push(c);
            }
            ',' if depth == 1 => args.push(std::mem::take(&mut cur).trim().to_owned()),
            _ => cur.push(c),
        }
    }
    args
}

/// The kinds a helper `fn name(…) -> &'static str` in `text` can return: the string literals
/// after `=>` in its body. `None` when `text` defines no such function.
fn helper_kinds(text: &str, name: &str) -> Option<Vec<String>> {
    let start = text.find(&format!("fn {name}("))?;
    let open = start + text[start..].find('{')?;
    let mut depth = 0;
    let mut end = open;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    let body = &text[open..end];
    Some(
        body.split("=>")
            .skip(1)
            .filter_map(|arm| arm.trim_start().strip_prefix('"'))
            .filter_map(|arm| arm.split_once('"').map(|(kind, _)| kind.to_owned()))
            .collect(),
    )
}

/// The record type of every call of `audit::record` (fifth argument, after an `Action::…`) and
/// `audit::record_read` (fourth of six) in the application's sources. The record type is a
/// string literal, or a call of a helper in the same file whose match arms are literals (such as
/// `entity(field)`); anything else comes back as a problem, with where it is.
fn recorded_kinds() -> (BTreeSet<String>, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut kinds = BTreeSet::new();
    let mut problems = Vec::new();
    for dir in ["cairn-app/src", "cairn-web/src", "cairn/src"] {
        for file in rust_files(&root.join(dir)) {
            let text = std::fs::read_to_string(&file).expect("source");
            let defines = file.ends_with("cairn-app/src/audit.rs");
            for (at, _) in text.match_indices("record") {
                let before = text[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    || text[..at].ends_with("fn ")
                {
                    continue;
                }
                let mut rest = &text[at + "record".len()..];
                let read = rest.starts_with("_read");
                if read {
                    rest = &rest["_read".len()..];
                }
                if let Some(turbofish) = rest.strip_prefix("::<") {
                    let Some(end) = turbofish.find(">(") else {
                        continue;
                    };
                    rest = &turbofish[end + 1..];
                }
                if !rest.starts_with('(') {
                    continue;
                }
                let args = call_args(rest, 0);
                let entity = match (read, args.len()) {
                    (true, 6) => &args[3],
                    (false, n) if n >= 5 && args[3].starts_with("Action::") => &args[4],
                    _ => continue,
                };
                let line = text[..at].lines().count();
                match entity.strip_prefix('"').and_then(|e| e.strip_suffix('"')) {
                    Some(kind) => {
                        kinds.insert(kind.to_owned());
                    }
                    // `record_read` passes its own argument on to `record`.
                    None if defines && entity == "entity" => {}
                    None if let Some(found) = entity
                        .split_once('(')
                        .and_then(|(name, _)| helper_kinds(&text, name.trim()))
                        .filter(|found| !found.is_empty()) =>
                    {
                        kinds.extend(found);
                    }
                    None => problems.push(format!(
                        "{}:{line}: the record type `{entity}` is not a string literal",
                        file.display()
                    )),
                }
            }
        }
    }
    (kinds, problems)
}

#[test]
fn every_record_type_the_code_writes_to_the_audit_log_is_listed_with_words_in_both_languages() {
    // Exec
    let (kinds, problems) = recorded_kinds();
    let listed: BTreeSet<String> = cairn_app::audit::ENTITIES
        .iter()
        .map(|k| (*k).to_owned())
        .collect();

    // Check
    assert!(kinds.len() > 80, "found only {} record types", kinds.len());
    assert!(problems.is_empty(), "{problems:#?}");
    let unlisted: Vec<_> = kinds.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "written to the audit log but not in cairn_app::audit::ENTITIES (add them, with \
         audit-entity-… in locales/en/audit.ftl and locales/cy/audit.ftl): {unlisted:?}"
    );
    let mut sorted = cairn_app::audit::ENTITIES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(
        sorted,
        cairn_app::audit::ENTITIES,
        "ENTITIES sorted, once each"
    );
    for lang in [Language::En, Language::Cy] {
        let t = Tr::new(lang);
        let ids = cairn_app::audit::ENTITIES
            .iter()
            .map(|k| format!("audit-entity-{}", k.replace('_', "-")))
            .chain(
                cairn_app::audit::Action::KEYS
                    .iter()
                    .map(|k| format!("audit-action-{}", k.replace('_', "-"))),
            );
        let missing: Vec<String> = ids.filter(|id| !t.has(id)).collect();
        assert!(missing.is_empty(), "no words in {lang:?}: {missing:?}");
    }
}

/// Every stored code the log may hold: the record types and what happened.
fn codes() -> BTreeSet<&'static str> {
    cairn_app::audit::ENTITIES
        .iter()
        .chain(cairn_app::audit::Action::KEYS.iter())
        .copied()
        .collect()
}

/// Writes entries of the kinds the Welsh review found as codes: a suggestion, a claim seen by
/// staff, an account made and the account's language; and signs the administrator in Welsh.
async fn log_some(t: &TestApp) {
    let made = t
        .post(Who::Member, "/suggest", "text=Mwy+o+ffrwythau&unit_id=")
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let claim = t
        .get(Who::Lead, &format!("/payments/claims/{}", t.seed.claims[0]))
        .await;
    assert_eq!(claim.status, StatusCode::OK);
    let welsh = t
        .post(Who::OrgAdmin, "/language", "to=cy&next=/audit")
        .await;
    assert_eq!(welsh.status, StatusCode::SEE_OTHER, "{}", welsh.body);
}

async fn welsh(t: &TestApp, path: &str) -> Res {
    t.send(
        Who::OrgAdmin,
        Method::GET,
        path,
        None,
        &[("accept-language", "cy")],
    )
    .await
}

/// The stored (action, record type) pairs of the organisation's latest `limit` entries.
async fn stored(t: &TestApp, limit: i64) -> Vec<(String, String)> {
    cairn_app::audit::list(
        &t.app,
        &t.actor(Who::OrgAdmin).await,
        &cairn_db::audit::AuditQuery {
            limit,
            ..Default::default()
        },
    )
    .await
    .expect("audit")
    .into_iter()
    .map(|e| (e.action, e.entity))
    .collect()
}

#[tokio::test]
async fn the_welsh_audit_page_shows_what_happened_and_the_record_type_in_welsh() {
    for t in engines().await {
        // Setup
        log_some(&t).await;
        let entries = stored(&t, 100).await;
        let present: BTreeSet<&str> = entries.iter().map(|(_, e)| e.as_str()).collect();
        for kind in ["suggestion", "claim", "user_language"] {
            assert!(present.contains(kind), "{kind} in {present:?}");
        }

        // Exec
        let page = welsh(&t, "/audit").await;

        // Check: no cell holds a code; each kind and action present is in Welsh.
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<html lang=\"cy\">"));
        let cy = Tr::new(Language::Cy);
        for code in codes() {
            assert!(
                !page
                    .body
                    .contains(&format!("<td class=\"nhsuk-table__cell\">{code}</td>")),
                "the code {code:?} shown on the Welsh page"
            );
        }
        for (action, entity) in &entries {
            for id in [
                format!("audit-action-{}", action.replace('_', "-")),
                format!("audit-entity-{}", entity.replace('_', "-")),
            ] {
                let words = cy.get(&id).replace('\'', "&#39;");
                assert!(
                    page.body
                        .contains(&format!("<td class=\"nhsuk-table__cell\">{words}</td>")),
                    "{id} ({words}) missing from the Welsh page"
                );
            }
        }
        // The record type filter offers words too, and keeps the code as the value.
        assert!(
            page.body.contains(&format!(
                "<option value=\"user_language\">{}</option>",
                cy.get("audit-entity-user-language")
            )),
            "the filter names the record type in Welsh"
        );
        let filtered = welsh(&t, "/audit?entity=suggestion").await;
        assert!(
            filtered
                .body
                .contains("<option value=\"suggestion\" selected>Awgrym</option>"),
            "the chosen record type stays chosen"
        );
        assert!(!filtered.body.contains(">Iaith y cyfrif</td>"), "filtered");
    }
}

#[tokio::test]
async fn the_welsh_audit_csv_has_no_codes_for_what_happened_or_the_record_type() {
    for t in engines().await {
        // Setup
        log_some(&t).await;
        let entries = stored(&t, 100_000).await;

        // Exec
        let res = welsh(&t, "/audit.csv").await;

        // Check: Excel-ready, headings in Welsh, and words where codes are stored.
        assert_eq!(res.status, StatusCode::OK);
        assert!(res.body.starts_with('\u{feff}'), "BOM first");
        let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(res.body.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
            .collect();
        let cy = Tr::new(Language::Cy);
        assert_eq!(rows[0][4], cy.get("audit-col-action"));
        assert_eq!(rows[0][5], cy.get("audit-col-entity"));
        // The export itself is the newest entry: the CSV was read before it was written.
        assert_eq!(rows.len() - 1, entries.len());
        let codes = codes();
        for (row, (action, entity)) in rows[1..].iter().zip(&entries) {
            assert!(
                !codes.contains(row[4].as_str()) && !codes.contains(row[5].as_str()),
                "a code in the Welsh CSV: {row:?}"
            );
            assert_eq!(
                (row[4].as_str(), row[5].as_str()),
                (
                    cy.get(&format!("audit-action-{}", action.replace('_', "-")))
                        .as_str(),
                    cy.get(&format!("audit-entity-{}", entity.replace('_', "-")))
                        .as_str()
                ),
                "{row:?}"
            );
        }
        assert!(
            rows.iter()
                .any(|r| r[5] == "Iaith y cyfrif" && r[4] == cy.get("audit-action-update")),
            "the account's language, in Welsh"
        );
    }
}

#[tokio::test]
async fn a_record_type_cairn_has_no_words_for_is_shown_as_stored() {
    for t in engines().await {
        // Setup: an entry of a kind no code writes (an older or a newer version's).
        let mut tx = t.app.db.begin().await.expect("tx");
        cairn_db::audit::insert(
            &mut tx.conn(),
            &cairn_db::audit::NewEntry {
                organisation_id: Some(t.seed.org_a),
                actor_user_id: None,
                actor_label: "system",
                on_behalf_of_person_id: None,
                action: "update",
                entity: "old_kind",
                entity_id: Some(7),
                before_json: None,
                after_json: None,
            },
            t.app.now(),
        )
        .await
        .expect("insert");
        tx.commit().await.expect("commit");

        // Exec
        let page = welsh(&t, "/audit?entity=old_kind").await;
        let csv = welsh(&t, "/audit.csv?entity=old_kind").await;

        // Check
        assert!(
            page.body
                .contains("<td class=\"nhsuk-table__cell\">old_kind</td>")
        );
        assert!(
            page.body
                .contains("<option value=\"old_kind\" selected>old_kind</option>")
        );
        let changed = Tr::new(Language::Cy).get("audit-action-update");
        assert!(
            csv.body
                .contains(&format!(",system,,{changed},old_kind,7,")),
            "{}",
            csv.body
        );
    }
}
