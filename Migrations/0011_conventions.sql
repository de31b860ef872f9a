-- Conventions module (issue 6): programme events, their sessions, participants, registrations with
-- capacity and waitlist, and check-ins at the door or online. KPI ③ and ④ count from these tables.
-- Invariants that hold whoever asks are CHECKs here; who may do what lives in ConventionService.

-- Universities that participants study or work at. `in_yokohama` is true when the university has a
-- campus in Yokohama City (a campus, not its head office, decides: Keio's Hiyoshi and Yagami campuses
-- are in Kohoku-ku). The list and its sources are in docs/conventions.md.
CREATE TABLE universities (
    id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{2,40}$'),
    name_ja text NOT NULL CHECK (char_length(name_ja) BETWEEN 1 AND 200),
    name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
    in_yokohama boolean NOT NULL,
    -- The campus and ward in Yokohama, or the city elsewhere.
    campus text NOT NULL CHECK (char_length(campus) BETWEEN 1 AND 300),
    country text NOT NULL DEFAULT 'JP' CHECK (country ~ '^[A-Z]{2}$')
);

INSERT INTO universities (id, name_ja, name_en, in_yokohama, campus, country) VALUES
    ('ynu', '横浜国立大学', 'Yokohama National University', true, 'Tokiwadai, Hodogaya-ku', 'JP'),
    ('ycu', '横浜市立大学', 'Yokohama City University', true, 'Kanazawa-hakkei, Kanazawa-ku; Tsurumi, Tsurumi-ku', 'JP'),
    ('kanagawa_u', '神奈川大学', 'Kanagawa University', true, 'Yokohama campus, Kanagawa-ku; Minatomirai campus, Nishi-ku', 'JP'),
    ('kanto_gakuin', '関東学院大学', 'Kanto Gakuin University', true, 'Kanazawa-hakkei, Kanazawa-ku; Kannai, Naka-ku', 'JP'),
    ('tsurumi_u', '鶴見大学', 'Tsurumi University', true, 'Tsurumi-ku', 'JP'),
    ('ferris', 'フェリス女学院大学', 'Ferris University', true, 'Ryokuen, Izumi-ku; Yamate, Naka-ku', 'JP'),
    ('toin', '桐蔭横浜大学', 'Toin University of Yokohama', true, 'Aoba-ku', 'JP'),
    ('ycc', '横浜商科大学', 'Yokohama College of Commerce', true, 'Tsurumi-ku', 'JP'),
    ('tcu_yokohama', '東京都市大学', 'Tokyo City University', true, 'Yokohama campus, Tsuzuki-ku', 'JP'),
    ('keio', '慶應義塾大学', 'Keio University', true, 'Hiyoshi and Yagami campuses, Kohoku-ku', 'JP'),
    ('science_tokyo', '東京科学大学', 'Institute of Science Tokyo', true, 'Suzukakedai campus, Midori-ku', 'JP'),
    ('meiji_gakuin', '明治学院大学', 'Meiji Gakuin University', true, 'Yokohama campus, Totsuka-ku', 'JP'),
    ('yokohama_pharma', '横浜薬科大学', 'Yokohama University of Pharmacy', true, 'Totsuka-ku', 'JP'),
    ('toyo_eiwa', '東洋英和女学院大学', 'Toyo Eiwa University', true, 'Yokohama campus, Midori-ku', 'JP'),
    ('utokyo', '東京大学', 'The University of Tokyo', false, 'Bunkyo-ku, Tokyo', 'JP'),
    ('waseda', '早稲田大学', 'Waseda University', false, 'Shinjuku-ku, Tokyo', 'JP'),
    ('kait', '神奈川工科大学', 'Kanagawa Institute of Technology', false, 'Atsugi, Kanagawa', 'JP'),
    ('dut', 'ダナン大学工科大学', 'The University of Danang - University of Science and Technology', false, 'Da Nang', 'VN'),
    ('chula', 'チュラロンコン大学', 'Chulalongkorn University', false, 'Bangkok', 'TH'),
    ('usc_cebu', 'サンカルロス大学', 'University of San Carlos', false, 'Cebu City', 'PH');

CREATE TABLE events (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind text NOT NULL CHECK (kind IN ('convention', 'workshop', 'seminar')),
    title_ja text CHECK (char_length(title_ja) BETWEEN 1 AND 300),
    title_en text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    -- Follows from starts_at in Asia/Tokyo (DomainKit.FiscalYear); stored so KPI counts can index it.
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    venue text CHECK (char_length(venue) BETWEEN 1 AND 300),
    format text NOT NULL CHECK (format IN ('in_person', 'online', 'hybrid')),
    -- A capacity exists exactly for the ways of attending the format offers.
    in_person_capacity integer CHECK (in_person_capacity BETWEEN 0 AND 100000),
    online_capacity integer CHECK (online_capacity BETWEEN 0 AND 100000),
    registration_opens_at timestamptz,
    registration_closes_at timestamptz,
    organizer_user_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(organizer_user_ids) <= 20),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (title_ja IS NOT NULL OR title_en IS NOT NULL),
    CHECK (ends_at > starts_at),
    CHECK ((in_person_capacity IS NOT NULL) = (format <> 'online')),
    CHECK ((online_capacity IS NOT NULL) = (format <> 'in_person')),
    CHECK (registration_closes_at IS NULL OR registration_opens_at IS NULL OR registration_closes_at > registration_opens_at)
);
CREATE INDEX events_page ON events (created_at, id);
CREATE INDEX events_fiscal_year ON events (fiscal_year, kind);
CREATE INDEX events_organizers ON events USING gin (organizer_user_ids);

CREATE TABLE event_sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    type text NOT NULL CHECK (type IN ('keynote', 'panel', 'student_presentation', 'exhibition', 'business_meetings')),
    title_ja text CHECK (char_length(title_ja) BETWEEN 1 AND 300),
    title_en text CHECK (char_length(title_en) BETWEEN 1 AND 300),
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    room text CHECK (char_length(room) BETWEEN 1 AND 200),
    url text CHECK (char_length(url) <= 500 AND url ~ '^https?://'),
    speakers text[] NOT NULL DEFAULT '{}' CHECK (cardinality(speakers) <= 50),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (title_ja IS NOT NULL OR title_en IS NOT NULL),
    CHECK (ends_at > starts_at)
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, starts_at, id);

-- A person, once across all events: deduplicated by lower(email). Erasure (APPI) clears the personal
-- columns and keeps sector, role, country and university, so past attendance counts stay the same.
CREATE TABLE participants (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name_ja text CHECK (char_length(name_ja) BETWEEN 1 AND 200),
    name_en text CHECK (char_length(name_en) BETWEEN 1 AND 200),
    email text CHECK (char_length(email) BETWEEN 3 AND 254 AND email ~ '^[^@\s]+@[^@\s]+$'),
    organisation text CHECK (char_length(organisation) BETWEEN 1 AND 300),
    country text CHECK (country ~ '^[A-Z]{2}$'),
    sector text NOT NULL CHECK (sector IN ('industry', 'academia', 'government')),
    role text NOT NULL CHECK (role IN ('overseas_company', 'facility_owner', 'power_distributor', 'local_company', 'student',
        'researcher', 'faculty', 'city_official', 'national_government', 'international_organisation', 'other')),
    university_id text REFERENCES universities (id),
    consent_share_contact boolean NOT NULL DEFAULT false,
    erased_at timestamptz,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (university_id IS NULL OR sector = 'academia'),
    CHECK (erased_at IS NOT NULL OR (email IS NOT NULL AND (name_ja IS NOT NULL OR name_en IS NOT NULL))),
    CHECK (erased_at IS NULL OR (email IS NULL AND name_ja IS NULL AND name_en IS NULL AND organisation IS NULL
        AND NOT consent_share_contact))
);
-- Erased rows have no email, and NULLs never collide.
CREATE UNIQUE INDEX participants_email ON participants ((lower(email)));

CREATE TABLE registrations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    participant_id uuid NOT NULL REFERENCES participants (id),
    attendance text NOT NULL CHECK (attendance IN ('in_person', 'online')),
    status text NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled', 'attended', 'no_show')),
    -- The door code (QR payload): six characters from an alphabet without look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B).
    code text NOT NULL CHECK (code ~ '^[ACDEFGHJKMNPQRTUVWXY34679]{6}$'),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, participant_id),
    UNIQUE (event_id, code)
);
-- Seats taken and the waitlist's order (created_at, id) per event and way of attending.
CREATE INDEX registrations_seats ON registrations (event_id, attendance, status, created_at, id);
CREATE INDEX registrations_page ON registrations (event_id, created_at, id);
CREATE INDEX registrations_participant ON registrations (participant_id);

CREATE TABLE check_ins (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id uuid NOT NULL REFERENCES events (id),
    registration_id uuid NOT NULL REFERENCES registrations (id),
    -- NULL: the check-in is for the whole day rather than one session.
    session_id uuid REFERENCES event_sessions (id),
    -- The day in Japan time (an event may run several days).
    day date NOT NULL,
    attendance text NOT NULL CHECK (attendance IN ('in_person', 'online')),
    method text NOT NULL CHECK (method IN ('code', 'search', 'zoom', 'teams')),
    checked_in_at timestamptz NOT NULL,
    -- Minutes in the online room, from a Zoom or Teams report.
    duration_minutes integer CHECK (duration_minutes BETWEEN 0 AND 100000),
    checked_in_by uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    -- One check-in per person, day and session (or day): a second scan finds the first.
    UNIQUE NULLS NOT DISTINCT (registration_id, day, session_id)
);
CREATE INDEX check_ins_event ON check_ins (event_id, day);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON universities
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON event_sessions
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON participants
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON registrations
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON check_ins
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('created_at');
