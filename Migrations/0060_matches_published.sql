-- Matches publishes business-match records and their status history (issue 18, item 1): KPI ② counts
-- liaison-base matches from the day they were first introduced.

CREATE VIEW published_matches AS
    SELECT id, company_id, need_id, lead_id, city_id, channel, status, created_at, updated_at FROM matches;

CREATE VIEW published_match_status_history AS
    SELECT id, match_id, from_status, to_status, occurred_on, recorded_at FROM match_status_history;
