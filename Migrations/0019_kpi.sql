-- KPI module (issue 7, docs/kpi.md): the four programme KPIs per Japanese fiscal year (April–March,
-- Asia/Tokyo), counted from the source records by one query per KPI (the view kpi_records lists the
-- records behind each number; a count is count(*) of its rows, each row unique by construction).

-- The Japanese fiscal year of an instant: the year of (Japan time − 3 months). Same rule as DomainKit
-- FiscalYear(containing:).
CREATE FUNCTION kpi_fiscal_year(t timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT extract(year FROM (t AT TIME ZONE 'Asia/Tokyo') - interval '3 months')::integer
$$;

-- The records behind each KPI. One row per counted thing; `record_id` is unique per (code, fiscal_year).
CREATE VIEW kpi_records AS
    -- ① leads now commercialised with an owner coordinator, in the FY they most recently became so.
    SELECT 'commercializations'::text AS code, kpi_fiscal_year(h.at) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label, h.at AS occurred_at
    FROM leads l
    JOIN LATERAL (SELECT max(changed_at) AS at FROM lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized') h ON h.at IS NOT NULL
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    -- ② liaison-base matches that reached introduced or later, in the FY of the introduction (the
    -- first history row into introduced-or-later); a later decline or withdrawal does not undo it.
    SELECT 'liaison_matches', kpi_fiscal_year(i.at), m.id::text, 'match', m.id::text, i.at
    FROM matches m
    JOIN LATERAL (SELECT min(occurred_on::timestamp AT TIME ZONE 'Asia/Tokyo') AS at FROM match_status_history
                  WHERE match_id = m.id
                    AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')) i
        ON i.at IS NOT NULL
    WHERE m.channel = 'liaison_base'
    UNION ALL
    -- ③ distinct people checked in (in person or online) per convention, summed over the FY's conventions.
    SELECT 'convention_participants', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    WHERE e.kind = 'convention'
    GROUP BY e.id, r.participant_id
    UNION ALL
    -- ④ distinct students of universities in Yokohama checked in per programme event, summed.
    SELECT 'yokohama_students', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id JOIN universities u ON u.id = p.university_id
    WHERE e.kind IN ('convention', 'workshop', 'seminar') AND p.role = 'student' AND u.in_yokohama
    GROUP BY e.id, r.participant_id;

CREATE TABLE kpi_definitions (
    code text PRIMARY KEY,
    number smallint NOT NULL UNIQUE CHECK (number BETWEEN 1 AND 4),
    name_ja text NOT NULL,
    name_en text NOT NULL,
    unit text NOT NULL CHECK (unit IN ('cases', 'people'))
);
INSERT INTO kpi_definitions VALUES
    ('commercializations', 1, '脱炭素専門人材を通じた事業化件数', 'Commercialisations through decarbonization specialists', 'cases'),
    ('liaison_matches', 2, '海外連携拠点を通じたビジネスマッチング件数', 'Business matchings through overseas liaison bases', 'cases'),
    ('convention_participants', 3, '脱炭素コンベンションの参加者数', 'Participants in the decarbonization convention', 'people'),
    ('yokohama_students', 4, '次世代国際人材育成に向けた市内大学学生の参加者数', 'Participating students of universities in Yokohama', 'people');

-- Targets per KPI and FY (yearly increments), admin-editable; seeded with the plan.
CREATE TABLE kpi_targets (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    target integer NOT NULL CHECK (target BETWEEN 0 AND 100000000),
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    id text GENERATED ALWAYS AS (code || '/' || fiscal_year::text) STORED UNIQUE,
    PRIMARY KEY (code, fiscal_year)
);
INSERT INTO kpi_targets (code, fiscal_year, target) VALUES
    ('commercializations', 2023, 3), ('commercializations', 2024, 4), ('commercializations', 2025, 5),
    ('liaison_matches', 2023, 10), ('liaison_matches', 2024, 20), ('liaison_matches', 2025, 30),
    ('convention_participants', 2023, 50), ('convention_participants', 2024, 100), ('convention_participants', 2025, 150),
    ('yokohama_students', 2023, 20), ('yokohama_students', 2024, 30), ('yokohama_students', 2025, 50);

-- The stored counts, written only by the recount job.
CREATE TABLE kpi_counts (
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    count integer NOT NULL CHECK (count >= 0),
    recounted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, fiscal_year)
);

-- Every recount's figures (the history of the numbers as reported).
CREATE TABLE kpi_snapshots (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL REFERENCES kpi_definitions (code),
    fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
    count integer NOT NULL CHECK (count >= 0),
    taken_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kpi_snapshots_fy ON kpi_snapshots (fiscal_year, code, taken_at);

-- Rating thresholds (settings): ★4 r ≥ four_stars, ★3 r ≥ three_stars, ★2 r ≥ two_stars.
CREATE TABLE kpi_settings (
    id boolean PRIMARY KEY DEFAULT true CHECK (id),
    four_stars numeric(6, 3) NOT NULL DEFAULT 1.10,
    three_stars numeric(6, 3) NOT NULL DEFAULT 0.90,
    two_stars numeric(6, 3) NOT NULL DEFAULT 0.70,
    version integer NOT NULL DEFAULT 1 CHECK (version > 0),
    CHECK (four_stars > three_stars AND three_stars > two_stars AND two_stars > 0)
);
INSERT INTO kpi_settings DEFAULT VALUES;

-- Recounts every KPI of one fiscal year from the source records: one query, stored counts and a snapshot.
CREATE FUNCTION kpi_recount(fy integer) RETURNS void LANGUAGE sql AS $$
    WITH counted AS (
        SELECT d.code, (SELECT count(*) FROM kpi_records r WHERE r.code = d.code AND r.fiscal_year = fy)::integer AS n
        FROM kpi_definitions d
    ), stored AS (
        INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at)
        SELECT code, fy, n, now() FROM counted
        ON CONFLICT (code, fiscal_year) DO UPDATE SET count = excluded.count, recounted_at = excluded.recounted_at
        RETURNING code
    )
    INSERT INTO kpi_snapshots (code, fiscal_year, count) SELECT code, fy, n FROM counted;
$$;

-- Enqueues a job exactly as JobQueue.enqueue does (same INSERT, same unique-key no-op, same NOTIFY on
-- channel domino_jobs with the queue as payload), for SQL callers such as triggers.
CREATE FUNCTION enqueue_job(p_kind text, p_payload jsonb DEFAULT '{}', p_queue text DEFAULT 'default',
                            p_priority smallint DEFAULT 5, p_unique_key text DEFAULT NULL,
                            p_max_attempts integer DEFAULT 20)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    new_id bigint;
BEGIN
    INSERT INTO jobs (kind, queue, payload, priority, run_at, max_attempts, unique_key)
    VALUES (p_kind, p_queue, p_payload, p_priority, now(), p_max_attempts, p_unique_key)
    ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN ('available', 'retryable') DO NOTHING
    RETURNING id INTO new_id;
    IF new_id IS NOT NULL THEN
        PERFORM pg_notify('domino_jobs', p_queue);
    END IF;
    RETURN new_id;
END
$$;

CREATE FUNCTION kpi_enqueue_recount(fy integer) RETURNS void LANGUAGE sql AS $$
    SELECT enqueue_job('kpi.recount', jsonb_build_object('fiscalYear', fy), 'default', 5::smallint,
                       'kpi.recount:' || fy::text, 20)
    WHERE fy BETWEEN 2000 AND 2100;
$$;

-- Row-level AFTER triggers on every source table: a write enqueues, in its own transaction, a recount
-- of every fiscal year its old and new row can touch (for leads and matches, every FY their history
-- reaches) and of the current FY. The unique key per FY makes a burst (an import) one waiting job.
CREATE FUNCTION kpi_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows jsonb[] := ARRAY[]::jsonb[];
    years integer[] := ARRAY[kpi_fiscal_year(now())];
    r jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN rows := rows || to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN rows := rows || to_jsonb(NEW); END IF;
    FOREACH r IN ARRAY rows LOOP
        IF TG_TABLE_NAME IN ('leads', 'lead_stage_history') THEN
            years := years || ARRAY(SELECT DISTINCT kpi_fiscal_year(h.changed_at) FROM lead_stage_history h
                WHERE h.lead_id = (CASE TG_TABLE_NAME WHEN 'leads' THEN r->>'id' ELSE r->>'lead_id' END)::uuid);
            IF TG_TABLE_NAME = 'lead_stage_history' THEN
                years := years || kpi_fiscal_year((r->>'changed_at')::timestamptz);
            END IF;
        ELSIF TG_TABLE_NAME IN ('matches', 'match_status_history') THEN
            years := years || ARRAY(SELECT DISTINCT kpi_fiscal_year(h.occurred_on::timestamp AT TIME ZONE 'Asia/Tokyo')
                FROM match_status_history h
                WHERE h.match_id = (CASE TG_TABLE_NAME WHEN 'matches' THEN r->>'id' ELSE r->>'match_id' END)::uuid);
            IF TG_TABLE_NAME = 'match_status_history' THEN
                years := years || kpi_fiscal_year(((r->>'occurred_on')::date)::timestamp AT TIME ZONE 'Asia/Tokyo');
            END IF;
        ELSIF TG_TABLE_NAME = 'events' THEN
            years := years || (r->>'fiscal_year')::integer;
        ELSIF TG_TABLE_NAME IN ('registrations', 'check_ins') THEN
            years := years || ARRAY(SELECT fiscal_year FROM events WHERE id = (r->>'event_id')::uuid);
        ELSIF TG_TABLE_NAME = 'participants' THEN
            years := years || ARRAY(SELECT DISTINCT e.fiscal_year FROM registrations g JOIN events e ON e.id = g.event_id
                WHERE g.participant_id = (r->>'id')::uuid);
        ELSIF TG_TABLE_NAME = 'universities' THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year FROM events);
        END IF;
    END LOOP;
    PERFORM kpi_enqueue_recount(y) FROM (SELECT DISTINCT unnest(years) AS y) d;
    RETURN NULL;
END
$$;

CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON leads FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON lead_stage_history FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON matches FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON match_status_history FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON registrations FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON check_ins FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER UPDATE OR DELETE ON participants FOR EACH ROW EXECUTE FUNCTION kpi_touch();
CREATE TRIGGER kpi_touch AFTER UPDATE OR DELETE ON universities FOR EACH ROW EXECUTE FUNCTION kpi_touch();

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_targets
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON kpi_settings
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version');
