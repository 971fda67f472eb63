//! Static assets compiled into the binary (nhsuk-frontend, pinned, and Cairn's own CSS,
//! JavaScript and pictures), served under `/assets/` by two names:
//!
//! - a content-hashed one, `cairn.3f9a1c2e.css`, kept by browsers for a year without asking
//!   again (`immutable`): a new release changes the name, so nobody keeps a stale file. Every
//!   page links these, through [`href`]; a name whose hash is not the current one is a 404.
//! - the file's own name, `cairn.css`, for anything that still asks for it (an old bookmark, a
//!   page cached on a kiosk before an upgrade): kept an hour, then revalidated by its `ETag`.
//!
//! The hash is of the bytes served. A stylesheet's `url(/assets/…)` and a script's
//! `import("./…")` are rewritten to the hashed names of what they point at first, so the
//! pictures a stylesheet uses and the module a script loads are cached the same way, and a
//! change to them changes the name of the file that refers to them too.
//!
//! Text files are compressed once, at the highest levels (Brotli 11, gzip 9), and kept in
//! memory: [`warm`] starts that in the background when the router is built, and a request
//! that comes first waits on a blocking thread, never on the async runtime's.

use crate::error::WebError;
use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, Method, Request, Response, StatusCode, header};
use axum::response::IntoResponse;
use bytes::Bytes;
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::io::Write;
use std::sync::{Arc, LazyLock, OnceLock};
use tower::service_fn;
use tower::util::BoxCloneSyncService;

#[derive(RustEmbed)]
#[folder = "assets/"]
#[exclude = "*.md"]
struct Assets;

/// Where the assets are served.
const PREFIX: &str = "/assets/";
/// Hex digits of the content hash in a file's name.
const HASH_LEN: usize = 8;
/// Smaller files are sent as they are: compression would save less than a packet. The same
/// threshold as the compression of pages (`crate::compression`).
pub(crate) const COMPRESS_MIN: usize = 1024;
/// A hashed name never changes its content.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A file's own name may be given new content by an upgrade: kept an hour, then revalidated.
const REVALIDATE: &str = "public, max-age=3600";

fn content_type(path: &str) -> &'static str {
    match extension(path) {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

/// Text that compresses well. Pictures in PNG and fonts in WOFF2 are compressed already.
fn compressible(path: &str) -> bool {
    matches!(
        extension(path),
        "css" | "js" | "svg" | "json" | "webmanifest" | "txt"
    )
}

/// Files whose text may name other assets, rewritten to their hashed names.
fn refers_to_assets(path: &str) -> bool {
    matches!(extension(path), "css" | "js")
}

/// An encoding the client accepts, of those every compressible asset is kept in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    fn compress(self, data: &[u8]) -> std::io::Result<Bytes> {
        let mut out = Vec::with_capacity(data.len() / 3);
        match self {
            Encoding::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: 11,
                    size_hint: data.len(),
                    ..Default::default()
                };
                let mut w = brotli::CompressorWriter::with_params(&mut out, 64 * 1024, &params);
                w.write_all(data)?;
                // Ends the stream; writing to memory cannot fail.
                w.into_inner();
            }
            Encoding::Gzip => {
                let mut w = flate2::write::GzEncoder::new(&mut out, flate2::Compression::best());
                w.write_all(data)?;
                w.finish()?;
            }
        }
        Ok(Bytes::from(out))
    }
}

/// One file as served.
struct Asset {
    /// The name under `/assets/` with the content hash, e.g. `images/favicon.1a2b3c4d.svg`.
    hashed: String,
    hash: String,
    content_type: &'static str,
    body: Bytes,
    /// Worth compressing: text, and not tiny.
    compress: bool,
    /// Compressed once; `None` if compressing failed, when the file is sent as it is.
    brotli: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
}

impl Asset {
    fn new(path: &str, body: Bytes) -> Self {
        let hash = hex_prefix(&Sha256::digest(&body), HASH_LEN);
        Asset {
            hashed: with_hash(path, &hash),
            compress: compressible(path) && body.len() >= COMPRESS_MIN,
            content_type: content_type(path),
            hash,
            body,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    fn cell(&self, e: Encoding) -> &OnceLock<Option<Bytes>> {
        match e {
            Encoding::Brotli => &self.brotli,
            Encoding::Gzip => &self.gzip,
        }
    }

    /// The body in this encoding, compressing it now if nobody has yet. Blocks while another
    /// thread compresses it. A compression that fails (it writes to memory, so it should not)
    /// is logged, and the file is then sent as it is.
    fn encoded(&self, e: Encoding) -> Option<Bytes> {
        self.cell(e)
            .get_or_init(|| match e.compress(&self.body) {
                Ok(b) => Some(b),
                Err(err) => {
                    tracing::error!(error = %err, asset = %self.hashed, "compressing an asset failed");
                    None
                }
            })
            .clone()
    }

    /// The entity tag of one representation: the content hash, and the encoding if any.
    fn etag(&self, e: Option<Encoding>) -> String {
        match e {
            Some(e) => format!("\"{}-{}\"", self.hash, e.name()),
            None => format!("\"{}\"", self.hash),
        }
    }
}

fn hex_prefix(digest: &[u8], len: usize) -> String {
    let mut s = String::with_capacity(len + 1);
    for b in digest {
        if s.len() >= len {
            break;
        }
        s.push_str(&format!("{b:02x}"));
    }
    s.truncate(len);
    s
}

/// `images/favicon.svg` with hash `1a2b3c4d` is `images/favicon.1a2b3c4d.svg`.
fn with_hash(path: &str, hash: &str) -> String {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let hashed = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    };
    if dir.is_empty() {
        hashed
    } else {
        format!("{dir}/{hashed}")
    }
}

/// The other way: `images/favicon.1a2b3c4d.svg` is the file `images/favicon.svg` asked for with
/// hash `1a2b3c4d`. `None` when the name carries no hash.
fn without_hash(path: &str) -> Option<(String, &str)> {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let (rest, ext) = name.rsplit_once('.')?;
    let (stem, hash) = match rest.rsplit_once('.') {
        Some((stem, hash)) => (format!("{stem}.{ext}"), hash),
        // No extension after the hash: `name.1a2b3c4d`.
        None => (rest.to_owned(), ext),
    };
    let is_hash = hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !is_hash {
        return None;
    }
    let logical = if dir.is_empty() {
        stem
    } else {
        format!("{dir}/{stem}")
    };
    Some((logical, hash))
}

/// Every asset by its own name.
struct Table {
    by_path: HashMap<String, Arc<Asset>>,
}

static TABLE: LazyLock<Table> = LazyLock::new(build_table);

fn build_table() -> Table {
    let raw: HashMap<String, Bytes> = Assets::iter()
        .filter_map(|p| {
            let file = Assets::get(&p)?;
            let data = match file.data {
                std::borrow::Cow::Borrowed(b) => Bytes::from_static(b),
                std::borrow::Cow::Owned(v) => Bytes::from(v),
            };
            Some((p.into_owned(), data))
        })
        .collect();
    let mut b = Builder {
        raw: &raw,
        done: HashMap::new(),
        visiting: HashSet::new(),
    };
    for path in raw.keys() {
        b.finish(path);
    }
    Table { by_path: b.done }
}

/// Works out each file's final bytes and hash, those it refers to first.
struct Builder<'a> {
    raw: &'a HashMap<String, Bytes>,
    done: HashMap<String, Arc<Asset>>,
    /// Files being worked out, so that two files naming each other cannot loop: the second
    /// reference is then left under the file's own name, which is served too.
    visiting: HashSet<String>,
}

impl Builder<'_> {
    /// The hashed name of `path`, working it out first if need be.
    fn finish(&mut self, path: &str) -> Option<String> {
        if let Some(a) = self.done.get(path) {
            return Some(a.hashed.clone());
        }
        let data = self.raw.get(path)?.clone();
        if !self.visiting.insert(path.to_owned()) {
            return None;
        }
        let body = match std::str::from_utf8(&data) {
            Ok(text) if refers_to_assets(path) => {
                let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                Bytes::from(rewrite(text, dir, &mut |p| self.finish(p)))
            }
            _ => data,
        };
        self.visiting.remove(path);
        let asset = Arc::new(Asset::new(path, body));
        let hashed = asset.hashed.clone();
        self.done.insert(path.to_owned(), asset);
        Some(hashed)
    }
}

/// `text` with its references to other assets given their hashed names: absolute ones
/// (`url(/assets/images/x.svg)`) and, in the same folder, relative ones in quotes
/// (`import("./nhsuk-frontend.min.js")`). A name that is not an asset is left alone.
fn rewrite(text: &str, dir: &str, hashed: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    loop {
        let abs = rest.find(PREFIX);
        let rel = ["\"./", "'./"]
            .iter()
            .filter_map(|q| rest.find(q).map(|i| i + 1))
            .min();
        let (at, relative) = match (abs, rel) {
            (Some(a), Some(r)) if r < a => (r, true),
            (Some(a), _) => (a, false),
            (None, Some(r)) => (r, true),
            (None, None) => break,
        };
        let start = at + if relative { 2 } else { PREFIX.len() };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| matches!(c, ')' | '"' | '\'' | '?' | '#') || c.is_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..end];
        let target = match (relative, dir.is_empty()) {
            (true, false) => format!("{dir}/{name}"),
            _ => name.to_owned(),
        };
        match hashed(&target) {
            Some(h) if relative => out.push_str(h.rsplit('/').next().unwrap_or(&h)),
            Some(h) => out.push_str(&h),
            None => out.push_str(name),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The address a page links for an asset: `href("cairn.css")` is `/assets/cairn.3f9a1c2e.css`.
/// A name that is not an asset keeps its own, which answers 404.
pub fn href(path: &str) -> String {
    match TABLE.by_path.get(path) {
        Some(a) => format!("{PREFIX}{}", a.hashed),
        None => {
            tracing::warn!(asset = %path, "a page links an asset that does not exist");
            format!("{PREFIX}{path}")
        }
    }
}

/// The address of an Easy Read picture by its name: `picture("book")` for
/// `images/easy-read/book.svg`.
pub fn picture(name: &str) -> String {
    href(&format!("images/easy-read/{name}.svg"))
}

/// Works out every asset's name and compresses the text ones, on a thread of its own, once
/// per process: the first visitors then get the compressed files without waiting.
pub fn warm() {
    static STARTED: OnceLock<()> = OnceLock::new();
    STARTED.get_or_init(|| {
        let spawned = std::thread::Builder::new()
            .name("cairn-assets".into())
            .spawn(|| {
                for a in TABLE.by_path.values().filter(|a| a.compress) {
                    for e in [Encoding::Brotli, Encoding::Gzip] {
                        a.encoded(e);
                    }
                }
            });
        if let Err(e) = spawned {
            // Each file is then compressed when first asked for instead.
            tracing::warn!(error = %e, "could not start compressing the assets in advance");
        }
    });
}

/// How much the client's `Accept-Encoding` wants Brotli and gzip, each from 0 (refused or not
/// named) to 1; `*` stands for either when it is not named.
pub(crate) fn accepted(headers: &HeaderMap) -> (f32, f32) {
    let (mut br, mut gzip, mut any) = (None, None, None);
    let items = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','));
    for item in items {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match coding.as_str() {
            "br" => br = Some(q),
            "gzip" | "x-gzip" => gzip = Some(q),
            "*" => any = Some(q),
            _ => {}
        }
    }
    (br.or(any).unwrap_or(0.0), gzip.or(any).unwrap_or(0.0))
}

/// The encoding to send, by the client's `Accept-Encoding`: the one it prefers of Brotli and
/// gzip (Brotli when it likes both as much), or none.
fn negotiate(headers: &HeaderMap) -> Option<Encoding> {
    let (br, gzip) = accepted(headers);
    if br > 0.0 && br >= gzip {
        Some(Encoding::Brotli)
    } else if gzip > 0.0 {
        Some(Encoding::Gzip)
    } else {
        None
    }
}

/// Does `If-None-Match` name this entity tag (weakly, as the header is compared)?
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    let bare = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || bare(t) == bare(etag))
}

/// The asset a path under `/assets/` names, and how long it may be kept: a year by its
/// hashed name, an hour by its own. `None` for a file that does not exist or a hash that is
/// not its content's.
fn lookup(path: &str) -> Option<(Arc<Asset>, &'static str)> {
    let path = path.trim_start_matches('/');
    if let Some(a) = TABLE.by_path.get(path) {
        return Some((a.clone(), REVALIDATE));
    }
    let (logical, hash) = without_hash(path)?;
    let a = TABLE.by_path.get(&logical).filter(|a| a.hash == hash)?;
    Some((a.clone(), IMMUTABLE))
}

/// Serves one embedded file by the path under `/assets/`, answering with the encoding the
/// request accepts and 304 when the client's copy is current.
pub async fn respond(method: &Method, path: &str, headers: &HeaderMap) -> Response<Body> {
    let Some((asset, cache)) = lookup(path) else {
        // The localised 404 page, as for any other missing path.
        return WebError::NotFound.into_response();
    };
    let encoding = if asset.compress {
        negotiate(headers)
    } else {
        None
    };
    let etag = asset.etag(encoding);
    let mut res = if not_modified(headers, &etag) {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        file(&asset, encoding, *method == Method::HEAD).await
    };
    let h = res.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if asset.compress {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    res
}

/// The file in `encoding` (as it is if that is none or compressing failed), with its type and
/// length; without the body for a HEAD request.
async fn file(asset: &Arc<Asset>, encoding: Option<Encoding>, head: bool) -> Response<Body> {
    let compressed = match encoding {
        Some(e) => encoded(asset, e).await.map(|b| (b, e)),
        None => None,
    };
    let (body, sent) = match compressed {
        Some((b, e)) => (b, Some(e)),
        None => (asset.body.clone(), None),
    };
    let len = body.len();
    let mut r = Response::new(if head {
        Body::empty()
    } else {
        Body::from(body)
    });
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Some(e) = sent {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(e.name()));
    }
    r
}

/// The compressed body, compressing it on a blocking thread if it is not ready yet.
async fn encoded(asset: &Arc<Asset>, e: Encoding) -> Option<Bytes> {
    if let Some(b) = asset.cell(e).get() {
        return b.clone();
    }
    let a = asset.clone();
    match tokio::task::spawn_blocking(move || a.encoded(e)).await {
        Ok(b) => b,
        Err(err) => {
            tracing::error!(error = %err, "compressing an asset stopped");
            None
        }
    }
}

/// The service mounted at `/assets`.
pub fn service() -> BoxCloneSyncService<Request<Body>, Response<Body>, Infallible> {
    BoxCloneSyncService::new(service_fn(|req: Request<Body>| async move {
        Ok::<_, Infallible>(respond(req.method(), req.uri().path(), req.headers()).await)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_goes_before_the_extension_and_comes_back_out() {
        assert_eq!(with_hash("cairn.css", "0123abcd"), "cairn.0123abcd.css");
        assert_eq!(
            with_hash("images/favicon.svg", "0123abcd"),
            "images/favicon.0123abcd.svg"
        );
        assert_eq!(
            with_hash("nhsuk-frontend.min.js", "0123abcd"),
            "nhsuk-frontend.min.0123abcd.js"
        );
        for p in ["cairn.css", "images/favicon.svg", "nhsuk-frontend.min.js"] {
            let h = with_hash(p, "0123abcd");
            assert_eq!(without_hash(&h), Some((p.to_owned(), "0123abcd")), "{h}");
        }
        assert_eq!(without_hash("cairn.css"), None);
        assert_eq!(without_hash("nhsuk-frontend.min.css"), None);
        assert_eq!(
            without_hash("cairn.0123ABCD.css"),
            None,
            "hashes are lower case"
        );
    }

    #[test]
    fn references_to_assets_are_rewritten_and_others_left_alone() {
        let mut names = |p: &str| match p {
            "images/a.svg" => Some("images/a.11111111.svg".to_owned()),
            "lib.js" => Some("lib.22222222.js".to_owned()),
            _ => None,
        };
        assert_eq!(
            rewrite(
                "x{background:url(/assets/images/a.svg)}y{background:url(/assets/images/b.svg)}",
                "",
                &mut names
            ),
            "x{background:url(/assets/images/a.11111111.svg)}y{background:url(/assets/images/b.svg)}"
        );
        assert_eq!(
            rewrite(
                "import(\"./lib.js\");import('./lib.js');import(\"./other.js\")",
                "",
                &mut names
            ),
            "import(\"./lib.22222222.js\");import('./lib.22222222.js');import(\"./other.js\")"
        );
    }

    #[test]
    fn the_stylesheet_and_the_script_name_the_hashed_files_they_use() {
        let css = &TABLE.by_path["nhsuk-frontend.min.css"];
        let text = std::str::from_utf8(&css.body).expect("utf-8");
        let arrow = &TABLE.by_path["images/nhsuk-icon-arrow-down.svg"];
        assert!(text.contains(&format!("url(/assets/{})", arrow.hashed)));
        assert!(!text.contains("url(/assets/images/nhsuk-icon-arrow-down.svg)"));
        let js = &TABLE.by_path["cairn.js"];
        let text = std::str::from_utf8(&js.body).expect("utf-8");
        let lib = &TABLE.by_path["nhsuk-frontend.min.js"];
        assert!(
            text.contains(&format!("\"./{}\"", lib.hashed)),
            "{}",
            lib.hashed
        );
    }

    #[test]
    fn the_client_gets_the_encoding_it_prefers_of_brotli_and_gzip() {
        let ask = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(
                header::ACCEPT_ENCODING,
                HeaderValue::from_str(v).expect("value"),
            );
            negotiate(&h)
        };
        assert_eq!(ask("gzip, deflate, br"), Some(Encoding::Brotli));
        assert_eq!(ask("gzip"), Some(Encoding::Gzip));
        assert_eq!(ask("br;q=0.5, gzip"), Some(Encoding::Gzip));
        assert_eq!(ask("br;q=0, gzip;q=0"), None);
        assert_eq!(ask("identity"), None);
        assert_eq!(ask("*"), Some(Encoding::Brotli));
        assert_eq!(negotiate(&HeaderMap::new()), None);
    }

    #[test]
    fn a_current_entity_tag_in_if_none_match_means_not_modified() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            HeaderValue::from_static("\"old\", W/\"abc-br\""),
        );
        assert!(not_modified(&h, "\"abc-br\""));
        assert!(!not_modified(&h, "\"abc\""));
        assert!(!not_modified(&HeaderMap::new(), "\"abc\""));
    }

    #[test]
    fn compressed_assets_decompress_to_the_files() {
        let a = &TABLE.by_path["cairn.css"];
        let gz = a.encoded(Encoding::Gzip).expect("gzip");
        let mut back = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back)
            .expect("gunzip");
        assert_eq!(back, a.body);
        let br = a.encoded(Encoding::Brotli).expect("brotli");
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).expect("unbrotli");
        assert_eq!(back, a.body);
        assert!(
            br.len() < a.body.len() / 2,
            "{} of {}",
            br.len(),
            a.body.len()
        );
    }
}
