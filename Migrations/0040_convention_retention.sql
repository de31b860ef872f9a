-- Retention of participants' personal data (issue 15, docs/conventions.md "Retention").
-- Each event keeps personal data for `retention_days` after it ends (730 by default: the September
-- KPI report of the event's fiscal year and the council's questions on it fall inside). Then the
-- daily job `conventions.retention` anonymises its participants who did not consent to stay in touch
-- and hold no registration at an event still within its own period, and stamps the event.
ALTER TABLE events ADD COLUMN retention_days integer NOT NULL DEFAULT 730 CHECK (retention_days BETWEEN 0 AND 3650);
ALTER TABLE events ADD COLUMN personal_data_shredded_at timestamptz;

-- "Keep my contact details to hear about future programme events": the latest statement counts, as
-- for sharing contact details; an anonymised or erased person has consented to nothing.
ALTER TABLE participants ADD COLUMN consent_keep_in_touch boolean NOT NULL DEFAULT false;
ALTER TABLE participants ADD CONSTRAINT participants_erased_keeps_no_consent CHECK (erased_at IS NULL OR NOT consent_keep_in_touch);
-- The job looks for people who still hold personal data and did not consent.
CREATE INDEX participants_retention_candidates ON participants (id) WHERE erased_at IS NULL AND NOT consent_keep_in_touch;
