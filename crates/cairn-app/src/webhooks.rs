//! Signed webhooks (Standard Webhooks, <https://www.standardwebhooks.com/>).
//!
//! An organisation administrator registers endpoints: a URL, the events it wants and whether
//! its payloads may carry personal data. A use case that makes one of those changes calls
//! [`enqueue`] inside its own transaction, so a change and its deliveries commit together and a
//! refused or rolled-back change queues nothing. The background worker sends what is due
//! ([`deliver_due`]), retrying with backoff for a day (`cairn_domain::webhooks::next_attempt`).
//!
//! Payloads carry ids and links only. Names (of the people a change is about) and text people
//! wrote are added only for endpoints whose administrator opted in; such deliveries note which
//! people they name, so erasing a person removes them (`cairn_db::webhooks::forget_person`).
//! Sent and given-up deliveries leave the log after 30 days (the retention run).
//!
//! Every request is signed as the specification says: `webhook-id` (the same on every try),
//! `webhook-timestamp` (seconds) and `webhook-signature`, `v1,` and the base64 HMAC-SHA256 of
//! `{id}.{timestamp}.{body}` under the secret's key. After a rotation the old secret keeps
//! signing beside the new one for a day, both signatures in the header separated by a space.

use crate::audit::{Action, record};
use crate::{Actor, App, AppError, AppResult, org_of, require};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use cairn_db::webhooks::{self as db, Delivery, Endpoint, NewDelivery, Outcome};
use cairn_db::{Conn, DbResult};
use cairn_domain::webhooks::{
    Event, ROTATION_OVERLAP_MS, check_events, join_events, next_attempt, split_events,
};
use cairn_domain::{FieldErrors, Permission};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde_json::{Map, Value, json};
use sha2::Sha256;
use std::time::Duration;

/// Longest URL accepted.
pub const URL_MAX: usize = 2_000;
/// How long one try may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);
/// How long a claimed try is held from other instances: well beyond the timeout, so a try in
/// flight is never taken by another; an instance that dies mid-try frees it after this.
pub const LEASE_MS: i64 = 60_000;
/// How long one round keeps starting new tries (each may take up to [`TIMEOUT`]).
pub const ROUND_BUDGET: Duration = Duration::from_secs(20);
/// How much of a receiver's answer is kept for the log.
pub const EXCERPT_MAX: usize = 200;

/// What the administrator fills in.
#[derive(Debug, Clone, Default)]
pub struct EndpointDraft {
    pub url: String,
    pub events: Vec<String>,
    pub include_personal_data: bool,
}

/// An endpoint as shown: never its secret.
#[derive(Debug, Clone)]
pub struct EndpointView {
    pub id: i64,
    pub url: String,
    pub events: Vec<Event>,
    pub include_personal_data: bool,
    pub created_at: i64,
    pub updated_at: i64,
    /// While a rotated-out secret still signs beside the new one: until when.
    pub old_secret_until: Option<i64>,
}

impl EndpointView {
    fn of(e: &Endpoint, now: i64) -> Self {
        EndpointView {
            id: e.id,
            url: e.url.clone(),
            events: split_events(&e.events),
            include_personal_data: e.include_personal_data,
            created_at: e.created_at,
            updated_at: e.updated_at,
            old_secret_until: e.previous_secret_until.filter(|until| *until > now),
        }
    }
}

/// A new endpoint and its secret, shown this once.
#[derive(Debug, Clone)]
pub struct Created {
    pub endpoint: EndpointView,
    pub secret: String,
}

/// A new secret: `whsec_` and the base64 of 24 random bytes.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", B64.encode(bytes))
}

/// The signature of one message under one secret: `v1,` and the base64 HMAC-SHA256 of
/// `{id}.{timestamp}.{body}`, keyed by the base64-decoded part after `whsec_`.
pub fn sign(secret: &str, id: &str, timestamp: i64, body: &str) -> Result<String, String> {
    let key = B64
        .decode(secret.strip_prefix("whsec_").unwrap_or(secret))
        .map_err(|e| format!("the secret is not base64: {e}"))?;
    let mut mac =
        Hmac::<Sha256>::new_from_slice(&key).map_err(|e| format!("the secret as a key: {e}"))?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Ok(format!("v1,{}", B64.encode(mac.finalize().into_bytes())))
}

/// Checks the URL: absolute, https — or plain http to this machine only, for testing a
/// receiver locally.
fn check_url(errors: &mut FieldErrors, url: &str) -> String {
    let url = url.trim();
    if url.is_empty() {
        errors.add("url", "webhooks-error-url-missing");
        return String::new();
    }
    if url.chars().count() > URL_MAX {
        errors.add("url", "webhooks-error-url-long");
        return String::new();
    }
    let Ok(parsed) = reqwest::Url::parse(url) else {
        errors.add("url", "webhooks-error-url");
        return String::new();
    };
    if parsed.host_str().is_none_or(str::is_empty) {
        errors.add("url", "webhooks-error-url");
        return String::new();
    }
    let loopback = loopback_host(&parsed);
    match parsed.scheme() {
        "https" => {}
        "http" if loopback => {}
        "http" => {
            errors.add("url", "webhooks-error-url-https");
            return String::new();
        }
        _ => {
            errors.add("url", "webhooks-error-url");
            return String::new();
        }
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        errors.add("url", "webhooks-error-url-credentials");
        return String::new();
    }
    parsed.to_string()
}

/// Refuses anyone who may not manage the organisation's webhooks (the empty form asks this).
pub fn may_manage(actor: &Actor) -> AppResult<()> {
    require(actor, Permission::ManageOrganisationSettings)?;
    org_of(actor).map(|_| ())
}

/// Registers an endpoint; its secret is in the answer and nowhere else afterwards.
pub async fn create(app: &App, actor: &Actor, draft: &EndpointDraft) -> AppResult<Created> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let mut e = FieldErrors::new();
    let url = check_url(&mut e, &draft.url);
    let events = check_events(&mut e, "events", &draft.events);
    if !e.is_empty() {
        return Err(e.into());
    }
    let secret = new_secret();
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let id = db::insert_endpoint(
        &mut tx.conn(),
        org,
        &url,
        &join_events(&events),
        draft.include_personal_data,
        &secret,
        now,
    )
    .await?;
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Create,
        "webhook_endpoint",
        Some(id),
        None,
        Some(&json!({"url": url, "events": join_events(&events), "include_personal_data": draft.include_personal_data})),
        None,
        now,
    )
    .await?;
    let endpoint = db::endpoint(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(Created {
        endpoint: EndpointView::of(&endpoint, now),
        secret,
    })
}

/// The organisation's endpoints, newest first; `before` an id when paging.
pub async fn list(
    app: &App,
    actor: &Actor,
    before: Option<i64>,
    limit: i64,
) -> AppResult<Vec<EndpointView>> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let mut h = app.db.acquire().await?;
    let now = app.now();
    Ok(db::endpoints(&mut h.conn(), org, before, limit)
        .await?
        .iter()
        .map(|e| EndpointView::of(e, now))
        .collect())
}

async fn load(c: &mut Conn<'_>, actor: &Actor, id: i64) -> AppResult<(i64, Endpoint)> {
    require(actor, Permission::ManageOrganisationSettings)?;
    let org = org_of(actor)?;
    let e = db::endpoint(c, org, id).await?.ok_or(AppError::NotFound)?;
    Ok((org, e))
}

/// One endpoint of the organisation (another organisation's reads as not found).
pub async fn get(app: &App, actor: &Actor, id: i64) -> AppResult<EndpointView> {
    let mut h = app.db.acquire().await?;
    let (_, e) = load(&mut h.conn(), actor, id).await?;
    Ok(EndpointView::of(&e, app.now()))
}

/// Deletes an endpoint, its log and anything still waiting for it.
pub async fn delete(app: &App, actor: &Actor, id: i64) -> AppResult<()> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let (org, e) = load(&mut tx.conn(), actor, id).await?;
    if !db::delete_endpoint(&mut tx.conn(), org, id).await? {
        return Err(AppError::NotFound);
    }
    record::<_, ()>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Revoke,
        "webhook_endpoint",
        Some(id),
        Some(&json!({"url": e.url, "events": e.events, "include_personal_data": e.include_personal_data})),
        None,
        None,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Makes a new secret, shown this once. The old one keeps signing beside it for a day
/// ([`ROTATION_OVERLAP_MS`]), so the receiver can switch without refusing anything.
pub async fn rotate_secret(app: &App, actor: &Actor, id: i64) -> AppResult<(EndpointView, String)> {
    let now = app.now();
    let secret = new_secret();
    let mut tx = app.db.begin().await?;
    let (org, _) = load(&mut tx.conn(), actor, id).await?;
    if !db::rotate_secret(&mut tx.conn(), id, &secret, now + ROTATION_OVERLAP_MS, now).await? {
        return Err(AppError::NotFound);
    }
    record::<(), _>(
        &mut tx.conn(),
        actor,
        Some(org),
        Action::Update,
        "webhook_endpoint",
        Some(id),
        None,
        Some(&json!({"secret": "rotated", "old_secret_until": now + ROTATION_OVERLAP_MS})),
        None,
        now,
    )
    .await?;
    let e = db::endpoint(&mut tx.conn(), org, id)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok((EndpointView::of(&e, now), secret))
}

/// One try of a delivery, for the log.
pub type Attempt = cairn_db::webhooks::Attempt;

/// A delivery in the log with its tries.
#[derive(Debug, Clone)]
pub struct LoggedDelivery {
    pub delivery: Delivery,
    pub attempts: Vec<Attempt>,
}

impl LoggedDelivery {
    /// `delivered`, `given_up`, or `pending`.
    pub fn state(&self) -> &'static str {
        if self.delivery.delivered_at.is_some() {
            "delivered"
        } else if self.delivery.given_up_at.is_some() {
            "given_up"
        } else {
            "pending"
        }
    }
}

/// An endpoint's deliveries, newest first, with every try; `before` an id when paging.
pub async fn deliveries(
    app: &App,
    actor: &Actor,
    id: i64,
    before: Option<i64>,
    limit: i64,
) -> AppResult<Vec<LoggedDelivery>> {
    let mut h = app.db.acquire().await?;
    let mut c = h.conn();
    load(&mut c, actor, id).await?;
    let rows = db::deliveries(&mut c, id, before, limit).await?;
    let mut tries = db::attempts(&mut c, id).await?;
    Ok(rows
        .into_iter()
        .map(|d| {
            let (mine, rest): (Vec<_>, Vec<_>) =
                tries.drain(..).partition(|a| a.delivery_id == d.id);
            tries = rest;
            LoggedDelivery {
                delivery: d,
                attempts: mine,
            }
        })
        .collect())
}

/// What a change tells the endpoints subscribed to its event.
pub struct Message {
    pub event: Event,
    /// Ids, links (paths such as `/payments/claims/7`, made absolute when sent) and plain
    /// facts: what every subscribed endpoint gets.
    pub data: Value,
    /// Text people wrote, added only for endpoints that opted in to personal data.
    pub personal: Value,
    /// The people the change is about: opted-in payloads add their names (`people`), and the
    /// delivery notes them so erasing one removes it.
    pub people: Vec<i64>,
}

/// Queues one delivery of `m` for each of the organisation's endpoints subscribed to its
/// event, inside the caller's transaction. Returns how many were queued.
pub async fn enqueue(c: &mut Conn<'_>, org: i64, m: Message, now: i64) -> DbResult<usize> {
    let endpoints: Vec<Endpoint> = db::endpoints(c, org, None, i64::MAX)
        .await?
        .into_iter()
        .filter(|e| split_events(&e.events).contains(&m.event))
        .collect();
    if endpoints.is_empty() {
        return Ok(0);
    }
    let timestamp = jiff::Timestamp::from_millisecond(now)
        .map(|t| t.to_string())
        .unwrap_or_default();
    let plain = json!({"type": m.event.key(), "timestamp": timestamp, "data": m.data});
    let personal = if endpoints.iter().any(|e| e.include_personal_data) {
        let mut data: Map<String, Value> = m.data.as_object().cloned().unwrap_or_default();
        if let Some(extra) = m.personal.as_object() {
            data.extend(extra.clone());
        }
        let names = cairn_db::people::names(c, org, &m.people).await?;
        data.insert(
            "people".into(),
            Value::Array(
                names
                    .into_iter()
                    .map(|(id, name)| json!({"id": id, "name": name}))
                    .collect(),
            ),
        );
        Some(json!({"type": m.event.key(), "timestamp": timestamp, "data": data}))
    } else {
        None
    };
    let mentions = format!(
        ",{},",
        m.people
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",")
    );
    for e in &endpoints {
        let (payload, personal) = match (&personal, e.include_personal_data) {
            (Some(p), true) => (p, true),
            _ => (&plain, false),
        };
        let mut id = [0u8; 16];
        rand::rng().fill_bytes(&mut id);
        db::insert_delivery(
            c,
            &NewDelivery {
                endpoint_id: e.id,
                organisation_id: org,
                message_id: &format!("msg_{}", hex::encode(id)),
                event: m.event.key(),
                payload: &payload.to_string(),
                personal,
                mentions: personal.then_some(mentions.as_str()),
            },
            now,
        )
        .await?;
    }
    Ok(endpoints.len())
}

/// The body as sent: the stored payload with each link in `data` (`url`, `…_url`) made
/// absolute on `base_url`, the deployment's public address.
pub fn body_for(payload: &str, base_url: &str) -> String {
    let Ok(mut v) = serde_json::from_str::<Value>(payload) else {
        return payload.to_owned();
    };
    let base = base_url.trim_end_matches('/');
    if let Some(data) = v.get_mut("data").and_then(Value::as_object_mut) {
        for (k, value) in data.iter_mut() {
            if (k == "url" || k.ends_with("_url"))
                && let Some(path) = value.as_str().filter(|p| p.starts_with('/'))
            {
                *value = Value::String(format!("{base}{path}"));
            }
        }
    }
    v.to_string()
}

/// Text safe to store on both engines: control characters (PostgreSQL refuses NUL) become
/// spaces, and it is cut to `max` characters.
fn storable(s: &str, max: usize) -> String {
    s.chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// True for `localhost` and loopback addresses (`127.0.0.0/8`, `[::1]`).
fn loopback_host(u: &reqwest::Url) -> bool {
    let host = u.host_str().unwrap_or("");
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn is_loopback(url: &str) -> bool {
    reqwest::Url::parse(url).is_ok_and(|u| loopback_host(&u))
}

/// Two HTTP clients: one that follows the system's proxy settings, one that goes direct to
/// this machine. Neither follows redirects (a redirect is an answer, logged as such).
struct Clients {
    proxied: reqwest::Client,
    direct: reqwest::Client,
}

impl Clients {
    fn new() -> AppResult<Self> {
        let build = |direct: bool| {
            let b = reqwest::Client::builder()
                .timeout(TIMEOUT)
                .connect_timeout(TIMEOUT)
                .redirect(reqwest::redirect::Policy::none())
                .user_agent("Cairn-Webhooks/1");
            if direct { b.no_proxy() } else { b }
                .build()
                .map_err(|e| AppError::Unexpected(format!("an HTTP client: {e}")))
        };
        Ok(Clients {
            proxied: build(false)?,
            direct: build(true)?,
        })
    }
}

/// Sends every delivery that is due, one try each; returns how many were delivered. Safe on
/// several instances at once: each try is claimed with a lease before it is sent.
pub async fn deliver_due(app: &App, base_url: &str) -> AppResult<usize> {
    let now = app.now();
    let due = {
        let mut h = app.db.acquire().await?;
        db::due(&mut h.conn(), now, 50).await?
    };
    if due.is_empty() {
        return Ok(0);
    }
    let clients = Clients::new()?;
    let started = std::time::Instant::now();
    let mut delivered = 0;
    for d in due {
        // The worker also sends e-mail: a round of slow receivers stops starting new tries
        // after a while, and what is left waits for the next round.
        if started.elapsed() >= ROUND_BUDGET {
            break;
        }
        if send_one(app, &clients, &d, base_url).await? {
            delivered += 1;
        }
    }
    Ok(delivered)
}

async fn send_one(app: &App, clients: &Clients, d: &Delivery, base_url: &str) -> AppResult<bool> {
    let now = app.now();
    let endpoint = {
        let mut tx = app.db.begin().await?;
        if !db::claim(&mut tx.conn(), d.id, d.attempts, now, now + LEASE_MS).await? {
            return Ok(false);
        }
        let e = db::endpoint(&mut tx.conn(), d.organisation_id, d.endpoint_id).await?;
        tx.commit().await?;
        e.ok_or(AppError::NotFound)?
    };
    let attempts = d.attempts + 1;
    let body = body_for(&d.payload, base_url);
    let timestamp = now.div_euclid(1000);
    let result = signatures(&endpoint, &d.message_id, timestamp, &body, now);
    let (status, error, excerpt) = match result {
        Err(e) => (None, Some(e), None),
        Ok(signature) => {
            let client = if is_loopback(&endpoint.url) {
                &clients.direct
            } else {
                &clients.proxied
            };
            let sent = client
                .post(&endpoint.url)
                .header("content-type", "application/json")
                .header("webhook-id", &d.message_id)
                .header("webhook-timestamp", timestamp.to_string())
                .header("webhook-signature", signature)
                .body(body)
                .send()
                .await;
            match sent {
                Ok(mut res) => {
                    let status = i64::from(res.status().as_u16());
                    let mut kept: Vec<u8> = Vec::new();
                    // Only the start of the answer is read and kept.
                    while kept.len() < EXCERPT_MAX * 4 {
                        match res.chunk().await {
                            Ok(Some(bytes)) => kept.extend_from_slice(&bytes),
                            _ => break,
                        }
                    }
                    let text = storable(&String::from_utf8_lossy(&kept), EXCERPT_MAX);
                    (
                        Some(status),
                        None,
                        (!text.trim().is_empty()).then_some(text),
                    )
                }
                Err(e) => (None, Some(storable(&e.to_string(), 500)), None),
            }
        }
    };
    let ok = status.is_some_and(|s| (200..300).contains(&s));
    let done_at = app.now();
    let next = if ok {
        None
    } else {
        next_attempt(d.created_at, attempts, done_at)
    };
    if !ok {
        tracing::info!(delivery = d.id, attempts, status = ?status, error = ?error, "webhook delivery not accepted");
    }
    let mut tx = app.db.begin().await?;
    // A delivery deleted meanwhile (its endpoint, or an erasure) is simply not logged.
    let still_there = db::record_attempt(
        &mut tx.conn(),
        d.id,
        &Outcome {
            status,
            error: error.as_deref(),
            excerpt: excerpt.as_deref(),
            delivered: ok,
            next_attempt_at: next,
        },
        done_at,
    )
    .await?;
    tx.commit().await?;
    Ok(ok && still_there)
}

/// The signature header: the current secret's, and the rotated-out one's beside it while it
/// still signs.
fn signatures(
    e: &Endpoint,
    id: &str,
    timestamp: i64,
    body: &str,
    now: i64,
) -> Result<String, String> {
    let mut out = sign(&e.secret, id, timestamp, body)?;
    if let (Some(old), Some(until)) = (&e.previous_secret, e.previous_secret_until)
        && until > now
    {
        out.push(' ');
        out.push_str(&sign(old, id, timestamp, body)?);
    }
    Ok(out)
}

/// An instant as RFC 3339 in UTC, as every payload writes times.
fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// The messages each change sends: ids, links and plain facts for everyone; names and words
/// people wrote only for endpoints that opted in.
impl Message {
    /// A suggestion arrived (online, on a kiosk, or typed in by staff). The words are the
    /// person's own and may be about their care: opted-in endpoints only.
    pub fn suggestion_received(
        id: i64,
        unit_id: Option<i64>,
        channel: &str,
        text: &str,
        by: Option<i64>,
    ) -> Self {
        Message {
            event: Event::SuggestionReceived,
            data: json!({"suggestion_id": id, "unit_id": unit_id, "channel": channel, "url": format!("/feedback/{id}")}),
            personal: json!({"text": text}),
            people: by.into_iter().collect(),
        }
    }

    /// A suggestion's public wording was published.
    pub fn suggestion_published(
        id: i64,
        unit_id: Option<i64>,
        public_text: Option<&str>,
        by: Option<i64>,
    ) -> Self {
        Message {
            event: Event::SuggestionPublished,
            data: json!({"suggestion_id": id, "unit_id": unit_id, "url": format!("/feedback/{id}")}),
            personal: json!({"public_text": public_text}),
            people: by.into_iter().collect(),
        }
    }

    /// A suggestion moved to a closed status.
    pub fn suggestion_closed(
        id: i64,
        unit_id: Option<i64>,
        status: &str,
        public_response: Option<&str>,
        by: Option<i64>,
    ) -> Self {
        Message {
            event: Event::SuggestionClosed,
            data: json!({"suggestion_id": id, "unit_id": unit_id, "status": status, "url": format!("/feedback/{id}")}),
            personal: json!({"public_response": public_response}),
            people: by.into_iter().collect(),
        }
    }

    /// A meeting was planned.
    pub fn meeting_planned(
        id: i64,
        group_id: i64,
        starts_at: i64,
        ends_at: i64,
        place: Option<&str>,
    ) -> Self {
        Message {
            event: Event::MeetingPlanned,
            data: json!({"meeting_id": id, "group_id": group_id, "starts_at": rfc3339(starts_at), "ends_at": rfc3339(ends_at), "url": format!("/meetings/{id}")}),
            personal: json!({"place": place}),
            people: Vec::new(),
        }
    }

    /// Who came to a meeting was recorded: counts for everyone, names for opted-in endpoints.
    pub fn attendance_recorded(
        id: i64,
        group_id: i64,
        attended: usize,
        others: i64,
        representation_met: bool,
        people: Vec<i64>,
    ) -> Self {
        Message {
            event: Event::MeetingAttendanceRecorded,
            data: json!({"meeting_id": id, "group_id": group_id, "attended": attended, "others_count": others, "representation_met": representation_met, "url": format!("/meetings/{id}")}),
            personal: json!({}),
            people,
        }
    }

    /// A claim moved on (`claim.submitted`, `claim.authorised`, `claim.paid`). What the
    /// claim was for is the person's own words: opted-in endpoints only.
    pub fn claim(
        event: Event,
        id: i64,
        person: i64,
        run_id: Option<i64>,
        description: Option<&str>,
    ) -> Self {
        Message {
            event,
            data: json!({"claim_id": id, "person_id": person, "payment_run_id": run_id, "url": format!("/payments/claims/{id}")}),
            personal: json!({"description": description}),
            people: vec![person],
        }
    }

    /// A payment run was locked for paying.
    pub fn run_locked(id: i64, claims: i64) -> Self {
        Message {
            event: Event::PaymentRunLocked,
            data: json!({"payment_run_id": id, "claims_count": claims, "url": format!("/payments/runs/{id}")}),
            personal: json!({}),
            people: Vec::new(),
        }
    }

    /// A person left. Their reasons and words stay in Cairn whatever the endpoint chose.
    pub fn person_left(person: i64, status: &str, left_on: &str) -> Self {
        Message {
            event: Event::PersonLeft,
            data: json!({"person_id": person, "status": status, "left_on": left_on, "url": format!("/people/{person}")}),
            personal: json!({}),
            people: vec![person],
        }
    }

    /// An expression of interest moved a step.
    pub fn interest_moved(
        id: i64,
        person: i64,
        opportunity: i64,
        from: &str,
        to: &str,
        appointment: Option<i64>,
    ) -> Self {
        Message {
            event: Event::InterestMoved,
            data: json!({"interest_id": id, "person_id": person, "opportunity_id": opportunity, "from": from, "to": to, "appointment_id": appointment, "url": format!("/interests/{id}")}),
            personal: json!({}),
            people: vec![person],
        }
    }
}
