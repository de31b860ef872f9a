-- Cities publishes what other modules read (issue 18, item 1): the matcher ranks needs and names their
-- city, and business-match records check the city, base and partner they cite. Columns are a contract:
-- add to these views freely, but rename or drop only with every reader (tests/AppTests/ModuleSchema.swift
-- lists who owns what).

CREATE VIEW published_cities AS
    SELECT id, name_ja, name_en, country, archived FROM overseas_cities;

CREATE VIEW published_needs AS
    SELECT id, city_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, sector, status,
           source, source_liaison_base_id, reported_at, created_at
    FROM city_needs;

CREATE VIEW published_liaison_bases AS
    SELECT id, city_id, name, country FROM liaison_bases;

CREATE VIEW published_local_partners AS
    SELECT id, city_id, name FROM local_partner_companies;
