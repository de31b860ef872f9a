-- The directory's "profile needs review" filter (profile33, docs/companies.md "Keeping the profile current"): the
-- Companies service turns "older than the review period on the programme clock" into one instant, so the list's
-- condition is `profile_reviewed_at < $1` (or `>= $1` for the reverse), one comparison this index serves, rather
-- than a computation on every row.
CREATE INDEX companies_profile_reviewed ON companies (profile_reviewed_at);
