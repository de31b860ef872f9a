-- Coordinators publishes the parts of a lead other modules read (issue 18, item 1): business-match
-- records cite a lead, the matcher leaves out companies already in a lead's consortium, and KPI ①
-- counts commercialised leads from their stage history.

CREATE VIEW published_leads AS
    SELECT id, title, city_id, stage, owner_coordinator_id, created_at FROM leads;

CREATE VIEW published_lead_companies AS
    SELECT lead_id, company_id, role FROM lead_companies;

CREATE VIEW published_lead_stage_history AS
    SELECT id, lead_id, from_stage, to_stage, occurred_on, changed_at FROM lead_stage_history;
