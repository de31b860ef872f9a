-- Row-level audit for domain tables: every INSERT, UPDATE and DELETE writes one audit_log entry in the
-- same transaction, with exactly the fields that changed (new values), so no service can forget it.
-- The actor and request id come from transaction-local settings that services set before writing
-- (set_config('domino.actor', …, true)); a write without them is recorded with no actor.
-- Columns named in the trigger's arguments (bookkeeping, generated search text) are left out.
-- Accounts keeps its explicit audit records instead: its rows hold password hashes and token digests.
CREATE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
    after jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
    changed jsonb;
    ignored text[] := coalesce(TG_ARGV::text[], '{}');
BEGIN
    SELECT coalesce(jsonb_object_agg(key, CASE WHEN jsonb_typeof(value) = 'string' THEN value #>> '{}'
                                               WHEN jsonb_typeof(value) = 'null' THEN NULL
                                               ELSE value::text END), '{}')
    INTO changed
    FROM jsonb_each(after)
    WHERE NOT (key = ANY (ignored)) AND before -> key IS DISTINCT FROM value;
    IF TG_OP = 'UPDATE' AND changed = '{}'::jsonb THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (actor_user_id, action, entity, entity_id, changes, request_id)
    VALUES (nullif(current_setting('domino.actor', true), '')::uuid,
            lower(TG_OP), TG_TABLE_NAME,
            CASE WHEN TG_OP = 'DELETE' THEN before ->> 'id' ELSE after ->> 'id' END,
            changed,
            nullif(current_setting('domino.request_id', true), ''));
    RETURN NULL;
END
$$;

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON overseas_cities
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON policy_dialogues
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON liaison_bases
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON city_needs
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at', 'search_text');
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON local_partner_companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
