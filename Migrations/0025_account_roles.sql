-- Accounts publishes who holds which role, so another module can check a reference to a user (an
-- event's organizers must be organizer, coordinator or admin users: issue 17, item 6) through this
-- door instead of naming the users table.
CREATE FUNCTION account_roles(ids uuid[]) RETURNS TABLE (id uuid, role text) LANGUAGE sql STABLE AS $$
    SELECT u.id, u.role FROM users u WHERE u.id = ANY (ids) AND NOT u.disabled
$$;
