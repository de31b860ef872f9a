-- Faster company import (issue 4's bench figure). EXPLAIN (ANALYZE, BUFFERS) of an import of 10,000 new
-- companies with 20,000 technologies into a directory of 100,000 (docs/benchmarks.md) put the time of
-- the INSERT INTO companies in: the row trigger `search` (about a third: one plpgsql call and two
-- index scans per company), the row triggers `audit` and `matching_change`, and the indexes themselves.
-- This migration keeps every result the same and moves the per-row work of inserts to set-based SQL.

-- The technology part of the search columns for many companies at once: one scan of their
-- technologies grouped by company, the same texts and codes company_technology_search (0007) gives
-- for one (same order, same filters). A company without technologies has no row here.
CREATE FUNCTION company_technology_search_many(ids uuid[])
RETURNS TABLE (company_id uuid, text_partners text, text_all text, codes_partners text[], codes_all text[])
LANGUAGE sql STABLE AS $$
    SELECT texts.company_id, texts.partners, texts.everything,
           coalesce(codes.partners, '{}'), coalesce(codes.everything, '{}')
    FROM (SELECT t.company_id,
                 string_agg(concat_ws(' ', t.title_ja, t.title_en, t.description_ja, t.description_en), ' ' ORDER BY t.created_at, t.id)
                     FILTER (WHERE t.disclosure <> 'coordinators') AS partners,
                 string_agg(concat_ws(' ', t.title_ja, t.title_en, t.description_ja, t.description_en), ' ' ORDER BY t.created_at, t.id)
                     AS everything
          FROM company_technologies t WHERE t.company_id = ANY (ids) GROUP BY t.company_id) AS texts
    LEFT JOIN (SELECT u.company_id,
                      coalesce(array_agg(DISTINCT code ORDER BY code) FILTER (WHERE u.disclosure <> 'coordinators'), '{}') AS partners,
                      array_agg(DISTINCT code ORDER BY code) AS everything
               FROM company_technologies u, unnest(u.taxonomy_codes) AS code
               WHERE u.company_id = ANY (ids) GROUP BY u.company_id) AS codes
        ON codes.company_id = texts.company_id
$$;

-- A new company's search columns: an INSERT that already gives them (the import computes them for the
-- whole file with the function above, in the same statement) is trusted; every other INSERT leaves
-- them at their default '' and the row trigger computes them as before. A company always has a name,
-- so its computed search_text_all is never ''. Renames are unchanged: the row trigger recomputes.
DROP TRIGGER search ON companies;
CREATE TRIGGER search BEFORE INSERT ON companies
    FOR EACH ROW WHEN (NEW.search_text_all = '') EXECUTE FUNCTION companies_search_row();
CREATE TRIGGER search_renamed BEFORE UPDATE OF name_ja, name_en ON companies
    FOR EACH ROW EXECUTE FUNCTION companies_search_row();

-- The change log of the matching index (0010): inserts are noted by one statement per INSERT instead
-- of one plpgsql call per row; updates and deletes keep the row trigger. Same rows, same order.
CREATE FUNCTION matching_note_companies_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO matching_company_changes (company_id) SELECT id FROM new_rows;
    RETURN NULL;
END
$$;
CREATE FUNCTION matching_note_technologies_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO matching_company_changes (company_id) SELECT company_id FROM new_rows;
    RETURN NULL;
END
$$;
DROP TRIGGER matching_change ON companies;
CREATE TRIGGER matching_change AFTER UPDATE OR DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();
CREATE TRIGGER matching_change_inserted AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION matching_note_companies_inserted();
DROP TRIGGER matching_change ON company_technologies;
CREATE TRIGGER matching_change AFTER UPDATE OR DELETE ON company_technologies
    FOR EACH ROW EXECUTE FUNCTION matching_note_company_change();
CREATE TRIGGER matching_change_inserted AFTER INSERT ON company_technologies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION matching_note_technologies_inserted();

-- The audit of inserts (0005's audit_row_change) as one statement per INSERT: the same entry per row
-- (every field but the ignored ones, the row's id, actor and request id from the transaction's
-- settings), in the same order, without a plpgsql call and two jsonb documents per row. Updates and
-- deletes keep the row trigger, which compares old and new.
CREATE FUNCTION audit_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ignored text[] := coalesce(TG_ARGV::text[], '{}');
BEGIN
    INSERT INTO audit_log (actor_user_id, action, entity, entity_id, changes, request_id)
    SELECT nullif(current_setting('domino.actor', true), '')::uuid, 'insert', TG_TABLE_NAME, r.after ->> 'id',
           (SELECT coalesce(jsonb_object_agg(key, CASE WHEN jsonb_typeof(value) = 'string' THEN value #>> '{}'
                                                       WHEN jsonb_typeof(value) = 'null' THEN NULL
                                                       ELSE value::text END), '{}')
            FROM jsonb_each(r.after) WHERE NOT (key = ANY (ignored))),
           nullif(current_setting('domino.request_id', true), '')
    FROM (SELECT to_jsonb(n) AS after FROM new_rows n) AS r;
    RETURN NULL;
END
$$;
DROP TRIGGER audit ON companies;
CREATE TRIGGER audit AFTER DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at',
        'search_text_partners', 'search_text_all', 'search_codes_partners', 'search_codes_all');
CREATE TRIGGER audit_inserted AFTER INSERT ON companies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted('version', 'created_at', 'updated_at',
        'search_text_partners', 'search_text_all', 'search_codes_partners', 'search_codes_all');
DROP TRIGGER audit ON company_technologies;
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON company_technologies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at');
CREATE TRIGGER audit_inserted AFTER INSERT ON company_technologies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION audit_rows_inserted('version', 'created_at', 'updated_at');
