-- Issue 19 (the door): a write enqueues its KPI recount when its transaction commits, not when the row
-- changes, and only once per fiscal year and transaction.
--
-- Why: the recount's unique key (`kpi.recount:<fy>`) holds among waiting jobs only. Once a worker has
-- claimed the waiting recount, the next write inserts a new one, and every concurrent write's
-- `ON CONFLICT DO NOTHING` waits for that uncommitted row: a door full of check-ins queued behind one
-- check-in's whole transaction (its round trips included). As deferred constraint triggers, kpi_touch
-- runs at commit, so the uncommitted job row exists only for the last moment of its transaction, and the
-- others wait for that moment, not for the transaction. The trigger reads the rows as they were when
-- they changed (OLD/NEW), and the years from the tables as they are at commit, which is what the
-- recount will count.
--
-- Once per year and transaction: a check-in touches two rows (check_ins, registrations), an import
-- thousands; each touched year needs one enqueue per transaction. The years already enqueued are kept in
-- a transaction-local setting (undone with the transaction, like the job row).

CREATE OR REPLACE FUNCTION kpi_enqueue_recount(fy integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    done text := coalesce(current_setting('domino.kpi_enqueued', true), '');
BEGIN
    IF fy IS NULL OR fy NOT BETWEEN 2000 AND 2100 OR position(',' || fy::text || ',' IN done) > 0 THEN
        RETURN;
    END IF;
    PERFORM enqueue_job('kpi.recount', jsonb_build_object('fiscalYear', fy), 'default', 5::smallint,
                        'kpi.recount:' || fy::text, 20);
    PERFORM set_config('domino.kpi_enqueued', CASE WHEN done = '' THEN ',' ELSE done END || fy::text || ',', true);
END
$$;

DO $$
DECLARE
    t record;
BEGIN
    FOR t IN
        SELECT c.relname, pg_get_triggerdef(g.oid) AS definition
        FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE g.tgname = 'kpi_touch' AND NOT g.tgisinternal
          AND g.tgfoid = 'kpi_touch()'::regprocedure AND (g.tgtype & 1) = 1  -- row-level
    LOOP
        EXECUTE format('DROP TRIGGER kpi_touch ON %I', t.relname);
        EXECUTE format('CREATE CONSTRAINT TRIGGER kpi_touch AFTER %s ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION kpi_touch()',
                       substring(t.definition FROM 'AFTER (.*) ON '), t.relname);
    END LOOP;
END
$$;
