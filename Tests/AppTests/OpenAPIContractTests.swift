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

@Suite("OpenAPI contract")
struct OpenAPIContractTests {
    @Test("every route is in docs/openapi.yaml and every operation there is a route")
    func routesMatchSpec() throws {
        let configuration = AppConfiguration(
            database: PostgresConfiguration(parameters: []), migrationsDirectory: TestDatabase.migrationsDirectory)
        let application = try Application(configuration: configuration, clock: .test)
        let routes = Set(application.routes.map {
            SpecOperation(method: $0.method.rawValue, path: $0.template.description, operationID: $0.operationID)
        })
        let spec = try specOperations()
        #expect(!spec.isEmpty)
        #expect(routes.subtracting(spec).isEmpty, "routes missing from the spec: \(routes.subtracting(spec))")
        #expect(spec.subtracting(routes).isEmpty, "spec operations with no route: \(spec.subtracting(routes))")
    }
}
