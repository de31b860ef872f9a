import Foundation
import Matches
import Postgres
import TestSupport

/// The self-promotion probe (docs/matching.md, "The thirty-first round"): synthetic companies written here, added to
/// the loaded directory, named `PROBE-…`, never judged and never part of the labelled set, that try to top every ranking
/// by claiming everything. For each, the share of needs whose top five holds it and its median rank, counted among the
/// real companies and itself only (the probes do not push one another down). It is a check, not a tuning target.
extension MatchingEvaluation {
    struct Probe {
        var key: String
        var label: String
    }

    static let probes = [
        Probe(key: "PROBE-A", label: "(a) one technology tagged with every leaf code"),
        Probe(key: "PROBE-B", label: "(b) descriptions listing the whole vocabulary"),
        Probe(key: "PROBE-C", label: "(c) both"),
        Probe(key: "PROBE-D", label: "(d) broad conglomerate (control)"),
        Probe(key: "PROBE-E", label: "(e) every leaf code, five to a technology"),
        Probe(key: "PROBE-F", label: "(f) a technology per leaf code, named in words"),
    ]

    /// The probe companies: (a) every leaf code on one technology (two when the taxonomy has more leaves than a technology
    /// may carry) with a one-line description; (b) every glossary variant and every taxonomy name and synonym in both
    /// languages, in descriptions of at most 20,000 characters; (c) both; (d) twelve honest technologies across sectors; (e) (a)'s
    /// codes split five to a technology, which the claim spread alone lets count in full; (f) a technology per leaf code,
    /// described by the code's names and synonyms.
    static func probeCompanies(taxonomy: [(code: String, parent: String?, names: [String])]) -> [Dataset.Company] {
        let parents = Set(taxonomy.compactMap(\.parent))
        let leaves = taxonomy.map(\.code).filter { !parents.contains($0) }
        let stuffedCodes = stride(from: 0, to: leaves.count, by: 50).map { start in
            Dataset.Technology(title_ja: nil, title_en: "Decarbonization solutions", description_ja: nil,
                               description_en: "We provide decarbonization solutions for cities.",
                               taxonomy_codes: Array(leaves[start..<min(start + 50, leaves.count)]), maturity: "commercial")
        }
        // (e) the same claim split so that no technology claims more than the claim spread lets count in full.
        let splitCodes = stride(from: 0, to: leaves.count, by: 5).map { start in
            Dataset.Technology(title_ja: nil, title_en: "Decarbonization solutions \(start / 5 + 1)", description_ja: nil,
                               description_en: "We provide decarbonization solutions for cities.",
                               taxonomy_codes: Array(leaves[start..<min(start + 5, leaves.count)]), maturity: "commercial")
        }
        // (f) a technology per leaf code, tagged with it and described by its names and synonyms: each specific, together
        // everything.
        let namesOf = Dictionary(taxonomy.map { ($0.code, $0.names) }, uniquingKeysWith: { first, _ in first })
        let perCode = leaves.map { code in
            let names = namesOf[code] ?? []
            return Dataset.Technology(title_ja: names.first { $0.unicodeScalars.contains { $0.value >= 0x3000 } }, title_en: names.first,
                                      description_ja: names.filter { $0.unicodeScalars.contains { $0.value >= 0x3000 } }.joined(separator: "、"),
                                      description_en: names.filter { !$0.unicodeScalars.contains { $0.value >= 0x3000 } }.joined(separator: ", "),
                                      taxonomy_codes: [code], maturity: "commercial")
        }
        let vocabulary = GlossaryProbe.everyVariant
        let names = taxonomy.flatMap(\.names)
        let japanese = vocabulary.japanese + names.filter { $0.unicodeScalars.contains { $0.value >= 0x3000 } }
        let english = vocabulary.english + names.filter { !$0.unicodeScalars.contains { $0.value >= 0x3000 } }
        func chunks(_ words: [String], separator: String) -> [String] {
            var result: [String] = []
            var current = ""
            for word in words {
                if current.count + word.count + separator.count > 19_000 { result.append(current); current = "" }
                current += (current.isEmpty ? "" : separator) + word
            }
            return current.isEmpty ? result : result + [current]
        }
        let japaneseChunks = chunks(japanese, separator: "、")
        let englishChunks = chunks(english, separator: ", ")
        let stuffedText = (0..<max(japaneseChunks.count, englishChunks.count)).map { index in
            Dataset.Technology(title_ja: "脱炭素ソリューション \(index + 1)", title_en: "Decarbonization solutions \(index + 1)",
                               description_ja: index < japaneseChunks.count ? japaneseChunks[index] : nil,
                               description_en: index < englishChunks.count ? englishChunks[index] : nil,
                               taxonomy_codes: [], maturity: "commercial")
        }
        func company(_ key: String, _ name: String, _ technologies: [Dataset.Technology]) -> Dataset.Company {
            Dataset.Company(key: key, name_ja: nil, name_en: name, in_yokohama: true, size: "large", yusa_member: false,
                            languages: ["ja", "en"], countries_with_experience: [], technologies: technologies, track_records: [])
        }
        func honest(_ title: String, _ description: String, _ codes: [String]) -> Dataset.Technology {
            Dataset.Technology(title_ja: nil, title_en: title, description_ja: nil, description_en: description,
                               taxonomy_codes: codes.filter(Set(taxonomy.map(\.code)).contains), maturity: "commercial")
        }
        let conglomerate = [
            honest("Rooftop solar systems", "Design and installation of rooftop solar panels for factories and public buildings.", ["solar_pv"]),
            honest("Stationary storage batteries", "Lithium-ion battery storage that shifts solar output to the evening peak.", ["battery_storage"]),
            honest("Gas engine cogeneration", "Combined heat and power units for hospitals and hotels.", ["cogeneration"]),
            honest("LED street lighting", "Replacement of street lamps with LED luminaires and dimming controls.", ["lighting"]),
            honest("Building energy management", "A BEMS that monitors and controls air conditioning and lighting in offices.", ["ems"]),
            honest("High-efficiency chillers", "Centrifugal chillers with inverter drives for large air-conditioning plants.", ["hvac"]),
            honest("Waste-to-energy plants", "Stoker incinerators with power generation for municipal solid waste.", ["waste_to_energy"]),
            honest("Sewage sludge treatment", "Dewatering and drying of sewage sludge into solid fuel.", ["sludge_energy"]),
            honest("Water leak detection", "Acoustic leak detection for water distribution networks to cut non-revenue water.", ["water_supply"]),
            honest("Electric buses", "Battery electric buses and depot charging for city bus operators.", ["public_transport", "ev"]),
            honest("Small hydropower", "Micro hydro turbines for irrigation channels and water mains.", ["small_hydro"]),
            honest("Biogas from food waste", "Anaerobic digestion of food waste into biogas for power and heat.", ["biogas"]),
        ]
        return [
            company("PROBE-A", "Probe A every code", stuffedCodes),
            company("PROBE-B", "Probe B every word", stuffedText),
            company("PROBE-C", "Probe C every code and word", stuffedCodes + stuffedText),
            company("PROBE-D", "Probe D conglomerate", conglomerate),
            company("PROBE-E", "Probe E every code split", splitCodes),
            company("PROBE-F", "Probe F a technology per code", perCode),
        ]
    }

    /// The taxonomy of the migrations: each code with its parent and its names and synonyms.
    static func taxonomy() async throws -> [(code: String, parent: String?, names: [String])] {
        let pool = try await TestDatabase.fresh()
        defer { pool.close() }
        return try await pool.withConnection { db in
            try await db.query("SELECT code, parent_code, name_en, name_ja, synonyms FROM taxonomy ORDER BY code").map { row in
                let synonyms: [String] = try row.decode("synonyms")
                return (try row.decode("code"), try row.decode("parent_code"), [try row.decode("name_en"), try row.decode("name_ja")] + synonyms)
            }
        }
    }

    /// Ranks every scored need with the probes in the directory and prints, per part and variant, each probe's share of
    /// needs with it in the top five and its median rank among the real companies (– when it is not listed for half).
    static func runProbe(_ dataset: Dataset, scored: [Dataset.Need], grades: [String: [String: Int]]) async throws {
        var probed = dataset
        probed.companies += probeCompanies(taxonomy: try await taxonomy())
        let runs = try await rankWithService(probed, verbose: [], grades: grades).runs
        let probeKeys = Set(probes.map(\.key))
        print("\nself-promotion probe (synthetic companies added to the directory; not a tuning target): share of needs with it in the top 5, median rank")
        for (part, title) in [("dev", "development"), ("heldout", "held-out")] {
            let needs = scored.filter { $0.part == part }
            for run in runs {
                print("  \(title), \(run.name.replacingOccurrences(of: "matcher, ", with: "")) (\(needs.count) needs)")
                for probe in probes {
                    let ranks = needs.map { need -> Int? in
                        let list = (run.rankings[need.key] ?? []).filter { !probeKeys.contains($0) || $0 == probe.key }
                        return list.firstIndex(of: probe.key).map { $0 + 1 }
                    }
                    let top5 = Double(ranks.filter { ($0 ?? .max) <= 5 }.count) / Double(max(needs.count, 1))
                    let sorted = ranks.map { $0 ?? .max }.sorted()
                    let median = sorted.isEmpty ? Int.max : sorted[(sorted.count - 1) / 2]
                    print("    " + probe.label.padding(toLength: 48, withPad: " ", startingAt: 0)
                        + String(format: "top 5 %.3f  median rank %@", top5, median == .max ? "–" : String(median)))
                }
            }
        }
    }
}
