-- When a company's profile was last saved or confirmed as current (home32, docs/companies.md "Keeping the profile
-- current"). `updated_at` is stamped by PostgreSQL's now(), the machine's date; this column is written by the
-- Companies service from the injected programme clock (creating the company, saving its profile, or confirming it
-- unchanged), so "how long ago" is measured on the one clock the rest of Domino uses. Rows written without the
-- service (CSV import, demo data) take the database's time: the default below. Existing rows start from their
-- last update, the best record there is; the backfill runs without the row triggers (audit, change feed), as it
-- changes nobody's data.
ALTER TABLE companies ADD COLUMN profile_reviewed_at timestamptz;
ALTER TABLE companies DISABLE TRIGGER USER;
UPDATE companies SET profile_reviewed_at = updated_at;
ALTER TABLE companies ENABLE TRIGGER USER;
ALTER TABLE companies ALTER COLUMN profile_reviewed_at SET DEFAULT now(), ALTER COLUMN profile_reviewed_at SET NOT NULL;
