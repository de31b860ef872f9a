-- 五十音順's key, the same keys faster (perf37; docs/benchmarks.md "五十音順: the key and the registrations list").
-- 0139's gojuon_key built each key with a query: one row a kana, a window over them, three ordered aggregates (a sort
-- each). Every call ran that query's executor: about 59 µs a name, and the registrations list in 五十音順 computes the
-- key of every person of the event at each page (0.12 s a page at 2,000). The rule is 0139's, unchanged, and so is
-- every key (CompanyNameReadingTests compares the two bodies over generated readings; the directory's index stays
-- valid, so it is not rebuilt): one pass over the kana, in a PL/pgSQL loop, that writes the three levels at once.
--
-- gojuon_key keeps its SQL-standard body, so kana_fold is bound inside it when created (0108, 0139: the restore drill
-- builds the directory's index with an empty search_path); gojuon_levels, the loop, calls only built-in functions
-- (pg_catalog is searched whatever the search_path), so it needs no search_path either.
--
-- gojuon_levels(folded): the key of a reading already folded to katakana, ・ and spaces left out. Each kana adds to
--   1. its plain, full-size form (voicing dropped, small as large); a mark (ー, ヽ, ヾ) adds the plain form of the kana
--      before it (the last one that is not a mark), ー that form's vowel (ン stays ー); marks before any kana stand for
--      the first of them (ー as ー, ヽ and ヾ as ヽ);
--   2. a digit of voicing: 0 plain (small kana, ー and ヽ included), 1 voiced (ヾ included), 2 semi-voiced (パ行);
--   3. a digit of writing: 0 small, 1 written out, 2 a mark;
-- and the key is level 1, a space, level 2, level 3.
CREATE FUNCTION gojuon_levels(folded text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
    plain text := '';
    voicing text := '';
    writing text := '';
    base text;  -- the plain form of the last kana that is not a mark
    c text;
    p text;
BEGIN
    FOREACH c IN ARRAY string_to_array(folded, NULL) LOOP
        IF c IN ('ー', 'ヽ', 'ヾ') THEN
            base := coalesce(base, translate(c, 'ヾ', 'ヽ'));
            plain := plain || CASE WHEN c = 'ー' THEN translate(base,
                    'アカサタナハマヤラワイキシチニヒミリヰウクスツヌフムユルエケセテネヘメレヱオコソトノホモヨロヲン',
                    'アアアアアアアアアアイイイイイイイイイウウウウウウウウウエエエエエエエエエオオオオオオオオオオー')
                ELSE base END;
            voicing := voicing || CASE WHEN c = 'ヾ' THEN '1' ELSE '0' END;
            writing := writing || '2';
        ELSE
            p := translate(c,
                'ァィゥェォッャュョヮヵヶガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴヷヸヹヺ',
                'アイウエオツヤユヨワカケカキクケコサシスセソタチツテトハヒフヘホハヒフヘホウワヰヱヲ');
            base := p;
            plain := plain || p;
            IF p = c THEN
                voicing := voicing || '0';
                writing := writing || '1';
            ELSIF strpos('ァィゥェォッャュョヮヵヶ', c) > 0 THEN
                voicing := voicing || '0';
                writing := writing || '0';
            ELSE
                voicing := voicing || CASE WHEN strpos('パピプペポ', c) > 0 THEN '2' ELSE '1' END;
                writing := writing || '1';
            END IF;
        END IF;
    END LOOP;
    RETURN plain || ' ' || voicing || writing;
END
$$;

CREATE OR REPLACE FUNCTION gojuon_key(reading text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN gojuon_levels(translate(kana_fold(reading), '・ ', ''));
