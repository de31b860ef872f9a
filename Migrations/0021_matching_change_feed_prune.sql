-- Pruning the matching change feed (matching_company_changes, 0010): the nightly job
-- `matches.prune_change_feed` deletes rows older than a week (docs/matching.md, "Staying current").
-- Two facts must survive the deletion, and they live here.

-- A company's version in the index is the number of its changes ever recorded (0010): it only grows,
-- so an older read of the company never replaces a newer one. Deleting rows would lower it, and an
-- index holding the old number would then ignore the company's next edits; so the prune adds what it
-- deletes to this count in the same statement, and the version is this count plus the rows left.
CREATE TABLE matching_company_pruned_changes (
    company_id uuid PRIMARY KEY,
    pruned bigint NOT NULL CHECK (pruned > 0)
);

-- The newest writing transaction whose changes may have been pruned. An index reads the changes of
-- transactions at or after its horizon; if that horizon is not past this one, a change it needs may be
-- gone, so it rebuilds instead (a process that sat idle for longer than the window).
CREATE TABLE matching_change_feed_floor (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    pruned_through xid8 NOT NULL
);
