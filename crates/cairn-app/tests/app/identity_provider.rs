//! A real, certified OpenID provider for the tests: the npm package `oidc-provider` (9.13.3, in
//! `e2e/node_modules`), run by `e2e/oidc/provider.mjs` as a child process on a free port, and a
//! small "browser" that signs in on its built-in development pages and brings back what the
//! provider sends to Cairn's redirect address.
//!
//! A missing `node` or `e2e/node_modules` fails the test with what to do; nothing is skipped.

use cairn_app::identity::Callback;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

/// Cairn's address in these tests: nothing listens there; the browser below stops at the
/// redirect to it and hands its query to Cairn directly.
pub const BASE_URL: &str = "http://127.0.0.1:8210";
/// The client the provider registers for Cairn, and its secret.
pub const CLIENT_ID: &str = "cairn";
pub const CLIENT_SECRET: &str = "cairn-test-secret";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running provider; killed when dropped.
pub struct Idp {
    child: Child,
    pub issuer: String,
    accounts_file: PathBuf,
}

static NEXT_FILE: AtomicU32 = AtomicU32::new(0);

impl Idp {
    /// Starts a provider whose extra logins are `accounts` (login → e-mail; the login is the
    /// subject), with extra environment such as `OIDC_ID_TOKEN_TTL`.
    pub fn start(accounts: &[(&str, &str)], env: &[(&str, &str)]) -> Idp {
        let root = repo_root();
        let script = root.join("e2e/oidc/provider.mjs");
        assert!(
            root.join("e2e/node_modules/oidc-provider/package.json")
                .exists(),
            "the OpenID provider for these tests is missing: run `cd e2e && npm ci` (it installs \
             oidc-provider into e2e/node_modules)"
        );
        let node = Command::new("node").arg("--version").output();
        assert!(
            node.as_ref().is_ok_and(|o| o.status.success()),
            "`node` is needed to run the OpenID provider for these tests (Debian: apt-get install \
             nodejs): {node:?}"
        );
        let accounts_file = std::env::temp_dir().join(format!(
            "cairn-idp-{}-{}.json",
            std::process::id(),
            NEXT_FILE.fetch_add(1, Ordering::SeqCst)
        ));
        let mut child = Command::new("node")
            .arg(&script)
            .arg("0")
            .arg(cairn_app::identity::redirect_uri(BASE_URL))
            .env("OIDC_ACCOUNTS_FILE", &accounts_file)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start node e2e/oidc/provider.mjs");
        let idp_accounts = accounts_json(accounts);
        std::fs::write(&accounts_file, idp_accounts).expect("write the provider's accounts");
        let mut line = String::new();
        let read = BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line);
        if read.map_or(true, |n| n == 0) {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.kill();
            panic!("the OpenID provider did not start: {err}");
        }
        let started: serde_json::Value = serde_json::from_str(&line).expect("provider's JSON line");
        let issuer = started["issuer"].as_str().expect("issuer").to_owned();
        Idp {
            child,
            issuer,
            accounts_file,
        }
    }

    /// Changes the provider's accounts (its directory of people) from now on.
    pub fn set_accounts(&self, accounts: &[(&str, &str)]) {
        std::fs::write(&self.accounts_file, accounts_json(accounts)).expect("rewrite accounts");
    }

    /// Changes the provider's accounts from now on, each as the accounts file takes it: a plain
    /// address (sent as verified) or `{"email": …, "email_verified": true|false}`, where a
    /// missing `email_verified` leaves the claim out of the ID token (as Entra ID does).
    pub fn set_account_entries(&self, accounts: &serde_json::Value) {
        std::fs::write(&self.accounts_file, accounts.to_string()).expect("rewrite accounts");
    }
}

fn accounts_json(accounts: &[(&str, &str)]) -> String {
    let map: BTreeMap<&str, &str> = accounts.iter().copied().collect();
    serde_json::to_string(&map).expect("json")
}

impl Drop for Idp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.accounts_file);
    }
}

/// The value of `attr="…"` after `from` in `html`.
fn attr_after(html: &str, from: usize, attr: &str) -> Option<String> {
    let key = format!("{attr}=\"");
    let start = html[from..].find(&key)? + from + key.len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].replace("&amp;", "&"))
}

/// Signs in at the provider as `login` (any password), consents, and returns what the provider
/// sends back to Cairn's redirect address. Follows redirects and keeps cookies by hand, as a
/// browser would.
pub async fn sign_in_at_provider(authorize_url: &str, login: &str) -> Callback {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let redirect = cairn_app::identity::redirect_uri(BASE_URL);
    let mut cookies: BTreeMap<String, String> = BTreeMap::new();
    let mut url = reqwest::Url::parse(authorize_url).expect("authorize url");
    let mut body: Option<Vec<(String, String)>> = None;
    for _ in 0..20 {
        let cookie = cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let req = match body.take() {
            Some(b) => client.post(url.clone()).form(&b),
            None => client.get(url.clone()),
        };
        let res = req
            .header(reqwest::header::COOKIE, cookie)
            .send()
            .await
            .expect("provider answers");
        for v in res.headers().get_all(reqwest::header::SET_COOKIE) {
            let v = v.to_str().expect("cookie text");
            let pair = v.split(';').next().unwrap_or_default();
            if let Some((k, val)) = pair.split_once('=') {
                cookies.insert(k.trim().to_owned(), val.trim().to_owned());
            }
        }
        let status = res.status();
        if status.is_redirection() {
            let loc = res
                .headers()
                .get(reqwest::header::LOCATION)
                .expect("location")
                .to_str()
                .expect("location text")
                .to_owned();
            let next = url.join(&loc).expect("location url");
            if next.as_str().starts_with(&redirect) {
                let q: BTreeMap<String, String> = next.query_pairs().into_owned().collect();
                return Callback {
                    state: q.get("state").cloned(),
                    code: q.get("code").cloned(),
                    error: q.get("error").cloned(),
                };
            }
            url = next;
            continue;
        }
        let html = res.text().await.expect("page");
        assert!(status.is_success(), "provider said {status}: {html}");
        let form = html.find("<form").expect("a form on the provider's page");
        let action = attr_after(&html, form, "action").expect("form action");
        url = url.join(&action).expect("action url");
        body = Some(if html.contains("name=\"prompt\" value=\"login\"") {
            vec![
                ("prompt".into(), "login".into()),
                ("login".into(), login.into()),
                ("password".into(), "any password".into()),
            ]
        } else {
            vec![("prompt".into(), "consent".into())]
        });
    }
    panic!("the provider never sent the browser back to Cairn");
}
