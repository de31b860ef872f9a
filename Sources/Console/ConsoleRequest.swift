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

    /// Form bodies decode exactly like a query string (WHATWG URL §5, application/x-www-form-urlencoded),
    /// so HTTPServer's query decoder reads them.
    static func decodeForm(_ body: [UInt8]) -> [(name: String, value: String)] {
        guard !body.isEmpty else { return [] }
        return HTTPRequest(method: .get, target: "/?" + String(decoding: body, as: UTF8.self)).queryItems
    }
}
