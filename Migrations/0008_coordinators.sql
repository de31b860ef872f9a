-- Coordinators module (issues 4 and 5): the profiles of the programme's coordinators. A profile is
-- linked to one user account (coordinator or admin role, checked by the service against Accounts);
-- expertise is taxonomy codes (checked by the service, an array cannot carry a foreign key).

CREATE TABLE coordinators (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL UNIQUE REFERENCES users (id),
    display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 200),
    expertise_codes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(expertise_codes) <= 50),
    languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 50),
    countries text[] NOT NULL DEFAULT '{}' CHECK (cardinality(countries) <= 250),
    former_employer text CHECK (char_length(former_employer) <= 300),
    -- A senior (OB) coordinator: retired from a company, bringing its know-how.
    senior boolean NOT NULL DEFAULT false,
    -- How many active leads (stages lead … won) the coordinator may own at once.
    capacity integer NOT NULL DEFAULT 10 CHECK (capacity BETWEEN 0 AND 1000),
    active boolean NOT NULL DEFAULT true,
    notes text CHECK (char_length(notes) <= 20000),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coordinators_page ON coordinators (created_at, id);
CREATE INDEX coordinators_expertise ON coordinators USING gin (expertise_codes);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON coordinators
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
