-- The programme clock (issue 13, docs/kpi.md, docs/architecture.md "Time").
-- 1. One fiscal-year rule in SQL, the twin of DomainKit FiscalYear: fiscal_year_of(date) for a day in
--    Japan and fiscal_year_of(timestamptz) for an instant. Every view and function uses it.
-- 2. Lead stage changes carry the day they happened (occurred_on), as match status changes already do;
--    KPI ① counts by that day, so a contract signed on 28 March and logged on 2 April counts in the
--    year that ended.
-- 3. KPI ③/④ records show the day attended; the plan's two open counting choices are settings.
-- 4. No SQL reads "now" for programme time any more: kpi_touch recounts the years a row touches, and
--    the current year is the job's business (it has the injected clock).

CREATE FUNCTION fiscal_year_of(d date) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN extract(month FROM d) >= 4 THEN extract(year FROM d) ELSE extract(year FROM d) - 1 END::integer
$$;

-- Japan has kept UTC+9 without daylight saving since 1951; the zone name keeps that explicit.
CREATE FUNCTION fiscal_year_of(t timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT fiscal_year_of((t AT TIME ZONE 'Asia/Tokyo')::date)
$$;

-- Whether a fiscal year is closed (its KPI figures reported to the council). Published by the KPI
-- module for the modules whose records carry effective dates: a change dated inside a closed year
-- is refused there, and corrected by a restatement instead.
CREATE FUNCTION kpi_fiscal_year_closed(fy integer) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM kpi_closes WHERE fiscal_year = fy)
$$;

ALTER TABLE lead_stage_history DISABLE TRIGGER USER;
ALTER TABLE lead_stage_history ADD COLUMN occurred_on date;
UPDATE lead_stage_history SET occurred_on = (changed_at AT TIME ZONE 'Asia/Tokyo')::date;
ALTER TABLE lead_stage_history ALTER COLUMN occurred_on SET NOT NULL;
ALTER TABLE lead_stage_history ENABLE TRIGGER USER;

-- The plan's open choices (PROGRAMME.md), printed as notes in the report:
-- ② 'introduced' counts a match once introduced even if later declined or withdrawn (default);
--   'introduced_still_live' leaves out matches now declined or withdrawn.
-- ④ 'per_event' counts a student once per event attended (default); 'per_fiscal_year' counts
--   distinct students per fiscal year.
ALTER TABLE kpi_settings
    ADD COLUMN liaison_matches_rule text NOT NULL DEFAULT 'introduced'
        CHECK (liaison_matches_rule IN ('introduced', 'introduced_still_live')),
    ADD COLUMN students_rule text NOT NULL DEFAULT 'per_event'
        CHECK (students_rule IN ('per_event', 'per_fiscal_year')),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

DROP VIEW kpi_records;
CREATE VIEW kpi_records AS
    -- ① leads now commercialised with an owner coordinator, in the FY of the day their latest
    -- change into commercialized happened.
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.occurred_on) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label,
           h.occurred_on, h.changed_at AS recorded_at
    FROM leads l
    JOIN LATERAL (SELECT occurred_on, changed_at FROM lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    -- ② liaison-base matches in the FY of the day of their first change into introduced or later.
    SELECT 'liaison_matches', fiscal_year_of(i.occurred_on), m.id::text, 'match', m.id::text, i.occurred_on, i.recorded_at
    FROM matches m
    JOIN LATERAL (SELECT occurred_on, recorded_at FROM match_status_history
                  WHERE match_id = m.id
                    AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')
                  ORDER BY occurred_on, id LIMIT 1) i ON true
    CROSS JOIN kpi_settings s
    WHERE m.channel = 'liaison_base'
      AND (s.liaison_matches_rule = 'introduced' OR m.status NOT IN ('declined', 'withdrawn'))
    UNION ALL
    -- ③ distinct people checked in (in person or online) per convention, summed over the FY's conventions.
    SELECT 'convention_participants', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    WHERE e.kind = 'convention'
    GROUP BY e.id, r.participant_id
    UNION ALL
    -- ④ students of universities in Yokohama checked in at programme events: once per event …
    SELECT 'yokohama_students', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id JOIN universities u ON u.id = p.university_id
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_event' AND p.role = 'student' AND u.in_yokohama
    GROUP BY e.id, r.participant_id
    UNION ALL
    -- … or once per fiscal year, at the first event they attended.
    SELECT 'yokohama_students', e.fiscal_year, r.participant_id::text,
           'student', min(coalesce(e.title_ja, e.title_en)), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id JOIN universities u ON u.id = p.university_id
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_fiscal_year' AND p.role = 'student' AND u.in_yokohama
    GROUP BY e.fiscal_year, r.participant_id;

CREATE OR REPLACE FUNCTION kpi_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows jsonb[] := ARRAY[]::jsonb[];
    years integer[] := ARRAY[]::integer[];
    r jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN rows := rows || to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN rows := rows || to_jsonb(NEW); END IF;
    FOREACH r IN ARRAY rows LOOP
        IF TG_TABLE_NAME IN ('leads', 'lead_stage_history') THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year_of(h.occurred_on) FROM lead_stage_history h
                WHERE h.lead_id = (CASE TG_TABLE_NAME WHEN 'leads' THEN r->>'id' ELSE r->>'lead_id' END)::uuid);
            IF TG_TABLE_NAME = 'lead_stage_history' THEN
                years := years || fiscal_year_of((r->>'occurred_on')::date);
            END IF;
        ELSIF TG_TABLE_NAME IN ('matches', 'match_status_history') THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year_of(h.occurred_on) FROM match_status_history h
                WHERE h.match_id = (CASE TG_TABLE_NAME WHEN 'matches' THEN r->>'id' ELSE r->>'match_id' END)::uuid);
            IF TG_TABLE_NAME = 'match_status_history' THEN
                years := years || fiscal_year_of((r->>'occurred_on')::date);
            END IF;
        ELSIF TG_TABLE_NAME = 'events' THEN
            years := years || (r->>'fiscal_year')::integer;
        ELSIF TG_TABLE_NAME IN ('registrations', 'check_ins') THEN
            years := years || ARRAY(SELECT fiscal_year FROM events WHERE id = (r->>'event_id')::uuid);
        ELSIF TG_TABLE_NAME = 'participants' THEN
            years := years || ARRAY(SELECT DISTINCT e.fiscal_year FROM registrations g JOIN events e ON e.id = g.event_id
                WHERE g.participant_id = (r->>'id')::uuid);
        ELSIF TG_TABLE_NAME IN ('universities', 'kpi_settings') THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year FROM kpi_records UNION SELECT fiscal_year FROM kpi_counts);
        END IF;
    END LOOP;
    PERFORM kpi_enqueue_recount(y) FROM (SELECT DISTINCT unnest(years) AS y) d;
    RETURN NULL;
END
$$;

-- A changed counting choice recounts every year it can change, like any source write.
CREATE TRIGGER kpi_touch AFTER UPDATE ON kpi_settings FOR EACH ROW EXECUTE FUNCTION kpi_touch();

DROP FUNCTION kpi_fiscal_year(timestamptz);
