-- The benefits guard can hold as well as warn. A person may choose that a claim which would take
-- their income past their own limit is paid only up to it; the rest is paid in the next period
-- ('later', as a new claim dated then), as vouchers ('vouchers', which still count as income) or
-- not at all ('none'). Off by default: the guard warns only, as before.
ALTER TABLE payment_profiles ADD COLUMN hold_at_limit BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE payment_profiles ADD COLUMN over_limit TEXT CHECK (over_limit IN ('later', 'vouchers', 'none'));

-- The example earnings limits for 2025/26 ended on 5 April 2026: date any copy stored without
-- its end, so they are no longer offered once that day has passed.
UPDATE limit_presets SET valid_to = '2026-04-05'
WHERE example AND valid_to IS NULL AND valid_from = '2025-04-07';
