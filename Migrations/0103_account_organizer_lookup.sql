-- Accounts publishes two narrow doors for an event's co-organizers (gaps12; docs/conventions.md,
-- "Co-organizers"), so Conventions never names the users table:
--
-- `account_organizer_by_email` answers one exact, lowercased address with the id of an enabled
-- organizer user, and nothing otherwise: an unknown address, a disabled account and a user of another
-- role give the same empty answer, so the organizer's form cannot be used to learn who has an account.
-- No pattern, no prefix, no list: it is not a directory.
--
-- `account_names` gives the name and address of users the caller already holds the ids of (an event's
-- organizers), so the co-organizers of an event can see whom they share it with.
CREATE FUNCTION account_organizer_by_email(address text) RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT u.id FROM users u WHERE u.email = lower(btrim(address)) AND u.role = 'organizer' AND NOT u.disabled
$$;

CREATE FUNCTION account_names(ids uuid[]) RETURNS TABLE (id uuid, display_name text, email text, disabled boolean) LANGUAGE sql STABLE AS $$
    SELECT u.id, u.display_name, u.email, u.disabled FROM users u WHERE u.id = ANY (ids)
$$;
