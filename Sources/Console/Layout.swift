import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer

/// The frame of every page (CONSOLE.md, "Every page"): `<html lang>`, a `<title>` naming the page and
/// Domino, a skip link, header, navigation and main landmarks, one `<h1>` (the page's title; a record's
/// title shown in the other language carries that `titleLanguage`).
enum Layout {
    enum Section: Sendable, Equatable {
        case home, needs, company, kpi, conventions
        case knowledge
        // console11
        case leads
        /// console15: the administrator's hub and the pages it links (users, coordinators, jobs, …).
        case admin
        // console12: overseas cities, with their liaison bases and the university registry
        case cities
        // console13: the company directory
        case companies
    }

    static func page(
        _ request: ConsoleRequest, status: HTTPStatus = .ok, title: String, titleLanguage: Language? = nil, section: Section?,
        cookies: [String] = [], pages: Int? = nil, _ content: [HTML]
    ) -> HTTPResponse {
        let t = request.language
        // A list counted into pages (`pages`) is a part of its page (an event's registrations): the `<h1>`
        // stays the page's own name and the pager says the position (`Layout.pager`); the `<title>` says both.
        let heading = pages == nil ? numberedTitle(request, title) : title
        let title = numberedTitle(request, title, pages: pages)
        let document: HTML = .fragment([
            .trusted(TrustedMarkup("<!DOCTYPE html>")),
            el("html", [attr("lang", t.rawValue)], [
                el("head", [], [
                    .void("meta", [attr("charset", "utf-8")]),
                    .void("meta", [attr("name", "viewport"), attr("content", "width=device-width, initial-scale=1")]),
                    el("title", [], t(.pageTitle, title)),
                    .void("link", [attr("rel", "stylesheet"), attr("href", Asset.stylesheet.path)]),
                    .void("link", [attr("rel", "icon"), attr("href", Asset.icon.path), attr("type", "image/svg+xml")]),
                    el("script", [attr("src", Asset.script.path), flag("defer")], []),
                ]),
                // The answer to a POST holds what was sent in its forms: the script carries them across the language switch.
                el("body", request.http.method == .post ? [flag("data-form-answer")] : [], [
                    el("a", [attr("class", "skip-link"), attr("href", "#main")], t(.skipToContent)),
                    header(request),
                    navigation(request, current: section),
                    el("main", [attr("id", "main"), attr("tabindex", "-1")], [el("h1", titleLanguage.map { [attr("lang", $0.rawValue)] } ?? [], heading)] + content),
                    el("footer", [attr("class", "site-footer")], [el("p", [], t(.footer))]),
                ]),
            ]),
        ])
        var headers: HTTPHeaders = ["Content-Type": "text/html; charset=utf-8"]
        for cookie in cookies { headers.add(name: "Set-Cookie", value: cookie) }
        return HTTPResponse(status: status, headers: headers, body: Array(document.render().utf8))
    }

    static func seeOther(_ location: String, cookies: [String] = []) -> HTTPResponse {
        var headers: HTTPHeaders = ["Location": HTML.safeURL(location)]
        for cookie in cookies { headers.add(name: "Set-Cookie", value: cookie) }
        return HTTPResponse(status: .seeOther, headers: headers, body: [])
    }

    private static func header(_ request: ConsoleRequest) -> HTML {
        let t = request.language
        var tools: [HTML] = [
            el("a", [attr("href", "/language?to=\(t.other.rawValue)&back=\(percentEncoded(request.target))"),
                     attr("lang", t.other.rawValue), attr("class", "language-switch")], t(.switchLanguage)),
        ]
        if let session = request.session {
            // The person's name opens their account (who they are, password, API keys).
            tools.insert(el("a", [attr("class", "who"), attr("href", "/account")],
                            t(.signedInAs, session.user.displayName, t(roleMessage(session.principal.role)))), at: 0)
            tools.append(el("form", [attr("method", "post"), attr("action", "/logout")], [
                csrfField(request),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.signOut)),
            ]))
        }
        return el("header", [attr("class", "site-header")], [
            el("div", [attr("class", "bar")], [
                el("a", [attr("class", "brand"), attr("href", "/")], t(.brand)),
                el("div", [attr("class", "header-tools")], tools),
            ]),
        ])
    }

    /// One entry of the header's navigation: the section it marks as current, where it leads, its name.
    struct HeaderEntry: Sendable, Equatable {
        let section: Section
        let href: String
        let label: Message
    }

    /// The pages that belong in the header, in its order. A role's header lists those the page table lets it
    /// open (`Console.headerEntries(for:)`, through `mayOpen` as the home page's links are), so the header and
    /// the home page never disagree on who sees what (polish27: liaison officers and company staff lacked
    /// "Events", which their home page linked and which opened for them). `/companies/{id}` is "My company",
    /// listed for a company's staff; the pipeline only for a role that does not open the leads list, which
    /// links it under its count per stage.
    static let headerPages: [(section: Section, template: String, label: Message)] = [
        (.home, "/", .navHome), (.needs, "/needs", .navNeeds),
        (.leads, "/leads", .navLeads), (.leads, "/leads/pipeline", .navPipeline),
        (.conventions, "/conventions", .navConventions),
        (.companies, "/companies", .navCompanies), (.company, ownCompanyTemplate, .navCompany),
        (.cities, "/cities", .navCities), (.kpi, "/kpi", .navKPI), (.knowledge, "/knowledge", .navKnowledge),
        (.admin, "/admin", .navAdmin),
    ]

    static let ownCompanyTemplate = "/companies/{id}"

    /// The header's entries of the signed-in person (`SignedIn.header`).
    private static func navigation(_ request: ConsoleRequest, current: Section?) -> HTML {
        guard let session = request.session else { return .fragment([]) }
        let t = request.language
        return el("nav", [attr("class", "site-nav"), attr("aria-label", t(.navLabel))], [
            el("ul", [], session.header.map { entry in
                el("li", [], [el("a", [attr("href", entry.href)] + (entry.section == current ? [attr("aria-current", "page")] : []), t(entry.label))])
            }),
        ])
    }

    /// The session's CSRF token, a fresh one-time submission id (docs/console.md, "A form is sent
    /// once") and the user the form is for (a form sent after its session ended is offered again only to
    /// them, Console+Resume): every signed-in form includes this, so every form is guarded without code of its own.
    static func csrfField(_ request: ConsoleRequest) -> HTML {
        .fragment([
            .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", request.session?.csrf ?? "")]),
            .void("input", [attr("type", "hidden"), attr("name", FormSubmission.field), attr("value", FormSubmission.newID())]),
            .void("input", [attr("type", "hidden"), attr("name", Console.formUserField),
                            attr("value", request.session?.user.id.uuidString.lowercased() ?? "")]),
        ])
    }

    static func roleMessage(_ role: Role) -> Message {
        switch role {
        case .admin: .roleAdmin
        case .coordinator: .roleCoordinator
        case .organizer: .roleOrganizer
        case .company: .roleCompany
        case .liaison: .roleLiaison
        case .viewer: .roleViewer
        }
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986 §2.3), for a value inside a query.
    static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
    }
}
