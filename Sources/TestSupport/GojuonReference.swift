public import Postgres

/// Migration 0139's `gojuon_key`, the reference its faster body (0146) is held to: the same statement, created as
/// `pg_temp.gojuon_key_0139` in one session (a function of that connection only, gone when it closes; call it with
/// the schema named). `CompanyNameReadingTests` compares the two over generated readings, and `DominoBench gojuon`
/// times both on the same names.
public enum GojuonReference {
    public static let createFunction: PostgresQuery = #"""
        CREATE FUNCTION pg_temp.gojuon_key_0139(reading text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
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
        """#
}
