-- The trigram index on lower(name_ja || ' ' || name_en) (0006) serves no query: PostgreSQL uses an expression
-- index only for that exact expression, and since 0007 every search of companies' names reads the stored
-- search_form text (search_text_partners, search_text_all) or company_name_key (the duplicate check), each with
-- its own trigram index (0007, 0108). Kept, it was rebuilt on every write of a company for nothing (polish24,
-- EXPLAIN of the directory search and the duplicate check on a seeded database).
DROP INDEX companies_names_trgm;
