-- Issue 19 (the door): a recount costs a few milliseconds, not a third of a second of a core.
--
-- Where a recount's time went (docs/benchmarks.md, the door's benchmark, one fiscal year of 3,128
-- check-ins): 300–340 ms per `kpi_recount`, of which 125–143 ms compiling the counting statement with
-- PostgreSQL's JIT, 5–16 ms planning it, and about 50 ms executing it; the statement read the year's
-- attendance three times, once for the ④ branch of the students rule that is not in force. While the door is
-- busy a recount runs every two seconds (migration 0073), so that was 15 % of one of the two cores.
--
-- 1. The counting statement counts every code in one pass over `kpi_records` for the year (GROUP BY code),
--    still `count(*)` of the view's rows, so the number and its record list still cannot disagree. The old
--    form, a subquery per row of `kpi_definitions`, was costed as 510 rows (a table never analysed) times the
--    view, over the JIT threshold (`jit_above_cost`, 100,000) at any size of data.
-- 2. `kpi_recount` runs with `jit = off`: compiling its plan took longer than executing it; JIT pays off on
--    long analytic scans over millions of rows, and the recount reads one year through indexes.
-- 3. The view's settings choices are one-time filters: `(SELECT students_rule FROM kpi_settings) = …` is
--    evaluated once before its branch, so the branch of the rule not in force reads nothing. Before, the
--    branch read the year's attendance and then joined it to the settings row, which discarded it. Same
--    rows: `kpi_settings` has exactly one row (its key is `true`), and without one both forms give none.
--    ②'s choice stays a join: it filters matches, not a scan of the year's attendance.

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
    WHERE (SELECT students_rule FROM kpi_settings) = 'per_event' AND a.yokohama_student
    UNION ALL
    SELECT 'yokohama_students', a.fiscal_year, a.participant_id::text,
           'student', min(a.event_title), min(a.first_day), min(a.first_checked_in_at)
    FROM published_attendance a
    WHERE (SELECT students_rule FROM kpi_settings) = 'per_fiscal_year' AND a.yokohama_student
    GROUP BY a.fiscal_year, a.participant_id;

CREATE OR REPLACE FUNCTION kpi_recount(fy integer) RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('kpi_recount'), fy);
    WITH records AS (
        SELECT r.code, count(*)::integer AS n FROM kpi_records r WHERE r.fiscal_year = fy GROUP BY r.code
    ), counted AS (
        SELECT d.code, coalesce(records.n, 0) AS n FROM kpi_definitions d LEFT JOIN records ON records.code = d.code
    ), stored AS (
        INSERT INTO kpi_counts (code, fiscal_year, count, recounted_at)
        SELECT code, fy, n, now() FROM counted
        ON CONFLICT (code, fiscal_year) DO UPDATE SET count = excluded.count, recounted_at = excluded.recounted_at
        RETURNING code
    )
    INSERT INTO kpi_snapshots (code, fiscal_year, count) SELECT code, fy, n FROM counted;
END
$$;
