-- Payments and expenses: the organisation's dated rate card, members' payment choices and own
-- earnings limits, claims with append-only money lines and receipts, and payment runs.
-- Money is integer pence. The two-person rule is also a constraint here, so no code path can
-- record an approver who authorises, or a claimant who approves or authorises.

ALTER TABLE organisations ADD COLUMN payment_target_days INTEGER NOT NULL DEFAULT 21;

CREATE TABLE fee_rates (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    activity_type TEXT NOT NULL CHECK (activity_type IN ('meeting', 'interview_panel', 'training_delivery', 'consultation', 'other')),
    basis TEXT NOT NULL CHECK (basis IN ('hour', 'session')),
    hour_pence INTEGER NOT NULL DEFAULT 0 CHECK (hour_pence >= 0),
    half_day_pence INTEGER NOT NULL DEFAULT 0 CHECK (half_day_pence >= 0),
    day_pence INTEGER NOT NULL DEFAULT 0 CHECK (day_pence >= 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    -- Pre-filled examples are shown as "example — check the current figure".
    example BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);
CREATE INDEX fee_rates_organisation ON fee_rates(organisation_id, activity_type, valid_from);

CREATE TABLE expense_rates (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    category TEXT NOT NULL CHECK (category IN ('mileage_car', 'mileage_passenger', 'mileage_bicycle', 'public_transport', 'parking', 'meal', 'care_cover', 'online_allowance')),
    per_mile_pence INTEGER NOT NULL DEFAULT 0 CHECK (per_mile_pence >= 0),
    after_band_pence INTEGER NOT NULL DEFAULT 0 CHECK (after_band_pence >= 0),
    band_miles INTEGER NOT NULL DEFAULT 0 CHECK (band_miles >= 0),
    limit_pence INTEGER NOT NULL DEFAULT 0 CHECK (limit_pence >= 0),
    needs_receipt BOOLEAN NOT NULL DEFAULT FALSE,
    needs_preapproval BOOLEAN NOT NULL DEFAULT FALSE,
    counts_as_income BOOLEAN NOT NULL DEFAULT FALSE,
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    example BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);
CREATE INDEX expense_rates_organisation ON expense_rates(organisation_id, category, valid_from);

-- Earnings limits a member can pick (ESA permitted work, Carer's Allowance, …), with dates.
CREATE TABLE limit_presets (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    name_en TEXT NOT NULL,
    name_cy TEXT NOT NULL,
    period TEXT NOT NULL CHECK (period IN ('week', 'month')),
    amount_pence INTEGER NOT NULL CHECK (amount_pence >= 0),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    source TEXT NOT NULL,
    example BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);

-- A member's choice of recognition and their own limit. Cairn never asks which benefit.
CREATE TABLE payment_profiles (
    person_id INTEGER PRIMARY KEY REFERENCES people(id),
    choice TEXT NOT NULL CHECK (choice IN ('bank', 'payroll', 'voucher', 'lower', 'expenses_only', 'nothing')),
    -- With "lower": the most they want as a fee for one activity.
    lower_pence INTEGER CHECK (lower_pence >= 0),
    limit_period TEXT CHECK (limit_period IN ('week', 'month')),
    limit_pence INTEGER CHECK (limit_pence >= 0),
    limit_preset_id INTEGER REFERENCES limit_presets(id),
    updated_at INTEGER NOT NULL,
    updated_by_label TEXT NOT NULL
);

CREATE TABLE payment_runs (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'locked', 'paid')),
    claims_count INTEGER NOT NULL DEFAULT 0,
    total_pence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by_user_id INTEGER NOT NULL REFERENCES users(id),
    locked_at INTEGER,
    locked_by_user_id INTEGER REFERENCES users(id),
    paid_at INTEGER,
    paid_by_user_id INTEGER REFERENCES users(id)
);
CREATE INDEX payment_runs_organisation ON payment_runs(organisation_id, created_at);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    -- The cost centre: the unit the activity was for.
    unit_id INTEGER REFERENCES units(id),
    constituency TEXT NOT NULL,
    activity_type TEXT NOT NULL CHECK (activity_type IN ('meeting', 'interview_panel', 'training_delivery', 'consultation', 'other')),
    activity_on TEXT NOT NULL,
    minutes INTEGER NOT NULL CHECK (minutes >= 0),
    description TEXT NOT NULL,
    meeting_id INTEGER REFERENCES meetings(id),
    choice TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'authorised', 'in_run', 'paid', 'rejected')),
    -- Kept equal to the sums of the claim's lines, in the same transaction as each line.
    fee_pence INTEGER NOT NULL DEFAULT 0,
    expenses_pence INTEGER NOT NULL DEFAULT 0,
    total_pence INTEGER NOT NULL DEFAULT 0,
    income_pence INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by_user_id INTEGER REFERENCES users(id),
    created_by_label TEXT NOT NULL,
    submitted_at INTEGER,
    approved_at INTEGER,
    approved_by_user_id INTEGER REFERENCES users(id),
    approved_by_person_id INTEGER REFERENCES people(id),
    authorised_at INTEGER,
    authorised_by_user_id INTEGER REFERENCES users(id),
    authorised_by_person_id INTEGER REFERENCES people(id),
    rejected_at INTEGER,
    rejected_by_user_id INTEGER REFERENCES users(id),
    reject_reason TEXT,
    run_id INTEGER REFERENCES payment_runs(id),
    paid_at INTEGER,
    updated_at INTEGER NOT NULL,
    CHECK (total_pence = fee_pence + expenses_pence),
    CHECK (approved_by_user_id IS NULL OR authorised_by_user_id IS NULL OR approved_by_user_id <> authorised_by_user_id),
    CHECK (approved_by_person_id IS NULL OR approved_by_person_id <> person_id),
    CHECK (authorised_by_person_id IS NULL OR authorised_by_person_id <> person_id),
    CHECK (approved_by_person_id IS NULL OR authorised_by_person_id IS NULL OR approved_by_person_id <> authorised_by_person_id),
    CHECK (run_id IS NULL OR status IN ('in_run', 'paid'))
);
CREATE INDEX claims_organisation_status ON claims(organisation_id, status, id);
CREATE INDEX claims_person_activity ON claims(person_id, activity_on);
CREATE INDEX claims_run ON claims(run_id);

-- Money lines. Append-only: a correction is a new line reversing an old one, with a reason.
CREATE TABLE claim_lines (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    kind TEXT NOT NULL CHECK (kind IN ('fee', 'expense', 'reversal', 'adjustment')),
    category TEXT CHECK (category IN ('mileage_car', 'mileage_passenger', 'mileage_bicycle', 'public_transport', 'parking', 'meal', 'care_cover', 'online_allowance')),
    miles_tenths INTEGER CHECK (miles_tenths >= 0),
    amount_pence INTEGER NOT NULL,
    counts_as_income BOOLEAN NOT NULL,
    -- Fee or expense: whether it adds to the fee or the expenses total.
    is_fee BOOLEAN NOT NULL,
    note TEXT,
    reverses_line_id INTEGER REFERENCES claim_lines(id),
    preapproved BOOLEAN NOT NULL DEFAULT FALSE,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);
CREATE INDEX claim_lines_claim ON claim_lines(claim_id, id);
-- A line is reversed at most once, even by two people correcting it at the same moment.
CREATE UNIQUE INDEX claim_lines_reverses ON claim_lines(reverses_line_id);

-- Receipts are kept in the database, so backups and several instances need nothing else.
CREATE TABLE receipts (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    body BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    created_by_label TEXT NOT NULL
);
CREATE INDEX receipts_claim ON receipts(claim_id);

CREATE TABLE claim_events (
    id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims(id),
    at INTEGER NOT NULL,
    actor_label TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT
);
CREATE INDEX claim_events_claim ON claim_events(claim_id, at, id);

-- Money lines are never changed or removed.
CREATE TRIGGER claim_lines_no_update BEFORE UPDATE ON claim_lines
BEGIN
    SELECT RAISE(ABORT, 'claim lines are append-only');
END;
CREATE TRIGGER claim_lines_no_delete BEFORE DELETE ON claim_lines
BEGIN
    SELECT RAISE(ABORT, 'claim lines are append-only');
END;
