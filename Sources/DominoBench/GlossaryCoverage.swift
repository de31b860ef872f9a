import Foundation
import Matches

/// `DominoBench glossary-coverage [terms.tsv] [--missing]` (and `--profiles`: GlossaryCoverage+Profiles): how much of a domain's standard vocabulary the shipped
/// glossary carries across the languages, measured on a list of term pairs that is not the evaluation set
/// (docs/matching.md, "The sixteenth round"; the list is `Tests/glossary-coverage/terms.tsv`). Each line is
/// `code <tab> Japanese term <tab> English term <tab> source`; a pair is **met** when the matcher's reading of the
/// two (`GlossaryProbe`, the real TextAnalysis) shares a glossary sense, **key** when only a loanword key joins
/// them, and otherwise says which side names no sense at all. Prints every pair (or only the unmet ones), then a
/// table per taxonomy code. Never fails on the figures; a malformed line stops it.
enum GlossaryCoverage {
    struct Pair {
        var code: String
        var japanese: String
        var english: String
        var source: String
    }

    enum Reach: String, CaseIterable {
        case met, key, apart = "apart", japaneseUnread = "ja unread", englishUnread = "en unread", unread = "unread"
    }

    static let defaultList = "Tests/glossary-coverage/terms.tsv"

    static func run(arguments: [String]) throws {
        if arguments.contains("--profiles") { return try runProfiles(arguments: arguments) }
        let onlyMissing = arguments.contains("--missing")
        let path = arguments.first { !$0.hasPrefix("--") } ?? defaultList
        let pairs = try read(path)
        var byCode: [String: [Reach: Int]] = [:]
        var order: [String] = []
        for pair in pairs {
            let japanese = GlossaryProbe(pair.japanese)
            let english = GlossaryProbe(pair.english)
            let shared = japanese.sharedSenses(with: english)
            let found = reach(japanese, english, shared: shared)
            if byCode[pair.code] == nil { order.append(pair.code) }
            byCode[pair.code, default: [:]][found, default: 0] += 1
            guard !onlyMissing || found != .met else { continue }
            let detail = found == .met ? shared.joined(separator: ", ")
                : "ja: \(japanese.senses.values.sorted().joined(separator: ", ")) | en: \(english.senses.values.sorted().joined(separator: ", "))"
            print("\(pair.code)\t\(found.rawValue)\t\(pair.japanese)\t\(pair.english)\t\(pair.source)\t\(detail)")
        }
        print("")
        print("| code | pairs | met | key | apart | ja unread | en unread | unread |")
        print("|---|---|---|---|---|---|---|---|")
        var total: [Reach: Int] = [:]
        for code in order {
            let counts = byCode[code] ?? [:]
            for (reach, count) in counts { total[reach, default: 0] += count }
            print(row(code, counts))
        }
        print(row("all", total))
    }

    static func reach(_ japanese: GlossaryProbe, _ english: GlossaryProbe, shared: [String]) -> Reach {
        if !shared.isEmpty { return .met }
        if japanese.sharesLoanword(with: english) { return .key }
        switch (japanese.senses.isEmpty, english.senses.isEmpty) {
        case (false, false): return .apart
        case (true, false): return .japaneseUnread
        case (false, true): return .englishUnread
        case (true, true): return .unread
        }
    }

    static func row(_ code: String, _ counts: [Reach: Int]) -> String {
        let all = counts.values.reduce(0, +)
        let cells = Reach.allCases.map { String(counts[$0] ?? 0) }
        return "| \(code) | \(all) | " + cells.joined(separator: " | ") + " |"
    }

    static func read(_ path: String) throws -> [Pair] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { String($0) }
            guard fields.count == 4 else { throw BenchError("glossary-coverage: a line needs code, ja, en, source: \(line)") }
            return Pair(code: fields[0], japanese: fields[1], english: fields[2], source: fields[3])
        }
    }
}
