-- The company's name reading (フリガナ) on an application to join (app35): asked on the public form beside the names,
-- as the company form asks it (0135), and passed to the company that approval creates, or to the existing company the
-- approval picks when that one has none. Optional; kana only, stored as the service stores it (DomainKit's
-- `NameReading`), under the same rule as `companies_name_reading_kana`, so a value taken here is always one a company
-- takes.
-- The yearly anonymising (0128) keeps it: it is how the company's name is read, the company's data as its names and
-- 法人番号 are, not the applicant's; `company_applications_anonymised` names only the applicant's columns and stays true.
ALTER TABLE company_applications ADD COLUMN name_reading text
    CONSTRAINT company_applications_name_reading_kana CHECK (char_length(name_reading) BETWEEN 1 AND 200
        AND name_reading ~ '^[ぁ-ゖゝゞァ-ヾ]+( [ぁ-ゖゝゞァ-ヾ]+)*$');
