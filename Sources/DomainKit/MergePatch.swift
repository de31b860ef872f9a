import FoundationEssentials
import HTTPServer

/// Any JSON value, for applying a JSON Merge Patch (RFC 7396) to a resource's writable fields.
public enum JSONValue: Sendable, Equatable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers go back out as integers, so Int fields decode them again.
            if value.rounded() == value, abs(value) < 9.0e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The paths (`a.0.b`) of the numbers that are not whole or too large to go back out as integers
    /// (see `encode(to:)`): what an integer field cannot take.
    func pathsOfNumbersNotWhole(at path: String = "") -> [String] {
        func joined(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch self {
        case .number(let value): return value.rounded() == value && abs(value) < 9.0e15 ? [] : [path.isEmpty ? "body" : path]
        case .array(let items): return items.enumerated().flatMap { $1.pathsOfNumbersNotWhole(at: joined(String($0))) }
        case .object(let members): return members.sorted { $0.key < $1.key }.flatMap { $0.value.pathsOfNumbersNotWhole(at: joined($0.key)) }
        case .null, .bool, .string: return []
        }
    }

    /// Whether the member at `path` (`a.0.b`, as `JSONFieldNames` writes it) is here.
    func has(path: String) -> Bool {
        var value = self
        for name in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch value {
            case .object(let members): guard let member = members[String(name)] else { return false }; value = member
            case .array(let items): guard let index = Int(name), items.indices.contains(index) else { return false }; value = items[index]
            case .null, .bool, .number, .string: return false
            }
        }
        return true
    }

    /// Every string in the value without the white space around it (`String.trimmed`), as the console stores
    /// what a person typed in its forms; names of members are kept as sent.
    func trimmingText() -> JSONValue {
        switch self {
        case .string(let text): .string(text.trimmed)
        case .array(let items): .array(items.map { $0.trimmingText() })
        case .object(let members): .object(members.mapValues { $0.trimmingText() })
        case .null, .bool, .number: self
        }
    }

    /// RFC 7396 §2: members of an object patch replace the target's, `null` removes one, and any
    /// other patch replaces the target entirely.
    public func merging(_ patch: JSONValue) -> JSONValue {
        guard case .object(let changes) = patch else { return patch }
        var result: [String: JSONValue]
        if case .object(let current) = self { result = current } else { result = [:] }
        for (key, change) in changes {
            if change == .null {
                result[key] = nil
            } else {
                result[key] = (result[key] ?? .null).merging(change)
            }
        }
        return .object(result)
    }
}

/// A draft with optional fields that take a default when a create leaves them out (a company's `archived`, a
/// coordinator's `capacity`) and have no "unset" state once stored. RFC 7396's `null` removes the member, so the
/// merged draft would take the default again: a silent reset of the stored value. `mergePatch` refuses that `null`
/// by name instead (422, as a required field's "is required"); leaving the field out keeps it.
public protocol DefaultedFields {
    /// The JSON names of those fields.
    static var fieldsWithDefaults: [String] { get }
}

/// A request body of text people type (names, reasons, notes): `decodeBody` and `mergePatch` store every string in
/// it without surrounding white space, as the console's forms do, so "  横浜大学 " is stored, listed and matched as
/// "横浜大学" whichever way it came in. Not for secrets (a password keeps its spaces).
public protocol TrimmedText {}

extension RequestContext {
    /// Applies the body, a JSON Merge Patch (RFC 7396; `application/merge-patch+json` or
    /// `application/json`), to `current` and decodes the result, so a PATCH is validated exactly like a
    /// create. A field of the wrong type is a 422 naming it.
    public func mergePatch<Draft: Codable>(onto current: Draft) throws(Problem) -> Draft {
        guard bodyIs("application/merge-patch+json", "application/json") else {
            throw Problem(status: 415, title: "Unsupported Media Type", detail: "The body must be application/merge-patch+json (UTF-8).")
        }
        var patch: JSONValue
        do {
            patch = try APIJSON.decoder.decode(JSONValue.self, from: Data(request.body))
        } catch {
            throw Problem.badRequest("The body is not valid JSON.")
        }
        if Draft.self is any TrimmedText.Type { patch = patch.trimmingText() }
        guard case .object = patch else { throw Problem.badRequest("A merge patch must be a JSON object.") }
        try refuseRepeatedNames()
        if let defaulted = Draft.self as? any DefaultedFields.Type { try Self.refuseNulls(of: defaulted.fieldsWithDefaults, in: patch) }
        var merged: [UInt8] = []
        let draft: Draft
        let mergedValue: JSONValue
        do {
            mergedValue = try APIJSON.decoder.decode(JSONValue.self, from: APIJSON.encode(current)).merging(patch)
            merged = Array(try APIJSON.encode(mergedValue))
            draft = try APIJSON.decoder.decode(Draft.self, from: Data(merged))
        } catch let error as DecodingError {
            throw Self.problem(for: error, in: merged)
        } catch {
            throw Problem.badRequest("The merge patch could not be applied.")
        }
        try Self.refuseUnread(JSONFieldNames.unread(in: mergedValue, by: Draft.self).filter { patch.has(path: $0) })
        return draft
    }
}
