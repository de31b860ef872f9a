import Accounts
import Cities
import Companies
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Mail

/// Administering people and keys with the Accounts service's own operations: create a user, disable
/// or enable one, set a new password (which ends every session and key of that user), and each
/// person's own API keys (create, shown once; revoke). Changes carry the version the page showed.
extension Console {
    var userAdminPages: [Page] {
        let create = ["createUser", "listCompanies", "listLiaisonBases"]
        let manage = ["getUser", "updateUser", "resetPassword"]
        let keys = ["listApiKeys", "createApiKey", "revokeApiKey"]
        return [
            Page(.get, "/users/new", operations: create) { console, request in try await console.newUserForm(request, errors: []) },
            Page(.post, "/users/new", operations: create) { console, request in try await console.createUser(request) },
            Page(.get, "/users/{id}", operations: manage + ["getCoordinator", "listLeads"]) { console, request in try await console.userPage(request) },
            Page(.post, "/users/{id}/disabled", operations: manage) { console, request in try await console.setDisabled(request) },
            Page(.post, "/users/{id}/password", operations: manage) { console, request in try await console.resetPassword(request) },
            Page(.post, "/users/{id}/invitation", operations: manage) { console, request in try await console.resendInvitation(request) },
            Page(.get, "/api-keys", operations: keys) { console, request in try await console.apiKeysPage(request, created: nil, errors: []) },
            Page(.post, "/api-keys", operations: keys, repeated: .reopensPage, lists: ["scopes"]) { console, request in try await console.createAPIKey(request) },
            Page(.post, "/api-keys/{id}/revoke", operations: keys) { console, request in
                try await console.services.accounts.revokeAPIKey(id: try request.pathUUID("id"), principal: try request.principal, requestID: request.requestID)
                return Layout.seeOther("/api-keys?revoked=1")
            },
        ]
    }

    func newUserForm(_ request: ConsoleRequest, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let choice = try await companyChoice(request, action: "/users/new", keeping: request.formText("companyId").flatMap(UUID.init(uuidString:)))
        let bases = try await Self.everyPage { try await services.cities.liaisonBases(LiaisonBaseFilter(), page: $0, by: principal) }
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let none = [("", t(.noneChosen))]
        let back = el("p", [], [el("a", [attr("href", "/users")], t(.backToUsers))])
        // The summary lists the errors in the order of the fields below it (GOV.UK), whatever order the service found them in.
        let inFormOrder = errors.sorted { (Self.newUserFields.firstIndex(of: $0.field) ?? .max) < (Self.newUserFields.firstIndex(of: $1.field) ?? .max) }
        let content: [HTML] = [back, Form.errorSummary(request, inFormOrder)] + [choice.searchBox].compactMap { $0 }
        return Layout.page(request, status: status, title: t(.newUserTitle), section: .admin, content + [
            el("form", [attr("method", "post"), attr("action", "/users/new"), flag("novalidate")], [
                Layout.csrfField(request),
                choice.carried,
                Form.textField(request, name: "displayName", label: t(.displayName), value: request.formValue("displayName"), error: message("displayName")),
                Form.textField(request, name: "email", label: t(.email), value: request.formValue("email"), type: "email", autocomplete: "off", error: message("email")),
                Form.select(name: "role", label: t(.role), options: Role.allCases.map { ($0.rawValue, t(Layout.roleMessage($0))) },
                            selected: request.formValue("role") ?? Role.coordinator.rawValue, error: message("role")),
                Form.select(name: "companyId", label: t(.userCompany), options: none + choice.names.map { ($0.id.uuidString.lowercased(), $0.name) },
                            selected: request.formValue("companyId"), hint: choice.hint, error: message("companyId")),
                Form.select(name: "liaisonBaseId", label: t(.userLiaisonBase), options: none + bases.map { ($0.id.uuidString.lowercased(), $0.name) },
                            selected: request.formValue("liaisonBaseId"), error: message("liaisonBaseId")),
                Form.radios(name: "passwordBy", legend: t(.passwordByLegend),
                            options: [("invitation", t(.passwordByInvitation)), ("typed", t(.passwordByTyped))],
                            checked: request.formValue("passwordBy") ?? "invitation"),
                Form.textField(request, name: "password", label: t(.initialPassword), value: nil, type: "password",
                               hint: t(.initialPasswordHint, t(.passwordHint)), autocomplete: "new-password", error: message("password")),
                el("button", [attr("type", "submit")], t(.createUserButton)),
            ]),
        ])
    }

    /// Adds a user who sets their own password from an invitation mail, or (chosen on the form, or a form sent with
    /// a password and no choice) with the password typed here.
    func createUser(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let role = Role(rawValue: request.formValue("role") ?? "") else { throw ConsoleError.badRequest }
        let password = request.formValue("password") ?? ""
        let passwordBy = request.formValue("passwordBy") ?? (password.isEmpty ? "invitation" : "typed")
        guard passwordBy == "invitation" || passwordBy == "typed" else { throw ConsoleError.badRequest }
        let new = NewUser(
            email: request.formValue("email") ?? "", displayName: request.formValue("displayName") ?? "", role: role,
            companyID: request.formText("companyId").flatMap(UUID.init(uuidString:)), liaisonBaseID: request.formText("liaisonBaseId").flatMap(UUID.init(uuidString:)),
            password: password)
        do {
            let principal = try request.principal
            if passwordBy == "invitation" {
                let user = try await services.accounts.inviteUser(new, actor: principal, requestID: request.requestID, send: mailPasswordLink(request))
                return Layout.seeOther("/users/\(user.id.uuidString.lowercased())?invited=1")
            }
            let user = try await services.accounts.createUser(new, actor: principal, requestID: request.requestID)
            return Layout.seeOther("/users/\(user.id.uuidString.lowercased())?created=1")
        } catch is MailAddress.Failure {
            // Nothing was stored: the user, the link and the mail are one transaction.
            return try await newUserForm(request, errors: [(field: "email", message: t(.emailNotMailable))], status: HTTPStatus(code: 422))
        } catch let error as AccountsError where error.code == .invalid || error.code == .duplicateEmail {
            let errors = error.fieldErrors.isEmpty ? [FieldError(field: "email", message: "")] : error.fieldErrors
            return try await newUserForm(request, errors: errors.map { field in
                (field: field.field, message: error.code == .duplicateEmail ? t(.emailTaken) : Self.userFieldMessage(field.field, t))
            }, status: HTTPStatus(code: error.code == .duplicateEmail ? 409 : 422))
        }
    }

    static let newUserFields = ["displayName", "email", "role", "companyId", "liaisonBaseId", "password"]

    static func userFieldMessage(_ field: String, _ t: Language) -> String {
        switch field {
        case "password": t(.passwordRejected)
        case "email": t(.emailInvalid)
        case "displayName": t(.displayNameRequired)
        case "companyId", "liaisonBaseId", "role": t(.roleBindingInvalid)
        default: t(.fieldInvalid, field)
        }
    }

    func userPage(_ request: ConsoleRequest, notice: HTML? = nil, passwordError: String? = nil, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let user = try await services.accounts.user(id: try request.pathUUID("id"), actor: principal)
        let path = "/users/\(user.id.uuidString.lowercased())"
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/users")], t(.backToUsers))])]
        for (flag, message) in [("created", Message.userCreated), ("invited", .userInvited), ("reinvited", .invitationSentAgain),
                                ("disabled", .userDisabled), ("enabled", .userEnabled), ("reset", .passwordWasReset)]
        where request.query(flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(message)))
        }
        if let notice { content.append(notice) }
        // A coordinator who leaves keeps its leads: the page says how many and where to give them another owner.
        let profile = try await services.coordinators.profile(ofUser: user.id, by: principal)
        let leadsLink = profile.map { el("a", [attr("href", "/leads?owner=\($0.id.uuidString.lowercased())")], t(.userLeadsLink)) }
        var leadRows: [HTML] = []
        if let profile, let leadsLink {
            leadRows = [
                el("dt", [], t(.userCoordinatorProfile)),
                el("dd", [], [el("a", [attr("href", "/coordinators/\(profile.id.uuidString.lowercased())")], profile.displayName)]),
                el("dt", [], t(.userLeadsOwned)), el("dd", [], [.text(t(.userLeadsOwnedValue, t.number(profile.activeLeads)) + " "), leadsLink]),
            ]
            if user.disabled, profile.activeLeads > 0 {
                let handOver = el("a", [attr("href", "/leads/reassign?from=\(profile.id.uuidString.lowercased())")], t(.leadHandOverLink))
                content.append(el("p", [attr("class", "notice warning")], [.text(t(.disabledStillOwnsLeads, t.number(profile.activeLeads)) + " "), handOver]))
            }
        }
        if let passwordError { content.append(Form.errorSummary(request, [("password", passwordError)])) }
        let invitation = try await services.accounts.pendingInvitation(ofUser: user.id, actor: principal)
        let invitationRows: [HTML] = invitation.map { invitation in
            let expired = invitation.expiresAt <= request.now
            return [el("dt", [], t(.invitationTitle)),
                    el("dd", [], t(expired ? .invitationExpired : .invitationWaiting, t.date(invitation.sentAt), t.date(invitation.expiresAt)))]
        } ?? []
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.displayName)), el("dd", [], user.displayName),
            el("dt", [], t(.email)), el("dd", [], user.email),
            el("dt", [], t(.role)), el("dd", [], t(Layout.roleMessage(user.role))),
            el("dt", [], t(.accountStatus)), el("dd", [], t(user.disabled ? .disabled : .active)),
            el("dt", [], t(.created)), el("dd", [], t.date(user.createdAt)),
        ] + leadRows + invitationRows))
        let version = HTML.void("input", [attr("type", "hidden"), attr("name", "version"), attr("value", String(user.version))])
        if user.id != principal.userID {
            content.append(el("h2", [], t(user.disabled ? .enableUser : .disableUser)))
            content.append(el("p", [attr("class", "explain")], t(user.disabled ? .enableExplained : .disableExplained)))
            if !user.disabled, let profile, let leadsLink, profile.activeLeads > 0 {
                content.append(el("p", [attr("class", "notice warning")], [.text(t(.disableKeepsLeads, t.number(profile.activeLeads)) + " "), leadsLink]))
            }
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/disabled")]
                              + (user.disabled ? [] : [attr("data-confirm", t(.confirmDisable))]), [
                Layout.csrfField(request), version,
                .void("input", [attr("type", "hidden"), attr("name", "disabled"), attr("value", user.disabled ? "false" : "true")]),
                el("button", [attr("type", "submit"), attr("class", user.disabled ? "" : "warning")], t(user.disabled ? .enableUser : .disableUser)),
            ]))
        }
        if invitation != nil, !user.disabled {
            content.append(el("h2", [], t(.resendInvitation)))
            content.append(el("p", [attr("class", "explain")], t(.resendInvitationExplained)))
            content.append(el("form", [attr("method", "post"), attr("action", "\(path)/invitation")], [
                Layout.csrfField(request), el("button", [attr("type", "submit"), attr("class", "secondary")], t(.resendInvitation)),
            ]))
        }
        content.append(el("h2", [], t(.resetPassword)))
        content.append(el("p", [attr("class", "explain")], t(.resetExplained)))
        content.append(el("form", [attr("method", "post"), attr("action", "\(path)/password"), flag("novalidate")], [
            Layout.csrfField(request), version,
            Form.textField(request, name: "password", label: t(.newPassword), value: nil, type: "password", hint: t(.passwordHint),
                           autocomplete: "new-password", error: passwordError),
            el("button", [attr("type", "submit")], t(.resetPasswordButton)),
        ]))
        return Layout.page(request, status: status, title: user.displayName, section: .admin, content)
    }

    func setDisabled(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let id = try request.pathUUID("id")
        guard let version = request.formValue("version").flatMap(Int.init), let disabled = Bool(request.formValue("disabled") ?? "") else {
            throw ConsoleError.badRequest
        }
        do {
            _ = try await services.accounts.setDisabled(disabled, userID: id, expectedVersion: version, actor: try request.principal, requestID: request.requestID)
            return Layout.seeOther("/users/\(id.uuidString.lowercased())?\(disabled ? "disabled" : "enabled")=1")
        } catch let error as AccountsError where error.code == .staleVersion {
            return try await userPage(request, notice: staleUserNotice(request), status: HTTPStatus(code: 409))
        }
    }

    func resetPassword(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
        do {
            _ = try await services.accounts.resetPassword(
                request.formValue("password") ?? "", userID: id, expectedVersion: version, actor: try request.principal, requestID: request.requestID)
            return Layout.seeOther("/users/\(id.uuidString.lowercased())?reset=1")
        } catch let error as AccountsError where error.code == .staleVersion {
            return try await userPage(request, notice: staleUserNotice(request), status: HTTPStatus(code: 409))
        } catch let error as AccountsError where error.code == .invalid {
            return try await userPage(request, passwordError: t(.passwordRejected), status: HTTPStatus(code: 422))
        }
    }

    func resendInvitation(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let id = try request.pathUUID("id")
        do {
            try await services.accounts.resendInvitation(userID: id, actor: try request.principal, requestID: request.requestID, send: mailPasswordLink(request))
            return Layout.seeOther("/users/\(id.uuidString.lowercased())?reinvited=1")
        } catch let error as AccountsError where error.code == .conflict {
            let notice = el("p", [attr("class", "notice warning"), attr("role", "alert")], request.language(.noInvitationWaiting))
            return try await userPage(request, notice: notice, status: HTTPStatus(code: 409))
        }
    }

    private func staleUserNotice(_ request: ConsoleRequest) -> HTML {
        el("p", [attr("class", "notice warning"), attr("role", "alert")], request.language(.userChangedMeanwhile))
    }

    /// The signed-in person's own API keys; a new key's secret is shown once, on the page that made it.
    func apiKeysPage(_ request: ConsoleRequest, created: IssuedToken?, errors: [(field: String, message: String)], status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let keys = try await services.accounts.listAPIKeys(principal)
        var content: [HTML] = [el("p", [attr("class", "explain")], t(.apiKeysIntro))]
        if request.query("revoked") != nil { content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.apiKeyRevoked))) }
        if let created {
            content.append(el("div", [attr("class", "notice success"), attr("role", "status")], [
                el("h2", [], t(.apiKeyCreated)),
                el("p", [], t(.apiKeyShownOnce)),
                el("p", [], [el("code", [attr("class", "secret")], created.token)]),
            ]))
        }
        content.append(Form.errorSummary(request, errors))
        content.append(keys.isEmpty ? el("p", [], t(.noAPIKeys)) : Table.make(
            caption: t(.apiKeysTitle), captionShown: false, headers: [t(.apiKeyName), t(.apiKeyScopes), t(.created), t(.apiKeyLastUsed), t(.revokeAPIKey)],
            numeric: [], compact: [2, 3], stacked: true,
            rows: keys.map { key in
                [.text(key.name), .text(key.scopes.map(\.description).joined(separator: " ")), .text(t.date(key.createdAt)),
                 .text(key.lastUsedAt.map { t.date($0) } ?? "—"),
                 el("form", [attr("method", "post"), attr("action", "/api-keys/\(key.id.uuidString.lowercased())/revoke"), attr("data-confirm", t(.confirmRevoke))], [
                     Layout.csrfField(request),
                     el("button", [attr("type", "submit"), attr("class", "secondary"), attr("aria-label", t(.revokeAPIKeyNamed, key.name))], t(.revokeAPIKey)),
                 ])]
            }))
        let scopes = services.accounts.permissions.scopes(for: principal.role).sorted()
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        content.append(el("h2", [], t(.newAPIKey)))
        content.append(el("form", [attr("method", "post"), attr("action", "/api-keys"), flag("novalidate")], [
            Layout.csrfField(request),
            Form.textField(request, name: "name", label: t(.apiKeyName), value: created == nil ? request.formValue("name") : nil, hint: t(.apiKeyNameHint),
                           error: message("name")),
            Form.checkboxes(request, name: "scopes", legend: t(.apiKeyScopes), options: scopes.map { ($0.description, $0.description) },
                            checked: created == nil ? Set(request.formValues("scopes")) : []),
            el("button", [attr("type", "submit")], t(.createAPIKey)),
        ]))
        return Layout.page(request, status: status, title: t(.apiKeysTitle), section: principal.role == .admin ? .admin : nil, content)
    }

    func createAPIKey(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let scopes = request.formValues("scopes").prefix(50).compactMap(Scope.init)
        do {
            let token = try await services.accounts.createAPIKey(
                try request.principal, name: request.formValue("name") ?? "", scopes: scopes, requestID: request.requestID)
            return try await apiKeysPage(request, created: token, errors: [])
        } catch let error as AccountsError where error.code == .invalid {
            let errors = error.fieldErrors.map { field in
                (field: field.field == "scopes" ? "scopes-0" : field.field, message: field.field == "scopes" ? t(.scopesRequired) : t(.apiKeyNameRequired))
            }
            return try await apiKeysPage(request, created: nil, errors: errors, status: HTTPStatus(code: 422))
        }
    }
}
