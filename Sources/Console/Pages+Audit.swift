import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// The audit log (`listAudit`, docs/accounts.md "Administration and audit"): who changed what, newest
/// first, filtered by table, record, person and period, 50 a page; and "restore this value"
/// (`restoreAuditedValue`): a confirmation page showing the value now and the value that would be
/// written back, then the service's one-statement restore. A refusal (the field changed again since,
/// the record is gone, a field restored only through its own operation) is explained and writes nothing.
extension Console {
    /// How many audit entries a page lists; the pager's next link says the same number (`Layout.pager`).
    static let auditPageSize = 50

    var auditPages: [Page] {
        let restore = ["listAudit", "restoreAuditedValue"]
        return [
            Page(.get, "/audit", operations: ["listAudit", "listUsers"]) { console, request in try await console.auditList(request) },
            Page(.get, "/audit/{id}/restore", operations: restore) { console, request in try await console.restorePage(request, refusal: nil) },
            Page(.post, "/audit/{id}/restore", operations: restore) { console, request in try await console.restoreValue(request) },
        ]
    }

    func auditList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        // The person choice reads the users up to `listCeiling`; past it, the users' search finds the one to choose.
        let words = ChoiceSearch.person.words(request)
        let listed = try await Self.listed {
            try await services.accounts.listUsers(filter: UserFilter(text: words), cursor: $0.after?.encoded, limit: $0.limit, actor: principal)
        }
        var users = listed.items
        var errors: [(field: String, message: String)] = []
        func day(_ name: String) -> CalendarDate? {
            guard let text = request.query(name)?.trimmed, !text.isEmpty else { return nil }
            guard let day = CalendarDate(text) else {
                errors.append((field: name, message: t(.auditDateInvalid, t(name == "from" ? .auditFrom : .auditTo))))
                return nil
            }
            return day
        }
        let from = day("from"), to = day("to")
        let text = { (name: String) -> String? in request.query(name)?.trimmed.isEmpty == false ? request.query(name)?.trimmed : nil }
        let actor = try request.choice("actor") { UUID(uuidString: $0.trimmed) }
        // The person chosen stays chosen, though a search since (or the ceiling) leaves them out of the list.
        if let actor, !users.contains(where: { $0.id == actor }), let user = try await knownUser(actor, principal) { users.append(user) }
        let filter = AuditFilter(
            actorUserID: actor, entity: text("entity"), entityID: text("entityId"), action: nil, from: from?.startInJapan,
            to: to.map { CalendarDate(daysSinceEpoch: $0.daysSinceEpoch + 1).startInJapan })
        let page = try await services.accounts.auditLog(filter: filter, cursor: request.query("cursor"), limit: Self.auditPageSize, actor: principal)
        // "Restore" is offered where the API's own rule says it would be accepted (audit_restorable), and nowhere for one who
        // may not restore.
        let restorable = page.items.flatMap { entry in entry.previous.keys.map { AuditedField(entry: entry.id, field: $0) } }
        let refusals = allows(principal.role, "restoreAuditedValue") ? try await services.accounts.restoreRefusals(restorable, by: principal) : nil
        // The list names each person who acted, also one the choice does not hold; the choices add the e-mail address,
        // which tells namesakes apart.
        var people = Dictionary(users.map { ($0.id, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        for id in Set(page.items.compactMap(\.actorUserID)) where people[id] == nil {
            people[id] = try await knownUser(id, principal)?.displayName
        }
        let names = Dictionary(users.map { ($0.id, "\($0.displayName) (\($0.email))") }, uniquingKeysWith: { first, _ in first })
        let query = ["entity", "entityId", "actor", "from", "to"].compactMap { name in request.query(name).map { (name: name, value: $0) } }
        let search = ChoiceSearch.person.parts(request, words: words, found: listed.items.count, cut: listed.cut, action: "/audit", query: query)
        var content: [HTML] = [el("p", [attr("class", "explain")], t(.auditIntro))]
        if request.query("restored") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.auditRestored))) }
        content.append(Form.errorSummary(request, errors))
        content += [search.searchBox].compactMap { $0 }
        content.append(el("form", [attr("method", "get"), attr("action", "/audit"), attr("class", "inline-form")], [
            search.carried,
            Form.textField(request, name: "entity", label: t(.auditTable), value: text("entity"), hint: t(.auditTableHint)),
            Form.textField(request, name: "entityId", label: t(.auditRecord), value: text("entityId"), hint: t(.auditRecordHint)),
            Form.select(name: "actor", label: t(.auditActor), options: [("", t(.coordinatorAnyStatus))] + users.map { ($0.id.uuidString.lowercased(), names[$0.id] ?? "") },
                        selected: actor?.uuidString.lowercased() ?? "", hint: search.hint),
            Form.textField(request, name: "from", label: t(.auditFrom), value: request.query("from"), type: "date", error: errors.first { $0.field == "from" }?.message),
            Form.textField(request, name: "to", label: t(.auditTo), value: request.query("to"), type: "date", error: errors.first { $0.field == "to" }?.message),
            el("button", [attr("type", "submit")], t(.search)),
        ]))
        content.append(page.items.isEmpty ? el("p", [], t(.noAuditEntries)) : Table.make(
            caption: t(.auditTitle), captionShown: false,
            headers: [t(.auditWhen), t(.auditActor), t(.auditAction), t(.auditTable), t(.auditRecord), t(.auditChanges)],
            // The operation's label and its code may wrap apart (s24): on one line, the widest ("パスワードの再設定
            // user.reset_password", 313 px) made the table 1,167 px wide in the browser suite, past the page's 1,120 px.
            numeric: [], compact: [0], stacked: true,
            rows: page.items.map { entry in
                [.text(Self.when(entry.at, t)),
                 // Who acted, each word kept whole: 「システム」 broke between its characters at 1280 px (polish25).
                 el("span", [attr("class", "audit-actor")], entry.actorUserID.map { people[$0] ?? $0.uuidString.lowercased() } ?? t(.auditSystem)),
                 Self.actionLabel(entry.action, t), .text(entry.entity),
                 Self.recordLink(entry),
                 changesList(entry, refusals, t)]
            }))
        content += Layout.pager(request, size: Self.auditPageSize, next: Layout.nextListHref(
            "/audit", cursor: page.nextCursor, ["entity", "entityId", "actor", "from", "to", ChoiceSearch.person.field].map { ($0, request.query($0)) }))
        return Layout.page(request, status: errors.isEmpty ? .ok : HTTPStatus(code: 422), title: t(.auditTitle), section: .admin, content)
    }

    /// The record an entry changed, linked to its history (polish26): a UUID by its first eight digits, as a commit
    /// is known by its short hash, since the whole id broke over five lines at 1280 px. The whole id is the link's
    /// title, and the filter the link opens holds it in the record field, to read or copy. An id of several parts
    /// (a lead's company, `lead/company`; a KPI target, `yokohama_students/2026`) shows each part so, a UUID part
    /// shortened, with a line allowed to break after each `/` and `_` (polish28, s24: a whole UUID part cannot break, and
    /// widened the column until the table scrolled sideways at 1280 px; `.record-id` once let any id break anywhere,
    /// which squeezed the column to a letter's width).
    static func recordLink(_ entry: AuditEntry) -> HTML {
        let href = attr("href", "/audit?entity=\(Layout.percentEncoded(entry.entity))&entityId=\(Layout.percentEncoded(entry.entityID))")
        let parts = entry.entityID.split(separator: "/", omittingEmptySubsequences: false).map { part -> [HTML] in
            if UUID(uuidString: String(part)) != nil { return [el("code", [], String(part.prefix(8)) + "…")] }
            let words = part.split(separator: "_", omittingEmptySubsequences: false).map { HTML.text(String($0)) }
            return Array(words.map { [$0] }.joined(separator: [.text("_"), .void("wbr", [])]))
        }
        return el("a", [attr("class", "record-id"), href, attr("title", entry.entityID)],
                  Array(parts.joined(separator: [.text("/"), .void("wbr", [])])))
    }

    /// An entry's action as a person reads it, with its code beside it in small type for the administrator who
    /// searches the API or the database for it ("変更 `update`"); a code this page has no words for shows alone.
    static func actionLabel(_ action: String, _ t: Language) -> HTML {
        let code = el("code", [attr("class", "audit-action")], action)
        guard let label = actionLabels[action] else { return code }
        return .fragment([.text(t(label)), .text(" "), code])
    }

    /// The actions the row triggers (`insert`, `update`, `delete`, migration 0005) and the services record.
    static let actionLabels: [String: Message] = [
        "insert": .auditActionInsert,
        "update": .auditActionUpdate,
        "delete": .auditActionDelete,
        "redact": .auditActionRedact,
        "audit.restore": .auditActionRestore,
        "company.merge": .auditActionCompanyMerge,
        "merge": .auditActionParticipantMerge,
        "api_key.create": .auditActionAPIKeyCreate,
        "api_key.revoke": .auditActionAPIKeyRevoke,
        "session.create": .auditActionSessionCreate,
        "session.revoke": .auditActionSessionRevoke,
        "user.create": .auditActionUserCreate,
        "user.change_password": .auditActionPasswordChange,
        "user.reset_password": .auditActionPasswordReset,
        "user.password_link": .auditActionPasswordLink,
        "user.reset_password_by_link": .auditActionPasswordResetByLink,
        "user.change_role": .auditActionRoleChange,
        "notification_endpoint.url_change": .auditActionEndpointURLChange,
    ]

    /// Each changed field with its value before (when the entry kept it) and after, and a restore link
    /// where the previous value can be written back, or why it cannot (`refusals`; nil: the reader may restore nothing).
    private func changesList(_ entry: AuditEntry, _ refusals: [AuditedField: AccountsError.RestoreRefusal]?, _ t: Language) -> HTML {
        let fields = Set(entry.changes.keys).union(entry.previous.keys).sorted()
        guard !fields.isEmpty else { return .text("—") }
        return el("ul", [attr("class", "changes")], fields.map { field in
            var parts: [HTML] = [el("code", [], field), .text(": ")]
            if let previous = entry.previous[field] { parts += [Self.shownValue(previous, t), .text(" → ")] }
            parts.append(entry.changes[field].map { Self.shownValue($0, t) } ?? .text("—"))
            if let refusals, entry.previous[field] != nil {
                if let refusal = refusals[AuditedField(entry: entry.id, field: field)] {
                    if let why = Self.listNote(for: refusal) { parts += [.text(" "), el("span", [attr("class", "restore-refused")], t(why))] }
                } else {
                    parts += [.text(" "), el("a", [attr("href", "/audit/\(entry.id)/restore?field=\(Layout.percentEncoded(field))"),
                                                  attr("aria-label", t(.auditRestoreField, field))], t(.auditRestoreLink))]
                }
            }
            return el("li", [], parts)
        })
    }

    /// A changed value as the page shows it: a timestamp (recognised strictly, `JapanTime.stored`) as the "when" column
    /// shows times, in Japan and the reader's language, the stored value in its `title` (polish28: the column read
    /// `2026-12-06T09:06:27.288698+00:00`); anything else as stored.
    static func shownValue(_ value: String?, _ t: Language) -> HTML {
        guard let value, let instant = JapanTime.stored(value) else { return .text(shown(value, t)) }
        return el("time", [attr("datetime", JapanTime.text(instant) + "+09:00"), attr("title", value)], when(instant, t))
    }

    static func shown(_ value: String?, _ t: Language) -> String {
        guard let value else { return t(.auditEmpty) }
        return value.count > 200 ? String(value.prefix(200)) + "…" : value
    }

    /// The entry `id` of the path, read through the audit list (newest first: the first entry below id + 1).
    private func auditEntry(_ request: ConsoleRequest) async throws -> AuditEntry {
        guard let text = request.parameters["id"], let id = Int64(text), id > 0, id < Int64.max else { throw ConsoleError.notFound }
        let page = try await services.accounts.auditLog(cursor: SequenceCursor.encode(id + 1), limit: 1, actor: try request.principal)
        guard let entry = page.items.first, entry.id == id else { throw ConsoleError.notFound }
        return entry
    }

    /// The confirmation: the record, the field, its value now (the newest entry that set it) and the
    /// value to be written back; a field changed again since is said beforehand (the restore would be refused).
    func restorePage(_ request: ConsoleRequest, refusal: String?, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let entry = try await auditEntry(request)
        guard let field = request.query("field") ?? request.formValue("field"), let previous = entry.previous[field] else { throw ConsoleError.notFound }
        // The record's history, newest first, read until the newest entry that changed the field (at the latest this
        // entry itself): one changed since may lie past the first hundred of a busy record's entries.
        let newest = try await Self.first(cursors: {
            try await services.accounts.auditLog(
                filter: AuditFilter(entity: entry.entity, entityID: entry.entityID), cursor: $0, limit: PageRequest.limits.upperBound, actor: principal)
        }, where: { $0.changes.keys.contains(field) })
        let now = newest.flatMap { $0.changes[field] } ?? entry.changes[field] ?? nil
        let back = "/audit?entity=\(Layout.percentEncoded(entry.entity))&entityId=\(Layout.percentEncoded(entry.entityID))"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", back)], t(.backToAudit))])]
        if let refusal { content.append(el("div", [attr("class", "error-summary"), attr("role", "alert")], [el("h2", [], t(.auditNotRestored)), el("p", [], refusal)])) }
        if let newest, newest.id != entry.id, refusal == nil {
            content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], t(.auditChangedSince, Self.when(newest.at, t))))
        }
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.auditTable)), el("dd", [], entry.entity),
            el("dt", [], t(.auditRecord)), el("dd", [], entry.entityID),
            el("dt", [], t(.auditField)), el("dd", [], [el("code", [], field)]),
            el("dt", [], t(.auditEntryChange)), el("dd", [], t(.auditEntryChangeValue, Self.when(entry.at, t))),
            el("dt", [], t(.auditValueNow)), el("dd", [attr("class", "note-body")], [Self.shownValue(now, t)]),
            el("dt", [], t(.auditValueRestored)), el("dd", [attr("class", "note-body")], [Self.shownValue(previous, t)]),
        ]))
        content.append(el("p", [attr("class", "explain")], t(.auditRestoreExplained)))
        content.append(el("form", [attr("method", "post"), attr("action", "/audit/\(entry.id)/restore")], [
            Layout.csrfField(request), .void("input", [attr("type", "hidden"), attr("name", "field"), attr("value", field)]),
            el("button", [attr("type", "submit")], t(.auditRestoreButton)),
        ]))
        return Layout.page(request, status: status, title: t(.auditRestoreTitle), section: .admin, content)
    }

    func restoreValue(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let text = request.parameters["id"], let id = Int64(text), let field = request.formValue("field") else { throw ConsoleError.badRequest }
        do {
            let written = try await services.accounts.restoreAuditedValue(entry: id, field: field, by: try request.principal)
            return Layout.seeOther("/audit?entity=\(Layout.percentEncoded(written.entity))&entityId=\(Layout.percentEncoded(written.entityID))&restored=1")
        } catch let error as AccountsError {
            guard let reason = error.restoreRefusal else { throw error }
            return try await restorePage(request, refusal: t(Self.message(for: reason)), status: HTTPStatus(code: error.problem.status))
        }
    }

    /// The console's words for why a value was not restored.
    static func message(for reason: AccountsError.RestoreRefusal) -> Message {
        switch reason {
        case .noPrevious: .auditNoPrevious
        case .notRestorable: .auditNotRestorable
        case .rowGone: .auditRowGone
        case .changedAgain: .auditChangedAgain
        case .breaksRule: .auditBreaksRule
        }
    }

    /// The list's short word for why a field offers no restore; nil where nothing needs saying (an entry that kept no
    /// value before).
    static func listNote(for reason: AccountsError.RestoreRefusal) -> Message? {
        switch reason {
        case .noPrevious, .breaksRule: nil
        case .notRestorable: .auditListNotRestorable
        case .rowGone: .auditListRowGone
        case .changedAgain: .auditListChangedAgain
        }
    }

    /// The user of an id the log (or an event's organizer list) names; nil for one deleted since (the id is kept, and the page shows it).
    func knownUser(_ id: UUID, _ principal: Principal) async throws -> User? {
        do {
            return try await services.accounts.user(id: id, actor: principal)
        } catch let error as AccountsError where error.code == .notFound {
            return nil
        }
    }
}
