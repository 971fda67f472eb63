-- What the model's pages read of an organisation's model (its practices, its version and its
-- assessment rounds) is held in memory beside its settings and units (0038), so a change to any
-- of them moves the organisation's settings version on, in the writer's transaction. Triggers,
-- for the same reason as 0031 and 0038: a change made by hand or by a later feature still makes
-- every instance read them again.
-- Any UPDATE of the organisation's row moves the number on (0031's trigger), so this one only
-- touches the row.
CREATE FUNCTION model_settings_version() RETURNS trigger AS $$
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

CREATE TRIGGER model_practices_settings_version AFTER INSERT OR UPDATE OR DELETE ON model_practices
    FOR EACH ROW EXECUTE FUNCTION model_settings_version();

CREATE TRIGGER model_changes_settings_version AFTER INSERT OR UPDATE OR DELETE ON model_changes
    FOR EACH ROW EXECUTE FUNCTION model_settings_version();

CREATE TRIGGER assessment_rounds_settings_version AFTER INSERT OR UPDATE OR DELETE ON assessment_rounds
    FOR EACH ROW EXECUTE FUNCTION model_settings_version();
