-- Evidence for the practices Cairn cannot otherwise see, one row per record on a unit: an
-- advocate's visit (L1.11), a community or stigma-reduction event with who took part by
-- constituency (L3.07), a report or paper and whether it had a service-user or carer
-- perspective section (L1.06), or a sampled audit of care plans or planning meetings (L1.07,
-- L2.09, L3.03: how many were looked at and how many met the practice). Counts and dates only:
-- never the names of people seen, never a clinical record.
CREATE TABLE practice_evidence (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    unit_id INTEGER NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('advocate_visit', 'community_event', 'perspective_paper', 'practice_audit')),
    on_date TEXT NOT NULL,
    service TEXT,
    title TEXT,
    has_section BOOLEAN NOT NULL DEFAULT FALSE,
    practice TEXT CHECK (practice IS NULL OR practice IN ('L1.07', 'L2.09', 'L3.03')),
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
CREATE INDEX practice_evidence_unit ON practice_evidence(unit_id, kind, on_date);
