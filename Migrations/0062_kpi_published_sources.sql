-- KPI counts from what the other modules publish (issue 18, item 1): Coordinators' leads and stage
-- history (0058), Matches' records and status history (0060), Conventions' events, registrations and
-- attendance (0059). Same records, same columns as migration 0024's view; only the sources moved.

CREATE OR REPLACE VIEW kpi_records AS
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.occurred_on) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label,
           h.occurred_on, h.changed_at AS recorded_at
    FROM published_leads l
    JOIN LATERAL (SELECT occurred_on, changed_at FROM published_lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    SELECT 'liaison_matches', fiscal_year_of(i.occurred_on), m.id::text, 'match', m.id::text, i.occurred_on, i.recorded_at
    FROM published_matches m
    JOIN LATERAL (SELECT occurred_on, recorded_at FROM published_match_status_history
                  WHERE match_id = m.id
                    AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')
                  ORDER BY occurred_on, id LIMIT 1) i ON true
    CROSS JOIN kpi_settings s
    WHERE m.channel = 'liaison_base'
      AND (s.liaison_matches_rule = 'introduced' OR m.status NOT IN ('declined', 'withdrawn'))
    UNION ALL
    SELECT 'convention_participants', a.fiscal_year, a.event_id::text || '/' || a.participant_id::text,
           'attendance', a.event_title, a.first_day, a.first_checked_in_at
    FROM published_attendance a
    WHERE a.event_kind = 'convention'
    UNION ALL
    SELECT 'yokohama_students', a.fiscal_year, a.event_id::text || '/' || a.participant_id::text,
           'attendance', a.event_title, a.first_day, a.first_checked_in_at
    FROM published_attendance a
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_event' AND a.yokohama_student
    UNION ALL
    SELECT 'yokohama_students', a.fiscal_year, a.participant_id::text,
           'student', min(a.event_title), min(a.first_day), min(a.first_checked_in_at)
    FROM published_attendance a
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_fiscal_year' AND a.yokohama_student
    GROUP BY a.fiscal_year, a.participant_id;

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
            years := years || ARRAY(SELECT DISTINCT fiscal_year_of(h.occurred_on) FROM published_lead_stage_history h
                WHERE h.lead_id = (CASE TG_TABLE_NAME WHEN 'leads' THEN r->>'id' ELSE r->>'lead_id' END)::uuid);
            IF TG_TABLE_NAME = 'lead_stage_history' THEN
                years := years || fiscal_year_of((r->>'occurred_on')::date);
            END IF;
        ELSIF TG_TABLE_NAME IN ('matches', 'match_status_history') THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year_of(h.occurred_on) FROM published_match_status_history h
                WHERE h.match_id = (CASE TG_TABLE_NAME WHEN 'matches' THEN r->>'id' ELSE r->>'match_id' END)::uuid);
            IF TG_TABLE_NAME = 'match_status_history' THEN
                years := years || fiscal_year_of((r->>'occurred_on')::date);
            END IF;
        ELSIF TG_TABLE_NAME = 'events' THEN
            years := years || (r->>'fiscal_year')::integer;
        ELSIF TG_TABLE_NAME IN ('registrations', 'check_ins') THEN
            years := years || ARRAY(SELECT fiscal_year FROM published_events WHERE id = (r->>'event_id')::uuid);
        ELSIF TG_TABLE_NAME = 'participants' THEN
            years := years || ARRAY(SELECT DISTINCT e.fiscal_year FROM published_registrations g JOIN published_events e ON e.id = g.event_id
                WHERE g.participant_id = (r->>'id')::uuid);
        ELSIF TG_TABLE_NAME IN ('universities', 'kpi_settings') THEN
            years := years || ARRAY(SELECT DISTINCT fiscal_year FROM kpi_records UNION SELECT fiscal_year FROM kpi_counts);
        END IF;
    END LOOP;
    PERFORM kpi_enqueue_recount(y) FROM (SELECT DISTINCT unnest(years) AS y) d;
    RETURN NULL;
END
$$;
