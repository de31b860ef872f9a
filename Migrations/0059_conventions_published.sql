-- Conventions publishes who attended what (issue 18, item 1), for KPIs ③ and ④, so KPI reads facts
-- rather than the registration desk's tables. `kpi_yokohama_student` (migration 0024) is Conventions'
-- rule for "a student of a campus in Yokohama"; this view is its only caller outside Conventions' own SQL.

CREATE VIEW published_events AS
    SELECT id, kind, fiscal_year, title_ja, title_en, starts_at, ends_at FROM events;

CREATE VIEW published_registrations AS
    SELECT id, event_id, participant_id, attendance, status FROM registrations;

-- One row per person checked in (in person or online, any day or session) at an event: when first,
-- and whether they count as a student of a campus in Yokohama.
CREATE VIEW published_attendance AS
    SELECT e.id AS event_id, e.kind AS event_kind, e.fiscal_year, coalesce(e.title_ja, e.title_en) AS event_title,
           r.participant_id, p.role AS participant_role,
           p.role = 'student' AND kpi_yokohama_student(p.campus_id, p.university_id) AS yokohama_student,
           min(c.day) AS first_day, min(c.checked_in_at) AS first_checked_in_at
    FROM check_ins c
    JOIN registrations r ON r.id = c.registration_id
    JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id
    GROUP BY e.id, r.participant_id, p.role, p.campus_id, p.university_id;
