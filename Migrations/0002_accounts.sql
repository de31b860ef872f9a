-- Accounts: users and their roles, bearer tokens (login sessions and API keys), login throttling,
-- the audit log of who changed what, and the records behind POST Idempotency-Key replay.

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- Stored lowercased, so uniqueness is case-insensitive without citext.
    email text NOT NULL CONSTRAINT users_email_key UNIQUE
        CONSTRAINT users_email_lowercase CHECK (email = lower(email))
        CONSTRAINT users_email_shape CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' AND length(email) <= 254),
    display_name text NOT NULL
        CONSTRAINT users_display_name_present CHECK (btrim(display_name) <> '' AND char_length(display_name) <= 200),
    role text NOT NULL
        CONSTRAINT users_role_known CHECK (role IN ('admin', 'coordinator', 'organizer', 'company', 'liaison', 'viewer')),
    -- No foreign keys yet: companies and liaison_bases arrive with the Companies and Cities migrations,
    -- which add `REFERENCES` to these two columns.
    company_id uuid,
    liaison_base_id uuid,
    -- A company user is bound to exactly one company, a liaison to one base; nobody else is bound.
    CONSTRAINT users_company_binding CHECK ((role = 'company') = (company_id IS NOT NULL)),
    CONSTRAINT users_liaison_binding CHECK ((role = 'liaison') = (liaison_base_id IS NOT NULL)),
    -- bcrypt (pgcrypto crypt/gen_salt('bf', 12)) over the hex SHA-256 of the UTF-8 password.
    password_hash text NOT NULL CONSTRAINT users_password_hash_bcrypt CHECK (password_hash LIKE '$2a$%'),
    disabled boolean NOT NULL DEFAULT false,
    -- The row version behind ETag / If-Match; every update increments it.
    version integer NOT NULL DEFAULT 1 CONSTRAINT users_version_positive CHECK (version >= 1),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
-- The paging order of the user list.
CREATE INDEX users_created_at_id ON users (created_at, id);
CREATE INDEX users_role ON users (role);

CREATE TABLE auth_tokens (
    -- sha256 of the token's random bytes; the token itself is never stored.
    token_digest bytea PRIMARY KEY CONSTRAINT auth_tokens_digest_length CHECK (length(token_digest) = 32),
    -- A handle for listing and revoking API keys without exposing the digest.
    id uuid NOT NULL DEFAULT gen_random_uuid() CONSTRAINT auth_tokens_id_key UNIQUE,
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind text NOT NULL CONSTRAINT auth_tokens_kind_known CHECK (kind IN ('session', 'api_key')),
    name text,
    scopes text[],
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    last_used_at timestamptz,
    -- Sessions always expire and carry everything their role allows; API keys are named and scoped.
    CONSTRAINT auth_tokens_session_shape CHECK (kind <> 'session' OR (expires_at IS NOT NULL AND scopes IS NULL AND name IS NULL)),
    CONSTRAINT auth_tokens_api_key_shape CHECK (kind <> 'api_key' OR (name IS NOT NULL AND scopes IS NOT NULL))
);
CREATE INDEX auth_tokens_user_kind ON auth_tokens (user_id, kind) WHERE revoked_at IS NULL;

CREATE TABLE login_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- 'account:<lowercased email>' or 'address:<client address>'; unknown emails are throttled alike.
    key text NOT NULL,
    attempted_at timestamptz NOT NULL,
    succeeded boolean NOT NULL
);
CREATE INDEX login_attempts_key_attempted_at ON login_attempts (key, attempted_at);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    -- NULL for the system itself (the CLI bootstrap). No foreign key: the log outlives what it names.
    actor_user_id uuid,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id text NOT NULL,
    -- Names of the changed fields and their new values; never passwords or tokens.
    changes jsonb NOT NULL DEFAULT '{}',
    request_id text
);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- POST Idempotency-Key replay (kept 24 h): the first request stores its response; a retry with the same
-- key and the same request hash gets that response again, and a different request hash gets 422.
CREATE TABLE idempotency_keys (
    user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key text NOT NULL CONSTRAINT idempotency_keys_key_length CHECK (char_length(key) BETWEEN 1 AND 255),
    -- Hex SHA-256 of method, path and body.
    request_hash text NOT NULL,
    -- NULL while the first request is still running.
    status integer,
    response_body bytea,
    headers jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
