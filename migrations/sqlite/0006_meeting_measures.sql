-- The live measures on a unit's self-assessment count the unit's recent meetings by kind and
-- by start time; these indexes let each count read only that unit's recent rows.
CREATE INDEX meetings_unit_kind_starts ON meetings(unit_id, kind, starts_at);
CREATE INDEX meetings_unit_starts ON meetings(unit_id, starts_at);
