-- Universities per campus (issue 13, docs/conventions.md): KPI ④ counts students of universities in
-- Yokohama, and "市内大学" is a campus in the city, not a university that has one somewhere: a student at
-- Keio's Mita campus in Tokyo does not count, one at Hiyoshi does. Admins keep the registry through the
-- API; participants name their campus. Campuses from each university's own campus pages.
CREATE TABLE university_campuses (
    id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_]{2,60}$'),
    university_id text NOT NULL REFERENCES universities (id),
    name_ja text NOT NULL CHECK (char_length(name_ja) BETWEEN 1 AND 200),
    name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 200),
    -- The municipality (and ward), e.g. 横浜市港北区 / 東京都港区 / Da Nang.
    municipality text NOT NULL CHECK (char_length(municipality) BETWEEN 1 AND 200),
    in_yokohama boolean NOT NULL
);
CREATE INDEX university_campuses_university ON university_campuses (university_id);

INSERT INTO university_campuses (id, university_id, name_ja, name_en, municipality, in_yokohama) VALUES
    ('ynu_tokiwadai', 'ynu', '常盤台キャンパス', 'Tokiwadai campus', '横浜市保土ケ谷区', true),
    ('ycu_kanazawa_hakkei', 'ycu', '金沢八景キャンパス', 'Kanazawa-hakkei campus', '横浜市金沢区', true),
    ('ycu_tsurumi', 'ycu', '鶴見キャンパス', 'Tsurumi campus', '横浜市鶴見区', true),
    ('kanagawa_u_yokohama', 'kanagawa_u', '横浜キャンパス', 'Yokohama campus', '横浜市神奈川区', true),
    ('kanagawa_u_minatomirai', 'kanagawa_u', 'みなとみらいキャンパス', 'Minatomirai campus', '横浜市西区', true),
    ('kanto_gakuin_kanazawa_hakkei', 'kanto_gakuin', '金沢八景キャンパス', 'Kanazawa-hakkei campus', '横浜市金沢区', true),
    ('kanto_gakuin_kannai', 'kanto_gakuin', '関内キャンパス', 'Kannai campus', '横浜市中区', true),
    ('kanto_gakuin_odawara', 'kanto_gakuin', '小田原キャンパス', 'Odawara campus', '小田原市', false),
    ('tsurumi_u', 'tsurumi_u', '鶴見キャンパス', 'Tsurumi campus', '横浜市鶴見区', true),
    ('ferris_ryokuen', 'ferris', '緑園キャンパス', 'Ryokuen campus', '横浜市泉区', true),
    ('ferris_yamate', 'ferris', '山手キャンパス', 'Yamate campus', '横浜市中区', true),
    ('toin', 'toin', '桐蔭横浜大学キャンパス', 'Toin campus', '横浜市青葉区', true),
    ('ycc_tsurumi', 'ycc', '鶴見キャンパス', 'Tsurumi campus', '横浜市鶴見区', true),
    ('tcu_yokohama', 'tcu_yokohama', '横浜キャンパス', 'Yokohama campus', '横浜市都筑区', true),
    ('tcu_setagaya', 'tcu_yokohama', '世田谷キャンパス', 'Setagaya campus', '東京都世田谷区', false),
    ('keio_hiyoshi', 'keio', '日吉キャンパス', 'Hiyoshi campus', '横浜市港北区', true),
    ('keio_yagami', 'keio', '矢上キャンパス', 'Yagami campus', '横浜市港北区', true),
    ('keio_mita', 'keio', '三田キャンパス', 'Mita campus', '東京都港区', false),
    ('keio_sfc', 'keio', '湘南藤沢キャンパス', 'Shonan Fujisawa campus', '藤沢市', false),
    ('science_tokyo_suzukakedai', 'science_tokyo', 'すずかけ台キャンパス', 'Suzukakedai campus', '横浜市緑区', true),
    ('science_tokyo_ookayama', 'science_tokyo', '大岡山キャンパス', 'Ookayama campus', '東京都目黒区', false),
    ('meiji_gakuin_yokohama', 'meiji_gakuin', '横浜キャンパス', 'Yokohama campus', '横浜市戸塚区', true),
    ('meiji_gakuin_shirokane', 'meiji_gakuin', '白金キャンパス', 'Shirokane campus', '東京都港区', false),
    ('yokohama_pharma', 'yokohama_pharma', '横浜薬科大学キャンパス', 'Main campus', '横浜市戸塚区', true),
    ('toyo_eiwa_yokohama', 'toyo_eiwa', '横浜キャンパス', 'Yokohama campus', '横浜市緑区', true),
    ('toyo_eiwa_roppongi', 'toyo_eiwa', '六本木キャンパス', 'Roppongi campus', '東京都港区', false),
    ('utokyo_hongo', 'utokyo', '本郷キャンパス', 'Hongo campus', '東京都文京区', false),
    ('waseda_waseda', 'waseda', '早稲田キャンパス', 'Waseda campus', '東京都新宿区', false),
    ('kait_atsugi', 'kait', '厚木キャンパス', 'Atsugi campus', '厚木市', false),
    ('dut', 'dut', 'ダナン工科大学キャンパス', 'Main campus', 'Da Nang', false),
    ('chula', 'chula', 'チュラロンコン大学キャンパス', 'Main campus', 'Bangkok', false),
    ('usc_cebu', 'usc_cebu', 'サンカルロス大学キャンパス', 'Main campus', 'Cebu City', false);

-- The free-text campus summary of migration 0011 is kept for old clients but no longer required;
-- in_yokohama now means "has a campus in Yokohama" and is kept in step by the service.
ALTER TABLE universities ALTER COLUMN campus DROP NOT NULL;

ALTER TABLE participants ADD COLUMN campus_id text REFERENCES university_campuses (id);

CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON university_campuses
    FOR EACH ROW EXECUTE FUNCTION audit_row_change();

-- A student of a university in Yokohama, for KPI ④: the campus they named is in Yokohama; without a
-- campus, every campus of their university is (so there is no doubt which one they attend).
CREATE FUNCTION kpi_yokohama_student(p_campus text, p_university text) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_campus IS NOT NULL
                THEN coalesce((SELECT in_yokohama FROM university_campuses WHERE id = p_campus), false)
                ELSE EXISTS (SELECT 1 FROM university_campuses WHERE university_id = p_university)
                     AND NOT EXISTS (SELECT 1 FROM university_campuses WHERE university_id = p_university AND NOT in_yokohama)
           END
$$;

CREATE OR REPLACE VIEW kpi_records AS
    SELECT 'commercializations'::text AS code, fiscal_year_of(h.occurred_on) AS fiscal_year,
           l.id::text AS record_id, 'lead'::text AS record_kind, l.title AS label,
           h.occurred_on, h.changed_at AS recorded_at
    FROM leads l
    JOIN LATERAL (SELECT occurred_on, changed_at FROM lead_stage_history
                  WHERE lead_id = l.id AND to_stage = 'commercialized' ORDER BY id DESC LIMIT 1) h ON true
    WHERE l.stage = 'commercialized' AND l.owner_coordinator_id IS NOT NULL
    UNION ALL
    SELECT 'liaison_matches', fiscal_year_of(i.occurred_on), m.id::text, 'match', m.id::text, i.occurred_on, i.recorded_at
    FROM matches m
    JOIN LATERAL (SELECT occurred_on, recorded_at FROM match_status_history
                  WHERE match_id = m.id
                    AND to_status IN ('introduced', 'meeting_held', 'negotiating', 'won', 'commercialized')
                  ORDER BY occurred_on, id LIMIT 1) i ON true
    CROSS JOIN kpi_settings s
    WHERE m.channel = 'liaison_base'
      AND (s.liaison_matches_rule = 'introduced' OR m.status NOT IN ('declined', 'withdrawn'))
    UNION ALL
    SELECT 'convention_participants', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    WHERE e.kind = 'convention'
    GROUP BY e.id, r.participant_id
    UNION ALL
    SELECT 'yokohama_students', e.fiscal_year, e.id::text || '/' || r.participant_id::text,
           'attendance', coalesce(e.title_ja, e.title_en), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_event' AND p.role = 'student' AND kpi_yokohama_student(p.campus_id, p.university_id)
    GROUP BY e.id, r.participant_id
    UNION ALL
    SELECT 'yokohama_students', e.fiscal_year, r.participant_id::text,
           'student', min(coalesce(e.title_ja, e.title_en)), min(c.day), min(c.checked_in_at)
    FROM check_ins c JOIN registrations r ON r.id = c.registration_id JOIN events e ON e.id = c.event_id
    JOIN participants p ON p.id = r.participant_id
    CROSS JOIN kpi_settings s
    WHERE s.students_rule = 'per_fiscal_year' AND p.role = 'student' AND kpi_yokohama_student(p.campus_id, p.university_id)
    GROUP BY e.fiscal_year, r.participant_id;

-- A campus edit can change KPI ④ in every year, like a university edit.
CREATE OR REPLACE FUNCTION kpi_touch_all_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_enqueue_recount(y) FROM (SELECT fiscal_year AS y FROM kpi_records UNION SELECT fiscal_year FROM kpi_counts) d;
    RETURN NULL;
END
$$;
CREATE TRIGGER kpi_touch AFTER INSERT OR UPDATE OR DELETE ON university_campuses
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_touch_all_years();
