//! The request context: who is signed in, which language to speak, and the form token. One
//! middleware ([`load`]) works it out once per request and refuses cross-site form posts; the
//! [`Ctx`] and [`Signed`] extractors hand it to handlers.

use crate::AppState;
use crate::error::{WebError, localise};
use crate::i18n::{Tr, from_accept_language};
use crate::requests::RequestId;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::CookieJar;
use cairn_app::accounts::Session;
use cairn_domain::people::Language;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "cairn_session";
/// The language cookie's name (visitors who have not signed in).
pub const LANG_COOKIE: &str = "cairn_lang";

/// What every handler knows about the request.
#[derive(Clone)]
pub struct Ctx {
    pub session: Option<Session>,
    /// The raw session secret, for signing out.
    pub secret: Option<String>,
    pub lang: Language,
    /// The path and query, for the language switch's way back.
    pub path: String,
    /// The caller's address, for sign-in throttling.
    pub addr: String,
}

impl Ctx {
    /// The translator for this request.
    pub fn t(&self) -> Tr {
        Tr::new(self.lang)
    }

    /// The form token to put in every form (empty when signed out), masked afresh each time
    /// (see [`mask_token`]).
    pub fn csrf(&self) -> String {
        self.session
            .as_ref()
            .map(|s| mask_token(&s.csrf))
            .unwrap_or_default()
    }
}

/// A signed-in request. Extracting it when nobody is signed in redirects to the sign-in page.
#[derive(Clone)]
pub struct Signed {
    pub ctx: Ctx,
    pub session: Session,
}

impl Signed {
    /// The actor for the use cases.
    pub fn actor(&self) -> &cairn_app::Actor {
        &self.session.actor
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or(WebError::Internal("context middleware missing".into()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, s)
            .await
            .map_err(IntoResponse::into_response)?;
        match ctx.session.clone() {
            Some(session) => Ok(Signed { ctx, session }),
            None => {
                let next =
                    url::form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect::<String>();
                Err(axum::response::Redirect::to(&format!("/sign-in?next={next}")).into_response())
            }
        }
    }
}

/// True unless the request is a browser's post from another site. With a public origin (the
/// base address was set), `Origin` must be exactly it; otherwise its host must match `Host`.
fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site == "cross-site"
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // No Origin: not a browser form post from another site (browsers send it on POST).
        return true;
    };
    if let Some(public) = public_origin {
        return origin.eq_ignore_ascii_case(public);
    }
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    match url::Url::parse(origin) {
        Ok(u) => {
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!("{}{}", u.host_str().unwrap_or(""), port) == host
        }
        Err(_) => false,
    }
}

/// Loads the session and language, and refuses cross-site posts to pages with 403.
pub async fn load(
    State(st): State<AppState>,
    jar: CookieJar,
    mut req: Request,
    next: Next,
) -> Response {
    let is_api = req.uri().path().starts_with("/api/");
    let id = req.extensions().get::<RequestId>().cloned();
    let at = req.uri().path().to_owned();
    // First, so that a refused request's log lines name its client too.
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let addr = crate::client::client_addr(peer, req.headers(), &st.config.trusted_proxies);
    tracing::Span::current().record("client", tracing::field::display(&addr));
    let cookie = jar
        .get(LANG_COOKIE)
        .and_then(|c| Language::parse(c.value()));
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(from_accept_language);
    // The language before we know who is signed in, for refusals that come first.
    let guess = cookie.or(accept).unwrap_or(Language::En);
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && !is_api && !same_origin(req.headers(), st.config.public_origin.as_deref()) {
        let refused = WebError::Refused(StatusCode::FORBIDDEN, "error-cross-site");
        return localise(refused.into_response(), guess, id.as_ref(), &at);
    }
    let secret = if is_api {
        None
    } else {
        jar.get(SESSION_COOKIE).map(|c| c.value().to_owned())
    };
    let session = match &secret {
        Some(s) => match cairn_app::accounts::session(&st.app, s).await {
            Ok(x) => x,
            Err(e) => {
                return localise(WebError::from(e).into_response(), guess, id.as_ref(), &at);
            }
        },
        None => None,
    };
    let chosen = session
        .as_ref()
        .and_then(|s| s.user.locale.as_deref())
        .and_then(Language::parse);
    // This browser's latest choice first: signing in sets the cookie from the account, and the
    // header's switch saves a signed-in person's choice on the account as well.
    let lang = cookie.or(chosen).or(accept).unwrap_or(Language::En);
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".into());
    let organisation = session.as_ref().and_then(|s| s.organisation.clone());
    req.extensions_mut().insert(Ctx {
        session,
        secret,
        lang,
        path,
        addr,
    });
    // The request's use cases take the organisation the session read has just checked,
    // rather than read it again.
    let res = match organisation {
        Some(o) => cairn_app::cache::within_request(o, next.run(req)).await,
        None => next.run(req).await,
    };
    localise(res, lang, id.as_ref(), &at)
}

/// The body of a form whose only field is the form token: `Posted<NoFields>` checks it.
#[derive(serde::Deserialize)]
pub struct NoFields {}

/// A posted form, checked against the session's form token. Signed-in forms without the
/// right token are refused with 403; unreadable bodies with 400; bodies over the limit 413.
pub struct Posted<T>(pub T);

#[derive(serde::Deserialize)]
struct TokenOnly {
    #[serde(default)]
    csrf: String,
}

impl<S, T> axum::extract::FromRequest<S> for Posted<T>
where
    S: Send + Sync,
    T: serde::de::DeserializeOwned,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        let bytes = bytes::Bytes::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        if let Some(session) = ctx.as_ref().and_then(|c| c.session.as_ref()) {
            let sent = serde_html_form::from_bytes::<TokenOnly>(&bytes)
                .map(|t| t.csrf)
                .unwrap_or_default();
            if !token_matches(&sent, &session.csrf) {
                return Err(
                    WebError::Refused(StatusCode::FORBIDDEN, "error-cross-site").into_response()
                );
            }
        }
        serde_html_form::from_bytes::<T>(&bytes)
            .map(Posted)
            .map_err(|_| {
                WebError::Refused(StatusCode::BAD_REQUEST, "error-bad-form").into_response()
            })
    }
}

/// A file upload (`multipart/form-data`), read whole and checked against the session's form
/// token before the handler runs, as [`Posted`] does for other forms: no upload handler can
/// forget the check. A body that is not multipart, or a part over the size limit, is kept as
/// a flag for the handler to show beside the field.
pub struct Uploaded {
    /// The first part with each field name other than the form token, as bytes.
    files: Vec<(String, Vec<u8>)>,
    /// A part could not be read whole (over the upload limit, or cut short).
    pub too_big: bool,
    /// The body was not a multipart form at all.
    pub unreadable: bool,
}

impl Uploaded {
    /// The bytes of the part called `name`, if one was sent.
    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_slice())
    }
}

impl<S> axum::extract::FromRequest<S> for Uploaded
where
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req.extensions().get::<Ctx>().cloned();
        let mut csrf = String::new();
        let mut up = Uploaded {
            files: Vec::new(),
            too_big: false,
            unreadable: false,
        };
        match axum::extract::Multipart::from_request(req, state).await {
            Err(_) => up.unreadable = true,
            Ok(mut multipart) => loop {
                match multipart.next_field().await {
                    Ok(Some(field)) => {
                        let name = field.name().unwrap_or_default().to_owned();
                        match field.bytes().await {
                            Ok(b) if name == "csrf" => {
                                csrf = String::from_utf8_lossy(&b).into_owned();
                            }
                            Ok(b) => {
                                if !up.files.iter().any(|(n, _)| *n == name) {
                                    up.files.push((name, b.to_vec()));
                                }
                            }
                            Err(_) => up.too_big = true,
                        }
                    }
                    Ok(None) => break,
                    Err(_) => {
                        up.too_big = true;
                        break;
                    }
                }
            },
        }
        if let Some(session) = ctx.as_ref().and_then(|c| c.session.as_ref())
            && !token_matches(&csrf, &session.csrf)
        {
            return Err(
                WebError::Refused(StatusCode::FORBIDDEN, "error-cross-site").into_response()
            );
        }
        Ok(up)
    }
}

/// The session's form token as a page carries it: a random mask as long as the token, then
/// the token XOR the mask, in URL-safe base64. Pages are compressed and may show text a
/// visitor chose (a search) beside the token; a token that reads differently in every answer
/// gives another site nothing to guess at from the answers' lengths (BREACH).
pub(crate) fn mask_token(token: &str) -> String {
    use base64::Engine;
    use rand::RngCore;
    let token = token.as_bytes();
    let mut out = vec![0u8; token.len() * 2];
    let (mask, masked) = out.split_at_mut(token.len());
    rand::rng().fill_bytes(mask);
    for ((m, k), t) in masked.iter_mut().zip(mask.iter()).zip(token) {
        *m = k ^ t;
    }
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(out)
}

/// The token a masked one carries, or `None` if `sent` is not a masked token.
fn unmask_token(sent: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(sent)
        .ok()?;
    if raw.is_empty() || raw.len() % 2 != 0 {
        return None;
    }
    let (mask, masked) = raw.split_at(raw.len() / 2);
    Some(mask.iter().zip(masked).map(|(k, m)| k ^ m).collect())
}

/// Is `sent` the session's form token, masked as pages carry it or as it is (API clients and
/// scripts that read it from the session)?
fn token_matches(sent: &str, token: &str) -> bool {
    let plain = constant_time_eq(sent.as_bytes(), token.as_bytes());
    let masked = unmask_token(sent).is_some_and(|t| constant_time_eq(&t, token.as_bytes()));
    plain | masked
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn same_secret(a: &[u8], b: &[u8]) -> bool {
    constant_time_eq(a, b)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "dGhpcy1pcy1hLWZvcm0tdG9rZW4tb2YtMzItYnl0ZXM";

    #[test]
    fn a_masked_token_differs_each_time_and_unmasks_to_the_token() {
        let a = mask_token(TOKEN);
        let b = mask_token(TOKEN);
        assert_ne!(a, b);
        assert!(!a.contains(TOKEN));
        for m in [&a, &b] {
            assert!(
                m.bytes()
                    .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'),
                "URL-safe: {m}"
            );
            assert_eq!(unmask_token(m).as_deref(), Some(TOKEN.as_bytes()));
            assert!(token_matches(m, TOKEN));
        }
    }

    #[test]
    fn the_plain_token_is_still_accepted() {
        assert!(token_matches(TOKEN, TOKEN));
    }

    #[test]
    fn another_token_masked_or_not_is_refused() {
        let other = "b3RoZXItdG9rZW4tb2YtdGhlLXNhbWUtbGVuZ3RoLi4";
        assert!(!token_matches(other, TOKEN));
        assert!(!token_matches(&mask_token(other), TOKEN));
        assert!(!token_matches("", TOKEN));
        assert!(!token_matches("not base64 at all!", TOKEN));
        // A masked token cut short, or with a byte changed, is not the token.
        let m = mask_token(TOKEN);
        assert!(!token_matches(&m[..m.len() - 4], TOKEN));
        let mut bytes = m.into_bytes();
        bytes[3] = if bytes[3] == b'A' { b'B' } else { b'A' };
        let changed = String::from_utf8(bytes).expect("ascii");
        assert!(!token_matches(&changed, TOKEN));
    }
}
