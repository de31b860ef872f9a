-- The university registry gets row versions (harden11): two administrators editing the same university or
-- campus from two tabs overwrote each other silently. A write names the version it was read at (the API's
-- If-Match, the console's hidden field); a stale one changes nothing. Existing rows start at version 1.
ALTER TABLE universities ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE university_campuses ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1);
