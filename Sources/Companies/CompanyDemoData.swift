public import Postgres
import DomainKit
public import FoundationEssentials

/// Demo data for `make run`: fictional companies, their technologies and track records. Idempotent:
/// companies are found by corporate number, technologies and records by fixed ids, and what exists is
/// left as it is, so loading twice changes nothing and a second `make run` keeps what users edited.
/// Every corporate number's leading check digit was computed with `CorporateNumber`; the numbers are
/// made up and belong to no real company.
public enum CompanyDemoData {
    struct DemoCompany {
        let number, nameJa: String
        /// The name's reading in katakana, as a フリガナ is usually written, without the legal form (株式会社), which
        /// 五十音順 passes over.
        let reading: String
        let nameEn: String?
        let municipality: String
        let inYokohama: Bool
        let size: CompanySize
        let yusaSince: String?
        let showcase: Bool
        let countries: [String]
    }

    static let companies: [DemoCompany] = [
        DemoCompany(number: "3020001012345", nameJa: "横浜グリーンエナジー株式会社", reading: "ヨコハマグリーンエナジー", nameEn: "Yokohama Green Energy Co., Ltd.",
                    municipality: "横浜市中区", inYokohama: true, size: .sme, yusaSince: "2019-04-01", showcase: true, countries: ["VN", "TH"]),
        DemoCompany(number: "5020001023456", nameJa: "みなと水道テクノ株式会社", reading: "ミナトスイドウテクノ", nameEn: "Minato Water Techno Co., Ltd.",
                    municipality: "横浜市西区", inYokohama: true, size: .sme, yusaSince: "2017-10-01", showcase: true, countries: ["PH"]),
        DemoCompany(number: "7020001034567", nameJa: "ベイサイド環境エンジニアリング株式会社", reading: "ベイサイドカンキョウエンジニアリング", nameEn: "Bayside Environmental Engineering Co., Ltd.",
                    municipality: "横浜市鶴見区", inYokohama: true, size: .large, yusaSince: "2015-06-01", showcase: false, countries: ["VN", "PH", "TH"]),
        DemoCompany(number: "9020001045678", nameJa: "港北スマートビルディング株式会社", reading: "コウホクスマートビルディング", nameEn: nil,
                    municipality: "横浜市港北区", inYokohama: true, size: .sme, yusaSince: nil, showcase: true, countries: ["TH"]),
        DemoCompany(number: "8010401056789", nameJa: "東京ハイドロジェン株式会社", reading: "トウキョウハイドロジェン", nameEn: "Tokyo Hydrogen Corporation",
                    municipality: "東京都千代田区", inYokohama: false, size: .large, yusaSince: nil, showcase: false, countries: ["TH"]),
        DemoCompany(number: "5020001067890", nameJa: "金沢シーサイドEVモビリティ株式会社", reading: "カナザワシーサイドイーブイモビリティ", nameEn: "Kanazawa Seaside EV Mobility Co., Ltd.",
                    municipality: "横浜市金沢区", inYokohama: true, size: .sme, yusaSince: "2021-04-01", showcase: true, countries: ["VN"]),
        DemoCompany(number: "8011001078901", nameJa: "川崎リサイクルシステムズ株式会社", reading: "カワサキリサイクルシステムズ", nameEn: "Kawasaki Recycling Systems Co., Ltd.",
                    municipality: "川崎市川崎区", inYokohama: false, size: .sme, yusaSince: nil, showcase: true, countries: ["PH"]),
        DemoCompany(number: "3020001089012", nameJa: "戸塚省エネ診断株式会社", reading: "トツカショウエネシンダン", nameEn: "Totsuka Energy Audit Co., Ltd.",
                    municipality: "横浜市戸塚区", inYokohama: true, size: .sme, yusaSince: nil, showcase: false, countries: ["VN", "TH"]),
        DemoCompany(number: "3060001090123", nameJa: "相模バイオマスパワー株式会社", reading: "サガミバイオマスパワー", nameEn: "Sagami Biomass Power Co., Ltd.",
                    municipality: "相模原市", inYokohama: false, size: .sme, yusaSince: nil, showcase: false, countries: []),
        DemoCompany(number: "8020001101234", nameJa: "横浜ポートロジスティクス株式会社", reading: "ヨコハマポートロジスティクス", nameEn: "Yokohama Port Logistics Co., Ltd.",
                    municipality: "横浜市中区", inYokohama: true, size: .large, yusaSince: "2016-04-01", showcase: true, countries: ["PH", "VN"]),
    ]

    /// (fixed id suffix, company number, title ja, title en, codes, maturity, disclosure)
    static let technologies: [(Int, String, String?, String?, [String], TechnologyMaturity, Disclosure)] = [
        (1, "3020001012345", "屋根置き太陽光の設計・運用保守", "Rooftop solar design and O&M", ["solar_pv"], .commercial, .public),
        (2, "3020001012345", nil, "Battery storage for factories", ["battery_storage", "ems"], .pilot, .partners),
        (3, "5020001023456", "漏水検知センサー", nil, ["water_supply", "sensors_iot"], .commercial, .public),
        (4, "7020001034567", nil, "Waste-to-energy plant engineering", ["waste_to_energy"], .commercial, .public),
        (5, "7020001034567", "下水汚泥の燃料化（実証中）", nil, ["sludge_energy"], .pilot, .coordinators),
        (6, "9020001045678", "既存ビルのZEB化改修", nil, ["buildings", "hvac"], .commercial, .public),
        (7, "8010401056789", nil, "Compact PEM electrolysers", ["hydrogen_production"], .pilot, .partners),
        (8, "5020001067890", "電動三輪タクシーと充電ステーション", "Electric tricycles and charging stations", ["ev", "ev_charging"], .commercial, .public),
        (9, "8011001078901", nil, "PET bottle-to-bottle recycling lines", ["plastic_recycling"], .commercial, .public),
        (10, "3020001089012", "工場の省エネ診断", nil, ["efficiency"], .commercial, .partners),
        (11, "3060001090123", nil, "Rice husk biomass boilers", ["biomass_power"], .concept, .partners),
        (12, "8020001101234", "港湾荷役機械の電動化・陸電供給", "Shore power and electric cargo handling", ["carbon_neutral_port"], .pilot, .public),
    ]

    /// (fixed id suffix, company number, country, city, year, summary, disclosure)
    static let records: [(Int, String, String, String, Int, String, Disclosure)] = [
        (1, "3020001012345", "VN", "Da Nang", 2023, "Rooftop solar on two public schools (JCM model project).", .public),
        (2, "3020001012345", "TH", "Bangkok", 2024, "Feasibility study for factory battery storage.", .partners),
        (3, "5020001023456", "PH", "Cebu", 2022, "Leak detection pilot in a water district.", .public),
        (4, "7020001034567", "VN", "Da Nang", 2021, "Waste-to-energy pre-feasibility study.", .partners),
        (5, "7020001034567", "PH", "Cebu", 2024, "Sludge treatment survey.", .coordinators),
        (6, "9020001045678", "TH", "Bangkok", 2023, "Energy-saving retrofit of an office building.", .public),
        (7, "5020001067890", "VN", "Da Nang", 2024, "Electric tricycle taxi trial in the city centre.", .public),
        (8, "8011001078901", "PH", "Cebu", 2023, "Recycling line study for an industrial park.", .partners),
        (9, "3020001089012", "TH", "Bangkok", 2022, "Energy audits at twelve factories.", .partners),
        (10, "8020001101234", "PH", "Cebu", 2024, "Shore power study at the port.", .public),
    ]


    /// Each demo company's profile text by language (technology titles; records are English), keyed by its English name or
    /// else its Japanese one: what `DominoBench glossary-coverage --profiles --demo` reads beside the evaluation set.
    public static var profileTexts: [(company: String, japanese: [String], english: [String])] {
        companies.map { company in
            let own = technologies.filter { $0.1 == company.number }
            return (company.nameEn ?? company.nameJa, own.compactMap(\.2),
                    own.compactMap(\.3) + records.filter { $0.1 == company.number }.map(\.5))
        }
    }

    /// The company the demo's company user belongs to.
    static let tenantNumber = "3020001012345"

    /// Loads what is missing and returns the demo company user's company. `now` is the programme clock's, as the rest of the
    /// seed's: a new demo company's profile counts as reviewed then (the database's time would be another date under a
    /// moved clock, and the console measures the profile's age on the programme clock).
    @discardableResult
    public static func load(pool: PostgresPool, at now: Date) async throws -> UUID {
        try await pool.transaction { db in
            var ids: [String: UUID] = [:]
            for company in companies {
                let since = company.yusaSince.flatMap(CalendarDate.init)
                let rows = try await db.query("""
                    WITH made AS (
                        INSERT INTO companies (name_ja, name_en, name_reading, corporate_number, municipality, in_yokohama, size, yusa_member_since,
                            languages, countries_with_experience, showcase_opt_in, profile_reviewed_at)
                        VALUES (\(company.nameJa), \(company.nameEn), \(company.reading), \(company.number), \(company.municipality), \(company.inYokohama),
                            \(company.size.rawValue), \(since), \(company.nameEn == nil ? ["ja"] : ["ja", "en"]), \(company.countries),
                            \(company.showcase), \(now))
                        ON CONFLICT (corporate_number) DO NOTHING
                        RETURNING id
                    )
                    SELECT id FROM made UNION ALL SELECT id FROM companies WHERE corporate_number = \(company.number)
                    """)
                ids[company.number] = try rows[0].decode("id")
            }
            for (number, company, titleJa, titleEn, codes, maturity, disclosure) in technologies {
                let companyID = try ids.demoRecord(company)
                try await db.query("""
                    INSERT INTO company_technologies (id, company_id, title_ja, title_en, taxonomy_codes, maturity, disclosure)
                    VALUES (\(UUID.demo(0xde10_0000, number)), \(companyID), \(titleJa), \(titleEn), \(codes), \(maturity.rawValue),
                        \(disclosure.rawValue))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
            for (number, company, country, city, year, summary, disclosure) in records {
                let companyID = try ids.demoRecord(company)
                try await db.query("""
                    INSERT INTO company_track_records (id, company_id, country, city, year, summary, disclosure)
                    VALUES (\(UUID.demo(0xde20_0000, number)), \(companyID), \(country), \(city), \(year), \(summary), \(disclosure.rawValue))
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
            return try ids.demoRecord(tenantNumber)
        }
    }
}
