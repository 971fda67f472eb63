-- A unit's assessment page charts its level progress at every closed round. With the level and
-- status in the index beside the round, those counts are read from the index alone, in round
-- order, rather than from one table row per practice per round (ten years of quarterly rounds
-- is 40 rounds of 32 practices a unit). The practice is last so the two snapshots the page
-- compares (`model::snapshots_for_unit`) are read from the index too. It replaces the index on
-- (unit_id, round_id), which is its prefix.
CREATE INDEX round_snapshots_unit_levels ON round_snapshots(unit_id, round_id, level, status, practice_id);
DROP INDEX round_snapshots_unit;
