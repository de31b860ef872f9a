-- A KPI record's label in English too (`label_en`, last column; `KPIRecord.labelEn`): the council reads the records
-- behind each number in its language, and ux38 found an English page listing a match as 「川崎リサイクルシステムズ株式会社
-- — 下水処理場の省エネ化」 though the company and the need have English names. Each part falls back to the other language
-- where it has none; a lead has one title. Otherwise the view of migration 0106, unchanged (the rows, the codes, the
-- Japanese label). A Yokohama student's label is the English title of the event the Japanese label names.
CREATE OR REPLACE VIEW kpi_records AS
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.occurred_on) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label,
           h.occurred_on, h.changed_at AS recorded_at, l.title AS label_en
    FROM published_leads l
    JOIN LATERAL (SELECT occurred_on, changed_at FROM published_lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    SELECT 'liaison_matches', fiscal_year_of(i.occurred_on), m.id::text, 'match',
           coalesce(nullif(concat_ws(' — ', coalesce(c.name_ja, c.name_en), coalesce(n.title_ja, n.title_en)), ''), m.id::text),
           i.occurred_on, i.recorded_at,
           coalesce(nullif(concat_ws(' — ', coalesce(c.name_en, c.name_ja), coalesce(n.title_en, n.title_ja)), ''), m.id::text)
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
           'attendance', a.event_title, a.first_day, a.first_checked_in_at, a.event_title_en
    FROM published_attendance a
    CROSS JOIN LATERAL (VALUES ('convention_participants'::text, a.event_kind = 'convention'),
                               ('yokohama_students', a.yokohama_student AND (SELECT students_rule FROM kpi_settings) = 'per_event')
                       ) k(code, counts)
    WHERE k.counts
    UNION ALL
    SELECT 'yokohama_students', a.fiscal_year, a.participant_id::text,
           'student', min(a.event_title), min(a.first_day), min(a.first_checked_in_at),
           (array_agg(a.event_title_en ORDER BY a.event_title, a.event_id))[1]
    FROM published_attendance a
    WHERE (SELECT students_rule FROM kpi_settings) = 'per_fiscal_year' AND a.yokohama_student
    GROUP BY a.fiscal_year, a.participant_id;
