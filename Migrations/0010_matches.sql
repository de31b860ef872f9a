-- Matches module (issue 5): the change feed that keeps every process's matching index current,
-- coordinators' pins and exclusions per need, and business-match records with their status history.

-- Every write to a company, its technologies or its track records appends the company's id here, in
-- the same transaction. Each process's matching index reads the rows after the last one it has seen
-- before it ranks, so a committed edit is in the very next ranking of every process, with no restart
-- and no listener to lose notifications while it reconnects.
CREATE TABLE matching_company_changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id uuid NOT NULL,
    -- The writing transaction: a reader re-reads every change whose transaction was still running
    -- when it last looked (xid >= that snapshot's xmin), because identity values are handed out at
    -- insert time while commits happen in any order.
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matching_company_changes_xid ON matching_company_changes (xid);
-- The number of changes of a company is its version for the index: it only grows, and a snapshot that
-- sees more of them is newer, so an older read never overwrites a newer one.
CREATE INDEX matching_company_changes_company ON matching_company_changes (company_id);

CREATE FUNCTION matching_note_company_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Separate statements per table: PL/pgSQL resolves NEW.company_id only where it runs, and the
    -- companies row has no such column.
    IF TG_TABLE_NAME = 'companies' THEN
        IF TG_OP = 'DELETE' THEN
            INSERT INTO matching_company_changes (company_id) VALUES (OLD.id);
        ELSE
            INSERT INTO matching_company_changes (company_id) VALUES (NEW.id);
        END IF;
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO matching_company_changes (company_id) VALUES (OLD.company_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF TG_OP = 'INSERT' OR OLD.company_id <> NEW.company_id THEN
            INSERT INTO matching_company_changes (company_id) VALUES (NEW.company_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER matching_change AFTER INSERT OR UPDATE OR DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();
CREATE TRIGGER matching_change AFTER INSERT OR UPDATE OR DELETE ON company_technologies
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();
CREATE TRIGGER matching_change AFTER INSERT OR UPDATE OR DELETE ON company_track_records
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();

-- A coordinator's decision about one company for one need: pinned to the top, or excluded, with why.
CREATE TABLE need_company_decisions (
    need_id uuid NOT NULL REFERENCES city_needs (id),
    company_id uuid NOT NULL REFERENCES companies (id),
    decision text NOT NULL CHECK (decision IN ('pinned', 'excluded')),
    reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    decided_by uuid,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The audit trigger records the row's id; the pair is the natural key, so give it one.
    id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    PRIMARY KEY (need_id, company_id)
);

-- A business match: a company introduced to a need, a lead, or a city counterpart.
CREATE TABLE matches (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id),
    need_id uuid REFERENCES city_needs (id),
    -- The lead (Coordinators module, migration 0009). No foreign key yet: that table is built on
    -- another branch; the constraint is added when both are merged.
    lead_id uuid,
    city_id uuid REFERENCES overseas_cities (id),
    counterpart_kind text CHECK (counterpart_kind IN ('city_government', 'local_partner')),
    local_partner_id uuid REFERENCES local_partner_companies (id),
    channel text NOT NULL CHECK (channel IN ('liaison_base', 'convention', 'coordinator', 'direct')),
    liaison_base_id uuid REFERENCES liaison_bases (id),
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN (
        'proposed', 'introduced', 'meeting_held', 'negotiating', 'won', 'commercialized', 'declined', 'withdrawn')),
    -- Set when the record was made from a suggestion: the matcher's version and score parts then.
    algorithm_version text CHECK (char_length(algorithm_version) <= 100),
    score_parts jsonb,
    notes text CHECK (char_length(notes) <= 20000),
    created_by uuid,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (need_id IS NOT NULL OR lead_id IS NOT NULL OR city_id IS NOT NULL),
    CHECK ((channel = 'liaison_base') = (liaison_base_id IS NOT NULL)),
    CHECK ((counterpart_kind = 'local_partner') = (local_partner_id IS NOT NULL))
);
CREATE INDEX matches_page ON matches (created_at, id);
CREATE INDEX matches_company ON matches (company_id, created_at, id);
CREATE INDEX matches_need ON matches (need_id);
-- The same company and lead never have two live records; declined and withdrawn ones are history.
CREATE UNIQUE INDEX matches_live_company_lead ON matches (company_id, lead_id)
    WHERE lead_id IS NOT NULL AND status NOT IN ('declined', 'withdrawn');

CREATE TABLE match_status_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    match_id uuid NOT NULL REFERENCES matches (id),
    from_status text,
    to_status text NOT NULL,
    occurred_on date NOT NULL,
    actor_user_id uuid,
    note text CHECK (char_length(note) <= 2000),
    recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_status_history_match ON match_status_history (match_id, id);

-- Won and commercialised matches are track records made on the platform: the matcher counts them.
CREATE TRIGGER matching_change AFTER INSERT OR UPDATE OR DELETE ON matches
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON need_company_decisions
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON matches
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON match_status_history
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('recorded_at');
