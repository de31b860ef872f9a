import Foundation
import Testing

/// The target graph in docs/architecture.md is rendered from Package.swift (issue 18, item 1), so the
/// page a newcomer reads cannot drift from what the compiler enforces.
@Suite("The dependency graph in docs/architecture.md is Package.swift's")
struct DependencyGraphTests {
    /// Target → its direct dependencies, for every non-test target in Package.swift.
    static func targets(in manifest: String) throws -> [String: [String]] {
        let regex = try Regex(#"\.(target|executableTarget|systemLibrary)\(\s*name:\s*"([A-Za-z]+)"(?:,\s*dependencies:\s*\[([^\]]*)\])?"#)
        var graph: [String: [String]] = [:]
        for match in manifest.matches(of: regex) {
            guard let name = match.output[2].substring else { continue }
            let list = match.output[3].substring.map(String.init) ?? ""
            graph[String(name)] = list.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"\n")) }
                .filter { !$0.isEmpty }
        }
        return graph
    }

    /// The edges left after removing every edge implied by a longer path, as a Mermaid flowchart whose
    /// lines read as plain text too ("App --> Console"), ordered from the executables down.
    static func render(_ graph: [String: [String]]) -> String {
        func reaches(_ from: String, _ to: String, skippingDirect: Bool) -> Bool {
            var stack = (graph[from] ?? []).filter { !(skippingDirect && $0 == to) }, seen: Set<String> = []
            while let next = stack.popLast() {
                if next == to { return true }
                if seen.insert(next).inserted { stack.append(contentsOf: graph[next] ?? []) }
            }
            return false
        }
        func depth(_ target: String) -> Int { 1 + ((graph[target] ?? []).map(depth).max() ?? 0) }
        let order = graph.keys.sorted { (depth($0), $1) > (depth($1), $0) }
        var lines = ["```mermaid", "graph TD"]
        for target in order {
            for dependency in (graph[target] ?? []).sorted() where !reaches(target, dependency, skippingDirect: true) {
                lines.append("    \(target) --> \(dependency)")
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("the graph between the markers is rendered from Package.swift, without implied edges")
    func documentedGraph() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let graph = try Self.targets(in: manifest)
        #expect(graph["App"]?.contains("Console") == true)
        #expect(graph["CLibPQ"] == [])
        let document = try String(contentsOf: root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        let begin = "<!-- dependency graph: begin -->\n", end = "<!-- dependency graph: end -->"
        let start = try #require(document.range(of: begin)).upperBound
        let stop = try #require(document.range(of: end)).lowerBound
        let rendered = Self.render(graph)
        #expect(String(document[start..<stop]) == rendered, "paste the graph rendered from Package.swift between the markers:\n\(rendered)")
    }

    @Test("implied edges are left out, direct ones kept")
    func reduction() {
        let rendered = Self.render(["A": ["B", "C"], "B": ["C"], "C": []])
        #expect(rendered == "```mermaid\ngraph TD\n    A --> B\n    B --> C\n```\n")
    }
}
