-- Decided applications to join (approved, declined) keep the decision, its dates, the reason and the company for the
-- record, but not the applicant's personal data for ever (cap34): `CompanyService.anonymiseDecidedApplications`, run by
-- the nightly accounts.prune, clears the applicant's name, address and department once the decision is
-- `CompanyService.decidedApplicationRetention` old (365 days) and stamps when. The CHECK keeps both sides honest: an
-- application not anonymised has its applicant, an anonymised one is decided and has none.
ALTER TABLE company_applications
    ALTER COLUMN applicant_name DROP NOT NULL,
    ALTER COLUMN email DROP NOT NULL,
    ADD COLUMN anonymised_at timestamptz,
    ADD CONSTRAINT company_applications_anonymised CHECK (CASE WHEN anonymised_at IS NULL
        THEN applicant_name IS NOT NULL AND email IS NOT NULL
        ELSE applicant_name IS NULL AND email IS NULL AND department IS NULL AND state IN ('approved', 'declined') END);
-- The nightly look-up: decided applications still holding their applicant, by decision date.
CREATE INDEX company_applications_to_anonymise ON company_applications (decided_at)
    WHERE anonymised_at IS NULL AND state IN ('approved', 'declined');
