-- A number that changes with every change to an organisation's row, read with the session on
-- every request, so an instance may keep the organisation's settings in memory and knows when
-- its copy is stale (another instance may have made the change).
--
-- A trigger rather than each writer: every UPDATE of the row counts, including ones added
-- later or made by hand, and a missed bump would show old settings until a restart. Bumped in
-- the writer's own transaction, so the number and the settings become visible together.
ALTER TABLE organisations ADD COLUMN settings_version BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION organisations_settings_version() RETURNS trigger AS $$
BEGIN
    NEW.settings_version := OLD.settings_version + 1;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER organisations_settings_version BEFORE UPDATE ON organisations
    FOR EACH ROW EXECUTE FUNCTION organisations_settings_version();
