-- The KPI records pages list the events people attended by name, in the reader's language (ux38 found an English
-- page listing 「横浜脱炭素ビジネスマッチング・コンベンション2026」 although the event has an English title). The view of
-- migration 0076, unchanged, with the event's English title (the Japanese one when it has none) as a last column.
CREATE OR REPLACE VIEW published_attendance AS
    SELECT e.id AS event_id, e.kind AS event_kind, e.fiscal_year, coalesce(e.title_ja, e.title_en) AS event_title,
           p.id AS participant_id, p.role AS participant_role,
           p.role = 'student' AND kpi_yokohama_student(p.campus_id, p.university_id) AS yokohama_student,
           min(c.day) AS first_day, min(c.checked_in_at) AS first_checked_in_at,
           coalesce(e.title_en, e.title_ja) AS event_title_en
    FROM check_ins c
    JOIN registrations r ON r.id = c.registration_id
    JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id
    GROUP BY e.id, p.id;
