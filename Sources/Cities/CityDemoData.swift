public import Postgres
import DomainKit
public import FoundationEssentials

/// Demo data for `make run`: cities, liaison bases, needs and local partners. Idempotent: cities and
/// bases are found by a fixed id (or, loaded before they had one, by name), needs by a fixed id,
/// partners by (city, name), and what exists is left as it is, so loading twice changes nothing and a
/// second `make run` keeps what users edited. Facts are only those in the programme plan (MOU partners
/// since 2011; Da Nang and Bangkok declared zero carbon in 2021); exact MOU dates are left empty rather
/// than guessed.
public enum CityDemoData {
    struct DemoCity {
        let nameJa, nameEn, country, region: String
        let relationship: CityRelationship
        let zeroCarbonYear: Int?
    }

    static let cities: [DemoCity] = [
        DemoCity(nameJa: "セブ市", nameEn: "Cebu City", country: "PH", region: "Southeast Asia", relationship: .mouPartner, zeroCarbonYear: nil),
        DemoCity(nameJa: "ダナン市", nameEn: "Da Nang", country: "VN", region: "Southeast Asia", relationship: .mouPartner, zeroCarbonYear: 2021),
        DemoCity(nameJa: "バンコク都", nameEn: "Bangkok", country: "TH", region: "Southeast Asia", relationship: .mouPartner, zeroCarbonYear: 2021),
        DemoCity(nameJa: "ホーチミン市", nameEn: "Ho Chi Minh City", country: "VN", region: "Southeast Asia", relationship: .prospect, zeroCarbonYear: nil),
        DemoCity(nameJa: "ジャカルタ", nameEn: "Jakarta", country: "ID", region: "Southeast Asia", relationship: .prospect, zeroCarbonYear: nil),
        DemoCity(nameJa: "バタム", nameEn: "Batam", country: "ID", region: "Southeast Asia", relationship: .prospect, zeroCarbonYear: nil),
        DemoCity(nameJa: "フランクフルト", nameEn: "Frankfurt", country: "DE", region: "Europe", relationship: .other, zeroCarbonYear: nil),
        DemoCity(nameJa: "ニューヨーク", nameEn: "New York", country: "US", region: "North America", relationship: .other, zeroCarbonYear: nil),
        DemoCity(nameJa: "上海", nameEn: "Shanghai", country: "CN", region: "East Asia", relationship: .other, zeroCarbonYear: nil),
    ]

    /// (base name, operator, city English name, kind)
    static let bases: [(String, String, String, LiaisonBaseKind)] = [
        ("Yokohama Overseas Office (Bangkok)", "City of Yokohama", "Bangkok", .yokohamaOverseasOffice),
        ("Yokohama Overseas Office (Frankfurt)", "City of Yokohama", "Frankfurt", .yokohamaOverseasOffice),
        ("Yokohama Overseas Office (New York)", "City of Yokohama", "New York", .yokohamaOverseasOffice),
        ("Yokohama Overseas Office (Shanghai)", "City of Yokohama", "Shanghai", .yokohamaOverseasOffice),
        ("Da Nang Liaison Office", "A Yokohama environmental engineering company (demo)", "Da Nang", .companyLiaisonOffice),
        ("Cebu Liaison Office", "A Yokohama water and sewage services company (demo)", "Cebu City", .companyLiaisonOffice),
    ]

    /// (fixed id suffix, city, title ja, title en, codes, source)
    static let needs: [(Int, String, String?, String?, [String], NeedSource)] = [
        (1, "Da Nang", "廃棄物発電施設の導入検討", nil, ["waste_to_energy"], .policyDialogue),
        (2, "Da Nang", nil, "Rooftop solar for public buildings", ["solar_pv"], .liaisonBase),
        (3, "Da Nang", "下水処理場の省エネ化", "Energy saving at sewage treatment plants", ["sewage_treatment"], .liaisonBase),
        (4, "Cebu City", nil, "Landfill gas capture at the city landfill", ["landfill"], .liaisonBase),
        (5, "Cebu City", "上水道の漏水対策", "Leak detection and non-revenue water reduction", ["water_supply"], .inquiry),
        (6, "Bangkok", nil, "Waste-to-energy: municipal solid waste incineration", ["waste_to_energy"], .policyDialogue),
        (7, "Bangkok", "電気バス導入と充電インフラ", "Electric buses and charging", ["ev", "ev_charging"], .convention),
        (8, "Bangkok", "工場の省エネ診断", nil, ["efficiency", "ems"], .convention),
        (9, "Ho Chi Minh City", nil, "Energy management for industrial parks", ["ems", "sensors_iot"], .inquiry),
        (10, "Jakarta", "脱炭素ロードマップ策定支援", "Decarbonization roadmap support", ["decarb_planning", "mrv"], .policyDialogue),
    ]

    /// (city, name, sector)
    static let partners: [(String, String, String)] = [
        ("Da Nang", "Da Nang urban environment company (demo)", "waste"),
        ("Da Nang", "Da Nang water supply company (demo)", "water"),
        ("Cebu City", "Cebu industrial park operator (demo)", "industry"),
        ("Bangkok", "Bangkok factory owners' association (demo)", "industry"),
    ]

    /// The city whose first liaison base the demo's liaison officer belongs to.
    static let tenantCity = "Da Nang"

    /// Loads what is missing and returns the demo liaison officer's base.
    @discardableResult
    public static func load(pool: PostgresPool) async throws -> UUID {
        try await pool.transaction { db in
            var cityIDs: [String: UUID] = [:]
            for (number, city) in cities.enumerated() {
                // A fixed id, so a city users renamed is still found; databases seeded before fixed ids find theirs by name.
                let fixed = UUID.demo(0xde40_0000, number + 1)
                let rows = try await db.query("""
                    WITH made AS (
                        INSERT INTO overseas_cities (id, name_ja, name_en, country, region, relationship, zero_carbon_declared_year, mou_scope)
                        VALUES (\(fixed), \(city.nameJa), \(city.nameEn), \(city.country), \(city.region), \(city.relationship.rawValue),
                            \(city.zeroCarbonYear), \(city.relationship == .mouPartner ? "Technical cooperation on sustainable urban development (MOU partner since 2011 or later, per the programme plan)" : nil))
                        ON CONFLICT DO NOTHING
                        RETURNING id
                    )
                    SELECT id FROM made
                    UNION ALL (SELECT id FROM overseas_cities WHERE id = \(fixed) OR (country = \(city.country) AND name_en = \(city.nameEn))
                               ORDER BY id = \(fixed) DESC LIMIT 1)
                    """)
                cityIDs[city.nameEn] = try rows[0].decode("id")
            }
            var baseIDs: [String: UUID] = [:], firstBases: [String: UUID] = [:]
            for (number, (name, operatorName, cityName, kind)) in bases.enumerated() {
                let cityID = try cityIDs.demoRecord(cityName)
                let fixed = UUID.demo(0xde41_0000, number + 1)
                let rows = try await db.query("""
                    WITH made AS (
                        INSERT INTO liaison_bases (id, name, operator_name, city_id, country, kind)
                        SELECT \(fixed), \(name), \(operatorName), id, country, \(kind.rawValue) FROM overseas_cities WHERE id = \(cityID)
                        ON CONFLICT DO NOTHING
                        RETURNING id
                    )
                    SELECT id FROM made
                    UNION ALL (SELECT id FROM liaison_bases WHERE id = \(fixed) OR name = \(name) ORDER BY id = \(fixed) DESC LIMIT 1)
                    """)
                baseIDs[cityName] = try rows[0].decode("id")
                if firstBases[cityName] == nil { firstBases[cityName] = baseIDs[cityName] }
            }
            for (number, cityName, titleJa, titleEn, codes, source) in needs {
                let id = UUID.demo(0xde00_0000, number)
                let base = source == .liaisonBase ? baseIDs[cityName] : nil
                let cityID = try cityIDs.demoRecord(cityName)
                try await db.query("""
                    INSERT INTO city_needs (id, city_id, title_ja, title_en, taxonomy_codes, source, source_liaison_base_id)
                    VALUES (\(id), \(cityID), \(titleJa), \(titleEn), \(codes), \(source.rawValue), \(base))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
            for (cityName, name, sector) in partners {
                let cityID = try cityIDs.demoRecord(cityName)
                try await db.query("""
                    INSERT INTO local_partner_companies (city_id, name, sector) VALUES (\(cityID), \(name), \(sector))
                    ON CONFLICT (city_id, name) DO NOTHING
                    """)
            }
            return try firstBases.demoRecord(tenantCity)
        }
    }
}
