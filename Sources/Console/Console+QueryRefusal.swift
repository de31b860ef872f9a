import DomainKit
import HTTPServer

/// A query a signed-in page refuses, as the API refuses it (docs/api.md, "Requests"): a parameter given
/// twice, a value over 200 characters, one holding NUL or bytes that are not UTF-8. Before harden12 such a
/// value filtered nothing (a list with `?country=<NUL>` listed every city) and of a repeated `?country=` the
/// first was used, so a person read a wider list than the one asked for as if it were the answer. Now the
/// page is a 400 that names the filter and offers the page without its filters. A pair with no name (`?=VN`)
/// is refused as the API refuses it (`RequestContext.namelessQueryProblem`, harden14). A filter chosen from a
/// fixed set (a status, a sector, a state) whose value is none of them is refused too, naming the value
/// (`ConsoleRequest.choice`, polish28): `?status=nonsense` listed every registration as if filtered.
struct QueryRefusal: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        case repeated, tooLong, notText, nameless, notUnderstood
    }

    let name: String
    let reason: Reason
    /// The value not understood (`.notUnderstood`), shown on the page.
    var value: String? = nil

    /// The first refused parameter of `request`, in the order sent; nil when every one is as the API accepts it.
    static func first(in request: HTTPRequest) -> QueryRefusal? {
        if RequestContext.namelessQueryProblem(request) != nil { return QueryRefusal(name: "", reason: .nameless) }
        var seen: Set<String> = []
        for item in request.queryItems {
            guard seen.insert(item.name).inserted else { return QueryRefusal(name: item.name, reason: .repeated) }
            guard request.queryValues(item.name).allSatisfy({ $0 != nil }) else { return QueryRefusal(name: item.name, reason: .notText) }
            if item.value.count > RequestContext.maximumQueryValueLength { return QueryRefusal(name: item.name, reason: .tooLong) }
            if RequestContext.queryValueProblem(item.name, item.value) != nil { return QueryRefusal(name: item.name, reason: .notText) }
        }
        return nil
    }
}

extension Console {
    /// The 400 page of a refused query: which parameter, why, and the page without its query.
    func queryRefusalPage(_ refusal: QueryRefusal, _ request: ConsoleRequest) -> HTTPResponse {
        let t = request.language
        func shown(_ text: String) -> String { text.count > 64 ? String(text.prefix(64)) + "…" : text }
        let why: String = switch refusal.reason {
        case .repeated: t(.queryRefusedRepeated, shown(refusal.name))
        case .tooLong: t(.queryRefusedTooLong, shown(refusal.name), t.number(RequestContext.maximumQueryValueLength))
        case .notText: t(.queryRefusedNotText, shown(refusal.name))
        case .nameless: t(.queryRefusedNameless)
        case .notUnderstood: t(.queryRefusedNotUnderstood, shown(refusal.name), shown(refusal.value ?? ""))
        }
        return Layout.page(request, status: .badRequest, title: t(.queryRefusedTitle), section: nil, [
            el("p", [], why),
            el("p", [], t(.queryRefusedNothingListed)),
            el("p", [], [el("a", [attr("href", request.http.path)], t(.queryRefusedWithoutFilters))]),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
        ])
    }
}
