import App
import DomainKit
import Foundation
import HTTPServer
import Postgres
import TestSupport
import Testing

/// The operations docs/openapi.yaml declares, read by indentation: paths at two spaces under
/// `paths:`, methods at four, `operationId` at six. The spec is written in that plain block style.
struct SpecOperation: Hashable, CustomStringConvertible {
    let method: String
    let path: String
    let operationID: String
    var description: String { "\(method) \(path) (\(operationID))" }
}

func specOperations() throws -> Set<SpecOperation> {
    let url = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent()
        .appendingPathComponent("docs/openapi.yaml")
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    var operations = Set<SpecOperation>()
    var inPaths = false
    var path: String?
    var method: String?
    for line in lines {
        if !line.hasPrefix(" ") && !line.isEmpty { inPaths = line == "paths:" }
        guard inPaths else { continue }
        if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
            path = String(line.dropFirst(2).dropLast())
        } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"),
                  ["get:", "post:", "put:", "patch:", "delete:"].contains(line.trimmingCharacters(in: .whitespaces)) {
            method = String(line.trimmingCharacters(in: .whitespaces).dropLast()).uppercased()
        } else if line.hasPrefix("      operationId: "), let path, let method {
            operations.insert(SpecOperation(method: method, path: path, operationID: String(line.dropFirst(19))))
        }
    }
    return operations
}

/// The API's route table, from an application that connects to nothing.
func apiRoutes() throws -> [Route] {
    let configuration = AppConfiguration(
        database: PostgresConfiguration(parameters: []), migrationsDirectory: TestDatabase.migrationsDirectory)
    return try Application(configuration: configuration, clock: .test).routes
}

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    @Test("every route is in docs/openapi.yaml and every operation there is a route")
    func routesMatchSpec() throws {
        let routes = Set(try apiRoutes().map {
            SpecOperation(method: $0.method.rawValue, path: $0.template.description, operationID: $0.operationID)
        })
        let spec = try specOperations()
        #expect(!spec.isEmpty)
        #expect(routes.subtracting(spec).isEmpty, "routes missing from the spec: \(routes.subtracting(spec))")
        #expect(spec.subtracting(routes).isEmpty, "spec operations with no route: \(spec.subtracting(routes))")
    }

    @Test("the README's API section names every tag of docs/openapi.yaml, and no tag the spec lacks")
    func readmeNamesEveryTag() throws {
        let root = URL(fileURLWithPath: TestDatabase.migrationsDirectory).deletingLastPathComponent()
        let spec = try String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var tags: Set<String> = [], afterTags = false
        for line in spec.split(separator: "\n") {
            if line.hasPrefix("      tags:") { afterTags = true; continue }
            if afterTags, line.hasPrefix("      - "), let tag = line.split(separator: " ").last, tag.allSatisfy(\.isLetter) {
                tags.insert(String(tag))
            }
            afterTags = false
        }
        #expect(tags.count >= 10)
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## API\n").last?.components(separatedBy: "\n## ").first)
        let named = Set(section.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 && $0.element.allSatisfy(\.isLetter) }.map { String($0.element) })
        #expect(tags.subtracting(named).isEmpty, "tags the README does not describe: \(tags.subtracting(named).sorted())")
        #expect(named.subtracting(tags).isEmpty, "README names tags the spec lacks: \(named.subtracting(tags).sorted())")
    }
}
