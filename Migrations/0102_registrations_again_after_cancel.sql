-- A person who cancelled may register again for the same event (ux12; docs/conventions.md, "One person,
-- one registration per event"). Before, `UNIQUE (event_id, participant_id)` kept the cancelled row as
-- the person's only possible registration, so registering again on the public page ended on the
-- thank-you page with nothing written and no message (the address was "already registered").
--
-- Now the rule is one registration *still in force* per person and event: a cancelled registration stays
-- as it was (its door code stays refused at the door, the audit trail keeps it) and a new one is made with
-- a new code, a seat or the waitlist by the usual rules. Registering takes the event's row lock first, so
-- the check that finds no live registration and the insert cannot race; the index is the backstop.
ALTER TABLE registrations DROP CONSTRAINT registrations_event_id_participant_id_key;
CREATE UNIQUE INDEX registrations_one_live_per_person ON registrations (event_id, participant_id) WHERE status <> 'cancelled';
