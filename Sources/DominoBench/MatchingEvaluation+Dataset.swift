import DomainKit
import Foundation
import Postgres

/// The labelled set as `Tests/matching-eval/build_dataset.py` writes it, and how it is put into a database: with
/// plain SQL, as an import would, so the matcher reads it through its own store and index.
extension MatchingEvaluation {
    struct Dataset: Decodable {
        struct City: Decodable { var key, name_en, name_ja, country: String }
        struct Technology: Decodable {
            var title_ja, title_en, description_ja, description_en: String?
            var taxonomy_codes: [String]
            var maturity: String
        }
        struct Record: Decodable {
            var country: String
            var city: String?
            var year: Int?
            var summary: String?
        }
        struct Company: Decodable {
            var key: String
            var name_ja, name_en: String?
            var in_yokohama: Bool
            var size: String
            var yusa_member: Bool
            var languages, countries_with_experience: [String]
            var technologies: [Technology]
            var track_records: [Record]
        }
        struct Need: Decodable {
            var key, city, language, title: String
            /// "dev" or "heldout": fixed once by a hash of the key (build_dataset.py, `part`).
            var part: String
            var description: String?
            var taxonomy_codes: [String]
        }
        struct Judgement: Decodable {
            var need, company: String
            var relevance: Int
        }
        var cities: [City]
        var companies: [Company]
        var needs: [Need]
        var judgements: [Judgement]
    }

    /// Inserts the set with plain SQL (as an import would), returning the database ids by key.
    static func load(_ dataset: Dataset, into pool: PostgresPool) async throws -> (needs: [String: UUID], companies: [UUID: String]) {
        try await pool.transaction { db in
            var cities: [String: UUID] = [:]
            for city in dataset.cities {
                cities[city.key] = try await db.query("""
                    INSERT INTO overseas_cities (name_ja, name_en, country, relationship)
                    VALUES (\(city.name_ja), \(city.name_en), \(city.country), 'mou_partner') RETURNING id
                    """)[0].decode("id")
            }
            var companies: [UUID: String] = [:]
            for company in dataset.companies {
                let yusaSince: String? = company.yusa_member ? "2020-04-01" : nil
                let id: UUID = try await db.query("""
                    INSERT INTO companies (name_ja, name_en, in_yokohama, size, yusa_member_since, languages, countries_with_experience)
                    VALUES (\(company.name_ja), \(company.name_en), \(company.in_yokohama), \(company.size), \(yusaSince)::date,
                            \(company.languages), \(company.countries_with_experience))
                    RETURNING id
                    """)[0].decode("id")
                companies[id] = company.key
                for technology in company.technologies {
                    try await db.execute("""
                        INSERT INTO company_technologies (company_id, title_ja, title_en, description_ja, description_en, taxonomy_codes,
                            maturity, disclosure)
                        VALUES (\(id), \(technology.title_ja), \(technology.title_en), \(technology.description_ja),
                                \(technology.description_en), \(technology.taxonomy_codes), \(technology.maturity), 'public')
                        """)
                }
                for record in company.track_records {
                    try await db.execute("""
                        INSERT INTO company_track_records (company_id, country, city, year, summary, disclosure)
                        VALUES (\(id), \(record.country), \(record.city), \(record.year), \(record.summary), 'public')
                        """)
                }
            }
            var needs: [String: UUID] = [:]
            for need in dataset.needs {
                guard let city = cities[need.city] else { throw BenchError("need \(need.key) names an unknown city \(need.city)") }
                let japanese = need.language == "ja"
                needs[need.key] = try await db.query("""
                    INSERT INTO city_needs (city_id, title_ja, title_en, description_ja, description_en, taxonomy_codes, source)
                    VALUES (\(city), \(japanese ? need.title : nil), \(japanese ? nil : need.title),
                            \(japanese ? need.description : nil), \(japanese ? nil : need.description), \(need.taxonomy_codes), 'policy_dialogue')
                    RETURNING id
                    """)[0].decode("id")
            }
            return (needs, companies)
        }
    }
}

extension MatchingEvaluation.Dataset.Company {
    /// Described only in Japanese, only in English, or in both (technology titles and descriptions).
    var descriptionLanguage: String {
        let ja = technologies.contains { $0.title_ja != nil || $0.description_ja != nil }
        let en = technologies.contains { $0.title_en != nil || $0.description_en != nil }
        return ja && en ? "both" : ja ? "ja" : "en"
    }

    /// The same company described in one language only: the other language's titles and descriptions
    /// removed, and a technology with no title left dropped (the database requires one). Names and records stay.
    func describedOnly(in language: String) -> Self {
        var copy = self
        copy.technologies = technologies.compactMap { technology in
            var t = technology
            if language == "ja" { t.title_en = nil; t.description_en = nil } else { t.title_ja = nil; t.description_ja = nil }
            return t.title_ja == nil && t.title_en == nil ? nil : t
        }
        copy.languages = [language]
        return copy
    }
}
