-- What waits on an administrator's home, cleared by a mark (mail33). Undelivered mail marked as dealt with (Mail module,
-- docs/operations.md "Mail relay"): an administrator who has done what a
-- bounce or a failed delivery asks (corrected the address with the organizer, told the person another way) marks the
-- message, with who, when (the programme clock, written by the Mail module) and an optional short note. The
-- administrator's home counts only the undelivered mail nobody has marked. Only a final undelivered message can carry
-- the mark (a failed or bounced message never becomes pending again: the delivery job sends only pending rows).
ALTER TABLE mail_outbox
    ADD COLUMN dealt_with_at timestamptz,
    ADD COLUMN dealt_with_by uuid,
    ADD COLUMN dealt_with_note text CHECK (char_length(dealt_with_note) BETWEEN 1 AND 500),
    ADD CONSTRAINT mail_outbox_dealt_with_check CHECK (
        (dealt_with_at IS NULL) = (dealt_with_by IS NULL)
        AND (dealt_with_at IS NOT NULL OR dealt_with_note IS NULL)
        AND (dealt_with_at IS NULL OR state IN ('bounced', 'failed')));
-- What the home counts and the log's "not dealt with" filter lists, newest first.
CREATE INDEX mail_outbox_undelivered_open ON mail_outbox (state, id) WHERE dealt_with_at IS NULL AND state IN ('bounced', 'failed');

-- Jobs module (docs/jobs.md, "Dismissing a discarded job"): a job that stopped for good (discarded) dismissed by an administrator who has dealt with it and will not retry it,
-- with who and when (the programme clock, written by JobAdmin); the home counts only discarded jobs not dismissed.
-- A retry clears the mark (JobAdminStore.retry): the job lives again, and if it stops for good again, it is news.
ALTER TABLE jobs
    ADD COLUMN dismissed_at timestamptz,
    ADD COLUMN dismissed_by uuid,
    ADD CONSTRAINT jobs_dismissed_check CHECK ((dismissed_at IS NULL) = (dismissed_by IS NULL) AND (dismissed_at IS NULL OR state = 'discarded'));
