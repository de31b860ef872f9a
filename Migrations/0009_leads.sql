-- Coordinators module (issue 5, "Leads"): leads (案件) with their needs, stage history, consortium
-- (companies and local partners), activities with next actions, and the knowledge base. Invariants
-- that do not depend on who is asking are CHECK constraints here; who may do what, the allowed stage
-- transitions and the owner's capacity live in CoordinatorService (docs/leads.md).

CREATE TABLE leads (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 300),
    city_id uuid NOT NULL REFERENCES overseas_cities (id),
    source_channel text NOT NULL CHECK (source_channel IN ('liaison_base', 'policy_dialogue', 'convention', 'inquiry')),
    source_reference text CHECK (char_length(source_reference) <= 300),
    -- The base that brought the lead; its liaison staff may read it.
    source_liaison_base_id uuid REFERENCES liaison_bases (id),
    owner_coordinator_id uuid NOT NULL REFERENCES coordinators (id),
    estimated_value_yen bigint CHECK (estimated_value_yen >= 0),
    expected_close_on date,
    -- The current stage, so that a transition is one conditional UPDATE; when and why it was entered
    -- is the latest row of lead_stage_history.
    stage text NOT NULL DEFAULT 'lead' CHECK (stage IN
        ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'commercialized', 'lost', 'on_hold')),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (source_liaison_base_id IS NULL OR source_channel = 'liaison_base')
);
CREATE INDEX leads_page ON leads (created_at, id);
CREATE INDEX leads_owner_stage ON leads (owner_coordinator_id, stage);
CREATE INDEX leads_city ON leads (city_id);
CREATE INDEX leads_source_base ON leads (source_liaison_base_id) WHERE source_liaison_base_id IS NOT NULL;

CREATE TABLE lead_needs (
    lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    need_id uuid NOT NULL REFERENCES city_needs (id),
    -- The audit trigger names rows by `id`; this one is the pair.
    id text GENERATED ALWAYS AS (lead_id::text || '/' || need_id::text) STORED,
    PRIMARY KEY (lead_id, need_id)
);
CREATE INDEX lead_needs_need ON lead_needs (need_id);

-- Append-only: every stage a lead entered, who moved it and why. The first row (from_stage NULL) is
-- the creation. KPI ① reads "commercialised at" as the latest row with to_stage = 'commercialized'.
CREATE TABLE lead_stage_history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    from_stage text CHECK (from_stage IN
        ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'commercialized', 'lost', 'on_hold')),
    to_stage text NOT NULL CHECK (to_stage IN
        ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'commercialized', 'lost', 'on_hold')),
    reason text CHECK (char_length(reason) <= 2000),
    note text CHECK (char_length(note) <= 2000),
    changed_by uuid REFERENCES users (id),
    changed_at timestamptz NOT NULL DEFAULT now(),
    -- Why a lead was lost or put on hold; only then.
    CHECK ((to_stage IN ('lost', 'on_hold')) = (reason IS NOT NULL))
);
CREATE INDEX lead_stage_history_lead ON lead_stage_history (lead_id, id);
CREATE INDEX lead_stage_history_to_stage ON lead_stage_history (to_stage, changed_at);

CREATE TABLE lead_companies (
    lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    company_id uuid NOT NULL REFERENCES companies (id),
    role text NOT NULL CHECK (role IN ('prime', 'partner', 'supplier')),
    added_at timestamptz NOT NULL DEFAULT now(),
    id text GENERATED ALWAYS AS (lead_id::text || '/' || company_id::text) STORED,
    UNIQUE (lead_id, company_id)
);
CREATE INDEX lead_companies_company ON lead_companies (company_id);

CREATE TABLE lead_local_partners (
    lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    local_partner_id uuid NOT NULL REFERENCES local_partner_companies (id),
    added_at timestamptz NOT NULL DEFAULT now(),
    id text GENERATED ALWAYS AS (lead_id::text || '/' || local_partner_id::text) STORED,
    UNIQUE (lead_id, local_partner_id)
);

CREATE TABLE lead_activities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    lead_id uuid NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('meeting', 'site_visit', 'web_meeting', 'workshop', 'call', 'email', 'report')),
    occurred_on date NOT NULL,
    participants text[] NOT NULL DEFAULT '{}' CHECK (cardinality(participants) <= 50),
    notes text CHECK (char_length(notes) <= 20000),
    next_action text CHECK (char_length(next_action) <= 1000),
    next_action_due_on date,
    next_action_done boolean NOT NULL DEFAULT false,
    created_by uuid REFERENCES users (id),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (next_action_due_on IS NULL OR next_action IS NOT NULL)
);
CREATE INDEX lead_activities_lead ON lead_activities (lead_id, created_at, id);
CREATE INDEX lead_activities_open_actions ON lead_activities (next_action_due_on)
    WHERE next_action IS NOT NULL AND NOT next_action_done;

CREATE TABLE knowledge_notes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    author_coordinator_id uuid NOT NULL REFERENCES coordinators (id),
    title_ja text CHECK (char_length(title_ja) BETWEEN 1 AND 300),
    title_en text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    body_ja text CHECK (char_length(body_ja) <= 20000),
    body_en text CHECK (char_length(body_en) <= 20000),
    taxonomy_codes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(taxonomy_codes) <= 50),
    countries text[] NOT NULL DEFAULT '{}' CHECK (cardinality(countries) <= 250),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    search_text text GENERATED ALWAYS AS (lower(
        coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
        || coalesce(body_ja, '') || ' ' || coalesce(body_en, ''))) STORED,
    CHECK (title_ja IS NOT NULL OR title_en IS NOT NULL)
);
CREATE INDEX knowledge_notes_page ON knowledge_notes (created_at, id);
CREATE INDEX knowledge_notes_taxonomy ON knowledge_notes USING gin (taxonomy_codes);
CREATE INDEX knowledge_notes_text_trgm ON knowledge_notes USING gin (search_text gin_trgm_ops);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON leads
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON lead_needs
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON lead_stage_history
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON lead_companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('added_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON lead_local_partners
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('added_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON lead_activities
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON knowledge_notes
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at', 'search_text');
