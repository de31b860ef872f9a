-- A company's name reading (フリガナ, dir35; docs/companies.md "Name reading"): coordinators look companies up by how the
-- name sounds, which 日揮, 荏原 or 東芝 do not say. Optional; kana only, as a participant's (0130) and as the service stores
-- it (DomainKit's `NameReading`: Unicode NFKC, white space as single spaces, trimmed).
ALTER TABLE companies ADD COLUMN name_reading text
    CONSTRAINT companies_name_reading_kana CHECK (char_length(name_reading) BETWEEN 1 AND 200
        AND name_reading ~ '^[ぁ-ゖゝゞァ-ヾ]+( [ぁ-ゖゝゞァ-ヾ]+)*$');

-- The directory's `q` finds the reading: the search texts (0007, 0018) hold it after the names, in katakana (kana_fold,
-- 0130), and CompanyStore.list compares them with the query as typed and with the query in katakana, so にっき, ニッキ
-- and ﾆｯｷ all find 日揮 through the same trigram indexes. Only the reading is folded: the rest of the text stays as
-- 0108 folds it, so no stored search text changes here (every company's reading is still empty) and nothing is recomputed.
CREATE OR REPLACE FUNCTION companies_search_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    parts record;
BEGIN
    SELECT * INTO parts FROM company_technology_search(NEW.id);
    NEW.search_text_partners := search_form(concat_ws(' ', NEW.name_ja, NEW.name_en, kana_fold(NEW.name_reading), parts.text_partners));
    NEW.search_text_all := search_form(concat_ws(' ', NEW.name_ja, NEW.name_en, kana_fold(NEW.name_reading), parts.text_all));
    NEW.search_codes_partners := parts.codes_partners;
    NEW.search_codes_all := parts.codes_all;
    RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION companies_refresh_search(ids uuid[]) RETURNS void LANGUAGE sql AS $$
    UPDATE companies c SET
        search_text_partners = fresh.text_partners, search_text_all = fresh.text_all,
        search_codes_partners = fresh.codes_partners, search_codes_all = fresh.codes_all
    FROM (SELECT c2.id,
                 search_form(concat_ws(' ', c2.name_ja, c2.name_en, kana_fold(c2.name_reading), s.text_partners)) AS text_partners,
                 search_form(concat_ws(' ', c2.name_ja, c2.name_en, kana_fold(c2.name_reading), s.text_all)) AS text_all,
                 s.codes_partners, s.codes_all
          FROM companies c2, LATERAL company_technology_search(c2.id) AS s
          WHERE c2.id = ANY (ids)) AS fresh
    WHERE c.id = fresh.id
      AND (c.search_text_partners, c.search_text_all, c.search_codes_partners, c.search_codes_all)
          IS DISTINCT FROM (fresh.text_partners, fresh.text_all, fresh.codes_partners, fresh.codes_all)
$$;

-- A reading given or changed recomputes the texts, as a rename does (0018).
DROP TRIGGER search_renamed ON companies;
CREATE TRIGGER search_renamed BEFORE UPDATE OF name_ja, name_en, name_reading ON companies
    FOR EACH ROW EXECUTE FUNCTION companies_search_row();
