-- 五十音順 as a Japanese reader expects it (gojuon36; docs/companies.md "Name reading and 五十音順"). Migration 0136
-- sorted readings in katakana byte order, so ー came after ン (カード after カンナ), and ャ, ッ or ガ sorted apart from
-- ヤ, ツ or カ wherever their code points fell. The dictionary order, JIS X 4061's kana rules in the simple form that
-- dictionaries' 配列 notes describe, compares two readings level by level, each level only when the ones before it
-- tie:
--   1. the kana as plain, full-size kana: voicing dropped (ガ as カ, パ as ハ, ヴ as ウ), small kana as large (ッ as ツ,
--      ャ as ヤ, ァ as ア, ヵ as カ, ヶ as ケ, ヮ as ワ); the long vowel mark ー as the vowel of the kana before it
--      (カー as カア, キュー as キユウ; after ン, or first, it stays ー and sorts after ン); the iteration marks ヽ ヾ
--      (and ゝ ゞ) as the kana before them; ・ and spaces left out. Hiragana are read as katakana (kana_fold).
--   2. voicing, kana by kana: plain before voiced before semi-voiced (ハ < バ < パ; ヾ is voiced);
--   3. how each kana is written, kana by kana: small before large (ャ < ヤ), and a kana written out before the mark
--      that stands for it (カア < カー, ススキ < スヽキ).
-- Readings equal on all three (さとう and サトウ) are equal keys; lists break the tie by id.
--
-- One text whose byte order ("C") is that order: level 1, a space (below every kana, so a reading that is the start of
-- another sorts first), then one digit a kana for level 2 and one for level 3 (equal level-1 texts have as many kana).
-- A SQL-standard body bound when created (kana_fold inside it too), as search_fold's callers (0108): the restore drill
-- builds the indexes on it with an empty search_path.
CREATE FUNCTION gojuon_key(reading text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN (
    WITH kana AS (
        -- Each kana with its place, and how many kana that are not marks come up to it: a mark shares its number
        -- with the kana it follows.
        SELECT c, i, count(*) FILTER (WHERE c NOT IN ('ー', 'ヽ', 'ヾ')) OVER (ORDER BY i) AS run
        FROM unnest(string_to_array(translate(kana_fold(reading), '・ ', ''), NULL)) WITH ORDINALITY AS t(c, i)
    ), plain AS (
        -- The plain, full-size form of the kana each mark follows (of the kana itself when it is not a mark).
        SELECT c, i, translate(first_value(c) OVER (PARTITION BY run ORDER BY i),
            'ァィゥェォッャュョヮヵヶガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴヷヸヹヺヾ',
            'アイウエオツヤユヨワカケカキクケコサシスセソタチツテトハヒフヘホハヒフヘホウワヰヱヲヽ') AS head
        FROM kana
    )
    SELECT coalesce(string_agg(CASE WHEN c = 'ー' THEN translate(head,
                    'アカサタナハマヤラワイキシチニヒミリヰウクスツヌフムユルエケセテネヘメレヱオコソトノホモヨロヲン',
                    'アアアアアアアアアアイイイイイイイイイウウウウウウウウウエエエエエエエエエオオオオオオオオオオー')
                ELSE head END, '' ORDER BY i), '')
        || ' '
        || coalesce(string_agg(CASE WHEN c IN ('パ', 'ピ', 'プ', 'ペ', 'ポ') THEN '2'
                WHEN c IN ('ガ', 'ギ', 'グ', 'ゲ', 'ゴ', 'ザ', 'ジ', 'ズ', 'ゼ', 'ゾ', 'ダ', 'ヂ', 'ヅ', 'デ', 'ド',
                           'バ', 'ビ', 'ブ', 'ベ', 'ボ', 'ヴ', 'ヷ', 'ヸ', 'ヹ', 'ヺ', 'ヾ') THEN '1'
                ELSE '0' END, '' ORDER BY i), '')
        || coalesce(string_agg(CASE WHEN c IN ('ー', 'ヽ', 'ヾ') THEN '2'
                WHEN c IN ('ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ヵ', 'ヶ') THEN '0'
                ELSE '1' END, '' ORDER BY i), '')
    FROM plain);

-- The sort key of a named thing in 五十音順: those with a reading by it, then those without by name (Japanese, else
-- English, byte order). One text, so that a list's keyset paging is one row comparison (key, id). The directory
-- (company_reading_order) and an event's registrations (RegistrationStore) share it.
CREATE FUNCTION reading_order(name_reading text, name_ja text, name_en text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN name_reading IS NOT NULL THEN '0' || gojuon_key(name_reading)
                ELSE '1' || coalesce(name_ja, name_en, '') END;

-- The directory's key (0136) in the new order; its index holds the old keys, so it is built again. A reading-order
-- cursor names a company, not a key (CompanyStore.list reads the key again), so a cursor issued before this still
-- works: the next page starts after that company's place in the new order.
CREATE OR REPLACE FUNCTION company_reading_order(name_reading text, name_ja text, name_en text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN reading_order(name_reading, name_ja, name_en);
REINDEX INDEX companies_reading_order;
