-- A unit's self-assessment counts every suggestion the unit has had (tracked, closed, answered,
-- needing a forum decision, decided). Counted from indexes, those counts read no suggestion rows,
-- so the page costs about the same with ten years of history as with two.

-- Closed suggestions with a public response, for the "closed ones carry a response" measure.
CREATE INDEX suggestions_unit_answered ON suggestions(unit_id)
    WHERE closed_at IS NOT NULL AND public_response IS NOT NULL AND public_response <> '';
-- Developments that need a forum's decision.
CREATE INDEX suggestions_unit_forum ON suggestions(unit_id) WHERE needs_forum;
