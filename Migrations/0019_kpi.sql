-- KPI module (issue 7): the four programme KPIs counted from their source records, per Japanese fiscal
-- year (April 1 – March 31, Asia/Tokyo). `kpi_records` is the one definition of what counts: the
-- stored counts, the records behind a number and the tests all read it. Every write that can change a
-- count enqueues a recount of the fiscal year it touches, in the writer's transaction (row triggers
-- below), so imports and every future code path are covered; a nightly job recounts every year.

-- The fiscal year a moment or a day belongs to: FY2024 is 2024-04-01 00:00 JST to 2025-03-31 24:00 JST.
CREATE FUNCTION fiscal_year_of(moment timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT extract(year FROM (moment AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer
$$;
CREATE FUNCTION fiscal_year_of(day date) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT extract(year FROM day - interval '3 months')::integer
$$;

CREATE TABLE kpi_definitions (
    code text PRIMARY KEY,
    number integer NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 4),
    name_ja text NOT NULL,
    name_en text NOT NULL,
    unit text NOT NULL CHECK (unit IN ('cases', 'people'))
);
INSERT INTO kpi_definitions VALUES
    ('commercializations', 1, '脱炭素専門人材を通じた事業化件数', 'Commercialisations through decarbonization coordinators', 'cases'),
    ('liaison_matches', 2, '海外連携拠点を通じたビジネスマッチング件数', 'Business matches through overseas liaison bases', 'cases'),
    ('convention_participants', 3, '脱炭素コンベンションの参加者数', 'Participants in the decarbonization convention', 'people'),
    ('yokohama_students', 4, '次世代国際人材育成に向けた市内大学学生の参加者数', 'Students of universities in Yokohama taking part', 'people');

-- Targets are data: the plan's FY2023–FY2025, and whatever an administrator sets for later years.
CREATE TABLE kpi_targets (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    target integer NOT NULL CHECK (target BETWEEN 0 AND 1000000),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    id text GENERATED ALWAYS AS (code || '/' || fiscal_year::text) STORED,
    PRIMARY KEY (code, fiscal_year)
);
INSERT INTO kpi_targets (code, fiscal_year, target) VALUES
    ('commercializations', 2023, 3), ('commercializations', 2024, 4), ('commercializations', 2025, 5),
    ('liaison_matches', 2023, 10), ('liaison_matches', 2024, 20), ('liaison_matches', 2025, 30),
    ('convention_participants', 2023, 50), ('convention_participants', 2024, 100), ('convention_participants', 2025, 150),
    ('yokohama_students', 2023, 20), ('yokohama_students', 2024, 30), ('yokohama_students', 2025, 50);

-- The rating thresholds on r = count ÷ plan to date (★4, ★3, ★2; below ★2 is ★1), one row.
CREATE TABLE kpi_settings (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    above_plan numeric NOT NULL DEFAULT 1.10,
    on_plan numeric NOT NULL DEFAULT 0.90,
    below_plan numeric NOT NULL DEFAULT 0.70,
    programme_start_year integer NOT NULL DEFAULT 2023,
    CHECK (above_plan > on_plan AND on_plan > below_plan AND below_plan > 0)
);
INSERT INTO kpi_settings DEFAULT VALUES;

-- What counts, record by record. People are participants (one row per email): distinct per event.
CREATE VIEW kpi_records AS
    -- ① leads now commercialised with an owner coordinator, in the year they (most recently) became so.
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.changed_at) AS fiscal_year,
           l.id::text AS record_id, l.title AS label, h.changed_at AS occurred_at
    FROM leads l
    JOIN LATERAL (SELECT changed_at FROM lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY changed_at DESC, id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    -- ② matches through a liaison base that reached `introduced` or later, in the year of the
    -- introduction; a later decline or withdrawal does not undo it.
    SELECT 'liaison_matches', fiscal_year_of(h.occurred_on), m.id::text, 'match ' || m.id::text, h.occurred_on::timestamp AT TIME ZONE 'Asia/Tokyo'
    FROM matches m
    JOIN LATERAL (SELECT occurred_on FROM match_status_history
                  WHERE match_id = m.id AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')
                  ORDER BY id LIMIT 1) h ON true
    WHERE m.channel = 'liaison_base'
    UNION ALL
    -- ③ distinct people who attended each convention (a check-in in person or online), summed.
    SELECT 'convention_participants', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           coalesce(e.title_en, e.title_ja), min(c.checked_in_at)
    FROM events e JOIN check_ins c ON c.event_id = e.id JOIN registrations r ON r.id = c.registration_id
    WHERE e.kind = 'convention'
    GROUP BY e.id, r.participant_id
    UNION ALL
    -- ④ distinct attending students of universities in Yokohama, per programme event, summed.
    SELECT 'yokohama_students', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           coalesce(e.title_en, e.title_ja), min(c.checked_in_at)
    FROM events e JOIN check_ins c ON c.event_id = e.id JOIN registrations r ON r.id = c.registration_id
    JOIN participants p ON p.id = r.participant_id JOIN universities u ON u.id = p.university_id
    WHERE p.role = 'student' AND u.in_yokohama
    GROUP BY e.id, r.participant_id;

-- The counts as last recounted, and every recount kept (the history of the figures as reported).
CREATE TABLE kpi_counts (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL,
    count integer NOT NULL CHECK (count >= 0),
    recounted_at timestamptz NOT NULL,
    PRIMARY KEY (code, fiscal_year)
);
CREATE TABLE kpi_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL,
    count integer NOT NULL,
    taken_at timestamptz NOT NULL
);
CREATE INDEX kpi_snapshots_year ON kpi_snapshots (fiscal_year, code, taken_at);

CREATE FUNCTION kpi_recount(year integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at)
    SELECT d.code, year, coalesce(n.count, 0), clock_timestamp()
    FROM kpi_definitions d
    LEFT JOIN (SELECT code, count(*)::integer AS count FROM kpi_records WHERE fiscal_year = year GROUP BY code) n USING (code)
    ON CONFLICT (code, fiscal_year) DO UPDATE SET count = EXCLUDED.count, recounted_at = EXCLUDED.recounted_at;
    INSERT INTO kpi_snapshots (code, fiscal_year, count, taken_at)
    SELECT code, fiscal_year, count, recounted_at FROM kpi_counts WHERE fiscal_year = year;
$$;

-- A recount job for `year`, exactly as JobQueue.enqueue writes one: a waiting job with the same key
-- makes this a no-op, so a burst of writes collapses into one recount.
CREATE FUNCTION kpi_enqueue_recount(year integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF year IS NULL THEN RETURN; END IF;
    INSERT INTO jobs (kind, payload, max_attempts, unique_key)
    VALUES ('kpi.recount', jsonb_build_object('fiscalYear', year), 20, 'kpi.recount:' || year)
    ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING;
    PERFORM pg_notify('domino_jobs', 'default');
END
$$;

CREATE FUNCTION kpi_after_lead_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_enqueue_recount(fiscal_year_of(NEW.changed_at));
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER INSERT ON lead_stage_history FOR EACH ROW EXECUTE FUNCTION kpi_after_lead_stage();

-- A lead's owner or stage changed outside a transition (an edit): every year it was counted in.
CREATE FUNCTION kpi_after_lead_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.owner_coordinator_id IS DISTINCT FROM OLD.owner_coordinator_id OR NEW.stage IS DISTINCT FROM OLD.stage THEN
        PERFORM kpi_enqueue_recount(fiscal_year_of(h.changed_at))
        FROM lead_stage_history h WHERE h.lead_id = NEW.id AND h.to_stage = 'commercialized';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER UPDATE ON leads FOR EACH ROW EXECUTE FUNCTION kpi_after_lead_change();

CREATE FUNCTION kpi_after_match_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_enqueue_recount(fiscal_year_of(NEW.occurred_on));
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER INSERT ON match_status_history FOR EACH ROW EXECUTE FUNCTION kpi_after_match_status();

CREATE FUNCTION kpi_after_check_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_enqueue_recount(e.fiscal_year) FROM events e
    WHERE e.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.event_id ELSE NEW.event_id END;
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER INSERT OR DELETE ON check_ins FOR EACH ROW EXECUTE FUNCTION kpi_after_check_in();

-- A participant's role or university decides ④ for every event they attended.
CREATE FUNCTION kpi_after_participant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.role IS DISTINCT FROM OLD.role OR NEW.university_id IS DISTINCT FROM OLD.university_id THEN
        PERFORM kpi_enqueue_recount(e.fiscal_year)
        FROM registrations r JOIN events e ON e.id = r.event_id WHERE r.participant_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER UPDATE ON participants FOR EACH ROW EXECUTE FUNCTION kpi_after_participant();

CREATE FUNCTION kpi_after_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.kind IS DISTINCT FROM OLD.kind OR NEW.fiscal_year IS DISTINCT FROM OLD.fiscal_year THEN
        PERFORM kpi_enqueue_recount(OLD.fiscal_year);
        PERFORM kpi_enqueue_recount(NEW.fiscal_year);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_recount AFTER UPDATE ON events FOR EACH ROW EXECUTE FUNCTION kpi_after_event();

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_targets
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
