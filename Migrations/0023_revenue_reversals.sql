-- Revenue entries are financial records (issue 13): never updated or deleted; an entry recorded in
-- error is reversed by a counter-entry (negative amount, the reason, a link to the entry it reverses),
-- booked on the same day and fiscal year so the year's total nets out, with when and by whom in the audit.
ALTER TABLE revenue_entries DROP CONSTRAINT revenue_entries_amount_yen_check;
ALTER TABLE revenue_entries
    ADD COLUMN reverses_id uuid UNIQUE REFERENCES revenue_entries (id),
    ADD COLUMN reason text CHECK (char_length(reason) BETWEEN 1 AND 2000),
    ADD CONSTRAINT revenue_entries_amount CHECK (
        (reverses_id IS NULL AND reason IS NULL AND amount_yen BETWEEN 1 AND 1000000000000)
        OR (reverses_id IS NOT NULL AND reason IS NOT NULL AND amount_yen BETWEEN -1000000000000 AND -1));

CREATE FUNCTION revenue_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'revenue entries are financial records: reverse one with a counter-entry'
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER revenue_entries_append_only BEFORE UPDATE OR DELETE ON revenue_entries
    FOR EACH ROW EXECUTE FUNCTION revenue_entries_append_only();
