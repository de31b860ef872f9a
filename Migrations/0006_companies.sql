-- Companies module (issue 5): Yokohama companies, their decarbonization technologies and their track
-- records abroad. Invariants that do not depend on who is asking live here as CHECK constraints; who
-- may write and see what lives in CompanyService.

-- 法人番号: the leading digit is a check digit over the 12-digit base (National Tax Agency rule):
-- 9 − (Σ P_n × Q_n mod 9), P_n the n-th digit from the right, Q_n 1 for odd n and 2 for even n.
CREATE FUNCTION corporate_number_is_valid(number text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN number !~ '^[1-9][0-9]{12}$' THEN false
        ELSE substr(number, 1, 1)::integer = 9 - (
            SELECT sum(substr(number, 14 - n, 1)::integer * CASE WHEN n % 2 = 1 THEN 1 ELSE 2 END)
            FROM generate_series(1, 12) AS n) % 9
    END
$$;

CREATE TABLE companies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name_ja text CHECK (char_length(name_ja) BETWEEN 1 AND 300),
    name_en text CHECK (char_length(name_en) BETWEEN 1 AND 300),
    corporate_number text UNIQUE CHECK (corporate_number ~ '^[1-9][0-9]{12}$' AND corporate_number_is_valid(corporate_number)),
    address text CHECK (char_length(address) <= 300),
    municipality text CHECK (char_length(municipality) <= 300),
    in_yokohama boolean NOT NULL DEFAULT false,
    size text NOT NULL CHECK (size IN ('sme', 'large')),
    yusa_member_since date,
    yusa_tier text CHECK (char_length(yusa_tier) <= 100),
    website text CHECK (char_length(website) <= 300),
    languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 50),
    countries_with_experience text[] NOT NULL DEFAULT '{}' CHECK (cardinality(countries_with_experience) <= 250),
    showcase_opt_in boolean NOT NULL DEFAULT false,
    archived boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (name_ja IS NOT NULL OR name_en IS NOT NULL),
    -- A tier without membership means nothing.
    CHECK (yusa_tier IS NULL OR yusa_member_since IS NOT NULL)
);
CREATE INDEX companies_page ON companies (created_at, id);
CREATE INDEX companies_names_trgm ON companies
    USING gin ((lower(coalesce(name_ja, '') || ' ' || coalesce(name_en, ''))) gin_trgm_ops);

CREATE TABLE company_technologies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id),
    title_ja text CHECK (char_length(title_ja) BETWEEN 1 AND 300),
    title_en text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    description_ja text CHECK (char_length(description_ja) <= 20000),
    description_en text CHECK (char_length(description_en) <= 20000),
    -- Known codes are checked by the service against `taxonomy` (an array cannot carry a foreign key).
    taxonomy_codes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(taxonomy_codes) <= 50),
    maturity text NOT NULL CHECK (maturity IN ('concept', 'pilot', 'commercial')),
    disclosure text NOT NULL CHECK (disclosure IN ('public', 'partners', 'coordinators')),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (title_ja IS NOT NULL OR title_en IS NOT NULL)
);
CREATE INDEX company_technologies_company ON company_technologies (company_id, created_at, id);
CREATE INDEX company_technologies_taxonomy ON company_technologies USING gin (taxonomy_codes);

CREATE TABLE company_track_records (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    company_id uuid NOT NULL REFERENCES companies (id),
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    city text CHECK (char_length(city) <= 300),
    year integer CHECK (year BETWEEN 1900 AND 2100),
    client text CHECK (char_length(client) <= 300),
    summary text CHECK (char_length(summary) <= 20000),
    link text CHECK (char_length(link) <= 300),
    disclosure text NOT NULL CHECK (disclosure IN ('public', 'partners', 'coordinators')),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX company_track_records_company ON company_track_records (company_id, created_at, id);
CREATE INDEX company_track_records_country ON company_track_records (country);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON company_technologies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON company_track_records
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
