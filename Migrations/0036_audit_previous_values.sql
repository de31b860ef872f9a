-- Issue 17, item 13: the audit trail answers "from what". Each update entry written by the row trigger of
-- 0005 keeps, beside every changed field's new value (`changes`), the value it replaced (`previous`), and
-- an administrator can write such a value back (audit_restore, POST /v1/audit/{id}/restore).
--
-- `previous` holds the old values as to_jsonb gave them (a number stays a number, an array an array), so
-- a restore writes back exactly what was there; readers see them rendered like `changes` (audit_text).
-- Only updates carry previous values: an insert replaced nothing, and a delete entry keeps none, so that
-- an erased person's data never survives in a delete entry either.
ALTER TABLE audit_log ADD COLUMN previous jsonb NOT NULL DEFAULT '{}';

-- How `changes` renders a value: strings as themselves, JSON null as NULL, anything else as JSON text.
CREATE FUNCTION audit_text(value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(value) WHEN 'string' THEN value #>> '{}' WHEN 'null' THEN NULL ELSE value::text END
$$;

CREATE OR REPLACE FUNCTION audit_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before jsonb := CASE WHEN TG_OP = 'INSERT' THEN '{}'::jsonb ELSE to_jsonb(OLD) END;
    after jsonb := CASE WHEN TG_OP = 'DELETE' THEN '{}'::jsonb ELSE to_jsonb(NEW) END;
    changed jsonb;
    replaced jsonb;
    ignored text[] := coalesce(TG_ARGV::text[], '{}');
BEGIN
    SELECT coalesce(jsonb_object_agg(key, audit_text(value)), '{}'),
           coalesce(jsonb_object_agg(key, before -> key) FILTER (WHERE TG_OP = 'UPDATE'), '{}')
    INTO changed, replaced
    FROM jsonb_each(after)
    WHERE NOT (key = ANY (ignored)) AND before -> key IS DISTINCT FROM value;
    IF TG_OP = 'UPDATE' AND changed = '{}'::jsonb THEN
        RETURN NULL;
    END IF;
    INSERT INTO audit_log (actor_user_id, action, entity, entity_id, changes, previous, request_id)
    VALUES (nullif(current_setting('domino.actor', true), '')::uuid,
            lower(TG_OP), TG_TABLE_NAME,
            CASE WHEN TG_OP = 'DELETE' THEN before ->> 'id' ELSE after ->> 'id' END,
            changed, replaced,
            nullif(current_setting('domino.request_id', true), ''));
    RETURN NULL;
END
$$;

-- A field taken out of an entry's `changes` (erasure of personal data) leaves `previous` too, whatever
-- code does the erasing: `previous` never keeps a field that `changes` no longer shows.
CREATE FUNCTION audit_previous_follows_changes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.previous := NEW.previous - ARRAY(
        SELECT jsonb_object_keys(NEW.previous) EXCEPT SELECT jsonb_object_keys(NEW.changes));
    RETURN NEW;
END
$$;
CREATE TRIGGER previous_follows_changes BEFORE UPDATE OF changes, previous ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_previous_follows_changes();

-- Writes back the value `field` had before audit entry `entry_id`, and answers how it went:
--   restored        the row now holds the previous value (its own trigger audits the write);
--   no_entry        no such entry;
--   no_previous     the entry is not a trigger-written update of that field (or the value was erased);
--   not_restorable  the field is an identifier, a state with its own transitions and history
--                   (`stage`, `status`), or the erasure mark, or the table is no longer audited;
--   row_gone        the row was deleted since;
--   changed_since   the field no longer holds the value the entry wrote, so restoring would undo a
--                   later change the administrator has not seen.
-- The check and the write are one UPDATE whose WHERE compares the current value: under READ COMMITTED
-- PostgreSQL re-checks it on the newest row version after a concurrent commit, so a change that lands
-- between the check and the write is never overwritten. Identifiers come from the entry (written by the
-- trigger from the catalogue) and are quoted with %I / regclass; values are bound with USING.
CREATE FUNCTION audit_restore(entry_id bigint, field text, at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    entry audit_log;
    target regclass;
    written integer;
    bookkeeping text := '';
BEGIN
    SELECT * INTO entry FROM audit_log WHERE id = entry_id;
    IF NOT FOUND THEN
        RETURN 'no_entry';
    END IF;
    IF entry.action <> 'update' OR NOT entry.previous ? field THEN
        RETURN 'no_previous';
    END IF;
    IF field IN ('id', 'stage', 'status', 'erased_at') THEN
        RETURN 'not_restorable';
    END IF;
    target := to_regclass(format('public.%I', entry.entity));
    IF target IS NULL
       OR NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                      WHERE t.tgrelid = target AND p.proname = 'audit_row_change')
       OR NOT EXISTS (SELECT 1 FROM pg_attribute
                      WHERE attrelid = target AND attname = field AND attnum > 0 AND NOT attisdropped AND attgenerated = '') THEN
        RETURN 'not_restorable';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'version' AND NOT attisdropped) THEN
        bookkeeping := bookkeeping || ', version = t.version + 1';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'updated_at' AND NOT attisdropped) THEN
        bookkeeping := bookkeeping || ', updated_at = $4';
    END IF;
    EXECUTE format(
        'UPDATE %s AS t SET %I = (jsonb_populate_record(NULL::%s, $1)).%I%s '
        'WHERE t.id::text = $2 AND audit_text(to_jsonb(t) -> %L) IS NOT DISTINCT FROM $3',
        target, field, target, field, bookkeeping, field)
    USING jsonb_build_object(field, entry.previous -> field), entry.entity_id, entry.changes ->> field, at;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 1 THEN
        RETURN 'restored';
    END IF;
    EXECUTE format('SELECT count(*) FROM %s AS t WHERE t.id::text = $1', target) INTO written USING entry.entity_id;
    RETURN CASE WHEN written = 0 THEN 'row_gone' ELSE 'changed_since' END;
END
$$;
