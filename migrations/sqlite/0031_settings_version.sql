-- A number that changes with every change to an organisation's row, read with the session on
-- every request, so an instance may keep the organisation's settings in memory and knows when
-- its copy is stale (another instance may have made the change).
--
-- A trigger rather than each writer: every UPDATE of the row counts, including ones added
-- later or made by hand, and a missed bump would show old settings until a restart. The WHEN
-- clause skips the trigger's own UPDATE (and any writer that sets the number itself).
ALTER TABLE organisations ADD COLUMN settings_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER organisations_settings_version AFTER UPDATE ON organisations
FOR EACH ROW WHEN NEW.settings_version = OLD.settings_version
BEGIN
    UPDATE organisations SET settings_version = OLD.settings_version + 1 WHERE id = NEW.id;
END;
