-- Each process keeps the bearer tokens PostgreSQL verified recently (Accounts, VerifiedTokenCache) and
-- must forget them the moment anything that can end or narrow a token's authority commits. So every
-- such change notifies channel domino_auth in its own transaction; NOTIFY is delivered at commit, and
-- not at all on rollback. Identical notifications of one transaction are folded into one by
-- PostgreSQL, so a password reset revoking twenty tokens sends one.

CREATE FUNCTION auth_change_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('domino_auth', '');
    RETURN NULL;
END
$$;

-- Not on last_used_at: the token lookup itself stamps it, and that ends nothing.
CREATE TRIGGER auth_tokens_change_notify AFTER UPDATE ON auth_tokens FOR EACH ROW
    WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
          OR OLD.scopes IS DISTINCT FROM NEW.scopes OR OLD.user_id IS DISTINCT FROM NEW.user_id
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.token_digest IS DISTINCT FROM NEW.token_digest)
    EXECUTE FUNCTION auth_change_notify();
CREATE TRIGGER auth_tokens_delete_notify AFTER DELETE ON auth_tokens FOR EACH STATEMENT
    EXECUTE FUNCTION auth_change_notify();

-- Any change of a user: disabling, a new role or binding (a demotion shrinks its API keys), a password
-- reset, and also the name or version, because a verified token carries the user row as read.
CREATE TRIGGER users_change_notify AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD IS DISTINCT FROM NEW)
    EXECUTE FUNCTION auth_change_notify();
CREATE TRIGGER users_delete_notify AFTER DELETE ON users FOR EACH STATEMENT
    EXECUTE FUNCTION auth_change_notify();
