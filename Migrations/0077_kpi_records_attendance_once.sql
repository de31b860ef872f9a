-- Issue 19 (the door): ③ and ④ (per event) read the year's attendance once. Both are rows of
-- `published_attendance` (an event and a person): ③ those at conventions, ④ those who are students of a
-- campus in Yokohama, under the per-event rule. They were two branches of the view, so a recount read the
-- year's attendance twice; now one branch reads it once and yields each row under each code it counts for.
-- Same rows, same columns as migration 0075. A query for one code still gets only that code's rows; the
-- records of ③ now read the year's attendance of every kind of event and keep the conventions' (the
-- recount, which runs every two seconds at a busy door, is the reader that matters).
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
    SELECT k.code, a.fiscal_year, a.event_id::text || '/' || a.participant_id::text,
           'attendance', a.event_title, a.first_day, a.first_checked_in_at
    FROM published_attendance a
    CROSS JOIN LATERAL (VALUES ('convention_participants'::text, a.event_kind = 'convention'),
                               ('yokohama_students', a.yokohama_student AND (SELECT students_rule FROM kpi_settings) = 'per_event')
                       ) k(code, counts)
    WHERE k.counts
    UNION ALL
    SELECT 'yokohama_students', a.fiscal_year, a.participant_id::text,
           'student', min(a.event_title), min(a.first_day), min(a.first_checked_in_at)
    FROM published_attendance a
    WHERE (SELECT students_rule FROM kpi_settings) = 'per_fiscal_year' AND a.yokohama_student
    GROUP BY a.fiscal_year, a.participant_id;
