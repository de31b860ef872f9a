import App
import DomainKit
import Foundation
import Postgres
import TestSupport
import Testing

/// The query parameters docs/openapi.yaml gives each operation, by operationId, read by indentation as
/// `specOperations` reads operations: a parameter is a list item under an operation's `parameters:`
/// (six spaces), written inline (`- name: q` then `in: query`), as a YAML anchor (`- &id008`) or an alias
/// of one (`- *id008`), or as a `$ref` to `components/parameters`.
func specQueryParameters() throws -> [String: Set<String>] {
    let url = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    struct Item { var anchor: String?; var alias: String?; var reference: String?; var name: String?; var location: String? }
    var anchors: [String: Item] = [:], components: [String: Item] = [:]
    var items: [String: [Item]] = [:]   // by operationId
    var section = "", component: String?, operation: String?, inParameters = false
    func value(_ line: String, _ key: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "")
        guard trimmed.hasPrefix(key + ": ") else { return nil }
        return String(trimmed.dropFirst(key.count + 2)).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
    }
    for line in lines {
        if !line.hasPrefix(" "), !line.isEmpty { section = line; continue }
        if section == "components:" {
            if line.hasPrefix("  "), !line.hasPrefix("   ") { component = line == "  parameters:" ? "" : nil; continue }
            guard component != nil else { continue }
            if line.hasPrefix("    "), !line.hasPrefix("     ") { component = String(line.dropFirst(4).dropLast()); components[component!] = Item(); continue }
            if let name = component, let given = value(line, "name") { components[name]?.name = given }
            if let name = component, let given = value(line, "in") { components[name]?.location = given }
            continue
        }
        guard section == "paths:" else { continue }
        if line.hasPrefix("  /") || (line.hasPrefix("    ") && !line.hasPrefix("     ")) { operation = nil; inParameters = false; continue }
        if let id = value(line, "operationId"), line.hasPrefix("      o") { operation = id; items[id, default: []] = items[id] ?? [] }
        if line.hasPrefix("      "), !line.hasPrefix("       "), !line.hasPrefix("      - ") { inParameters = line == "      parameters:" }
        // Every operation of the spec gives its operationId first, so parameters always have one.
        guard inParameters, let id = operation else { continue }
        if line.hasPrefix("      - ") {
            let head = String(line.dropFirst(8))
            var item = Item()
            if head.hasPrefix("&") { item.anchor = String(head.dropFirst()) }
            else if head.hasPrefix("*") { item.alias = String(head.dropFirst()) }
            else if let reference = value(line, "$ref") { item.reference = reference.components(separatedBy: "/").last }
            else { item.name = value(line, "name"); item.location = value(line, "in") }
            items[id]!.append(item)
        } else if line.hasPrefix("        "), !line.hasPrefix("         "), var item = items[id]?.popLast() {
            if let given = value(line, "name") { item.name = given }
            if let given = value(line, "in") { item.location = given }
            items[id]!.append(item)
        }
        if let item = items[id]?.last, let anchor = item.anchor { anchors[anchor] = item }
    }
    return items.mapValues { list in
        Set(list.compactMap { item -> String? in
            let resolved = item.alias.flatMap { anchors[$0] } ?? item.reference.flatMap { components[$0] } ?? item
            return resolved.location == "query" ? resolved.name : nil
        })
    }
}

@Suite("Query parameters each operation reads")
struct OperationQueryParameterTests {
    @Test("each route reads exactly the query parameters docs/openapi.yaml gives its operation")
    func routesMatchSpec() throws {
        let routes = try apiRoutes()
        let spec = try specQueryParameters()
        #expect(spec["getKPIReport"] == ["fy", "format"] && spec["listCompanies"]?.isSuperset(of: ["limit", "cursor", "q"]) == true,
                "the reader of the spec: \(spec["getKPIReport"] ?? []) \(spec["listCompanies"] ?? [])")
        for route in routes {
            #expect(route.query == spec[route.operationID] ?? [], "\(route.operationID): route \(route.query.sorted()), spec \((spec[route.operationID] ?? []).sorted())")
        }
    }

    /// Found probing the demo server: `?fiscalYear=2025` (the parameter is `fy`) answered with the current year's
    /// report, and a misspelt filter with the whole list.
    @Test("a query parameter the operation does not read is a 400 naming it; a caller without access still gets 401")
    func unknownRefused() async throws {
        try await withTestServer { port, application in
            let (token, _) = try await application.token(for: .admin)
            let bearer = [("Authorization", "Bearer \(token)")]
            for path in ["/v1/kpi/report?fiscalYear=2025", "/v1/companies?countr=VN", "/v1/companies?limit=5&Limit=6", "/v1/me?x=1",
                         "/v1/needs?cityId=\(UUID().uuidString)&city=1"] {
                let answer = try await TestClient.request(port: port, "GET", path, fields: bearer)
                let name = try #require(path.split(separator: "&").last?.split(separator: "?").last?.split(separator: "=").first)
                #expect(answer.status == 400 && answer.text.contains(#""field":"\#(name)""#), "\(path): \(answer.text)")
            }
            #expect(try await TestClient.request(port: port, "GET", "/v1/kpi/report?fy=2025&format=json", fields: bearer).status == 200)
            #expect(try await TestClient.request(port: port, "GET", "/v1/companies?limit=5&q=a&country=VN", fields: bearer).status == 200)
            #expect(try await TestClient.request(port: port, "GET", "/v1/kpi/report?fiscalYear=2025", fields: []).status == 401)
        }
    }
}
