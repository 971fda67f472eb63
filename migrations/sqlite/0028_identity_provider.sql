-- Signing staff in through the organisation's own identity provider (OpenID Connect).
--
-- One provider an organisation. The client secret is kept as typed (Cairn must send it to the
-- provider) and is never shown back. With staff_required on, staff accounts may not sign in
-- with a password; members always may. With emails_verified on, an ID token without an
-- email_verified claim (Microsoft Entra ID sends none) counts as verified for the one-time link
-- by e-mail; an explicit email_verified false never does.
CREATE TABLE identity_providers (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id),
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    display_name TEXT NOT NULL,
    display_name_cy TEXT NOT NULL,
    staff_required BOOLEAN NOT NULL DEFAULT FALSE,
    emails_verified BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Which account a provider's subject is: the provider's stable id ("sub") for a person, per
-- issuer. Made once, on the first sign-in, from the verified e-mail address of an account that
-- already exists; afterwards only the subject counts. Personal data: in the person's export,
-- deleted on erasure.
CREATE TABLE identity_links (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    linked_at INTEGER NOT NULL,
    last_used_at INTEGER,
    UNIQUE (issuer, subject),
    UNIQUE (user_id, issuer)
);

-- A sign-in sent to the provider and not yet back: found by the hash of its state, used once
-- (deleted as it is read), good for ten minutes. In the database so any instance can finish
-- what another started.
CREATE TABLE identity_pending (
    state_hash TEXT PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    nonce TEXT NOT NULL,
    pkce_verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX identity_pending_created ON identity_pending (created_at);
