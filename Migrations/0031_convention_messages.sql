-- Issue 15's further messages (docs/conventions.md "E-mail to participants"): the reminder the day
-- before, the confirmation of a cancellation made through the signed link, and an organizer's message
-- to a segment of an event's registrations.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('registration_confirmation', 'waitlist_promotion', 'event_reminder', 'registration_cancelled', 'organizer_message'));

-- When the reminder went into the outbox: set in the transaction that enqueues it, so a rerun of the
-- daily job (or a second worker) never reminds anyone twice.
ALTER TABLE registrations ADD COLUMN reminder_sent_at timestamptz;
CREATE INDEX registrations_reminder_due ON registrations (event_id) WHERE status = 'registered' AND reminder_sent_at IS NULL;
