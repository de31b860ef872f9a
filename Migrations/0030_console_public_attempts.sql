-- The public registration pages' rate limit (docs/conventions.md, "Public registration"): one row per
-- form submission, keyed by the SHA-256 of the client address (so the table does not keep addresses),
-- kept only as long as the window it is counted in.
CREATE TABLE console_public_attempts (
    address_digest bytea NOT NULL CHECK (octet_length(address_digest) = 32),
    attempted_at timestamptz NOT NULL
);

CREATE INDEX console_public_attempts_address ON console_public_attempts (address_digest, attempted_at);
CREATE INDEX console_public_attempts_at ON console_public_attempts (attempted_at);
