-- Issue 19 (the door): a check-in's event is checked through its registration, so a check-in no longer
-- locks its event's row.
--
-- Why: a foreign key's check takes `FOR KEY SHARE` on the referenced row. Every check-in at an event
-- referenced the same `events` row, so during a busy door 32 transactions at once held a share lock on
-- one tuple: each new locker made PostgreSQL build a new multixact holding every current locker, dirty
-- the event's heap page and write a WAL record for the lock, under the page's exclusive content lock.
-- In the benchmark's warm run that check took 0.15 ms per check-in against 0.014 ms for the same check on
-- the person's own registration row (pg_stat_statements, docs/benchmarks.md).
--
-- How: `check_ins (registration_id, event_id)` references `registrations (id, event_id)`, one check on
-- the registration's row, which no other check-in locks. It says more than the two keys it replaces: a
-- check-in's event is its registration's event (always true of the rows the service writes), and the
-- event exists because the registration's own foreign key to `events` holds. Deleting an event still
-- fails while it has check-ins (their registrations block it, and the check-ins block those).
ALTER TABLE registrations ADD CONSTRAINT registrations_id_event_id_key UNIQUE (id, event_id);
ALTER TABLE check_ins
    ADD CONSTRAINT check_ins_registration_event_fkey FOREIGN KEY (registration_id, event_id) REFERENCES registrations (id, event_id),
    DROP CONSTRAINT check_ins_registration_id_fkey,
    DROP CONSTRAINT check_ins_event_id_fkey;
