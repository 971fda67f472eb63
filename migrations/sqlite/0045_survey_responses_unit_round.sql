-- A unit's self-assessment counts the answers to the Friends and Family Test given on the unit
-- in the last quarter. With each answer's round in the unit's index, that count checks the
-- round against the few Friends and Family rounds from the index alone, instead of reading
-- every answer of the quarter from the table behind it.
DROP INDEX survey_responses_unit;
CREATE INDEX survey_responses_unit ON survey_responses(unit_id, week_of, round_id);
