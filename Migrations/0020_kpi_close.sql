-- KPI fiscal-year close and restatements (docs/kpi.md). Closing a fiscal year freezes its reported
-- figures (a copy of the stored counts at that moment); later recounts still update kpi_counts, but the
-- report shows the frozen figure and, where an admin recorded one, the latest restatement with its reason.

CREATE TABLE kpi_closes (
    fiscal_year integer PRIMARY KEY CHECK (fiscal_year BETWEEN 2000 AND 2100),
    closed_at timestamptz NOT NULL DEFAULT now(),
    closed_by uuid,
    id text GENERATED ALWAYS AS (fiscal_year::text) STORED UNIQUE
);

CREATE TABLE kpi_reported (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL REFERENCES kpi_closes (fiscal_year),
    count integer NOT NULL CHECK (count >= 0),
    id text GENERATED ALWAYS AS (code || '/' || fiscal_year::text) STORED UNIQUE,
    PRIMARY KEY (code, fiscal_year)
);

CREATE TABLE kpi_restatements (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL REFERENCES kpi_closes (fiscal_year),
    count integer NOT NULL CHECK (count BETWEEN 0 AND 100000000),
    reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
    restated_by uuid,
    restated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kpi_restatements_fy ON kpi_restatements (fiscal_year, code, id);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_closes
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_reported
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_restatements
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- kpi_at_risk notifications already published: one per KPI, fiscal year and forecast rating, so a
-- recount every few seconds does not repeat the alert; a further drop (★2 → ★1) alerts again.
CREATE TABLE kpi_alerts (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    forecast_rating smallint NOT NULL CHECK (forecast_rating BETWEEN 1 AND 5),
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, fiscal_year, forecast_rating)
);

-- Revenue ledger for self-funding (PROGRAMME.md): money the programme earns, per fiscal year.
CREATE TABLE revenue_entries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    kind text NOT NULL CHECK (kind IN ('yusa_membership_fee', 'success_fee', 'consulting_fee', 'sponsorship', 'exhibitor_fee')),
    amount_yen bigint NOT NULL CHECK (amount_yen BETWEEN 1 AND 1000000000000),
    counterparty text NOT NULL CHECK (char_length(counterparty) BETWEEN 1 AND 300),
    received_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revenue_entries_fy ON revenue_entries (fiscal_year, created_at, id);
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON revenue_entries
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('created_at');
