-- A unit's progress over time charts every closed round: ten years of quarterly rounds is 40
-- rounds of 32 practices. Each closed round's counts per level are written once, when the round
-- closes (`cairn_db::model::close_round`, in the same transaction as its snapshot), so the
-- chart reads one row a round. A snapshot never changes after its round closes, so neither does
-- its row here. Counts only: nothing here is about a person.
CREATE TABLE unit_round_levels (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    round_id INTEGER NOT NULL REFERENCES assessment_rounds(id),
    -- Per level 1 to 3: practices in place, not applicable, planned or in progress, and all.
    i1 INTEGER NOT NULL, n1 INTEGER NOT NULL, a1 INTEGER NOT NULL, t1 INTEGER NOT NULL,
    i2 INTEGER NOT NULL, n2 INTEGER NOT NULL, a2 INTEGER NOT NULL, t2 INTEGER NOT NULL,
    i3 INTEGER NOT NULL, n3 INTEGER NOT NULL, a3 INTEGER NOT NULL, t3 INTEGER NOT NULL,
    PRIMARY KEY (unit_id, round_id)
);
-- Rounds already closed: the same sums `close_round` writes (`model::LEVEL_SUMS`).
INSERT INTO unit_round_levels (unit_id, round_id, i1, n1, a1, t1, i2, n2, a2, t2, i3, n3, a3, t3)
SELECT unit_id, round_id,
    SUM(CASE WHEN level = 1 AND status = 'in_place' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 1 AND status = 'not_applicable' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 1 AND status IN ('planned', 'in_progress') THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 1 THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 2 AND status = 'in_place' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 2 AND status = 'not_applicable' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 2 AND status IN ('planned', 'in_progress') THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 2 THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 3 AND status = 'in_place' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 3 AND status = 'not_applicable' THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 3 AND status IN ('planned', 'in_progress') THEN 1 ELSE 0 END),
    SUM(CASE WHEN level = 3 THEN 1 ELSE 0 END)
FROM round_snapshots GROUP BY unit_id, round_id;
