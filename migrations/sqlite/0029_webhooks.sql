-- Signed webhooks (Standard Webhooks). An organisation administrator registers endpoints; a
-- change queues one delivery per subscribed endpoint in the change's own transaction, and the
-- background worker sends it, retrying with backoff for a day.
--
-- The secret is kept as it is because every delivery is signed with it; during a rotation the
-- old one keeps signing beside the new one until `previous_secret_until`.
CREATE TABLE webhook_endpoints (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    url TEXT NOT NULL,
    -- Event names, comma-separated, each `noun.verb` (see cairn_domain::webhooks::Event).
    events TEXT NOT NULL,
    -- With this on, payloads add names and text (see cairn_app::webhooks).
    include_personal_data BOOLEAN NOT NULL DEFAULT FALSE,
    secret TEXT NOT NULL,
    previous_secret TEXT,
    previous_secret_until INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX webhook_endpoints_org ON webhook_endpoints (organisation_id);

-- One message to one endpoint. `message_id` is the `webhook-id` header, the same on every try.
-- `mentions` lists, as ",1,2,", the people an opted-in payload names, so erasure finds them.
CREATE TABLE webhook_deliveries (
    id INTEGER PRIMARY KEY,
    endpoint_id INTEGER NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    message_id TEXT NOT NULL UNIQUE,
    event TEXT NOT NULL,
    payload TEXT NOT NULL,
    personal BOOLEAN NOT NULL DEFAULT FALSE,
    mentions TEXT,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    -- An instance sending an attempt holds it until this instant; no other sends it meanwhile.
    lease_until INTEGER,
    last_status INTEGER,
    last_error TEXT,
    delivered_at INTEGER,
    given_up_at INTEGER,
    CHECK (delivered_at IS NULL OR given_up_at IS NULL)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, created_at);

-- Each try: when, the response code or the error, and a short excerpt of what came back.
CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY,
    delivery_id INTEGER NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
    attempted_at INTEGER NOT NULL,
    status_code INTEGER,
    error TEXT,
    response_excerpt TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id);
