-- What the model's pages read of an organisation's model (its practices, its version and its
-- assessment rounds) is held in memory beside its settings and units (0038), so a change to any
-- of them moves the organisation's settings version on, in the writer's transaction. Triggers,
-- for the same reason as 0031 and 0038: a change made by hand or by a later feature still makes
-- every instance read them again.

CREATE TRIGGER model_practices_settings_version_insert AFTER INSERT ON model_practices
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = NEW.organisation_id;
END;

CREATE TRIGGER model_practices_settings_version_update AFTER UPDATE ON model_practices
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
END;

CREATE TRIGGER model_practices_settings_version_delete AFTER DELETE ON model_practices
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = OLD.organisation_id;
END;

CREATE TRIGGER model_changes_settings_version_insert AFTER INSERT ON model_changes
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = NEW.organisation_id;
END;

CREATE TRIGGER model_changes_settings_version_update AFTER UPDATE ON model_changes
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
END;

CREATE TRIGGER model_changes_settings_version_delete AFTER DELETE ON model_changes
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = OLD.organisation_id;
END;

CREATE TRIGGER assessment_rounds_settings_version_insert AFTER INSERT ON assessment_rounds
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = NEW.organisation_id;
END;

CREATE TRIGGER assessment_rounds_settings_version_update AFTER UPDATE ON assessment_rounds
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
END;

CREATE TRIGGER assessment_rounds_settings_version_delete AFTER DELETE ON assessment_rounds
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = OLD.organisation_id;
END;
