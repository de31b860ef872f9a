-- Issue 19 (the door): a registration's update enqueues a KPI recount only when it changes what the KPIs
-- read of it. The counts read a registration through `published_attendance` (migration 0059): its id,
-- its event and its participant, joined to the check-ins; never its status, code, attendance mode or
-- version. So the door's `UPDATE registrations SET status = 'attended'` (one per check-in) no longer runs
-- `kpi_touch` at commit: the check-in's own row already touches the year. An insert or delete still
-- touches it, as does a change of participant (a merge of two people) or of event.
DROP TRIGGER kpi_touch ON registrations;
CREATE CONSTRAINT TRIGGER kpi_touch AFTER INSERT OR DELETE OR UPDATE OF participant_id, event_id ON registrations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_touch();
