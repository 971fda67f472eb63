-- Recent kiosk posts by the sender's address, for a per-address limit below the kiosk's own:
-- a few junk posts from one place must not use up a ward's kiosk for everyone. The address is
-- kept only as a hash, with the minute of the post and nothing that points at the suggestion
-- (kiosk suggestions may be anonymous), and rows older than the window are deleted as new
-- posts come in.
CREATE TABLE kiosk_address_posts (
    kiosk_id BIGINT NOT NULL REFERENCES kiosks(id),
    address_hash TEXT NOT NULL,
    posted_minute BIGINT NOT NULL
);
CREATE INDEX kiosk_address_posts_by_kiosk ON kiosk_address_posts (kiosk_id, address_hash);
