import Foundation
import Postgres
import TestSupport
import Testing

/// Module boundaries the compiler cannot see (issue 18, item 1): which module's SQL reaches which
/// tables, read from the migrated schema and from every module's Swift sources, against `ModuleSchema`.
@Suite("Module boundaries: tables, published views and the dependency graph")
struct ModuleBoundaryTests {
    static let root = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent()
    /// One migrated database read by every schema test here: they only read the catalog.
    static let schema = Task { try await TestDatabase.fresh(maximumConnections: 2) }

    /// `FROM x`, `JOIN x`, `INTO x`, `UPDATE x`, `TABLE x`, `COPY x`, and `, x a` in a FROM list: the
    /// places SQL names a relation. Lines without a keyword are skipped before any regex runs.
    static func referencedRelations(in sql: String, caseInsensitive: Bool) -> Set<String> {
        let keywords = ["FROM", "JOIN", "INTO", "UPDATE", "TABLE", "COPY"]
        var names: Set<String> = []
        for line in sql.split(separator: "\n") {
            let code = line.trimmingCharacters(in: .whitespaces)
            if code.hasPrefix("//") || code.hasPrefix("--") { continue }
            let probe = caseInsensitive ? code.uppercased() : code
            guard keywords.contains(where: { probe.contains($0) }) else { continue }
            for regex in caseInsensitive ? Self.relationPatternsIgnoringCase : Self.relationPatterns {
                for match in code.matches(of: regex) {
                    if let name = match.output[2].substring { names.insert(String(name)) }
                }
            }
        }
        return names
    }

    private static let keywordPattern = #"\b(FROM|JOIN|INTO|UPDATE|TABLE|COPY)\s+"#
    private static let namePattern = #"([a-z_][a-z0-9_]*)\b"#
    private static let listedPattern = #"(,)\s*([a-z_][a-z0-9_]*)\s+[a-z]{1,3}(?:\s*,|\s*$|\s+(?:WHERE|JOIN|where|join)\b)"#
    // The patterns are literals known to compile; `try!` here would be the only force in the suite.
    nonisolated(unsafe) static let relationPatterns: [Regex<AnyRegexOutput>] =
        [keywordPattern + namePattern, listedPattern].compactMap { try? Regex($0) }
    nonisolated(unsafe) static let relationPatternsIgnoringCase: [Regex<AnyRegexOutput>] =
        ["(?i:" + keywordPattern + ")" + namePattern, listedPattern].compactMap { try? Regex($0) }

    @Test("every table, view and function in the migrated schema has an owning module")
    func everyRelationOwned() async throws {
        let pool = try await Self.schema.value
        let names: [String] = try await pool.query("""
            SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'v', 'm', 'p')
            UNION
            SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            """).map { try $0.decode("name") }
        let unowned = names.filter { ModuleSchema.owners[$0] == nil }.sorted()
        #expect(unowned.isEmpty, "declare the owning module of these in Tests/AppTests/ModuleSchema.swift: \(unowned)")
        let gone = Set(ModuleSchema.owners.keys).subtracting(names).sorted()
        #expect(gone.isEmpty, "ModuleSchema.swift names relations the schema no longer has: \(gone)")
    }

    @Test("a view reads its own module's tables and what other modules publish")
    func viewsStayInTheirModule() async throws {
        let pool = try await Self.schema.value
        let rows = try await pool.query("""
            SELECT DISTINCT v.relname AS view, t.relname AS source
            FROM pg_class v
            JOIN pg_rewrite r ON r.ev_class = v.oid
            JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
            JOIN pg_class t ON t.oid = d.refobjid
            WHERE v.relnamespace = 'public'::regnamespace AND v.relkind IN ('v', 'm') AND t.oid <> v.oid
            """)
        var reaches: [String] = []
        for row in rows {
            let view: String = try row.decode("view"), source: String = try row.decode("source")
            let owner = ModuleSchema.owners[view] ?? "?"
            if !ModuleSchema.mayReference(source, from: owner) { reaches.append("\(owner).\(view) reads \(source)") }
        }
        #expect(reaches.isEmpty, "read another module's published view instead: \(reaches.sorted())")
    }

    @Test("a function names its own module's tables and what other modules publish")
    func functionsStayInTheirModule() async throws {
        let pool = try await Self.schema.value
        let rows = try await pool.query("""
            SELECT p.proname AS name, p.prosrc AS body FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
            """)
        var reaches: [String] = []
        for row in rows {
            let name: String = try row.decode("name"), body: String = try row.decode("body")
            let owner = ModuleSchema.owners[name] ?? "?"
            for relation in Self.referencedRelations(in: body, caseInsensitive: true)
            where !ModuleSchema.mayReference(relation, from: owner) {
                reaches.append("\(owner).\(name)() names \(relation)")
            }
        }
        #expect(reaches.isEmpty, "name another module's published view instead: \(reaches.sorted())")
    }

    @Test("a trigger on a module's table runs its own function, the audit, or a watcher the owner declared")
    func triggersAreDeclaredWatchers() async throws {
        let pool = try await Self.schema.value
        let rows = try await pool.query("""
            SELECT c.relname AS table_name, t.tgname AS trigger, p.proname AS function
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace
            """)
        var undeclared: [String] = []
        for row in rows {
            let table: String = try row.decode("table_name"), function: String = try row.decode("function")
            let tableOwner = ModuleSchema.owners[table] ?? "?", watcher = ModuleSchema.owners[function] ?? "?"
            if watcher == tableOwner || watcher == ModuleSchema.kernel { continue }
            if ModuleSchema.named(tableOwner)?.changeFeeds[table]?.contains(watcher) == true { continue }
            undeclared.append("\(watcher).\(function)() on \(tableOwner).\(table)")
        }
        #expect(undeclared.isEmpty, "the table's owner must list the watcher in changeFeeds: \(undeclared.sorted())")
    }

    @Test("each module's Swift SQL names its own tables and what other modules publish")
    func swiftStaysInItsModule() throws {
        let sources = Self.root.appendingPathComponent("Sources")
        // Benchmarks and test support build whole scenarios on purpose; they ship in no module.
        let harnesses: Set<String> = ["DominoBench", "TestSupport", "domino"]
        var reaches: [String] = []
        var scanned = 0
        for module in try FileManager.default.contentsOfDirectory(atPath: sources.path).sorted() where !harnesses.contains(module) {
            guard let files = FileManager.default.enumerator(atPath: sources.appendingPathComponent(module).path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: sources.appendingPathComponent(module).appendingPathComponent(file), encoding: .utf8)
                scanned += 1
                for relation in Self.referencedRelations(in: text, caseInsensitive: false)
                where !ModuleSchema.mayReference(relation, from: module) {
                    reaches.append("\(module)/\(file) names \(relation) (\(ModuleSchema.owners[relation] ?? "?"))")
                }
            }
        }
        #expect(scanned > 100)
        #expect(reaches.isEmpty, "read another module's published view (or call its service) instead: \(reaches.sorted())")
    }

    @Test("the scanner finds relations where SQL names them and nowhere else")
    func scannerReadsSQL() {
        let sql = """
            SELECT a FROM leads l JOIN published_needs n ON true, matches m WHERE true
            // SELECT x FROM commented_out
            INSERT INTO jobs (kind) VALUES ('from matches'); UPDATE users SET x = 1; COPY companies FROM STDIN
            """
        #expect(Self.referencedRelations(in: sql, caseInsensitive: false) == ["leads", "published_needs", "matches", "jobs", "users", "companies"])
        #expect(Self.referencedRelations(in: "select 1 from leads", caseInsensitive: true) == ["leads"])
        #expect(Self.referencedRelations(in: "select 1 from leads", caseInsensitive: false).isEmpty)
        #expect(Self.relationPatterns.count == 2 && Self.relationPatternsIgnoringCase.count == 2)
        #expect(ModuleSchema.mayReference("leads", from: "Matches") == false)
        #expect(ModuleSchema.mayReference("published_leads", from: "Matches"))
        #expect(ModuleSchema.mayReference("taxonomy", from: "Matches"))
    }
}
