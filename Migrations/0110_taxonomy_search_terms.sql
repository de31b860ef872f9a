-- The bilingual bridge of text search (DomainKit's `Taxonomy.searchCodes`) compared the query with every name and
-- synonym of the taxonomy, folding each of them (search_form, NFKC twice) on every search: about 550 terms, 1.6 ms
-- a search since the fold became NFKC (0108), where it had been 0.45 ms. The terms are folded once instead, when a
-- row of the taxonomy is written, into a generated column the search reads as it is (polish24).
--
-- The function has a SQL-standard body, bound to search_form when created, as every function of ours that stands
-- in an index or a generated column (docs/architecture.md; pg_restore runs with an empty search_path).
CREATE FUNCTION taxonomy_search_terms(name_en text, name_ja text, synonyms text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT search_form(term) FROM unnest(synonyms || ARRAY[name_en, name_ja]) AS term);

ALTER TABLE taxonomy ADD COLUMN search_terms text[] NOT NULL
    GENERATED ALWAYS AS (taxonomy_search_terms(name_en, name_ja, synonyms)) STORED;
