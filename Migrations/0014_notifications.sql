-- Notifications module (issue 7): Slack and Microsoft Teams incoming webhooks and generic signed
-- webhooks that receive programme events, with a delivery log. Delivery is a job (0013).
-- Endpoint URLs (Slack's and Teams' carry their credential) and webhook signing secrets are stored
-- encrypted with pgcrypto (pgp_sym_encrypt) under the server's DOMINO_SECRETS_KEY; the API shows URLs
-- masked and a signing secret once, when it is created.

CREATE TABLE notification_endpoints (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    channel text NOT NULL CHECK (channel IN ('slack', 'teams', 'webhook')),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    url_encrypted bytea NOT NULL,
    url_masked text NOT NULL CHECK (char_length(url_masked) <= 300),
    secret_encrypted bytea,
    events text[] NOT NULL CHECK (cardinality(events) BETWEEN 1 AND 5 AND events <@ ARRAY[
        'lead_stage_changed', 'match_introduced', 'kpi_at_risk', 'overdue_digest', 'participant_checked_in']),
    enabled boolean NOT NULL DEFAULT true,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Generic webhooks are signed; chat webhooks authenticate by their URL.
    CHECK ((channel = 'webhook') = (secret_encrypted IS NOT NULL))
);
CREATE INDEX notification_endpoints_page ON notification_endpoints (created_at, id);
CREATE INDEX notification_endpoints_events ON notification_endpoints USING gin (events) WHERE enabled;

CREATE TABLE notification_deliveries (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id uuid NOT NULL REFERENCES notification_endpoints (id),
    event text NOT NULL CHECK (char_length(event) <= 100),
    event_id uuid NOT NULL,
    -- The exact bytes sent (and signed).
    body text NOT NULL CHECK (octet_length(body) <= 65536),
    state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_status integer,
    last_error text CHECK (char_length(last_error) <= 2000),
    job_id bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    CHECK ((state = 'delivered') = (delivered_at IS NOT NULL)),
    UNIQUE (endpoint_id, event_id)
);
CREATE INDEX notification_deliveries_endpoint ON notification_deliveries (endpoint_id, id);

-- Administrators' changes are audited; the encrypted columns never reach the audit log.
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON notification_endpoints
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at', 'url_encrypted', 'secret_encrypted');
-- Deliveries are written by workers many times; a redelivery asked by an admin is audited. Linking
-- a delivery to its job (job_id) is bookkeeping, left out so a publish inside an audited domain
-- transaction adds no audit entry.
CREATE TRIGGER audit AFTER UPDATE ON notification_deliveries
    FOR EACH ROW WHEN (coalesce(current_setting('domino.actor', true), '') <> '')
    EXECUTE FUNCTION audit_row_change('body', 'job_id');
