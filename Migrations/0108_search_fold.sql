-- Search finds text as people type it (search17): `q=Organizer　佐藤` typed with a Japanese IME's ideographic
-- space, a no-break space or two spaces, and Ｄａ Ｎａｎｇ or ＡＢＣ２０２６ typed full-width, found nothing that
-- was stored with plain letters and one space, nor the reverse; ﾀﾞﾅﾝ (half-width katakana) missed ダナン.
--
-- One fold, applied identically to the stored search text (every search column and trigram index below) and to
-- the query (DomainKit's `searchFold`, which `SearchFoldTests` compares with this function on a table of
-- strings): Unicode NFKC (full-width letters and digits as ASCII, half-width katakana as full-width, U+3000 and
-- U+00A0 as a space, ① as 1, ㈱ as (株)), lower case, and every run of white space (Unicode's White_Space
-- property, listed rather than [[:space:]], whose meaning follows the locale) as one space. normalize() is
-- immutable, so it may stand in an index expression or a generated column; it needs a UTF8 database, which
-- `domino migrate` insists on (Migrator.requireTextSupport).
--
-- The three functions have SQL-standard bodies (RETURN …), parsed when created, not text read at each call: the
-- calls of search_fold inside the other two are bound to it then, as a dependency pg_dump knows. With a text
-- body, the restore drill (deploy/tests/restore-drill.sh) failed: pg_restore runs with an empty search_path, so
-- building the index on company_name_key found no search_fold.
CREATE FUNCTION search_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(lower(normalize($1, NFKC)),
        '[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+', ' ', 'g');

-- Companies' search form (0007) keeps its hyphens as spaces ("Waste-to-energy" is "waste to energy"), after NFKC
-- so that a full-width hyphen-minus (U+FF0D) is one too, and before the spaces are folded, so that "a - b" is "a b".
CREATE OR REPLACE FUNCTION search_form(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN search_fold(replace(normalize($1, NFKC), '-', ' '));

-- The duplicate key (0007) on the folded name: ＡＢＣ株式会社 and ABC Co., Ltd. typed full-width, or ㈱ for (株),
-- compare as their plain forms.
CREATE OR REPLACE FUNCTION company_name_key(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN btrim(regexp_replace(
        regexp_replace(search_fold(coalesce(name, '')),
            '株式会社|有限会社|合同会社|合資会社|合名会社|一般社団法人|公益財団法人|一般財団法人|[(（]株[)）]|[(（]有[)）]|\m(co|ltd|inc|corp|corporation|company|limited|kk|k\.k|llc|plc|gmbh)\M\.?',
            '', 'g'),
        '[[:space:][:punct:]・、。，．（）　]+', ' ', 'g'));
-- An index on an immutable function holds what the old definition computed: rebuilt from the new one.
REINDEX INDEX companies_name_ja_key_trgm;
REINDEX INDEX companies_name_en_key_trgm;

-- Every company whose stored search text the new fold changes, recomputed through the refresh its technologies'
-- triggers use. The old form was lower case with hyphens as spaces, so only a text that is not in NFKC or holds
-- white space other than single spaces can come out different (`search_text_all` holds everything
-- `search_text_partners` does). Picking those out is a quick check per company: refreshing all 100,000 of a
-- benchmark directory took 36 s on a loaded machine, past the 30 s statement timeout `domino migrate` runs under;
-- picking them took 1.4 s, and the whole migration 5 s (search17).
SELECT companies_refresh_search(ARRAY(
    SELECT id FROM companies
    WHERE NOT (search_text_all IS NFKC NORMALIZED)
       OR search_text_all ~ '[\t\n\v\f\r\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]|  '));

-- City names (0004): the trigram index on the folded names that CityStore.list searches.
DROP INDEX overseas_cities_names_trgm;
CREATE INDEX overseas_cities_names_trgm ON overseas_cities USING gin (search_fold(name_ja || ' ' || name_en) gin_trgm_ops);

-- City needs and knowledge notes (0004, 0009): a generated column cannot change its expression before
-- PostgreSQL 17, so each is dropped (its trigram index with it) and added again, computed for every row. The
-- name stays `search_text`, which their audit triggers ignore by name.
ALTER TABLE city_needs DROP COLUMN search_text;
ALTER TABLE city_needs ADD COLUMN search_text text GENERATED ALWAYS AS (search_fold(
    coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
    || coalesce(description_ja, '') || ' ' || coalesce(description_en, ''))) STORED;
CREATE INDEX city_needs_text_trgm ON city_needs USING gin (search_text gin_trgm_ops);

ALTER TABLE knowledge_notes DROP COLUMN search_text;
ALTER TABLE knowledge_notes ADD COLUMN search_text text GENERATED ALWAYS AS (search_fold(
    coalesce(title_ja, '') || ' ' || coalesce(title_en, '') || ' '
    || coalesce(body_ja, '') || ' ' || coalesce(body_en, ''))) STORED;
CREATE INDEX knowledge_notes_text_trgm ON knowledge_notes USING gin (search_text gin_trgm_ops);
