//! Webhook endpoints, their queued deliveries and each delivery's tries. A delivery is claimed
//! for sending by one conditional UPDATE that takes a lease, so instances sharing a database
//! never send the same try twice.

use crate::{Conn, DbResult, execute, fetch_all, fetch_optional, fetch_scalar};
use serde::Serialize;

/// An endpoint, with its secrets (never shown after they are made).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Endpoint {
    pub id: i64,
    pub organisation_id: i64,
    pub url: String,
    pub events: String,
    pub include_personal_data: bool,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

const ENDPOINT_COLUMNS: &str = "id, organisation_id, url, events, include_personal_data, secret, previous_secret, previous_secret_until, created_at, updated_at";

/// Adds an endpoint.
pub async fn insert_endpoint(
    c: &mut Conn<'_>,
    org: i64,
    url: &str,
    events: &str,
    include_personal_data: bool,
    secret: &str,
    now: i64,
) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO webhook_endpoints (organisation_id, url, events, include_personal_data, secret, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        org,
        url,
        events,
        include_personal_data,
        secret,
        now
    )
}

/// The organisation's endpoints, newest first, after `before` (an id) when paging.
pub async fn endpoints(
    c: &mut Conn<'_>,
    org: i64,
    before: Option<i64>,
    limit: i64,
) -> DbResult<Vec<Endpoint>> {
    fetch_all!(
        c,
        Endpoint,
        &format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organisation_id = $1 AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"
        ),
        org,
        before,
        limit
    )
}

/// One endpoint of the organisation.
pub async fn endpoint(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<Option<Endpoint>> {
    fetch_optional!(
        c,
        Endpoint,
        &format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE organisation_id = $1 AND id = $2"
        ),
        org,
        id
    )
}

/// Puts a new secret in place, keeping the old one signing until `old_until`.
pub async fn rotate_secret(
    c: &mut Conn<'_>,
    id: i64,
    secret: &str,
    old_until: i64,
    now: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_until = $3, secret = $2, updated_at = $4 WHERE id = $1",
        id,
        secret,
        old_until,
        now
    )?;
    Ok(n == 1)
}

/// Deletes an endpoint with its deliveries and their tries.
pub async fn delete_endpoint(c: &mut Conn<'_>, org: i64, id: i64) -> DbResult<bool> {
    // Explicitly rather than by the cascade alone, so it does not depend on SQLite's
    // foreign-key switch.
    execute!(
        c,
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE endpoint_id = $1)",
        id
    )?;
    execute!(
        c,
        "DELETE FROM webhook_deliveries WHERE endpoint_id = $1",
        id
    )?;
    let n = execute!(
        c,
        "DELETE FROM webhook_endpoints WHERE organisation_id = $1 AND id = $2",
        org,
        id
    )?;
    Ok(n == 1)
}

/// A delivery to queue.
pub struct NewDelivery<'a> {
    pub endpoint_id: i64,
    pub organisation_id: i64,
    pub message_id: &'a str,
    pub event: &'a str,
    pub payload: &'a str,
    pub personal: bool,
    /// `,1,2,` — the people an opted-in payload names.
    pub mentions: Option<&'a str>,
}

/// Queues a delivery, due at once.
pub async fn insert_delivery(c: &mut Conn<'_>, d: &NewDelivery<'_>, now: i64) -> DbResult<i64> {
    fetch_scalar!(
        c,
        i64,
        "INSERT INTO webhook_deliveries (endpoint_id, organisation_id, message_id, event, payload, personal, mentions, created_at, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        d.endpoint_id,
        d.organisation_id,
        d.message_id,
        d.event,
        d.payload,
        d.personal,
        d.mentions,
        now
    )
}

/// A queued delivery.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Delivery {
    pub id: i64,
    pub endpoint_id: i64,
    pub organisation_id: i64,
    pub message_id: String,
    pub event: String,
    pub payload: String,
    pub personal: bool,
    pub mentions: Option<String>,
    pub created_at: i64,
    pub attempts: i64,
    pub next_attempt_at: Option<i64>,
    pub lease_until: Option<i64>,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub delivered_at: Option<i64>,
    pub given_up_at: Option<i64>,
}

const DELIVERY_COLUMNS: &str = "id, endpoint_id, organisation_id, message_id, event, payload, personal, mentions, created_at, attempts, next_attempt_at, lease_until, last_status, last_error, delivered_at, given_up_at";

/// Deliveries due at `now` and not leased by anyone, oldest due first.
pub async fn due(c: &mut Conn<'_>, now: i64, limit: i64) -> DbResult<Vec<Delivery>> {
    fetch_all!(
        c,
        Delivery,
        &format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries \
             WHERE delivered_at IS NULL AND given_up_at IS NULL AND next_attempt_at <= $1 \
             AND (lease_until IS NULL OR lease_until <= $1) ORDER BY next_attempt_at, id LIMIT $2"
        ),
        now,
        limit
    )
}

/// Takes a due delivery for one try: counts the try and holds it until `lease_until`. False
/// when another instance took it first (the try count moved on, or its lease still runs).
pub async fn claim(
    c: &mut Conn<'_>,
    id: i64,
    attempts_seen: i64,
    now: i64,
    lease_until: i64,
) -> DbResult<bool> {
    let n = execute!(
        c,
        "UPDATE webhook_deliveries SET attempts = attempts + 1, lease_until = $4 \
         WHERE id = $1 AND attempts = $2 AND delivered_at IS NULL AND given_up_at IS NULL \
         AND next_attempt_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)",
        id,
        attempts_seen,
        now,
        lease_until
    )?;
    Ok(n == 1)
}

/// One try's outcome.
pub struct Outcome<'a> {
    pub status: Option<i64>,
    pub error: Option<&'a str>,
    pub excerpt: Option<&'a str>,
    /// Set when the receiver took it (2xx).
    pub delivered: bool,
    /// When to try next; `None` (and not delivered) means given up.
    pub next_attempt_at: Option<i64>,
}

/// Records a try and what follows from it, and lets go of the lease. False (and nothing
/// written) when the delivery went meanwhile: its endpoint was deleted, or erasure removed it.
pub async fn record_attempt(
    c: &mut Conn<'_>,
    id: i64,
    o: &Outcome<'_>,
    now: i64,
) -> DbResult<bool> {
    let (delivered_at, given_up_at, next) = if o.delivered {
        (Some(now), None, None)
    } else {
        match o.next_attempt_at {
            Some(at) => (None, None, Some(at)),
            None => (None, Some(now), None),
        }
    };
    let n = execute!(
        c,
        "UPDATE webhook_deliveries SET lease_until = NULL, last_status = $2, last_error = $3, \
         delivered_at = $4, given_up_at = $5, next_attempt_at = $6 WHERE id = $1",
        id,
        o.status,
        o.error,
        delivered_at,
        given_up_at,
        next
    )?;
    if n == 0 {
        return Ok(false);
    }
    execute!(
        c,
        "INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, error, response_excerpt) VALUES ($1, $2, $3, $4, $5)",
        id,
        now,
        o.status,
        o.error,
        o.excerpt
    )?;
    Ok(true)
}

/// An endpoint's deliveries, newest first, after `before` (an id) when paging.
pub async fn deliveries(
    c: &mut Conn<'_>,
    endpoint: i64,
    before: Option<i64>,
    limit: i64,
) -> DbResult<Vec<Delivery>> {
    fetch_all!(
        c,
        Delivery,
        &format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE endpoint_id = $1 AND ($2 IS NULL OR id < $2) ORDER BY id DESC LIMIT $3"
        ),
        endpoint,
        before,
        limit
    )
}

/// One try of a delivery.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Attempt {
    pub id: i64,
    pub delivery_id: i64,
    pub attempted_at: i64,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub response_excerpt: Option<String>,
}

/// The tries of the given deliveries, oldest first.
pub async fn attempts(c: &mut Conn<'_>, endpoint: i64) -> DbResult<Vec<Attempt>> {
    fetch_all!(
        c,
        Attempt,
        "SELECT a.id, a.delivery_id, a.attempted_at, a.status_code, a.error, a.response_excerpt \
         FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id \
         WHERE d.endpoint_id = $1 ORDER BY a.attempted_at, a.id",
        endpoint
    )
}

/// Removes the deliveries whose opted-in payload names the person (erasure): what was about
/// them goes with them, whether sent or still waiting.
pub async fn forget_person(c: &mut Conn<'_>, org: i64, person: i64) -> DbResult<u64> {
    let pattern = format!("%,{person},%");
    execute!(
        c,
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries \
         WHERE organisation_id = $1 AND personal = TRUE AND mentions LIKE $2)",
        org,
        pattern.clone()
    )?;
    execute!(
        c,
        "DELETE FROM webhook_deliveries WHERE organisation_id = $1 AND personal = TRUE AND mentions LIKE $2",
        org,
        pattern
    )
}

/// Removes the organisation's deliveries that were sent or given up before `before`.
pub async fn purge_finished(c: &mut Conn<'_>, org: i64, before: i64) -> DbResult<u64> {
    execute!(
        c,
        "DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries \
         WHERE organisation_id = $1 AND (delivered_at < $2 OR given_up_at < $2))",
        org,
        before
    )?;
    execute!(
        c,
        "DELETE FROM webhook_deliveries WHERE organisation_id = $1 AND (delivered_at < $2 OR given_up_at < $2)",
        org,
        before
    )
}
