-- Issue 19 (the door): `published_attendance` groups by the event's and the person's keys. Same rows and
-- columns as migration 0059: `p.id` is `r.participant_id` by the join, and an event's and a person's other
-- columns follow from their primary keys, so the groups are the same. Grouping by two uuids instead of
-- five columns (three of them text, compared by collation) halves the view's cost for a year's attendance
-- (the KPI recount reads it every two seconds while the door is busy: 26–30 ms → 13–15 ms for the door
-- benchmark's 3,128 check-ins), and "a student of a campus in Yokohama" is decided once per group, not
-- part of its key. A filter on the event's year or kind still reaches the index on events (PostgreSQL
-- pushes it below the grouping: both are columns of a grouped table's primary key's row).
CREATE OR REPLACE VIEW published_attendance AS
    SELECT e.id AS event_id, e.kind AS event_kind, e.fiscal_year, coalesce(e.title_ja, e.title_en) AS event_title,
           p.id AS participant_id, p.role AS participant_role,
           p.role = 'student' AND kpi_yokohama_student(p.campus_id, p.university_id) AS yokohama_student,
           min(c.day) AS first_day, min(c.checked_in_at) AS first_checked_in_at
    FROM check_ins c
    JOIN registrations r ON r.id = c.registration_id
    JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id
    GROUP BY e.id, p.id;
