-- A person's 五十音順 key stored beside their names (perf38; docs/benchmarks.md "五十音順: the stored key"). The
-- registrations list and export in 五十音順 computed reading_order (0139, 0146) for every person of the event at every
-- page: about 66 ms for the first page at 2,000 people. A generated column is computed by PostgreSQL itself whenever a
-- row is written, so every path that writes a name or a reading (the registration upsert, the public form, the
-- participant edit, erasure, merging, anonymisation at the end of retention) keeps it current without being told, and
-- nothing can write it by hand. reading_order is IMMUTABLE with a SQL-standard body (bound at creation), so a restore
-- with an empty search_path computes the same keys. Byte order ("C"), as the directory's index and the list compare.
--
-- An erased person's names are NULL, so their key is '1' (no reading, no name): nothing of them stays in it.
-- A later change of reading_order must rewrite this column (an UPDATE of the rows recomputes it).
ALTER TABLE participants ADD COLUMN reading_key text COLLATE "C"
    GENERATED ALWAYS AS (reading_order(name_reading, name_ja, name_en)) STORED;

-- The audit entries of a person keep their names, which erasure removes from them (MeetingRequestStore.erase); a key
-- derived from the reading would be one more copy for it to find, and says nothing the reading does not. Left out,
-- as the row's version and stamps are. (audit_rows_inserted and audit_restore already skip generated columns; this
-- trigger, audit_row_change of 0036, reads the whole row.)
DROP TRIGGER audit ON participants;
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON participants
    FOR EACH ROW EXECUTE FUNCTION audit_row_change('version', 'created_at', 'updated_at', 'reading_key');
