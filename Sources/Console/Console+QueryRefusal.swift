import DomainKit
import HTTPServer

/// A query a signed-in page refuses, as the API refuses it (docs/api.md, "Requests"): a parameter given
/// twice, a value over 200 characters, one holding NUL or bytes that are not UTF-8. Before harden12 such a
/// value filtered nothing (a list with `?country=<NUL>` listed every city) and of a repeated `?country=` the
/// first was used, so a person read a wider list than the one asked for as if it were the answer. Now the
/// page is a 400 that names the filter and offers the page without its filters. A pair with no name (`?=VN`)
/// is refused as the API refuses it (`RequestContext.namelessQueryProblem`, harden14).
struct QueryRefusal: Error, Sendable, Equatable {
    enum Reason: Sendable, Equatable {
        case repeated, tooLong, notText, nameless
    }

    let name: String
    let reason: Reason

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
        let shown = refusal.name.count > 64 ? String(refusal.name.prefix(64)) + "…" : refusal.name
        let why: Message = switch refusal.reason {
        case .repeated: .queryRefusedRepeated
        case .tooLong: .queryRefusedTooLong
        case .notText: .queryRefusedNotText
        case .nameless: .queryRefusedNameless
        }
        return Layout.page(request, status: .badRequest, title: t(.queryRefusedTitle), section: nil, [
            el("p", [], t(why, shown, t.number(RequestContext.maximumQueryValueLength))),
            el("p", [], t(.queryRefusedNothingListed)),
            el("p", [], [el("a", [attr("href", request.http.path)], t(.queryRefusedWithoutFilters))]),
            el("p", [attr("class", "explain")], t(.requestReference, request.requestID)),
        ])
    }
}
