-- "I forgot my password" by e-mail (reset29): a link /password-reset/{token} mailed to the account's address.
-- Only the SHA-256 digest of the 32 random bytes is stored, as for auth_tokens. A link works once, until
-- expires_at (1 hour for a reset); a new request deletes the user's older unused links. used_at is kept for
-- support ("the link was already used").
CREATE TABLE password_reset_tokens (
    token_digest bytea PRIMARY KEY CHECK (octet_length(token_digest) = 32),
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose text NOT NULL CHECK (purpose IN ('reset', 'invitation')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    used_at timestamptz
);
CREATE INDEX password_reset_tokens_user ON password_reset_tokens (user_id, created_at);

-- Every request for a link, known address or not, under two keys ("account:" + email, "address:" + client
-- address), so that a few requests per account and per source an hour are answered with a mail and the rest
-- with the same page and none. Rows older than an hour are pruned with the login attempts.
CREATE TABLE password_reset_requests (
    key text NOT NULL,
    requested_at timestamptz NOT NULL
);
CREATE INDEX password_reset_requests_key ON password_reset_requests (key, requested_at);

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('registration_confirmation', 'waitlist_promotion', 'event_reminder', 'registration_cancelled', 'organizer_message',
                    'password_reset'));
