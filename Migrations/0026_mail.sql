-- Mail module (issue 15, docs/conventions.md "E-mail", docs/operations.md "Mail relay").
-- mail_outbox: one row per message, inserted in the transaction of the change that causes it (a
-- registration, a waitlist promotion), with its delivery job (0013): a rolled-back change sends
-- nothing. The row keeps what the message says, not its MIME bytes: the job renders it with the
-- Message-ID and Date fixed here, so every attempt sends the very same message.
-- mail_delivery_attempts: the delivery log, one row per conversation with the relay and its reply.

CREATE TABLE mail_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The left side of the Message-ID (RFC 5322 §3.6.4); unique, so enqueueing one message twice is a no-op.
    message_id uuid NOT NULL UNIQUE,
    kind text NOT NULL CHECK (kind IN ('registration_confirmation', 'waitlist_promotion')),
    recipient text NOT NULL CHECK (octet_length(recipient) BETWEEN 3 AND 254),
    subject text NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 500),
    text_body text NOT NULL CHECK (octet_length(text_body) <= 262144),
    html_body text CHECK (octet_length(html_body) <= 262144),
    -- [{"name", "filename", "png": base64}] shown inline by the HTML part.
    images jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(images) = 'array' AND octet_length(images::text) <= 1048576),
    reference text CHECK (char_length(reference) <= 200),
    -- The Date header: the programme clock when the causing change happened.
    written_at timestamptz NOT NULL,
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'bounced', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_reply text CHECK (char_length(last_reply) <= 2000),
    created_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    CHECK ((state = 'pending') = (finished_at IS NULL))
);
CREATE INDEX mail_outbox_reference ON mail_outbox (reference) WHERE reference IS NOT NULL;
CREATE INDEX mail_outbox_state ON mail_outbox (state, id);

CREATE TABLE mail_delivery_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    outbox_id bigint NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    attempt integer NOT NULL CHECK (attempt >= 1),
    -- sent: 250 after DATA; deferred: a 4yz reply or a broken conversation (retried);
    -- bounced: a 5yz reply (permanent, not retried).
    outcome text NOT NULL CHECK (outcome IN ('sent', 'deferred', 'bounced')),
    reply_code integer CHECK (reply_code BETWEEN 200 AND 599),
    reply text NOT NULL CHECK (char_length(reply) <= 2000),
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mail_delivery_attempts_outbox ON mail_delivery_attempts (outbox_id, id);
