import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport

/// `make eval-matching`: loads a labelled set (eval/matching/dataset.json, or the path given) into a
/// throwaway database, ranks every need with the real matching service, and prints recall@5, MRR and
/// nDCG@10, once with the needs' taxonomy codes and once without (text and the language bridge alone).
/// Relevant means grade ≥ 2 for recall and MRR; nDCG uses the grades (gain 2^g − 1).
enum MatchingEvaluation {
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

    static func run(arguments: [String]) async throws {
        let verbose = arguments.contains("-v")
        let path = arguments.first { !$0.hasPrefix("-") } ?? defaultPath()
        let dataset = try JSONDecoder().decode(Dataset.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        let pool = try await TestDatabase.fresh()
        let (needIDs, companyKeys) = try await load(dataset, into: pool)
        let service = MatchService(pool: pool, index: MatchIndex(pool: pool), clock: .system)
        let principal = Principal(userID: UUID(), role: .admin)
        var grades: [String: [String: Int]] = [:]
        for judgement in dataset.judgements { grades[judgement.need, default: [:]][judgement.company] = judgement.relevance }

        print("Matching evaluation (\(MatchWeights.algorithmVersion)): \(path)")
        print("\(dataset.needs.count) needs, \(dataset.companies.count) companies, \(dataset.judgements.count) judgements")
        print("variant                      recall@5  MRR    nDCG@10  needs")
        for variant in ["with taxonomy codes", "without taxonomy codes"] {
            if variant.hasPrefix("without") {
                try await pool.withConnection { db in try await db.execute("UPDATE city_needs SET taxonomy_codes = '{}'") }
            }
            var totals = (recall: 0.0, reciprocal: 0.0, ndcg: 0.0, count: 0)
            for need in dataset.needs {
                let judged = grades[need.key] ?? [:]
                guard judged.values.contains(where: { $0 >= 2 }), let id = needIDs[need.key] else { continue }
                let list = try await service.matches(for: id, filter: MatchFilter(limit: MatchFilter.limits.upperBound), by: principal)
                let ranked = list.items.map { companyKeys[$0.companyId] ?? "?" }
                let scores = Metrics(ranking: ranked, grades: judged)
                totals.recall += scores.recallAt5
                totals.reciprocal += scores.reciprocalRank
                totals.ndcg += scores.ndcgAt10
                totals.count += 1
                if verbose {
                    let top = list.items.prefix(5).map { item in
                        let key = companyKeys[item.companyId] ?? "?"
                        let p = item.parts
                        return "\(key)(\(judged[key] ?? 0) " + String(format: "%.2f=t%.2f x%.2f r%.2f d%.2f", item.score, p.taxonomy, p.text, p.trackRecord, p.readiness) + ")"
                    }.joined(separator: " ")
                    print("  \(need.key) " + String(format: "r@5 %.2f rr %.2f  ", scores.recallAt5, scores.reciprocalRank) + top)
                }
            }
            let n = Double(max(totals.count, 1))
            print(variant.padding(toLength: 29, withPad: " ", startingAt: 0)
                + String(format: "%.3f     %.3f  %.3f    %d", totals.recall / n, totals.reciprocal / n, totals.ndcg / n, totals.count))
        }
        pool.close()
    }

    static func defaultPath() -> String {
        let real = "eval/matching/dataset.json"
        return FileManager.default.fileExists(atPath: real) ? real : "eval/matching/sample.json"
    }

    struct Metrics {
        var recallAt5: Double
        var reciprocalRank: Double
        var ndcgAt10: Double

        init(ranking: [String], grades: [String: Int]) {
            let relevant = Set(grades.filter { $0.value >= 2 }.keys)
            recallAt5 = Double(ranking.prefix(5).filter(relevant.contains).count) / Double(max(relevant.count, 1))
            reciprocalRank = ranking.firstIndex(where: relevant.contains).map { 1 / Double($0 + 1) } ?? 0
            func dcg(_ gains: [Int]) -> Double {
                gains.prefix(10).enumerated().reduce(0) { $0 + (pow(2, Double($1.element)) - 1) / log2(Double($1.offset + 2)) }
            }
            let ideal = dcg(grades.values.sorted(by: >))
            ndcgAt10 = ideal > 0 ? dcg(ranking.map { grades[$0] ?? 0 }) / ideal : 0
        }
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
