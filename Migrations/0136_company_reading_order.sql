-- The directory in 五十音順 (dir35; `GET /v1/companies?order=reading`): companies with a reading by their reading, in
-- katakana (kana_fold, so さ and サ sort as one), then those without by name (Japanese, else English). One text key, so
-- that the list's keyset paging is one row comparison (key, id) the index below ranges over. Byte order ("C"): kana in
-- code-point order are in 五十音順 (ア イ ウ … ン, a voiced kana after its plain one; a small kana before its
-- full one), and the order does not hang on the database's locale.
CREATE FUNCTION company_reading_order(name_reading text, name_ja text, name_en text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN name_reading IS NOT NULL THEN '0' || kana_fold(name_reading)
                ELSE '1' || coalesce(name_ja, name_en, '') END;

-- A function's result takes its arguments' collation, so the byte order is named here and in CompanyStore's ORDER BY.
CREATE INDEX companies_reading_order ON companies (company_reading_order(name_reading, name_ja, name_en) COLLATE "C", id);
