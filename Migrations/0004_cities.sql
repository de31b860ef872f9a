-- Cities module (issue 4): overseas cities with their MOUs and zero-carbon declarations, policy
-- dialogues, overseas liaison bases, city needs (現地ニーズ) and local partner companies.
-- Invariants that do not depend on who is asking live here as CHECK constraints; who may write what
-- lives in CityService.

CREATE TABLE overseas_cities (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name_ja text NOT NULL CHECK (char_length(name_ja) BETWEEN 1 AND 300),
    name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 300),
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    region text CHECK (char_length(region) <= 300),
    population bigint CHECK (population >= 0),
    relationship text NOT NULL CHECK (relationship IN ('mou_partner', 'prospect', 'other')),
    mou_date date,
    mou_scope text CHECK (char_length(mou_scope) <= 20000),
    -- A declaration is often known only by its year; the exact day is kept when it is known.
    zero_carbon_declared_year integer CHECK (zero_carbon_declared_year BETWEEN 1990 AND 2100),
    zero_carbon_declared_on date,
    zero_carbon_target_year integer CHECK (zero_carbon_target_year BETWEEN 2000 AND 2100),
    policy_targets text CHECK (char_length(policy_targets) <= 20000),
    notes text CHECK (char_length(notes) <= 20000),
    archived boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- The natural key: demo data upserts by it, and two rows for one city would split its needs.
    UNIQUE (country, name_en),
    CHECK (zero_carbon_declared_on IS NULL
        OR extract(year FROM zero_carbon_declared_on) = zero_carbon_declared_year)
);
CREATE INDEX overseas_cities_page ON overseas_cities (created_at, id);
CREATE INDEX overseas_cities_names_trgm ON overseas_cities
    USING gin ((lower(name_ja || ' ' || name_en)) gin_trgm_ops);

CREATE TABLE policy_dialogues (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    city_id uuid NOT NULL REFERENCES overseas_cities (id),
    held_on date NOT NULL,
    participants text[] NOT NULL DEFAULT '{}' CHECK (cardinality(participants) <= 50),
    topics text[] NOT NULL DEFAULT '{}' CHECK (cardinality(topics) <= 50),
    outcomes text CHECK (char_length(outcomes) <= 20000),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_dialogues_page ON policy_dialogues (city_id, created_at, id);

CREATE TABLE liaison_bases (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 300),
    operator_name text NOT NULL CHECK (char_length(operator_name) BETWEEN 1 AND 300),
    -- The operating company in the Companies module. No foreign key yet: that table arrives with the
    -- Companies migration, which adds the constraint.
    company_id uuid,
    city_id uuid NOT NULL REFERENCES overseas_cities (id),
    -- Copied from the city on every write by the service, so that filters need no join.
    country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    kind text NOT NULL CHECK (kind IN ('company_liaison_office', 'yokohama_overseas_office')),
    active_from date,
    active_until date,
    contact_name text CHECK (char_length(contact_name) <= 300),
    contact_email text CHECK (char_length(contact_email) <= 300),
    contact_phone text CHECK (char_length(contact_phone) <= 50),
    notes text CHECK (char_length(notes) <= 20000),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (active_until IS NULL OR active_from IS NULL OR active_until >= active_from)
);
CREATE INDEX liaison_bases_page ON liaison_bases (created_at, id);
CREATE INDEX liaison_bases_city ON liaison_bases (city_id);

CREATE TABLE city_needs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    city_id uuid NOT NULL REFERENCES overseas_cities (id),
    title_ja text CHECK (char_length(title_ja) BETWEEN 1 AND 300),
    title_en text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    description_ja text CHECK (char_length(description_ja) <= 20000),
    description_en text CHECK (char_length(description_en) <= 20000),
    -- Known codes are checked by the service against `taxonomy` (an array cannot carry a foreign key).
    taxonomy_codes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(taxonomy_codes) <= 50),
    sector text CHECK (char_length(sector) <= 300),
    source text NOT NULL CHECK (source IN ('liaison_base', 'policy_dialogue', 'convention', 'inquiry')),
    source_reference text CHECK (char_length(source_reference) <= 300),
    source_liaison_base_id uuid REFERENCES liaison_bases (id),
    budget_min_yen bigint CHECK (budget_min_yen >= 0),
    budget_max_yen bigint CHECK (budget_max_yen >= 0),
    timeframe text CHECK (char_length(timeframe) <= 300),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
    -- The user who reported it; the foreign key to users arrives with the Accounts module.
    reported_by uuid,
    reported_at timestamptz NOT NULL DEFAULT now(),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Lower-cased text of both languages, for substring search (trigram index below).
    search_text text GENERATED ALWAYS AS (lower(
        coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
        || coalesce(description_ja, '') || ' ' || coalesce(description_en, ''))) STORED,
    CHECK (title_ja IS NOT NULL OR title_en IS NOT NULL),
    CHECK (budget_min_yen IS NULL OR budget_max_yen IS NULL OR budget_min_yen <= budget_max_yen)
);
CREATE INDEX city_needs_page ON city_needs (created_at, id);
CREATE INDEX city_needs_city ON city_needs (city_id, created_at, id);
CREATE INDEX city_needs_taxonomy ON city_needs USING gin (taxonomy_codes);
CREATE INDEX city_needs_text_trgm ON city_needs USING gin (search_text gin_trgm_ops);

CREATE TABLE local_partner_companies (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    city_id uuid NOT NULL REFERENCES overseas_cities (id),
    name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
    sector text CHECK (char_length(sector) <= 300),
    contact text CHECK (char_length(contact) <= 300),
    notes text CHECK (char_length(notes) <= 20000),
    -- Set when a liaison base reported the partner, so its staff see their own records.
    reported_by_liaison_base_id uuid REFERENCES liaison_bases (id),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (city_id, name)
);
CREATE INDEX local_partner_companies_page ON local_partner_companies (city_id, created_at, id);
