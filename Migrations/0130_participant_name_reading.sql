-- A participant's name reading (フリガナ, conv34; docs/conventions.md "Name reading"): Japanese organizers find and
-- sort people by how their name is read, which 佐藤 花子 does not say. Optional; only kana, as the service stores it
-- (`ParticipantDraft.readingForm`: Unicode NFKC, so half-width ｻﾄｳ is サトウ, white space as single spaces, trimmed):
-- hiragana, katakana, the middle dot ・, the long vowel mark ー, the iteration marks, and single spaces between them.
ALTER TABLE participants ADD COLUMN name_reading text
    CONSTRAINT participants_name_reading_kana CHECK (char_length(name_reading) BETWEEN 1 AND 200
        AND name_reading ~ '^[ぁ-ゖゝゞァ-ヾ]+( [ぁ-ゖゝゞァ-ヾ]+)*$');
-- Erasure, anonymisation at the end of retention and merging clear it with the other personal columns (0011's
-- CHECK that an erased row holds no name, extended to the reading).
ALTER TABLE participants ADD CONSTRAINT participants_erased_has_no_reading CHECK (erased_at IS NULL OR name_reading IS NULL);

-- Hiragana as katakana, so that さとう, サトウ and (after search_fold's NFKC) ｻﾄｳ compare as one: applied on both
-- sides of a search, to the stored text and to the query (RegistrationStore's `q`, the check-in desk). Only
-- translate(): search_fold stays as it is, since every trigram index depends on it. A SQL-standard body, bound
-- when created, as search_fold's callers (0108).
CREATE FUNCTION kana_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate($1,
        'ぁあぃいぅうぇえぉおかがきぎくぐけげこごさざしじすずせぜそぞただちぢっつづてでとどなにぬねのはばぱひびぴふぶぷへべぺほぼぽまみむめもゃやゅゆょよらりるれろゎわゐゑをんゔゕゖゝゞ',
        'ァアィイゥウェエォオカガキギクグケゲコゴサザシジスズセゼソゾタダチヂッツヅテデトドナニヌネノハバパヒビピフブプヘベペホボポマミムメモャヤュユョヨラリルレロヮワヰヱヲンヴヵヶヽヾ');
