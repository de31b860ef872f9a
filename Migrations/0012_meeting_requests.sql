-- Business meetings at a convention (issue 6): a participant asks to meet a company; the company (or a
-- coordinator) accepts or declines. An accepted request will create a business-match record with
-- channel `convention` in the Matches module; until that is wired, business_match_id stays NULL.
CREATE TABLE meeting_requests (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    participant_id uuid NOT NULL REFERENCES participants (id),
    company_id uuid NOT NULL REFERENCES companies (id),
    message text CHECK (char_length(message) BETWEEN 1 AND 2000),
    status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'accepted', 'declined')),
    decided_at timestamptz,
    decided_by uuid,
    -- The Matches module's record; its foreign key is added when that table exists.
    business_match_id uuid,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, participant_id, company_id),
    CHECK ((status = 'requested') = (decided_at IS NULL))
);
CREATE INDEX meeting_requests_event ON meeting_requests (event_id, created_at, id);
CREATE INDEX meeting_requests_company ON meeting_requests (company_id, created_at, id);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON meeting_requests
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
