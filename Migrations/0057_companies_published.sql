-- Companies publishes the directory others read (issue 18, item 1): the matching index reads whole
-- profiles, unfiltered by caller, and business-match records check that a company exists. Disclosure
-- levels travel with each row; readers apply them (docs/companies.md, "Disclosure").

CREATE VIEW published_companies AS
    SELECT id, name_ja, name_en, corporate_number, in_yokohama, size, yusa_member_since, languages, countries_with_experience, archived,
           created_at, updated_at
    FROM companies;

CREATE VIEW published_company_technologies AS
    SELECT id, company_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, maturity, disclosure,
           created_at
    FROM company_technologies;

CREATE VIEW published_company_track_records AS
    SELECT id, company_id, country, city, year, summary, disclosure, created_at
    FROM company_track_records;
