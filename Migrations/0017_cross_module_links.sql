-- Links between modules that were built side by side (issues 5 and 6) and could not reference each
-- other's tables until both existed.

-- A business match names the lead it belongs to.
ALTER TABLE matches ADD CONSTRAINT matches_lead_id_fkey FOREIGN KEY (lead_id) REFERENCES leads (id);

-- A meeting requested at a convention and accepted by the company is a business match with channel
-- `convention` (issue 6, item 6). Its subject is the meeting request: there may be no need, lead or
-- city behind a conversation at the convention.
ALTER TABLE matches ADD COLUMN meeting_request_id uuid UNIQUE REFERENCES meeting_requests (id);
DO $$
DECLARE subject_check text;
BEGIN
    SELECT conname INTO STRICT subject_check FROM pg_constraint
    WHERE conrelid = 'matches'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%need_id IS NOT NULL%lead_id IS NOT NULL%city_id IS NOT NULL%';
    EXECUTE format('ALTER TABLE matches DROP CONSTRAINT %I', subject_check);
END
$$;
ALTER TABLE matches ADD CONSTRAINT matches_has_subject
    CHECK (need_id IS NOT NULL OR lead_id IS NOT NULL OR city_id IS NOT NULL OR meeting_request_id IS NOT NULL);
ALTER TABLE matches ADD CONSTRAINT matches_meeting_is_convention
    CHECK (meeting_request_id IS NULL OR channel = 'convention');
ALTER TABLE meeting_requests ADD CONSTRAINT meeting_requests_business_match_id_fkey
    FOREIGN KEY (business_match_id) REFERENCES matches (id);
