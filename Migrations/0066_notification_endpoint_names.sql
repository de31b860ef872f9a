-- Notification endpoints have one name each, whatever its case (issue 18, item 3): an administrator tells
-- endpoints apart by name in the list, the console and the delivery log, and a second endpoint with a
-- name already in use is a 409 naming `name` (NotificationService.constraints).
-- Names already repeated keep the oldest as it is; the others get the start of their id appended, so the
-- index can be built and nothing is lost.
UPDATE notification_endpoints e
SET name = left(e.name, 185) || ' (' || left(e.id::text, 8) || ')', version = e.version + 1, updated_at = now()
FROM (SELECT id, row_number() OVER (PARTITION BY lower(name) ORDER BY created_at, id) AS n FROM notification_endpoints) repeated
WHERE repeated.id = e.id AND repeated.n > 1;

CREATE UNIQUE INDEX notification_endpoints_name ON notification_endpoints (lower(name));
