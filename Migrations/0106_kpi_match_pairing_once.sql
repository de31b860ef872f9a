-- KPI ② counts a company and need's pairing once (harden16). Migration 0105 made one live record per company
-- and need the rule, and marked the extra live records stored before it with `duplicate_of` (kept, listed,
-- still movable): such a record no longer counts; the record it duplicates does. A declined or withdrawn record
-- was never marked, so a pairing introduced, declined and introduced again by a new record counts both
-- introductions, as before (docs/kpi.md). Otherwise the view of migration 0088, unchanged.
CREATE OR REPLACE VIEW kpi_records AS
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.occurred_on) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label,
           h.occurred_on, h.changed_at AS recorded_at
    FROM published_leads l
    JOIN LATERAL (SELECT occurred_on, changed_at FROM published_lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    SELECT 'liaison_matches', fiscal_year_of(i.occurred_on), m.id::text, 'match',
           coalesce(nullif(concat_ws(' — ', coalesce(c.name_ja, c.name_en), coalesce(n.title_ja, n.title_en)), ''), m.id::text),
           i.occurred_on, i.recorded_at
    FROM published_matches m
    LEFT JOIN published_companies c ON c.id = m.company_id
    LEFT JOIN published_needs n ON n.id = m.need_id
    JOIN LATERAL (SELECT occurred_on, recorded_at FROM published_match_status_history
                  WHERE match_id = m.id
                    AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')
                  ORDER BY occurred_on, id LIMIT 1) i ON true
    CROSS JOIN kpi_settings s
    WHERE m.channel = 'liaison_base' AND m.duplicate_of IS NULL
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
