-- The web console's browser sessions (docs/console.md). The cookie carries a session token that
-- AccountService.login issued, so the token's own expiry, revocation and the user's disabled flag
-- keep applying; this table adds what a browser needs and a bearer client does not: an idle
-- deadline and a CSRF secret. Keyed by the token's SHA-256, so the database never holds the token.
CREATE TABLE console_sessions (
    token_digest bytea PRIMARY KEY CHECK (octet_length(token_digest) = 32),
    csrf_token text NOT NULL CHECK (length(csrf_token) = 48),
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    CHECK (last_seen_at >= created_at AND expires_at > created_at)
);

-- Expired rows are deleted by expiry time.
CREATE INDEX console_sessions_expires_at ON console_sessions (expires_at);
