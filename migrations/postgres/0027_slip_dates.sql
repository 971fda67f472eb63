-- A paper slip's response clock starts on the day it was found in the box, not when it was
-- typed in. `found_at` is the start of that day (UTC milliseconds, written by the application
-- in the organisation's time zone); NULL for every other channel, whose clock starts at
-- `received_at`. Slips typed in before this migration get midnight UTC of their day, within an
-- hour of the local start of day.
ALTER TABLE suggestions ADD COLUMN found_at BIGINT;
UPDATE suggestions
   SET found_at = LEAST(received_at, CAST(EXTRACT(EPOCH FROM CAST(found_on AS DATE)) AS BIGINT) * 1000)
 WHERE found_on IS NOT NULL;
