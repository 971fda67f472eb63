-- An organisation's suggestion statuses label every list and board of suggestions, so they
-- are held in memory beside its settings, units and model (0038, 0040): a change to any of
-- them moves the organisation's settings version on, in the writer's transaction. Triggers,
-- for the same reason as there: a status changed by hand still makes every instance read
-- them again.
CREATE TRIGGER feedback_statuses_settings_version_insert AFTER INSERT ON feedback_statuses
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = NEW.organisation_id;
END;

CREATE TRIGGER feedback_statuses_settings_version_update AFTER UPDATE ON feedback_statuses
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id IN (OLD.organisation_id, NEW.organisation_id);
END;

CREATE TRIGGER feedback_statuses_settings_version_delete AFTER DELETE ON feedback_statuses
FOR EACH ROW
BEGIN
    UPDATE organisations SET settings_version = settings_version + 1
    WHERE id = OLD.organisation_id;
END;
