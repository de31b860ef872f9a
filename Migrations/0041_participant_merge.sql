-- Merging duplicate participants (issue 15, docs/conventions.md "Duplicates and merge"). The merged
-- record stays, without personal data, pointing at the person it became: registrations that could not
-- move (both records registered for the same event) stay on it, cancelled, so no registration is ever
-- deleted and the audit trail keeps what happened.
ALTER TABLE participants ADD COLUMN merged_into uuid REFERENCES participants (id);
ALTER TABLE participants ADD CONSTRAINT participants_merged_is_erased
    CHECK (merged_into IS NULL OR (erased_at IS NOT NULL AND merged_into <> id));
CREATE INDEX participants_merged_into ON participants (merged_into) WHERE merged_into IS NOT NULL;
