-- The outbox forgets whom it wrote to (ops35; docs/operations.md "Mail relay", "Retention"). A finished message (sent,
-- bounced, failed) keeps its recipient, subject, bodies, images and the relay's replies for
-- `MailOutbox.retention` (90 days) after it finished: the mail log is an operations tool to see what was sent and what
-- bounced recently. Then the nightly accounts.prune clears them and stamps when and why ('retention'); a participant's
-- erasure clears their messages at once ('erasure'). What stays: the kind, the reference, the state, the attempts and
-- their codes and dates, and the dealt-with mark (without its note, which often names the address). A message still
-- being delivered (pending) is never cleared. The CHECK keeps both sides honest: a message not cleared has its
-- recipient, subject and text; a cleared one is finished and holds none of them.
ALTER TABLE mail_outbox
    ALTER COLUMN recipient DROP NOT NULL,
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN text_body DROP NOT NULL,
    ADD COLUMN cleared_at timestamptz,
    ADD COLUMN cleared_because text CHECK (cleared_because IN ('retention', 'erasure')),
    ADD CONSTRAINT mail_outbox_cleared CHECK (CASE WHEN cleared_at IS NULL
        THEN recipient IS NOT NULL AND subject IS NOT NULL AND text_body IS NOT NULL AND cleared_because IS NULL
        ELSE recipient IS NULL AND subject IS NULL AND text_body IS NULL AND html_body IS NULL AND images = '[]'::jsonb
             AND last_reply IS NULL AND dealt_with_note IS NULL AND cleared_because IS NOT NULL AND state <> 'pending' END);
-- The nightly look-up: finished messages still holding their recipient, by when they finished.
CREATE INDEX mail_outbox_to_clear ON mail_outbox (finished_at) WHERE cleared_at IS NULL AND state <> 'pending';
