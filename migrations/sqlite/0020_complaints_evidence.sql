-- Complaints and compliments information on display (L1.12) is evidenced by a sampled audit
-- too: how many areas were looked at and how many had the information where people could
-- reach it. SQLite cannot change a CHECK in place, so the table is rebuilt with its rows.
CREATE TABLE practice_evidence_next (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('advocate_visit', 'community_event', 'perspective_paper', 'practice_audit')),
    on_date TEXT NOT NULL,
    service TEXT,
    title TEXT,
    has_section BOOLEAN NOT NULL DEFAULT FALSE,
    practice TEXT CHECK (practice IS NULL OR practice IN ('L1.07', 'L1.12', 'L2.09', 'L3.03')),
    looked_at INTEGER NOT NULL DEFAULT 0 CHECK (looked_at >= 0),
    met INTEGER NOT NULL DEFAULT 0 CHECK (met >= 0 AND met <= looked_at),
    n_service_user INTEGER NOT NULL DEFAULT 0 CHECK (n_service_user >= 0),
    n_carer INTEGER NOT NULL DEFAULT 0 CHECK (n_carer >= 0),
    n_staff INTEGER NOT NULL DEFAULT 0 CHECK (n_staff >= 0),
    n_third_sector INTEGER NOT NULL DEFAULT 0 CHECK (n_third_sector >= 0),
    n_manager INTEGER NOT NULL DEFAULT 0 CHECK (n_manager >= 0),
    created_by_label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((kind = 'practice_audit') = (practice IS NOT NULL))
);
INSERT INTO practice_evidence_next (id, organisation_id, unit_id, kind, on_date, service, title, has_section, practice, looked_at, met, n_service_user, n_carer, n_staff, n_third_sector, n_manager, created_by_label, created_at)
    SELECT id, organisation_id, unit_id, kind, on_date, service, title, has_section, practice, looked_at, met, n_service_user, n_carer, n_staff, n_third_sector, n_manager, created_by_label, created_at FROM practice_evidence;
DROP TABLE practice_evidence;
ALTER TABLE practice_evidence_next RENAME TO practice_evidence;
CREATE INDEX practice_evidence_unit ON practice_evidence(unit_id, kind, on_date);
