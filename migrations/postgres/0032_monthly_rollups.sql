-- Monthly roll-ups of held meetings, so the representation report and the reports' meeting
-- measures read one row per group and month instead of every meeting in the period.
--
-- A row is a cell: an organisation, a local month (the meetings' `month`) and a group, with the
-- group's unit (fixed when the group is made, so one per cell). It holds the sums over the
-- cell's meetings that have attendance recorded and are not cancelled, exactly as those reports
-- summed them from `meetings`, and exists only while there is at least one such meeting. Every
-- write to a meeting's counted columns recomputes its cell from `meetings` in the same
-- transaction (`cairn_db::reports::rollups`). Counts only: nothing here names a person.
CREATE TABLE meeting_month_rollups (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    month TEXT NOT NULL,
    group_id BIGINT NOT NULL REFERENCES meeting_groups(id),
    unit_id BIGINT REFERENCES units(id),
    -- Meetings held, of them those that met their rule and those with the service-user and
    -- carer item on the agenda.
    meetings BIGINT NOT NULL CHECK (meetings > 0),
    met BIGINT NOT NULL,
    issues BIGINT NOT NULL,
    -- Attendances by the constituency recorded with each meeting's attendance, and others.
    n_service_user BIGINT NOT NULL,
    n_carer BIGINT NOT NULL,
    n_staff BIGINT NOT NULL,
    n_third_sector BIGINT NOT NULL,
    n_manager BIGINT NOT NULL,
    others_count BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, month, group_id)
);
CREATE INDEX meeting_month_rollups_unit ON meeting_month_rollups(unit_id, month);

-- A cell is recomputed from its group's meetings of one month.
CREATE INDEX meetings_group_month ON meetings(group_id, month);

-- Existing meetings: the same sums the refresh writes, for every cell at once.
INSERT INTO meeting_month_rollups (organisation_id, month, group_id, unit_id, meetings, met, issues,
    n_service_user, n_carer, n_staff, n_third_sector, n_manager, others_count)
SELECT organisation_id, month, group_id, MIN(unit_id), COUNT(*),
    SUM(CASE WHEN representation_met THEN 1 ELSE 0 END), SUM(CASE WHEN issues_item THEN 1 ELSE 0 END),
    SUM(n_service_user), SUM(n_carer), SUM(n_staff), SUM(n_third_sector), SUM(n_manager), SUM(others_count)
FROM meetings
WHERE attended_at IS NOT NULL AND cancelled_at IS NULL
GROUP BY organisation_id, month, group_id;
