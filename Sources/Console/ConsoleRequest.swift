import FoundationEssentials
import Accounts
import DomainKit
import HTTPServer

/// A signed-in person: the Accounts session behind the cookie and the console session beside it.
struct SignedIn: Sendable {
    let token: String
    let principal: Principal
    let user: User
    let csrf: String
    /// The header's navigation for this person's role (`Console.headerEntries(for:)`).
    let header: [Layout.HeaderEntry]
}

/// What a page handler receives: the request, its path parameters, the reader's language, and the
/// signed-in person (nil only on the login page and the assets).
struct ConsoleRequest: Sendable {
    let http: HTTPRequest
    let parameters: [String: String]
    let language: Language
    let session: SignedIn?
    let requestID: String
    let clientAddress: String
    /// The request reached us over TLS (through a trusted proxy that said so).
    let secure: Bool
    let now: Date
    /// The decoded `application/x-www-form-urlencoded` body of a POST, in order.
    let form: [(name: String, value: String)]
    /// The files of a `multipart/form-data` POST (a CSV upload).
    var files: [Multipart.Part] = []
    /// For a POST, the page its form belongs to (`Console.formPage(of:)`). A refused form is answered
    /// at the POST's own path, which no GET serves, so "back here" links lead to this page instead.
    var formPage: String?

    /// The signed-in person; page handlers of signed-in pages always have one.
    var signedIn: SignedIn {
        get throws(ConsoleError) {
            guard let session else { throw ConsoleError.signInRequired }
            return session
        }
    }

    var principal: Principal {
        get throws(ConsoleError) { try signedIn.principal }
    }

    func formValue(_ name: String) -> String? {
        form.first { $0.name == name }?.value
    }

    /// A form value with surrounding spaces removed; nil when it shows nothing (`Validation.isBlank`: empty,
    /// or zero-width characters only), as an omitted optional field.
    func formText(_ name: String) -> String? {
        guard let value = formValue(name)?.trimmed, !Validation.isBlank(value) else { return nil }
        return value
    }

    func formValues(_ name: String) -> [String] {
        form.filter { $0.name == name }.map(\.value)
    }

    /// A query value as the API would accept it. A signed-in page's GET with a value the API refuses (too long,
    /// holding a NUL, given twice) never gets here: it is a 400 page naming the filter (`QueryRefusal`), never a
    /// list silently widened. A public page's (a signed link, the language switch) is nil, as if not sent.
    func query(_ name: String) -> String? {
        guard let value = http.queryValue(name), RequestContext.queryValueProblem(name, value) == nil else { return nil }
        return value
    }

    /// A query value with surrounding spaces removed; nil when not sent or empty (a filter left blank), as `formText`.
    func queryText(_ name: String) -> String? {
        guard let value = query(name)?.trimmed, !value.isEmpty else { return nil }
        return value
    }

    /// A list filter chosen from a fixed set (a status, a sector, a record's id): nil when not sent or empty (the
    /// choice "any"), the value `parse` makes of it, or, for a value it makes nothing of, a `QueryRefusal` naming the
    /// filter and the value (polish28), as the API answers 400, never the unfiltered list shown as if filtered.
    func choice<Value>(_ name: String, _ parse: (String) -> Value?) throws(QueryRefusal) -> Value? {
        guard let text = query(name), !text.isEmpty else { return nil }
        guard let value = parse(text) else { throw QueryRefusal(name: name, reason: .notUnderstood, value: text) }
        return value
    }

    /// A path parameter that must be a UUID; anything else names no record, so it is a 404 page.
    func pathUUID(_ name: String) throws(ConsoleError) -> UUID {
        guard let text = parameters[name], let id = UUID(uuidString: text) else { throw ConsoleError.notFound }
        return id
    }

    /// The current path and query, for "back here" links (language switch); after a POST, its form's page.
    var target: String { formPage ?? http.target }

    /// Whether a form body is text: UTF-8 as sent, and every name and value still UTF-8 once its `%XX` escapes are
    /// decoded. `decodeForm` writes U+FFFD for bytes that are not (as HTTPServer's query decoder does), so an API
    /// key named `%FF%FE` was saved as "��" (sturdy28); the page refuses such a form instead. One pass: a body of
    /// 10,000 fields costs what its bytes do. A literal `=` splits a value here too, which changes nothing: an
    /// ASCII byte never sits inside a UTF-8 sequence.
    static func formIsText(_ body: [UInt8]) -> Bool {
        guard String(validating: body, as: UTF8.self) != nil else { return false }
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x37
            case 0x61...0x66: byte - 0x57
            default: nil
            }
        }
        var decoded: [UInt8] = []
        var index = 0
        while index <= body.count {
            if index == body.count || body[index] == UInt8(ascii: "&") || body[index] == UInt8(ascii: "=") {
                guard String(validating: decoded, as: UTF8.self) != nil else { return false }
                decoded.removeAll(keepingCapacity: true)
                index += 1
            } else if body[index] == UInt8(ascii: "%"), index + 2 < body.count, let high = hex(body[index + 1]), let low = hex(body[index + 2]) {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(body[index])
                index += 1
            }
        }
        return true
    }

    /// Form bodies decode exactly like a query string (WHATWG URL §5, application/x-www-form-urlencoded),
    /// so HTTPServer's query decoder reads them.
    static func decodeForm(_ body: [UInt8]) -> [(name: String, value: String)] {
        guard !body.isEmpty else { return [] }
        return HTTPRequest(method: .get, target: "/?" + String(decoding: body, as: UTF8.self)).queryItems
    }
}
