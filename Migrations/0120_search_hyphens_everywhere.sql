-- Every search reads a hyphen as a space, not only the companies' (search24): "waste to energy"
-- missed a need titled "Waste-to-energy plant", "Ba Ria Vung Tau" missed the city "Ba Ria-Vung Tau", and
-- "kappa-lambda" missed a lead titled "Kappa Lambda". The query side is one Swift function again
-- (DomainKit's `likePattern`, through `Taxonomy.searchForm`); the stored side is `search_form` (0108), which is
-- `search_fold` after NFKC with every hyphen-minus a space. `search_fold` itself is unchanged: it is also the
-- duplicate key of company names and the exact city-name match of imports, where a hyphen is part of a name.

-- City names: the trigram index CityStore.list searches, on the new expression.
DROP INDEX overseas_cities_names_trgm;
CREATE INDEX overseas_cities_names_trgm ON overseas_cities USING gin (search_form(name_ja || ' ' || name_en) gin_trgm_ops);

-- City needs and knowledge notes: a generated column cannot change its expression before PostgreSQL 17, so each is
-- dropped (its trigram index with it) and added again, as 0108 did. The name stays `search_text`, which their
-- audit triggers ignore by name.
ALTER TABLE city_needs DROP COLUMN search_text;
ALTER TABLE city_needs ADD COLUMN search_text text GENERATED ALWAYS AS (search_form(
    coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
    || coalesce(description_ja, '') || ' ' || coalesce(description_en, ''))) STORED;
CREATE INDEX city_needs_text_trgm ON city_needs USING gin (search_text gin_trgm_ops);

ALTER TABLE knowledge_notes DROP COLUMN search_text;
ALTER TABLE knowledge_notes ADD COLUMN search_text text GENERATED ALWAYS AS (search_form(
    coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
    || coalesce(body_ja, '') || ' ' || coalesce(body_en, ''))) STORED;
CREATE INDEX knowledge_notes_text_trgm ON knowledge_notes USING gin (search_text gin_trgm_ops);
