-- An organisation's units are held in memory beside its settings (most pages name them in a
-- filter or a label), so a change to any of its units moves the organisation's settings
-- version on, in the writer's transaction, exactly as a change to its own row does (0031).
-- Triggers rather than the use cases, for the same reason as there: a unit added by hand or
-- by a later feature still makes every instance read the units again.
CREATE TRIGGER units_settings_version_insert AFTER INSERT ON units
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = NEW.organisation_id;
END;

CREATE TRIGGER units_settings_version_update AFTER UPDATE ON units
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
END;

CREATE TRIGGER units_settings_version_delete AFTER DELETE ON units
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = OLD.organisation_id;
END;
