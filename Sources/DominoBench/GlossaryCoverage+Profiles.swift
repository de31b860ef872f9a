import Companies
import Foundation
import Matches

/// `DominoBench glossary-coverage --profiles [dataset.json] [--demo] [--least N]`: the glossary measured on real profile text
/// rather than a term list. Every company profile of the labelled set (technology titles and descriptions in Japanese and in
/// English, track-record summaries; never the needs) and, with `--demo`, the demo data's, read as the matcher reads them;
/// printed, per language, the terms that carry weight within the language and meet no sense in the other
/// (`GlossaryProbe.unmet`), by how many companies use them (at least `--least`, default 2), with the companies and, for the
/// companies described in both languages, the other language's unmet words that the same companies use most: where a
/// missing pair is likely to be found. docs/matching.md, "The thirty-third round".
extension GlossaryCoverage {
    struct ProfileTerms {
        var company: String
        var japanese: [String]
        var english: [String]
    }

    static func runProfiles(arguments: [String]) throws {
        let path = arguments.first { $0.hasSuffix(".json") } ?? "Tests/matching-eval/dataset.json"
        let least = arguments.firstIndex(of: "--least").flatMap { arguments.indices.contains($0 + 1) ? Int(arguments[$0 + 1]) : nil } ?? 2
        let dataset = try JSONDecoder().decode(MatchingEvaluation.Dataset.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        var profiles = dataset.companies.map { company in
            let texts = company.technologies.flatMap { [$0.title_ja, $0.description_ja, $0.title_en, $0.description_en] }
                + company.track_records.map(\.summary)
            return profileTerms(company.key, texts.compactMap { $0 })
        }
        if arguments.contains("--demo") {
            profiles += CompanyDemoData.profileTexts.map { profileTerms($0.company, $0.japanese + $0.english) }
        }
        printUnmet("Japanese", profiles, least: least, own: \.japanese, other: \.english)
        printUnmet("English", profiles, least: least, own: \.english, other: \.japanese)
    }

    static func profileTerms(_ company: String, _ texts: [String]) -> ProfileTerms {
        var terms = ProfileTerms(company: company, japanese: [], english: [])
        for text in texts {
            let unmet = GlossaryProbe.unmet(text)
            terms.japanese += unmet.japanese
            terms.english += unmet.english
        }
        return terms
    }

    static func printUnmet(_ language: String, _ profiles: [ProfileTerms], least: Int,
                           own: KeyPath<ProfileTerms, [String]>, other: KeyPath<ProfileTerms, [String]>) {
        var users: [String: [String]] = [:]
        for profile in profiles { for term in Set(profile[keyPath: own]) { users[term, default: []].append(profile.company) } }
        let writers = profiles.filter { !$0[keyPath: own].isEmpty }.count
        let listed = users.filter { $0.value.count >= least }.sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        print("# \(language): \(users.count) distinct terms meet no sense, in \(writers) companies; \(listed.count) in at least \(least)")
        print("term\tcompanies\twho\tthe same companies' unmet words in the other language")
        let byCompany = Dictionary(profiles.map { ($0.company, Set($0[keyPath: other])) }, uniquingKeysWith: { $0.union($1) })
        for (term, companies) in listed {
            var beside: [String: Int] = [:]
            for company in companies { for word in byCompany[company] ?? [] { beside[word, default: 0] += 1 } }
            let hints = beside.filter { $0.value > 1 || companies.count == 1 }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(4)
            print("\(term)\t\(companies.count)\t\(companies.sorted().prefix(6).joined(separator: " "))\t"
                + hints.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        print("")
    }
}
