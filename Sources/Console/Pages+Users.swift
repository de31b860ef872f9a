import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer

/// The administrator's list of users, searchable by name or email.
extension Console {
    var userPages: [Page] {
        [Page(.get, "/users", operations: ["listUsers"]) { console, request in try await console.userList(request) }]
    }

    static let userPageSize = 100

    func userList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let text = Validation.searchWords(request.query("q"))
        let page = try await services.accounts.listUsers(
            filter: UserFilter(text: text?.isEmpty == false ? text : nil), cursor: request.query("cursor"), limit: Self.userPageSize, actor: try request.principal)
        let users = page.items
        return Layout.page(request, title: t(.usersTitle), section: .admin, [
            el("p", [attr("class", "actions")], [
                el("a", [attr("class", "button secondary"), attr("href", "/users/new")], t(.newUserTitle)),
                el("a", [attr("class", "button secondary"), attr("href", "/api-keys")], t(.apiKeysTitle)),
            ]),
            el("form", [attr("method", "get"), attr("action", "/users"), attr("class", "inline-form"), attr("role", "search")], [
                Form.textField(request, name: "q", label: t(.searchUsers), value: text, type: "search"),
                el("button", [attr("type", "submit")], t(.search)),
            ]),
            Table.make(
                caption: Layout.countCaption(request, shown: users.count, more: page.nextCursor != nil,
                                             .usersFound, one: .usersFoundOne, orMore: .usersFoundMore),
                headers: [t(.displayName), t(.email), t(.role), t(.accountStatus), t(.created)],
                numeric: [], compact: [2, 3, 4], stacked: true,
                rows: users.map { user in
                    [el("a", [attr("href", "/users/\(user.id.uuidString.lowercased())")], user.displayName), .text(user.email), .text(t(Layout.roleMessage(user.role))),
                     .text(t(user.disabled ? .disabled : .active)), .text(t.date(user.createdAt))]
                }),
        ] + Layout.pager(request, size: Self.userPageSize, next: Layout.nextListHref("/users", cursor: page.nextCursor, [("q", text)])))
    }
}
