-- Faster audit of bulk inserts (issue 19, item 4). 0018's audit_rows_inserted turned each inserted row
-- into jsonb (to_jsonb), split it into key/value rows again (jsonb_each), filtered and re-aggregated them
-- (jsonb_object_agg): a sub-query and two jsonb documents per row, about 0.14 ms a row, 4.1 s of a
-- 10,000-company import (docs/benchmarks.md). This version reads the table's columns from the catalogue
-- once per statement and writes one INSERT … SELECT with one jsonb_build_object per row that names them,
-- so no row is taken apart again.
--
-- The entries are the same as before, field by field: every column but the ignored ones (the trigger's
-- arguments) and dropped or generated ones, keyed by column name, each value rendered as
-- audit_text(to_jsonb(value)) (0036: strings as themselves, NULL as JSON null, the rest as JSON text),
-- which is exactly what jsonb_each of to_jsonb(row) gave. Where the result is known from the type it is
-- written without the detour: text, varchar and uuid become JSON strings, so audit_text gives value::text;
-- booleans, integers and arrays never become strings or JSON null, so it gives to_jsonb(value)::text
-- (not numeric or floats: NaN and Infinity become strings). The entry id from `id`; actor and request id
-- from the transaction's settings; one entry per row, in the order of new_rows.
-- Column names come from the catalogue and are quoted with %I / %L, nothing from data.
CREATE OR REPLACE FUNCTION audit_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ignored text[] := coalesce(TG_ARGV::text[], '{}');
    pairs text[];
    fields text := '''{}''::jsonb';
    entity_id text := 'NULL::text';
    chunk integer := 40;
BEGIN
    SELECT array_agg(format('%L, %s', a.attname,
                            CASE WHEN a.atttypid IN ('text'::regtype, 'character varying'::regtype, 'uuid'::regtype)
                                     THEN format('n.%I::text', a.attname)
                                 WHEN a.atttypid IN ('boolean'::regtype, 'smallint'::regtype, 'integer'::regtype, 'bigint'::regtype)
                                      OR t.typcategory = 'A'
                                     THEN format('to_jsonb(n.%I)::text', a.attname)
                                 ELSE format('audit_text(to_jsonb(n.%I))', a.attname) END)
                     ORDER BY a.attnum)
    INTO pairs
    FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
    WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      AND NOT (a.attname = ANY (ignored));
    -- jsonb_build_object takes at most 100 arguments: wide tables are built in parts and concatenated.
    IF pairs IS NOT NULL THEN
        fields := (SELECT string_agg(format('jsonb_build_object(%s)', array_to_string(pairs[i:i + chunk - 1], ', ')), ' || ')
                   FROM generate_series(1, cardinality(pairs), chunk) AS i);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = TG_RELID AND attname = 'id' AND attnum > 0 AND NOT attisdropped) THEN
        entity_id := 'to_jsonb(n.id) #>> ''{}''';
    END IF;
    EXECUTE format(
        'INSERT INTO audit_log (actor_user_id, action, entity, entity_id, changes, request_id) '
        'SELECT nullif(current_setting(''domino.actor'', true), '''')::uuid, ''insert'', %L, %s, %s, '
        'nullif(current_setting(''domino.request_id'', true), '''') FROM new_rows n',
        TG_TABLE_NAME, entity_id, fields);
    RETURN NULL;
END
$$;
