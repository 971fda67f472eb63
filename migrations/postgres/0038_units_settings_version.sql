-- An organisation's units are held in memory beside its settings (most pages name them in a
-- filter or a label), so a change to any of its units moves the organisation's settings
-- version on, in the writer's transaction, exactly as a change to its own row does (0031).
-- A trigger rather than the use cases, for the same reason as there: a unit added by hand or
-- by a later feature still makes every instance read the units again. Any UPDATE of the
-- organisation's row moves the number on (0031's trigger), so this one only touches the row.
CREATE FUNCTION units_settings_version() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        UPDATE organisations SET settings_version = settings_version
        WHERE id = OLD.organisation_id;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.organisation_id <> OLD.organisation_id) THEN
        UPDATE organisations SET settings_version = settings_version
        WHERE id = NEW.organisation_id;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER units_settings_version AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH ROW EXECUTE FUNCTION units_settings_version();
