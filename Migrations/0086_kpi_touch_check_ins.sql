-- Issue 19 (the door): a check-in enqueues its KPI recount through a trigger of its own, one look-up of
-- its event's fiscal year, instead of the general `kpi_touch`.
--
-- Why: `kpi_touch` serves nine tables. For a check-in it turned OLD/NEW into jsonb (`to_jsonb`), built
-- arrays of rows and years, read the year back out of the jsonb, and ran a second statement to
-- de-duplicate the years (`SELECT DISTINCT unnest(years)`) before `kpi_enqueue_recount`: three SPI
-- statements and two jsonb documents per check-in, at every commit of the door (migration 0047).
--
-- The same years as before: the fiscal year of the new row's event (insert, update) and of the old
-- row's event (update, delete), each enqueued at most once per transaction by `kpi_enqueue_recount`,
-- which also skips a NULL year (an event that no longer exists). Still a deferred constraint trigger on
-- every insert, update and delete of `check_ins`, run at commit.
CREATE FUNCTION kpi_touch_check_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM kpi_enqueue_recount((SELECT e.fiscal_year FROM published_events e WHERE e.id = NEW.event_id));
    END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM kpi_enqueue_recount((SELECT e.fiscal_year FROM published_events e WHERE e.id = OLD.event_id));
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER kpi_touch ON check_ins;
CREATE CONSTRAINT TRIGGER kpi_touch AFTER INSERT OR DELETE OR UPDATE ON check_ins
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_touch_check_ins();
