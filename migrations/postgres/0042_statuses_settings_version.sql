-- An organisation's suggestion statuses label every list and board of suggestions, so they
-- are held in memory beside its settings, units and model (0038, 0040): a change to any of
-- them moves the organisation's settings version on, in the writer's transaction. Triggers,
-- for the same reason as there: a status changed by hand still makes every instance read
-- them again.
--
-- 0038 and 0040 each wrote the same function for their tables; all of them now share one,
-- named for what it does rather than for the first table that used it. As there, any UPDATE
-- of the organisation's row moves the number on (0031's trigger), so it only touches the row.
CREATE FUNCTION organisation_settings_moved() RETURNS trigger AS $$
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

DROP TRIGGER units_settings_version ON units;
DROP TRIGGER model_practices_settings_version ON model_practices;
DROP TRIGGER model_changes_settings_version ON model_changes;
DROP TRIGGER assessment_rounds_settings_version ON assessment_rounds;
DROP FUNCTION units_settings_version();
DROP FUNCTION model_settings_version();

CREATE TRIGGER units_settings_version AFTER INSERT OR UPDATE OR DELETE ON units
    FOR EACH ROW EXECUTE FUNCTION organisation_settings_moved();

CREATE TRIGGER model_practices_settings_version AFTER INSERT OR UPDATE OR DELETE ON model_practices
    FOR EACH ROW EXECUTE FUNCTION organisation_settings_moved();

CREATE TRIGGER model_changes_settings_version AFTER INSERT OR UPDATE OR DELETE ON model_changes
    FOR EACH ROW EXECUTE FUNCTION organisation_settings_moved();

CREATE TRIGGER assessment_rounds_settings_version AFTER INSERT OR UPDATE OR DELETE ON assessment_rounds
    FOR EACH ROW EXECUTE FUNCTION organisation_settings_moved();

CREATE TRIGGER feedback_statuses_settings_version AFTER INSERT OR UPDATE OR DELETE ON feedback_statuses
    FOR EACH ROW EXECUTE FUNCTION organisation_settings_moved();
