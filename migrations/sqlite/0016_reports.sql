-- Reports: the organisation's targets for the catalogue's measures, the baselines (and
-- re-basings, each with its reason) that set a chart's limits, and board packs, whose signed-off
-- versions are frozen snapshots that nothing may change.

CREATE TABLE measure_targets (
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    measure_key TEXT NOT NULL,
    -- A percentage for a share, a number a month for a count.
    target INTEGER NOT NULL CHECK (target BETWEEN 0 AND 100000),
    updated_by_label TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, measure_key)
);

-- Each row starts a phase of a measure's chart at `from_month`; its limits come from the
-- months `from_month` to `to_month`. Rows are never changed: a newer row for the same start
-- replaces an older one when the chart is drawn, and the history stays.
CREATE TABLE measure_baselines (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    measure_key TEXT NOT NULL,
    -- NULL: the whole service.
    unit_id INTEGER REFERENCES units(id),
    from_month TEXT NOT NULL,
    to_month TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK (to_month >= from_month)
);
CREATE INDEX measure_baselines_measure ON measure_baselines(organisation_id, measure_key);

CREATE TABLE board_packs (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    title TEXT NOT NULL,
    committee TEXT NOT NULL,
    -- The draft's fields (title, period, coversheet, texts, chosen measures) as JSON.
    fields_json TEXT NOT NULL,
    -- Set once, when the pack is signed off; the pack is then frozen.
    signed_off_at INTEGER,
    signed_off_by_label TEXT,
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX board_packs_organisation ON board_packs(organisation_id, id);

-- The figures and text a signed-off pack used, exactly as the committee read them. The one
-- change allowed is erasure taking out a person's name or address, which must count itself
-- in `redactions`.
CREATE TABLE board_pack_versions (
    pack_id INTEGER NOT NULL REFERENCES board_packs(id),
    version INTEGER NOT NULL CHECK (version >= 1),
    snapshot_json TEXT NOT NULL,
    signed_off_at INTEGER NOT NULL,
    signed_off_by_label TEXT NOT NULL,
    redactions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (pack_id, version)
);
CREATE TRIGGER board_pack_versions_no_update BEFORE UPDATE ON board_pack_versions
WHEN NEW.redactions <> OLD.redactions + 1 OR NEW.pack_id <> OLD.pack_id
    OR NEW.version <> OLD.version OR NEW.signed_off_at <> OLD.signed_off_at
BEGIN
    SELECT RAISE(ABORT, 'signed-off board packs are frozen');
END;
CREATE TRIGGER board_pack_versions_no_delete BEFORE DELETE ON board_pack_versions
BEGIN
    SELECT RAISE(ABORT, 'signed-off board packs are frozen');
END;

-- Monthly series read a unit's or the organisation's rows by time.
CREATE INDEX suggestions_unit_received ON suggestions(unit_id, received_at);
CREATE INDEX claims_organisation_paid ON claims(organisation_id, paid_at);
CREATE INDEX claims_unit_paid ON claims(unit_id, paid_at);
