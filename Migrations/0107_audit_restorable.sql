-- ux19: one rule for "can this value be restored". The audit log page offered "restore" on entries the
-- restore then refused (a field changed again since, a deleted row, `version`); audit_restorable answers
-- what audit_restore would, without writing, so the page offers the button only where the restore would be
-- accepted and says why not elsewhere, and audit_restore applies the very same checks before its write.
--
-- Answers: restorable, or audit_restore's refusals (no_entry, no_previous, not_restorable, row_gone,
-- changed_since). `version` and `updated_at` are bookkeeping that audit_restore itself sets: restoring one
-- of them assigned the column twice in one UPDATE (an error, not a refusal), so they are not restorable.
--
-- Both find the audited row by its key cast to the id's own type (audit_id_type), not by `t.id::text = $1` as 0036
-- did: no index answers that, and the audit page asks audit_restorable about every field it shows (100 checks over
-- 100,000 companies took 1.9 s that way, 11 ms by key; docs/benchmarks.md).

-- The type of `target`'s id column as SQL writes it (uuid, bigint), nil for a table without one.
CREATE FUNCTION audit_id_type(target regclass) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT format_type(atttypid, atttypmod) FROM pg_attribute
    WHERE attrelid = target AND attname = 'id' AND attnum > 0 AND NOT attisdropped
$$;

CREATE FUNCTION audit_restorable(entry_id bigint, field text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
    entry audit_log;
    target regclass;
    present bigint;
    unchanged boolean;
    id_type text;
BEGIN
    SELECT * INTO entry FROM audit_log WHERE id = entry_id;
    IF NOT FOUND THEN
        RETURN 'no_entry';
    END IF;
    IF entry.action <> 'update' OR NOT entry.previous ? field THEN
        RETURN 'no_previous';
    END IF;
    IF field IN ('id', 'stage', 'status', 'erased_at', 'version', 'updated_at') THEN
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
    id_type := audit_id_type(target);
    IF id_type IS NULL THEN
        RETURN 'row_gone';
    END IF;
    EXECUTE format(
        'SELECT count(*), coalesce(bool_or(audit_text(to_jsonb(t) -> %L) IS NOT DISTINCT FROM $2), false) FROM %s AS t WHERE t.id = $1::%s',
        field, target, id_type)
    INTO present, unchanged USING entry.entity_id, entry.changes ->> field;
    IF present = 0 THEN
        RETURN 'row_gone';
    END IF;
    RETURN CASE WHEN unchanged THEN 'restorable' ELSE 'changed_since' END;
END
$$;

-- As in 0036, but the checks are audit_restorable's. The UPDATE still compares the current value in its WHERE:
-- a change committed between the check and the write is re-checked there (READ COMMITTED) and never overwritten.
CREATE OR REPLACE FUNCTION audit_restore(entry_id bigint, field text, at timestamptz) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    verdict text := audit_restorable(entry_id, field);
    entry audit_log;
    target regclass;
    written integer;
    bookkeeping text := '';
    id_type text;
BEGIN
    IF verdict <> 'restorable' THEN
        RETURN verdict;
    END IF;
    SELECT * INTO entry FROM audit_log WHERE id = entry_id;
    target := to_regclass(format('public.%I', entry.entity));
    id_type := audit_id_type(target);
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'version' AND NOT attisdropped) THEN
        bookkeeping := bookkeeping || ', version = t.version + 1';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = target AND attname = 'updated_at' AND NOT attisdropped) THEN
        bookkeeping := bookkeeping || ', updated_at = $4';
    END IF;
    EXECUTE format(
        'UPDATE %s AS t SET %I = (jsonb_populate_record(NULL::%s, $1)).%I%s '
        'WHERE t.id = $2::%s AND audit_text(to_jsonb(t) -> %L) IS NOT DISTINCT FROM $3',
        target, field, target, field, bookkeeping, id_type, field)
    USING jsonb_build_object(field, entry.previous -> field), entry.entity_id, entry.changes ->> field, at;
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written = 1 THEN
        RETURN 'restored';
    END IF;
    EXECUTE format('SELECT count(*) FROM %s AS t WHERE t.id = $1::%s', target, id_type) INTO written USING entry.entity_id;
    RETURN CASE WHEN written = 0 THEN 'row_gone' ELSE 'changed_since' END;
END
$$;
