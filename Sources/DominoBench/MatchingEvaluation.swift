import DomainKit
import Foundation
import Matches
import Postgres
import TestSupport

/// `make eval-matching`: loads the labelled set (Tests/matching-eval/dataset.json, or the path given) into throwaway
/// databases, ranks every need with the real matching service, and prints, for the development and the
/// held-out part separately, recall@5, MRR and nDCG@10 with 95% bootstrap intervals, beside untuned BM25 and
/// TF-IDF baselines on the same texts; then how companies described only in Japanese fare against English
/// ones, the score levels of the development part (what "credible" means), and the self-promotion probe
/// (`MatchingEvaluation+Probe`: synthetic companies that claim everything, and where they rank).
///
/// `-v` lists each development need's top five with grades; `--show-heldout` lists the held-out needs too
/// (do not tune on them: issue 16). `--explain=N27,N67` (with `-v`) adds, for those needs of the listed parts, what
/// each of the first eight companies and each relevant company within the first 40 shares with the need: codes,
/// concepts (the need's terms / the company's) and words, as the explanation gives them; and the same with the
/// bilingual companies loaded described only in Japanese (lines marked `ja`) and only in English (`en`), development
/// needs only, so that what one description earns and the other does not can be read side by side.
enum MatchingEvaluation {
    static func run(arguments: [String]) async throws {
        let verbose = arguments.contains("-v")
        let showHeldout = arguments.contains("--show-heldout")
        let explained = Set(arguments.filter { $0.hasPrefix("--explain=") }.flatMap { $0.dropFirst("--explain=".count).split(separator: ",").map(String.init) })
        let path = arguments.first { !$0.hasPrefix("-") } ?? defaultPath()
        let dataset = try JSONDecoder().decode(Dataset.self, from: try Data(contentsOf: URL(fileURLWithPath: path)))
        var grades: [String: [String: Int]] = [:]
        for judgement in dataset.judgements { grades[judgement.need, default: [:]][judgement.company] = judgement.relevance }
        let scored = dataset.needs.filter { grades[$0.key]?.values.contains { $0 >= 2 } == true }

        let matcher = try await rankWithService(
            dataset, verbose: verbose ? (showHeldout ? ["dev", "heldout"] : ["dev"]) : [], grades: grades, explained: explained)
        let baselines = MatchingBaselines.runs(dataset)
        let bilingual = Set(dataset.companies.filter { $0.descriptionLanguage == "both" }.map(\.key))
        var variants: [String: Run] = [:]
        for language in ["ja", "en"] {
            var variant = dataset
            variant.companies = dataset.companies.map { bilingual.contains($0.key) ? $0.describedOnly(in: language) : $0 }
            // With `--explain`, each bilingual variant prints the explained development needs too (marked ja / en), so
            // what one description earns that the other does not can be read side by side.
            variants[language] = try await rankWithService(
                variant, verbose: verbose && !explained.isEmpty ? ["dev"] : [], grades: grades, tagVariants: false, explained: explained, marked: language
            ).runs[0]
        }

        if verbose {
            // The bilingual companies' relevant pairs of the development part whose rank differs between the two
            // descriptions (rank described only in Japanese / only in English): where the languages still part.
            for need in scored where need.part == "dev" {
                for (company, grade) in (grades[need.key] ?? [:]).sorted(by: { $0.key < $1.key }) where grade >= 2 && bilingual.contains(company) {
                    let ranks = ["ja", "en"].map { variants[$0]!.rankings[need.key]?.firstIndex(of: company).map { String($0 + 1) } ?? "–" }
                    if ranks[0] != ranks[1] { print("  bilingual \(need.key) (\(need.language)) \(company): ja \(ranks[0]) / en \(ranks[1])") }
                }
            }
        }
        print("Matching evaluation (\(matcher.version), the taxonomy of the migrations): \(path)")
        print("\(dataset.needs.count) needs, \(dataset.companies.count) companies, \(dataset.judgements.count) judgements; "
            + "relevant = grade >= 2; 95% bootstrap intervals over needs (2,000 resamples, fixed seed)")
        let languageOf = Dictionary(uniqueKeysWithValues: dataset.companies.map { ($0.key, $0.descriptionLanguage) })
        for (part, title) in [("dev", "development part"), ("heldout", "held-out part")] {
            let needs = scored.filter { $0.part == part }
            print("\n\(title) (\(needs.count) needs)")
            print("ranking".padding(toLength: 34, withPad: " ", startingAt: 0) + Metric.allCases.map { $0.name.padding(toLength: 24, withPad: " ", startingAt: 0) }.joined())
            let runs = matcher.runs + baselines
            var perNeed: [String: [Metrics]] = [:]
            for run in runs {
                let metrics = run.metrics(for: needs, grades: grades)
                perNeed[run.name] = metrics
                print(run.name.padding(toLength: 34, withPad: " ", startingAt: 0)
                    + Metric.allCases.map { metric in bootstrap(metrics.map { $0.value(metric) }).text.padding(toLength: 24, withPad: " ", startingAt: 0) }.joined())
            }
            for baseline in baselines {
                let ours = perNeed[matcher.runs[0].name]!
                let theirs = perNeed[baseline.name]!
                let line = Metric.allCases.map { metric in
                    let difference = bootstrap(zip(ours, theirs).map { $0.value(metric) - $1.value(metric) })
                    return String(format: "%+.3f [%+.3f, %+.3f]", difference.mean, difference.low, difference.high).padding(toLength: 24, withPad: " ", startingAt: 0)
                }.joined()
                print(("matcher − " + (baseline.name.split(separator: " ").first ?? "")).padding(toLength: 34, withPad: " ", startingAt: 0) + line)
            }
            print("relevant company in the top 5, by how it is described (matcher as tagged | BM25):")
            for (label, test) in [("only Japanese", "ja"), ("only English", "en"), ("both languages", "both")] {
                let ours = matcher.runs[0].hitRate(for: needs, grades: grades) { languageOf[$1] == test }
                let bm25 = baselines[0].hitRate(for: needs, grades: grades) { languageOf[$1] == test }
                print("  " + label.padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%.3f | %.3f  (%d pairs)", ours.rate, bm25.rate, ours.pairs))
            }
            let crossLingual: (Dataset.Need, String) -> Bool = { need, company in
                let language = languageOf[company]
                return language != "both" && language != need.language
            }
            let cross = matcher.runs[0].hitRate(for: needs, grades: grades, pair: crossLingual)
            let crossBM25 = baselines[0].hitRate(for: needs, grades: grades, pair: crossLingual)
            print("  " + "other language".padding(toLength: 16, withPad: " ", startingAt: 0) + String(format: "%.3f | %.3f  (%d pairs: the company is not described in the need's language)", cross.rate, crossBM25.rate, cross.pairs))
            let onlyJa = variants["ja"]!.hitRate(for: needs, grades: grades) { bilingual.contains($1) }
            let onlyEn = variants["en"]!.hitRate(for: needs, grades: grades) { bilingual.contains($1) }
            print(String(format: "  the %d bilingual companies described only in Japanese %.3f, the same only in English %.3f (%d pairs; matcher as tagged)",
                         bilingual.count, onlyJa.rate, onlyEn.rate, onlyJa.pairs))
        }
        printScoreLevels(matcher.levels.filter { $0.part == "dev" })
        try await runProbe(dataset, scored: scored, grades: grades)
    }

    static func defaultPath() -> String {
        let real = "Tests/matching-eval/dataset.json"
        return FileManager.default.fileExists(atPath: real) ? real : "Tests/matching-eval/sample.json"
    }

    /// One listed company of a development need: its score and whether it was judged able to answer (≥ 2).
    struct Level {
        var part: String
        var score: Double
        var relevant: Bool
    }

    /// The matcher through `MatchService`, as tagged and (when `tagVariants`) with every need's codes removed.
    static func rankWithService(
        _ dataset: Dataset, verbose parts: Set<String>, grades: [String: [String: Int]], tagVariants: Bool = true,
        explained: Set<String> = [], marked label: String? = nil
    ) async throws -> (runs: [Run], levels: [Level], version: String) {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        let (needIDs, companyKeys) = try await load(dataset, into: pool)
        let service = MatchService(pool: pool, index: MatchIndex(pool: pool), clock: .system)
        let principal = Principal(userID: UUID(), role: .admin)
        var runs: [Run] = []
        var levels: [Level] = []
        var version = ""
        for variant in tagVariants ? ["matcher, needs as tagged", "matcher, every tag removed"] : ["matcher, needs as tagged"] {
            if variant.hasSuffix("removed") {
                _ = try await pool.withConnection { db in try await db.execute("UPDATE city_needs SET taxonomy_codes = '{}'") }
            }
            var rankings: [String: [String]] = [:]
            for need in dataset.needs {
                guard let id = needIDs[need.key] else { continue }
                let list = try await service.matches(for: id, filter: MatchFilter(limit: MatchFilter.limits.upperBound), by: principal)
                version = list.algorithmVersion
                let ranked = list.items.map { companyKeys[$0.companyId] ?? "?" }
                rankings[need.key] = ranked
                let judged = grades[need.key] ?? [:]
                for item in list.items.prefix(20) {
                    levels.append(Level(part: need.part, score: item.score, relevant: (judged[companyKeys[item.companyId] ?? ""] ?? 0) >= 2))
                }
                if parts.contains(need.part), judged.values.contains(where: { $0 >= 2 }), label == nil || explained.contains(need.key) {
                    let scores = Metrics(ranking: ranked, grades: judged)
                    func parts(_ item: MatchSuggestion) -> String {
                        let p = item.parts
                        return String(format: "%.2f=t%.2f x%.2f r%.2f d%.2f", item.score, p.taxonomy, p.text, p.trackRecord, p.readiness)
                    }
                    let top = list.items.prefix(5).map { item in
                        let key = companyKeys[item.companyId] ?? "?"
                        return "\(key)(\(judged[key] ?? 0) " + parts(item) + ")"
                    }.joined(separator: " ")
                    // Relevant companies below the top five, with their rank (absent: not listed at all).
                    let below = judged.filter { $0.value >= 2 }.keys.sorted().compactMap { key -> String? in
                        guard let index = ranked.firstIndex(of: key) else { return "\(key)@–" }
                        guard index >= 5 else { return nil }
                        return "\(key)@\(index + 1)(" + parts(list.items[index]) + ")"
                    }
                    print("  \(label ?? (variant.hasSuffix("removed") ? "-" : "+")) \(need.key) " + String(format: "r@5 %.2f rr %.2f nDCG %.3f  ", scores.recallAt5, scores.reciprocalRank, scores.ndcgAt10) + top
                        + (below.isEmpty ? "" : "  below: " + below.joined(separator: " ")))
                    if explained.contains(need.key) { printExplanations(list, judged: judged, companyKeys: companyKeys) }
                }
            }
            runs.append(Run(name: variant, rankings: rankings))
        }
        return (runs, levels, version)
    }

    /// What the first eight companies of a need and its relevant companies within the first 40 share with it
    /// (`--explain`): matched codes (need~company), concepts (need's terms / company's terms) and words.
    static func printExplanations(_ list: MatchList, judged: [String: Int], companyKeys: [UUID: String]) {
        for (index, item) in list.items.prefix(40).enumerated() {
            let key = companyKeys[item.companyId] ?? "?"
            guard index < 8 || (judged[key] ?? 0) >= 2 else { continue }
            let e = item.explanation
            let codes = e.matchedCodes.map { "\($0.needCode)~\($0.companyCode)" }.joined(separator: " ")
            let concepts = e.matchedConcepts.map { concept in
                let offered = concept.companyCode == concept.code ? "" : concept.companyCode + " "
                return "\(concept.code): \(concept.needTerms.joined(separator: ", ")) / \(offered)\(concept.companyTerms.joined(separator: ", "))"
            }
            print("      \(index + 1). \(key)(\(judged[key] ?? 0)) codes [\(codes)] concepts [\(concepts.joined(separator: "; "))] words [\(e.matchedWords.joined(separator: ", "))]")
        }
    }

    /// For each score level, the share of the development part's listed companies (top 20 of every need,
    /// as tagged and untagged) at or above it that were judged able to answer the need. "Credible" is the
    /// lowest level where more than half could: a suggestion there is more likely right than wrong (docs/matching.md).
    static func printScoreLevels(_ levels: [Level]) {
        print("\nscore levels (development part, top 20 of every need, both variants): share judged able to answer (grade >= 2)")
        var credible: Double?
        for step in stride(from: 0.10, through: 0.80, by: 0.05) {
            let above = levels.filter { $0.score >= step }
            guard !above.isEmpty else { continue }
            let share = Double(above.filter(\.relevant).count) / Double(above.count)
            if credible == nil, share > 0.5 { credible = step }
            print(String(format: "  score >= %.2f: %.3f of %d", step, share, above.count))
        }
        print(String(format: "credible (lowest level with more than half relevant): %@; MatchWeights.credibleScore = %.2f",
                     credible.map { String(format: "%.2f", $0) } ?? "none", MatchWeights.standard.credibleScore))
    }
}
