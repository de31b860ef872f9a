-- One live business-match record per company and need (harden16; docs/matching.md, "One live record per
-- company and need"). Only company + lead had a unique index (0010), so `POST /v1/matches` with a need and
-- no lead took any number of identical live records (a probe made 103), and KPI ② counted each one. A
-- second live record of the same company for the same need is now a 409 naming the first; a declined or
-- withdrawn record is history and does not block a new one.
--
-- Records already stored are kept as they were, status and history included (nothing a person saved is
-- lost). Of each company and need's live records, one stays the record of the pairing: the liaison base's
-- if there is one (what KPI ② counts), then one already introduced or further, then the oldest. The others
-- get `duplicate_of`, that record's id: they are listed and can still be moved along or closed, and KPI ②
-- no longer counts them (migration 0106). The index below then holds from now on.
ALTER TABLE matches ADD COLUMN duplicate_of uuid REFERENCES matches (id);

WITH ranked AS (
    SELECT id, first_value(id) OVER pairing AS kept, row_number() OVER pairing AS place
    FROM matches
    WHERE need_id IS NOT NULL AND status NOT IN ('declined', 'withdrawn')
    WINDOW pairing AS (PARTITION BY company_id, need_id
                       ORDER BY channel = 'liaison_base' DESC, status <> 'proposed' DESC, created_at, id)
)
UPDATE matches m SET duplicate_of = ranked.kept
FROM ranked
WHERE m.id = ranked.id AND ranked.place > 1;

-- The rule itself. The service also takes a lock per company and looks first, so that the 409 can name
-- the live record (and one marked `duplicate_of` also blocks); the index is the backstop.
CREATE UNIQUE INDEX matches_live_company_need ON matches (company_id, need_id)
    WHERE need_id IS NOT NULL AND status NOT IN ('declined', 'withdrawn') AND duplicate_of IS NULL;

-- KPI ② reads which records are kept duplicates (migration 0106).
CREATE OR REPLACE VIEW published_matches AS
    SELECT id, company_id, need_id, lead_id, city_id, channel, status, created_at, updated_at, duplicate_of FROM matches;
