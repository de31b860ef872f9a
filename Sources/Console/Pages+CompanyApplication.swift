import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Mail
import Postgres

/// "Apply to join as a company" (signup31): a public form linked from the sign-in page, a mailed link that confirms
/// the address, then the programme's review (Pages+CompanyApplicationReview). Outside the session check, so its
/// defences are the public forms' own: the double-submit CSRF token, the limit per client address (`PublicAttempts`),
/// and one answer for every address (whether an application from it waits already goes only to its mailbox).
extension Console {
    var companyApplicationPages: [Page] {
        [
            Page(.get, "/apply", operations: [], signedIn: false) { console, request in
                console.applicationForm(request, values: ApplicationForm(), errors: [])
            },
            Page(.post, "/apply", operations: [], signedIn: false) { console, request in
                try await console.submitApplication(request)
            },
            Page(.get, "/apply/sent", operations: [], signedIn: false) { console, request in
                let t = request.language
                return Layout.page(request, title: t(.applySentTitle), section: nil, [
                    el("p", [attr("class", "notice success"), attr("role", "status")], t(.applySent)),
                    el("p", [], t(.applySentWaiting)),
                ])
            },
            Page(.get, "/apply/confirm/{token}", operations: [], signedIn: false) { console, request in
                let token = request.parameters["token"] ?? ""
                guard try await console.services.companies.applicationLinkIsValid(token: token, now: request.now) else {
                    return console.applicationLinkInvalidPage(request)
                }
                // A GET confirms nothing: mail scanners open links. The person presses the button.
                let t = request.language
                let csrf = console.publicFormToken(request)
                return Layout.page(request, title: t(.applyConfirmTitle), section: nil,
                                   cookies: [Cookies.set(Cookies.publicCSRF, csrf, secure: request.secure)], [
                    el("p", [attr("class", "lead-text")], t(.applyConfirmIntro)),
                    el("form", [attr("method", "post"), attr("action", "/apply/confirm/\(token)")], [
                        .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", csrf)]),
                        el("button", [attr("type", "submit")], t(.applyConfirmButton)),
                    ]),
                ])
            },
            Page(.post, "/apply/confirm/{token}", operations: [], signedIn: false) { console, request in
                try console.checkPublicFormToken(request)
                let t = request.language
                guard try await console.services.companies.confirmApplication(token: request.parameters["token"] ?? "", now: request.now) else {
                    return console.applicationLinkInvalidPage(request)
                }
                return Layout.page(request, title: t(.applyConfirmedTitle), section: nil, [
                    el("p", [attr("class", "notice success"), attr("role", "status")], t(.applyConfirmed)),
                ])
            },
        ]
    }

    /// Used, expired, replaced by a newer link, or never issued: one page for all, with the way to apply again.
    func applicationLinkInvalidPage(_ request: ConsoleRequest) -> HTTPResponse {
        let t = request.language
        return Layout.page(request, status: .notFound, title: t(.passwordLinkInvalidTitle), section: nil, [
            el("p", [], t(.applyLinkInvalid)),
            el("p", [], [el("a", [attr("href", "/apply")], t(.applyLink))]),
        ])
    }

    func applicationForm(
        _ request: ConsoleRequest, values: ApplicationForm, errors: [(field: String, message: String)], status: HTTPStatus = .ok
    ) -> HTTPResponse {
        let t = request.language
        let token = publicFormToken(request)
        let message: (String) -> String? = { field in errors.first { $0.field == field }?.message }
        let consentError = message("consent")
        return Layout.page(request, status: status, title: t(.applyTitle), section: nil,
                           cookies: [Cookies.set(Cookies.publicCSRF, token, secure: request.secure)], [
            Form.errorSummary(request, errors),
            el("p", [attr("class", "lead-text")], t(.applyIntro)),
            el("form", [attr("method", "post"), attr("action", "/apply"), attr("class", "guest-form"), flag("novalidate")], [
                .void("input", [attr("type", "hidden"), attr("name", "_csrf"), attr("value", token)]),
                el("h2", [], t(.applyCompanyHeading)),
                Form.textField(request, name: "nameJa", label: t(.applyNameJa), value: values.nameJa, hint: t(.oneLanguageEnough),
                               autocomplete: "organization", error: message("nameJa")),
                Form.textField(request, name: "nameEn", label: t(.applyNameEn), value: values.nameEn, error: message("nameEn")),
                // As the company form asks it (its label, hint and refusal): the company approval creates takes it.
                Form.textField(request, name: "nameReading", label: t(.companyNameReading), value: values.nameReading, hint: t(.companyNameReadingHint),
                               error: message("nameReading")),
                Form.textField(request, name: "corporateNumber", label: t(.applyCorporateNumber), value: values.corporateNumber,
                               hint: t(.applyCorporateNumberHint), error: message("corporateNumber")),
                Form.textField(request, name: "website", label: t(.applyWebsite), value: values.website, type: "url", hint: t(.applyOptional),
                               autocomplete: "url", error: message("website")),
                message("size").map { el("p", [attr("class", "field-error"), attr("id", "size")], $0) } ?? .fragment([]),
                Form.radios(name: "size", legend: t(.applySize), options: [("sme", t(.applySizeSME)), ("large", t(.applySizeLarge))],
                            checked: values.size),
                Form.textArea(request, name: "offer", label: t(.applyOffer), value: values.offer,
                              hint: t(.applyOfferHint, t.number(CompanyApplicationDraft.offerLimit)), error: message("offer")),
                el("h2", [], t(.applyPersonHeading)),
                Form.textField(request, name: "applicantName", label: t(.applyApplicantName), value: values.applicantName, autocomplete: "name",
                               error: message("applicantName")),
                Form.textField(request, name: "email", label: t(.email), value: values.email, type: "email", hint: t(.applyEmailHint),
                               autocomplete: "email", error: message("email")),
                Form.textField(request, name: "department", label: t(.applyDepartment), value: values.department, hint: t(.applyOptional),
                               autocomplete: "organization-title", error: message("department")),
                el("p", [attr("class", "hint"), attr("id", "consent-hint")], t(.applyConsentText)),
                consentError.map { el("span", [attr("class", "field-error"), attr("id", "consent-error")], $0) } ?? .fragment([]),
                // The box beside its label, as the public registration page's consent (`field check`).
                el("div", [attr("class", "field check")], [
                    .void("input", [attr("type", "checkbox"), attr("id", "consent"), attr("name", "consent"), attr("value", "yes"),
                                    attr("aria-describedby", consentError == nil ? "consent-hint" : "consent-hint consent-error")]
                        + (values.consent ? [flag("checked")] : []) + (consentError == nil ? [] : [attr("aria-invalid", "true")])),
                    el("label", [attr("for", "consent")], t(.applyConsent)),
                ]),
                el("button", [attr("type", "submit")], t(.applySubmit)),
            ]),
            el("p", [], [el("a", [attr("href", "/login")], t(.signIn))]),
        ])
    }

    /// Rate limit first (a flood of forged posts counts too), then the CSRF token, then the form's rules; every
    /// stored application, and every address with one open already, ends on the same page.
    func submitApplication(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard try await publicAttempts.admit(address: request.clientAddress, now: request.now) else {
            return Layout.page(request, status: HTTPStatus(code: 429), title: t(.guestTooManyTitle), section: nil, [
                el("p", [attr("class", "notice warning")], t(.applyTooMany)),
            ])
        }
        try checkPublicFormToken(request)
        let values = ApplicationForm(request)
        let draft = values.draft
        let problems = draft.problems()
        guard problems.isEmpty else {
            return applicationForm(request, values: values, errors: values.messages(for: problems, t), status: HTTPStatus(code: 422))
        }
        let base = publicURL ?? ""
        let now = request.now
        do {
            try await services.companies.submitApplication(draft, now: now) { link, connection in
                try await Mail.enqueue(try Self.applicationLinkMail(link, base: base), writtenAt: now, on: connection)
            }
        } catch is MailAddress.Failure {
            return applicationForm(request, values: values, errors: [("email", t(.applyEmailNotMailable))], status: HTTPStatus(code: 422))
        }
        return Layout.seeOther("/apply/sent")
    }

    /// The confirmation mail: Japanese first, then English, in one message.
    static func applicationLinkMail(_ link: CompanyApplicationLink, base: String) throws -> MailMessage {
        let url = base + "/apply/confirm/" + link.token
        let (ja, en) = (Language.ja, Language.en)
        let body: (Language) -> String = { t in t(.applyMailBody, link.applicantName, url) }
        return MailMessage(
            kind: .companyApplication, to: try MailAddress(link.email), subject: ja(.applyMailSubject) + " / " + en(.applyMailSubject),
            text: body(ja) + "\n\n----\n\n" + body(en), reference: "company-application:confirm")
    }
}

/// What an applicant typed, kept to fill the form again when something needs fixing.
struct ApplicationForm: Sendable {
    var nameJa = "", nameEn = "", nameReading = "", corporateNumber = "", website = "", size = "", offer = "", applicantName = "", email = "", department = ""
    var consent = false

    init() {}

    /// Longer than any field takes, so too long a value is refused beside its field rather than cut short and stored.
    static let longestKept = 4000

    init(_ request: ConsoleRequest) {
        func text(_ name: String) -> String { String((request.formText(name) ?? "").prefix(Self.longestKept)) }
        nameJa = text("nameJa")
        nameEn = text("nameEn")
        nameReading = text("nameReading")
        // 法人番号 as people write it: full-width digits and hyphens are the same number.
        corporateNumber = String(String.UnicodeScalarView(text("corporateNumber").unicodeScalars.compactMap { (scalar: Unicode.Scalar) -> Unicode.Scalar? in
            switch scalar.value {
            case 0xFF10...0xFF19: Unicode.Scalar(scalar.value - 0xFEE0)
            case 0x2D, 0x20, 0x3000, 0xFF0D, 0x2010...0x2015, 0x2212: nil
            default: scalar
            }
        }))
        website = text("website")
        size = text("size")
        offer = text("offer")
        applicantName = text("applicantName")
        email = text("email")
        department = text("department")
        consent = request.formValue("consent") == "yes"
    }

    var draft: CompanyApplicationDraft {
        func optional(_ text: String) -> String? { text.isEmpty ? nil : text }
        return CompanyApplicationDraft(
            nameJa: optional(nameJa), nameEn: optional(nameEn), corporateNumber: optional(corporateNumber), website: optional(website),
            size: CompanySize(rawValue: size), offer: offer, applicantName: applicantName, email: email, department: optional(department),
            consent: consent, nameReading: optional(nameReading))
    }

    /// Each refused field's message, in the reader's language: too long, or what the field needs.
    func messages(for problems: [FieldError], _ t: Language) -> [(field: String, message: String)] {
        let limits: [String: (String, Int)] = [
            "nameJa": (nameJa, TextLimit.name), "nameEn": (nameEn, TextLimit.name), "website": (website, TextLimit.shortText),
            "offer": (offer, CompanyApplicationDraft.offerLimit), "applicantName": (applicantName, CompanyApplicationDraft.applicantNameLimit),
            "email": (email, CompanyApplicationDraft.emailLimit), "department": (department, TextLimit.shortText),
        ]
        let needs: [String: Message] = [
            "nameJa": .applyNameMissing, "nameEn": .applyNameMissing, "nameReading": .companyNameReadingInvalid,
            "corporateNumber": .applyCorporateNumberInvalid,
            "website": .applyWebsiteInvalid, "size": .applySizeMissing, "offer": .applyOfferMissing,
            "applicantName": .applyApplicantNameMissing, "email": .applyEmailInvalid, "consent": .applyConsentMissing,
        ]
        var seen: Set<String> = []
        return problems.compactMap { problem in
            guard seen.insert(problem.field).inserted else { return nil }
            if let entry = limits[problem.field], entry.0.count > entry.1 {
                return (problem.field, t(.applyTooLong, t.number(entry.1)))
            }
            if problem.message == Validation.invisibleControlsMessage { return (problem.field, t(.applyInvisibleCharacters)) }
            return (problem.field, t(needs[problem.field] ?? .applyTooLong, t.number(limits[problem.field]?.1 ?? 0)))
        }
    }
}
