-- Companies, second part (issue 4): the foreign keys that 0002 and 0004 left to this module, the search
-- text behind GET /v1/companies?q=, duplicate detection by name, and the merge of two companies.

-- Deferred foreign keys: companies and liaison bases did not exist when users (0002) and liaison bases
-- (0004) were created. Indexed, so a merge or a delete of a company finds its references quickly.
ALTER TABLE users ADD CONSTRAINT users_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id);
ALTER TABLE users ADD CONSTRAINT users_liaison_base_id_fkey FOREIGN KEY (liaison_base_id) REFERENCES liaison_bases (id);
ALTER TABLE liaison_bases ADD CONSTRAINT liaison_bases_company_id_fkey FOREIGN KEY (company_id) REFERENCES companies (id);
CREATE INDEX users_company_id ON users (company_id) WHERE company_id IS NOT NULL;
CREATE INDEX users_liaison_base_id ON users (liaison_base_id) WHERE liaison_base_id IS NOT NULL;
CREATE INDEX liaison_bases_company_id ON liaison_bases (company_id) WHERE company_id IS NOT NULL;

-- The form text is searched in: lower case, hyphens as spaces ("Waste-to-energy" = "waste to energy").
-- DomainKit's Taxonomy.searchForm does the same to the query.
CREATE FUNCTION search_form(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT replace(lower($1), '-', ' ')
$$;

-- Search text per company, kept by triggers, one per audience, so that a technology the caller may not
-- see cannot make its company match: `partners` holds the names and the technologies disclosed to
-- partners or the public (what every signed-in user sees); `all` adds those disclosed to coordinators.
-- The codes are the taxonomy codes of those technologies, for the taxonomy filter and the synonym bridge.
ALTER TABLE companies
    ADD COLUMN search_text_partners text NOT NULL DEFAULT '',
    ADD COLUMN search_text_all text NOT NULL DEFAULT '',
    ADD COLUMN search_codes_partners text[] NOT NULL DEFAULT '{}',
    ADD COLUMN search_codes_all text[] NOT NULL DEFAULT '{}';

-- The technology part of a company's search columns; the one definition both triggers below use. Two
-- index scans of the company's technologies: one for the texts, one for both code arrays.
CREATE FUNCTION company_technology_search(company uuid,
    OUT text_partners text, OUT text_all text, OUT codes_partners text[], OUT codes_all text[])
LANGUAGE sql STABLE AS $$
    SELECT texts.partners, texts.everything, codes.partners, codes.everything
    FROM (SELECT string_agg(concat_ws(' ', t.title_ja, t.title_en, t.description_ja, t.description_en), ' ' ORDER BY t.created_at, t.id)
                     FILTER (WHERE t.disclosure <> 'coordinators') AS partners,
                 string_agg(concat_ws(' ', t.title_ja, t.title_en, t.description_ja, t.description_en), ' ' ORDER BY t.created_at, t.id)
                     AS everything
          FROM company_technologies t WHERE t.company_id = company) AS texts,
         (SELECT coalesce(array_agg(DISTINCT code ORDER BY code) FILTER (WHERE u.disclosure <> 'coordinators'), '{}') AS partners,
                 coalesce(array_agg(DISTINCT code ORDER BY code), '{}') AS everything
          FROM company_technologies u, unnest(u.taxonomy_codes) AS code WHERE u.company_id = company) AS codes
$$;

-- A company's own row: new, or names changed, so its search text is computed before it is written.
-- Updates that touch only other columns do not fire it. (The import inserts a new company after its
-- technologies, under a deferred foreign key, so the company is written once, complete.)
CREATE FUNCTION companies_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parts record;
BEGIN
    SELECT * INTO parts FROM company_technology_search(NEW.id);
    NEW.search_text_partners := search_form(concat_ws(' ', NEW.name_ja, NEW.name_en, parts.text_partners));
    NEW.search_text_all := search_form(concat_ws(' ', NEW.name_ja, NEW.name_en, parts.text_all));
    NEW.search_codes_partners := parts.codes_partners;
    NEW.search_codes_all := parts.codes_all;
    RETURN NEW;
END
$$;
CREATE TRIGGER search BEFORE INSERT OR UPDATE OF name_ja, name_en ON companies
    FOR EACH ROW EXECUTE FUNCTION companies_search_row();

-- Deferrable (still checked per statement unless a transaction defers it): the import writes a new
-- company's technologies first, so that the company row is written once with its search text, instead
-- of inserted and then rewritten by the refresh below (a second copy of every index entry).
ALTER TABLE company_technologies ALTER CONSTRAINT company_technologies_company_id_fkey DEFERRABLE INITIALLY IMMEDIATE;

-- Set-based refresh for the companies whose technologies changed: one UPDATE per statement, so a COPY
-- or an import of 200,000 technologies refreshes each company once, not once per row. A company whose
-- columns come out the same is not rewritten (no new row version, no index entries).
CREATE FUNCTION companies_refresh_search(ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE companies c SET
        search_text_partners = fresh.text_partners, search_text_all = fresh.text_all,
        search_codes_partners = fresh.codes_partners, search_codes_all = fresh.codes_all
    FROM (SELECT c2.id,
                 search_form(concat_ws(' ', c2.name_ja, c2.name_en, s.text_partners)) AS text_partners,
                 search_form(concat_ws(' ', c2.name_ja, c2.name_en, s.text_all)) AS text_all,
                 s.codes_partners, s.codes_all
          FROM companies c2, LATERAL company_technology_search(c2.id) AS s
          WHERE c2.id = ANY (ids)) AS fresh
    WHERE c.id = fresh.id
      AND (c.search_text_partners, c.search_text_all, c.search_codes_partners, c.search_codes_all)
          IS DISTINCT FROM (fresh.text_partners, fresh.text_all, fresh.codes_partners, fresh.codes_all)
$$;

-- Transition tables cannot serve several events in one trigger, hence three small functions.
CREATE FUNCTION company_technologies_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM companies_refresh_search(ARRAY(SELECT company_id FROM new_rows));
    RETURN NULL;
END
$$;
CREATE FUNCTION company_technologies_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Both sides: a merge moves technologies from one company to another.
    PERFORM companies_refresh_search(ARRAY(SELECT company_id FROM new_rows UNION SELECT company_id FROM old_rows));
    RETURN NULL;
END
$$;
CREATE FUNCTION company_technologies_search_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM companies_refresh_search(ARRAY(SELECT company_id FROM old_rows));
    RETURN NULL;
END
$$;
CREATE TRIGGER search_inserted AFTER INSERT ON company_technologies REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION company_technologies_search_inserted();
CREATE TRIGGER search_updated AFTER UPDATE ON company_technologies REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION company_technologies_search_updated();
CREATE TRIGGER search_deleted AFTER DELETE ON company_technologies REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION company_technologies_search_deleted();

-- The search columns are derived data: the audit log records the fields they come from, not them.
-- Their refresh is an UPDATE run by the triggers above (trigger depth 1), which the audit skips
-- outright rather than diff two large rows only to find nothing to record; every update a statement
-- makes directly (depth 0: services, imports, merges) is audited as before.
DROP TRIGGER audit ON companies;
CREATE TRIGGER audit AFTER INSERT OR DELETE ON companies
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at',
        'search_text_partners', 'search_text_all', 'search_codes_partners', 'search_codes_all');
CREATE TRIGGER audit_update AFTER UPDATE ON companies
    FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at',
        'search_text_partners', 'search_text_all', 'search_codes_partners', 'search_codes_all');

UPDATE companies SET name_ja = name_ja;

CREATE INDEX companies_search_partners_trgm ON companies USING gin (search_text_partners gin_trgm_ops);
CREATE INDEX companies_search_all_trgm ON companies USING gin (search_text_all gin_trgm_ops);
CREATE INDEX companies_search_codes_partners ON companies USING gin (search_codes_partners);
CREATE INDEX companies_search_codes_all ON companies USING gin (search_codes_all);

-- Duplicates: a name without its legal form and punctuation, so 株式会社横浜エコ, 横浜エコ(株) and
-- "Yokohama Eco Co., Ltd." compare on what distinguishes them. Trigram similarity of these keys at or
-- above 0.6 (company_duplicates below) counts as a likely duplicate.
CREATE FUNCTION company_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT btrim(regexp_replace(
        regexp_replace(lower(coalesce(name, '')),
            '株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|公益財団法人|一般財団法人|[(（]株[)）]|[(（]有[)）]|\m(co|ltd|inc|corp|corporation|company|limited|kk|k\.k|llc|plc|gmbh)\M\.?',
            '', 'g'),
        '[[:space:][:punct:]・、。，．（）　]+', ' ', 'g'))
$$;
CREATE INDEX companies_name_ja_key_trgm ON companies USING gin (company_name_key(name_ja) gin_trgm_ops);
CREATE INDEX companies_name_en_key_trgm ON companies USING gin (company_name_key(name_en) gin_trgm_ops);

-- Likely duplicates of a company (or of a row being imported), best first: the same 法人番号, or a name
-- key at least `threshold` similar in either language. The `%` operator (pg_trgm's default threshold
-- 0.3) lets the two indexes above find candidates; the stricter threshold is applied to them.
CREATE FUNCTION company_duplicates(given_name_ja text, given_name_en text, given_number text, excluding uuid,
    threshold real DEFAULT 0.6, max_results integer DEFAULT 20)
RETURNS TABLE (id uuid, name_ja text, name_en text, corporate_number text, archived boolean,
    same_number boolean, similar_ja boolean, similar_en boolean, score real)
LANGUAGE sql STABLE AS $$
    WITH given AS (
        SELECT nullif(company_name_key(given_name_ja), '') AS ja, nullif(company_name_key(given_name_en), '') AS en
    ), candidates AS (
        SELECT c.id, c.name_ja, c.name_en, c.corporate_number, c.archived,
               coalesce(c.corporate_number = given_number, false) AS same_number,
               coalesce(similarity(company_name_key(c.name_ja), given.ja), 0) AS ja_similarity,
               coalesce(similarity(company_name_key(c.name_en), given.en), 0) AS en_similarity
        FROM companies c, given
        WHERE c.id IS DISTINCT FROM excluding
          AND (c.corporate_number = given_number
               OR company_name_key(c.name_ja) % given.ja OR company_name_key(c.name_en) % given.en)
    )
    SELECT k.id, k.name_ja, k.name_en, k.corporate_number, k.archived, k.same_number,
           k.ja_similarity >= threshold, k.en_similarity >= threshold,
           CASE WHEN k.same_number THEN 1 ELSE greatest(k.ja_similarity, k.en_similarity) END
    FROM candidates k
    WHERE k.same_number OR k.ja_similarity >= threshold OR k.en_similarity >= threshold
    ORDER BY k.same_number DESC, greatest(k.ja_similarity, k.en_similarity) DESC, k.id
    LIMIT max_results
$$;

-- Merge: every foreign key that references companies(id), found in the catalogue at the time of the
-- merge, is repointed from the absorbed company to the survivor, so tables other modules add later
-- (consortia, matches, conventions) are covered without changing this function. Returns the number of
-- rows moved per table.column. A composite key referencing companies is refused rather than skipped.
CREATE FUNCTION companies_repoint_references(survivor uuid, absorbed uuid) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    reference record;
    moved bigint;
    counts jsonb := '{}';
BEGIN
    FOR reference IN
        SELECT n.nspname AS schema_name, c.relname AS table_name, a.attname AS column_name, k.conname,
               cardinality(k.conkey) AS width
        FROM pg_constraint k
        JOIN pg_class c ON c.oid = k.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
        WHERE k.contype = 'f' AND k.confrelid = 'companies'::regclass
        ORDER BY n.nspname, c.relname, a.attname
    LOOP
        IF reference.width <> 1 THEN
            RAISE EXCEPTION 'foreign key % references companies with % columns; merge cannot repoint it',
                reference.conname, reference.width;
        END IF;
        EXECUTE format('UPDATE %I.%I SET %I = $1 WHERE %I = $2',
                       reference.schema_name, reference.table_name, reference.column_name, reference.column_name)
            USING survivor, absorbed;
        GET DIAGNOSTICS moved = ROW_COUNT;
        IF moved > 0 THEN
            counts := counts || jsonb_build_object(reference.table_name || '.' || reference.column_name, moved);
        END IF;
    END LOOP;
    RETURN counts;
END
$$;
