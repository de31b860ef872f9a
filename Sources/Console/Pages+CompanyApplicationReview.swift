import Accounts
import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Mail
import Postgres

/// The programme's review of applications to join (signup31): the confirmed applications waiting, one application
/// with the existing companies it probably is, and its decision. Approving adds a user, which only administrators do
/// (docs/access-policy.md: `createUser`), so the pages call `createUser` and open to administrators alone; coordinators
/// manage companies but not accounts. Each decision is taken once: a second one, or one from a stale page, is a 409
/// page saying the application was decided, and nothing changes.
extension Console {
    var companyApplicationReviewPages: [Page] {
        let review = ["createUser", "createCompany", "listCompanyDuplicates"]
        return [
            Page(.get, "/applications", operations: review) { console, request in try await console.applicationsPage(request) },
            Page(.get, "/applications/{id}", operations: review) { console, request in
                try await console.applicationPage(request, errors: [], reason: "")
            },
            Page(.post, "/applications/{id}/approve", operations: review) { console, request in try await console.approveApplication(request) },
            Page(.post, "/applications/{id}/decline", operations: review) { console, request in try await console.declineApplication(request) },
        ]
    }

    func applicationsPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let (applications, total) = try await services.companies.waitingApplications(by: try request.principal)
        var content: [HTML] = [el("p", [attr("class", "lead-text")], t(.applicationsIntro))]
        if applications.isEmpty {
            content.append(el("p", [], t(.applicationsNone)))
        } else {
            content.append(Table.make(
                caption: t(.applicationsWaiting, t.number(total)), headers: [t(.applicationCompany), t(.applyApplicantName), t(.applicationConfirmedAt)],
                numeric: [], compact: [2], stacked: true,
                rows: applications.map { application in
                    [el("a", [attr("href", "/applications/\(application.id.uuidString.lowercased())")], Self.applicationCompanyName(application)),
                     .text(application.applicant?.name ?? "—"), .text(application.confirmedAt.map { t.date($0) } ?? "")]
                }))
        }
        return Layout.page(request, title: t(.applicationsTitle), section: .admin, content)
    }

    static func applicationCompanyName(_ application: CompanyApplication) -> String {
        [application.nameJa, application.nameEn].compactMap { $0 }.joined(separator: " / ")
    }

    /// What the company sent, the existing companies it probably is, and (while it waits) the two decisions.
    func applicationPage(
        _ request: ConsoleRequest, errors: [(field: String, message: String)], reason: String, notice: HTML? = nil, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let (application, likely) = try await services.companies.application(id, by: try request.principal)
        let path = "/applications/\(id.uuidString.lowercased())"
        var content: [HTML] = [notice ?? .fragment([])]
        if request.query("approved") == "1" {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.applicationApprovedNotice)))
        } else if request.query("declined") == "1" {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.applicationDeclinedNotice)))
        }
        content.append(Form.errorSummary(request, errors))
        // Past the retention the applicant is gone (CompanyService.decidedApplicationRetention): say so, not "—".
        let anonymised = application.anonymisedAt.map { t(.applicationAnonymised, t.date($0)) }
        let rows: [(Message, String?)] = [
            (.applyNameJa, application.nameJa), (.applyNameEn, application.nameEn), (.companyReading, application.nameReading),
            (.applyCorporateNumber, application.corporateNumber),
            (.applyWebsite, application.website), (.applySize, t(application.size == .large ? .applySizeLarge : .applySizeSME)),
            (.applyOffer, application.offer), (.applyApplicantName, application.applicant?.name ?? anonymised),
            (.email, application.applicant?.email ?? anonymised), (.applyDepartment, application.applicant.map { $0.department } ?? anonymised),
            (.applicationConfirmedAt, application.confirmedAt.map { t.date($0) }),
        ]
        content.append(el("dl", [attr("class", "summary-list")], rows.flatMap { label, value in
            [el("dt", [], t(label)), el("dd", [], value ?? "—")]
        }))
        switch application.state {
        case .approved:
            content.append(el("p", [attr("class", "notice")], [
                .text(t(.applicationApprovedOn, application.decidedAt.map { t.date($0) } ?? "")),
                .text(" "),
                application.companyID.map { el("a", [attr("href", "/companies/\($0.uuidString.lowercased())")], t(.applicationOpenCompany)) } ?? .fragment([]),
            ]))
        case .declined:
            content.append(el("p", [attr("class", "notice")], t(.applicationDeclinedOn, application.decidedAt.map { t.date($0) } ?? "", application.declineReason ?? "")))
        case .waiting, .unconfirmed:
            content.append(contentsOf: applicationDecisionForms(request, path: path, likely: likely, errors: errors, reason: reason))
        }
        content.append(el("p", [], [el("a", [attr("href", "/applications")], t(.applicationsBack))]))
        return Layout.page(request, status: status, title: t(.applicationTitle, Self.applicationCompanyName(application)), section: .admin, content)
    }

    /// Approve (as a new company, or onto one of the likely existing companies) and decline with a reason.
    private func applicationDecisionForms(
        _ request: ConsoleRequest, path: String, likely: [CompanyDuplicate], errors: [(field: String, message: String)], reason: String
    ) -> [HTML] {
        let t = request.language
        let message: (String) -> String? = { field in errors.first { $0.field == field }?.message }
        // An archived company is listed, marked, but not offered: it takes no new users until it is restored.
        let sameNumber = likely.first { $0.reasons.contains(.sameCorporateNumber) && !$0.archived }
        var options: [(value: String, label: String)] = [(value: "new", label: t(.applicationAsNewCompany))]
        for company in likely where !company.archived {
            let name = [company.nameJa, company.nameEn].compactMap { $0 }.joined(separator: " / ")
            options.append((value: company.id.uuidString.lowercased(), label: t(.applicationOntoCompany, name, company.corporateNumber ?? "—")))
        }
        return [
            el("h2", [], t(.applicationLikelyHeading)),
            likely.isEmpty ? el("p", [], t(.applicationLikelyNone)) : el("ul", [], likely.map { company in
                el("li", [], [
                    el("a", [attr("href", "/companies/\(company.id.uuidString.lowercased())")],
                       [company.nameJa, company.nameEn].compactMap { $0 }.joined(separator: " / ")),
                    .text(" — " + Self.duplicateReasons(company, t)),
                ] + (company.archived ? [HTML.text(" "), el("span", [attr("class", "tag")], t(.companyArchivedMark)),
                                         .text(" " + t(.applicationLikelyArchived))] : []))
            }),
            el("h2", [], t(.applicationApproveHeading)),
            el("form", [attr("method", "post"), attr("action", path + "/approve")], [
                Layout.csrfField(request),
                message("company").map { el("p", [attr("class", "field-error"), attr("id", "company")], $0) } ?? .fragment([]),
                Form.radios(name: "company", legend: t(.applicationApproveLegend), options: options,
                            checked: sameNumber.map { $0.id.uuidString.lowercased() } ?? "new"),
                el("p", [attr("class", "hint")], t(.applicationApproveExplain)),
                el("button", [attr("type", "submit")], t(.applicationApprove)),
            ]),
            el("h2", [], t(.applicationDeclineHeading)),
            el("form", [attr("method", "post"), attr("action", path + "/decline")], [
                Layout.csrfField(request),
                Form.textArea(request, name: "reason", label: t(.applicationDeclineReason), value: reason, hint: t(.applicationDeclineHint),
                              error: message("reason")),
                el("button", [attr("type", "submit"), attr("class", "secondary")], t(.applicationDecline)),
            ]),
        ]
    }

    /// A decision refused because the application was decided already (a second click, another reviewer first).
    private func applicationDecidedPage(_ request: ConsoleRequest) async throws -> HTTPResponse {
        try await applicationPage(
            request, errors: [], reason: "",
            notice: el("p", [attr("class", "notice warning"), attr("role", "alert")], request.language(.applicationAlreadyDecided)),
            status: HTTPStatus(code: 409))
    }

    func approveApplication(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let choice = request.formValue("company") ?? "new"
        let existing: UUID?
        if choice == "new" {
            existing = nil
        } else {
            guard let picked = UUID(uuidString: choice) else { throw ConsoleError.badRequest }
            existing = picked
        }
        let principal = try request.principal
        let accounts = services.accounts
        let requestID = request.requestID
        let send = mailPasswordLink(request)
        do {
            _ = try await services.companies.approveApplication(id, onto: existing, now: request.now, by: principal) { applicant, companyID, connection in
                _ = try await accounts.inviteUser(
                    NewUser(email: applicant.email, displayName: applicant.name, role: .company, companyID: companyID, password: ""),
                    actor: principal, requestID: requestID, on: connection, send: send)
            }
        } catch let error as any ProblemConvertible where error.problem.detail == CompanyService.applicationDecided {
            return try await applicationDecidedPage(request)
        } catch let error as AccountsError where error.code == .duplicateEmail {
            return try await applicationPage(request, errors: [("company", t(.applicationEmailTaken))], reason: "", status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where [409, 422].contains(error.problem.status) {
            // The 法人番号 of another company (created meanwhile), or a picked company merged away or archived since the page was read.
            let problems = error.problem.errors ?? []
            let message: Message = problems.contains { $0.field == "corporateNumber" } ? .applicationNumberTaken
                : problems.contains { $0.message == CompanyService.applicationOntoArchived } ? .applicationCompanyArchived : .applicationCompanyGone
            return try await applicationPage(
                request, errors: [("company", t(message))], reason: "",
                status: HTTPStatus(code: error.problem.status))
        }
        return Layout.seeOther("/applications/\(id.uuidString.lowercased())?approved=1")
    }

    func declineApplication(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let id = try request.pathUUID("id")
        let reason = String((request.formText("reason") ?? "").prefix(CompanyService.declineReasonLimit * 2))
        guard !reason.isEmpty, reason.count <= CompanyService.declineReasonLimit else {
            let message = reason.isEmpty ? t(.applicationDeclineReasonMissing) : t(.applyTooLong, t.number(CompanyService.declineReasonLimit))
            return try await applicationPage(request, errors: [("reason", message)], reason: reason, status: HTTPStatus(code: 422))
        }
        let now = request.now
        do {
            try await services.companies.declineApplication(id, reason: reason, now: now, by: try request.principal) { application, applicant, connection in
                try await Mail.enqueue(try Self.applicationDeclinedMail(application, to: applicant, reason: reason), writtenAt: now, on: connection)
            }
        } catch let error as any ProblemConvertible where error.problem.detail == CompanyService.applicationDecided {
            return try await applicationDecidedPage(request)
        }
        return Layout.seeOther("/applications/\(id.uuidString.lowercased())?declined=1")
    }

    /// The decline's mail with the reviewer's reason: Japanese first, then English.
    static func applicationDeclinedMail(_ application: CompanyApplication, to applicant: CompanyApplicant, reason: String) throws -> MailMessage {
        let (ja, en) = (Language.ja, Language.en)
        let name = applicationCompanyName(application)
        let body: (Language) -> String = { t in t(.applicationDeclinedMailBody, applicant.name, name, reason) }
        return MailMessage(
            kind: .companyApplication, to: try MailAddress(applicant.email),
            subject: ja(.applicationDeclinedMailSubject) + " / " + en(.applicationDeclinedMailSubject),
            text: body(ja) + "\n\n----\n\n" + body(en), reference: "company-application:declined")
    }
}
