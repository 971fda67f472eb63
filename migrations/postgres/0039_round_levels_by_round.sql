-- The service-wide view compares every unit with the baseline, and the board pack charts the
-- whole service round by round: both read one closed round's rows of `unit_round_levels`
-- (migration 0037), which the table's key (unit, round) cannot find without reading it all.
CREATE INDEX unit_round_levels_round ON unit_round_levels(round_id, unit_id);
