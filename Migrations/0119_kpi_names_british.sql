-- The console writes British English (decarbonisation, programme); two KPI names of 0019 mixed in the American
-- spelling ("Commercialisations through decarbonization specialists"), shown beside the console's own words on the
-- KPI pages and in the council's report.
UPDATE kpi_definitions SET name_en = 'Commercialisations through decarbonisation specialists' WHERE code = 'commercializations';
UPDATE kpi_definitions SET name_en = 'Participants in the decarbonisation convention' WHERE code = 'convention_participants';
