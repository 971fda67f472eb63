-- Foundation: organisations, services, units, people, accounts, sessions, tokens, audit,
-- notices and outgoing e-mail. Instants are INTEGER milliseconds since the Unix epoch (UTC);
-- dates are ISO TEXT (YYYY-MM-DD). Kept column-for-column equal to the PostgreSQL migration.

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_cy TEXT,
    time_zone TEXT NOT NULL DEFAULT 'Europe/London',
    smtp_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    smtp_host TEXT,
    smtp_port INTEGER,
    smtp_username TEXT,
    smtp_password TEXT,
    smtp_tls TEXT NOT NULL DEFAULT 'starttls' CHECK (smtp_tls IN ('none', 'starttls', 'tls')),
    smtp_from TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    name_cy TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX services_organisation ON services(organisation_id);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    chosen_name TEXT NOT NULL,
    -- The chosen name lower-cased in Rust (Unicode-aware), for search on both engines alike.
    search_name TEXT NOT NULL,
    constituency TEXT NOT NULL CHECK (constituency IN ('service_user', 'carer', 'staff', 'third_sector', 'manager')),
    discipline TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'paused', 'moved_on', 'left')),
    status_since TEXT,
    preferred_language TEXT NOT NULL CHECK (preferred_language IN ('en', 'cy')),
    email TEXT,
    access_needs TEXT,
    consent_on TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX people_organisation_name ON people(organisation_id, chosen_name, id);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    service_id INTEGER NOT NULL REFERENCES services(id),
    name TEXT NOT NULL,
    name_cy TEXT,
    unit_type TEXT NOT NULL CHECK (unit_type IN ('low_secure', 'locked_rehab', 'open_rehab', 'step_down', 'community_team', 'prison_in_reach', 'ward', 'other')),
    beds INTEGER,
    gender_mix TEXT NOT NULL CHECK (gender_mix IN ('mixed', 'male', 'female', 'not_applicable')),
    link_person_id INTEGER REFERENCES people(id),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX units_organisation ON units(organisation_id, name);

CREATE TABLE person_units (
    person_id INTEGER NOT NULL REFERENCES people(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (person_id, unit_id)
);
CREATE INDEX person_units_unit ON person_units(unit_id, person_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    role TEXT NOT NULL CHECK (role IN ('platform_admin', 'org_admin', 'lead', 'unit_staff', 'finance', 'member', 'viewer')),
    person_id INTEGER REFERENCES people(id),
    locale TEXT CHECK (locale IN ('en', 'cy')),
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    last_sign_in_at INTEGER
);
CREATE INDEX users_organisation ON users(organisation_id);

CREATE TABLE user_units (
    user_id INTEGER NOT NULL REFERENCES users(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (user_id, unit_id)
);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(throttle_key, at);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER REFERENCES organisations(id),
    at INTEGER NOT NULL,
    actor_user_id INTEGER,
    actor_label TEXT NOT NULL,
    on_behalf_of_person_id INTEGER,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'view', 'sign_in', 'sign_out', 'export', 'revoke')),
    entity TEXT NOT NULL,
    entity_id INTEGER,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_organisation_at ON audit_log(organisation_id, at, id);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);

CREATE TABLE notices (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    message_id TEXT NOT NULL,
    args_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    read_at INTEGER
);
CREATE INDEX notices_user ON notices(user_id, created_at);

CREATE TABLE outbound_emails (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    to_address TEXT NOT NULL,
    language TEXT NOT NULL CHECK (language IN ('en', 'cy')),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE INDEX outbound_emails_pending ON outbound_emails(sent_at, id);
