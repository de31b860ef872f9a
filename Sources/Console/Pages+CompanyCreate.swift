import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Adding a company to the directory (`createCompany`: administrators and coordinators), landing on
/// the company's page, where its technologies and track records are added. The companies it probably
/// duplicates (the same 法人番号, nearly the same name) are listed there at once, as `POST
/// /v1/companies` reports them.
extension Console {
    var companyCreatePages: [Page] {
        [
            Page(.get, "/companies/new", operations: ["createCompany"]) { console, request in
                console.companyForm(request, errors: [])
            },
            Page(.post, "/companies/new", operations: ["createCompany"]) { console, request in try await console.createCompany(request) },
        ]
    }

    func companyForm(_ request: ConsoleRequest, errors: [(field: String, message: String)], status: HTTPStatus = .ok) -> HTTPResponse {
        let t = request.language
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let value = { (field: String) in request.formValue(field) }
        let yesNo = [("false", t(.no)), ("true", t(.yes))]
        let fields: [HTML] = [
            Layout.csrfField(request),
            Form.textField(request, name: "nameJa", label: t(.companyNameJa), value: value("nameJa"), hint: t(.oneLanguageEnough), error: message("nameJa")),
            Form.textField(request, name: "nameEn", label: t(.companyNameEn), value: value("nameEn"), error: message("nameEn")),
            Form.textField(request, name: "corporateNumber", label: t(.corporateNumber), value: value("corporateNumber"), hint: t(.corporateNumberHint),
                           error: message("corporateNumber")),
            Form.textField(request, name: "address", label: t(.companyAddress), value: value("address"), error: message("address")),
            Form.textField(request, name: "municipality", label: t(.municipality), value: value("municipality"), error: message("municipality")),
            Form.select(name: "inYokohama", label: t(.inYokohama), options: yesNo, selected: value("inYokohama") ?? "false"),
            Form.select(name: "size", label: t(.companySize), options: [(CompanySize.sme.rawValue, t(.sizeSME)), (CompanySize.large.rawValue, t(.sizeLarge))],
                        selected: value("size") ?? CompanySize.sme.rawValue),
            Form.textField(request, name: "website", label: t(.website), value: value("website"), type: "url", error: message("website")),
            Form.textField(request, name: "languages", label: t(.companyLanguages), value: value("languages"), hint: t(.companyLanguagesHint),
                           error: message("languages")),
            Form.textField(request, name: "countriesWithExperience", label: t(.companyCountries), value: value("countriesWithExperience"),
                           hint: t(.noteCountriesHint), error: message("countriesWithExperience")),
            Form.textField(request, name: "yusaMemberSince", label: t(.yusaMemberSince), value: value("yusaMemberSince"), type: "date",
                           error: message("yusaMemberSince")),
            Form.textField(request, name: "yusaTier", label: t(.yusaTier), value: value("yusaTier"), error: message("yusaTier")),
            Form.select(name: "showcaseOptIn", label: t(.showcaseOptIn), options: yesNo, selected: value("showcaseOptIn") ?? "false"),
            el("button", [attr("type", "submit")], t(.createCompanyButton)),
        ]
        return Layout.page(request, status: status, title: t(.addCompanyTitle), section: nil, [
            el("p", [attr("class", "explain")], t(.addCompanyIntro)),
            Form.errorSummary(request, errors),
            el("form", [attr("method", "post"), attr("action", "/companies/new"), flag("novalidate")], fields),
        ])
    }

    func createCompany(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        guard let size = CompanySize(rawValue: request.formValue("size") ?? ""),
              let inYokohama = Bool(request.formValue("inYokohama") ?? ""), let showcase = Bool(request.formValue("showcaseOptIn") ?? "") else {
            throw ConsoleError.badRequest
        }
        var yusaSince: CalendarDate?
        if let text = request.formText("yusaMemberSince") {
            guard let day = CalendarDate(text) else {
                return companyForm(request, errors: [("yusaMemberSince", t(.fieldInvalid, t(.yusaMemberSince)))], status: HTTPStatus(code: 422))
            }
            yusaSince = day
        }
        let countries = KnowledgeNoteFormValues.codes(request.formValue("countriesWithExperience") ?? "")
        let draft = CompanyDraft(
            nameJa: request.formText("nameJa"), nameEn: request.formText("nameEn"),
            corporateNumber: request.formText("corporateNumber").map { $0.filter { !$0.isWhitespace && $0 != "-" } }, address: request.formText("address"),
            municipality: request.formText("municipality"), inYokohama: inYokohama, size: size, yusaMemberSince: yusaSince,
            yusaTier: request.formText("yusaTier"), website: request.formText("website"),
            languages: KnowledgeNoteFormValues.codes(request.formValue("languages") ?? "", uppercased: false), countriesWithExperience: countries,
            showcaseOptIn: showcase)
        do {
            let created = try await services.companies.createCompanyReportingDuplicates(draft, by: try request.principal)
            return Layout.seeOther("/companies/\(created.company.id.uuidString.lowercased())?companyCreated=1")
        } catch let error as any ProblemConvertible where error.problem.status == 409 && error.problem.errors?.first?.field == "corporateNumber" {
            // The 法人番号 is unique in the directory: the company is most likely there already.
            return companyForm(request, errors: [("corporateNumber", t(.corporateNumberTaken))], status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            let errors = listedFieldErrors(error, request, labels: [
                "nameJa": .companyNameJa, "nameEn": .companyNameEn, "corporateNumber": .corporateNumber, "address": .companyAddress,
                "municipality": .municipality, "website": .website, "languages": .companyLanguages, "countriesWithExperience": .companyCountries,
                "yusaMemberSince": .yusaMemberSince, "yusaTier": .yusaTier,
            ], countries: ("countriesWithExperience", countries)).map { field, message in
                if field == "corporateNumber" { return (field: field, message: t(.corporateNumberInvalid)) }
                if field.hasPrefix("name"), request.formText("nameJa") == nil, request.formText("nameEn") == nil {
                    return (field: field, message: t(.companyNameRequired))
                }
                if field == "yusaTier", request.formText("yusaMemberSince") == nil { return (field: field, message: t(.yusaTierNeedsDate)) }
                return (field: field, message: message)
            }
            return companyForm(request, errors: errors, status: HTTPStatus(code: 422))
        }
    }

    /// On a company's page just after it was added: the companies it probably duplicates, linked, for
    /// a manager to check (and merge through the API) before adding technologies to the wrong one.
    func createdCompanyNotices(_ request: ConsoleRequest, _ id: UUID) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        guard request.query("companyCreated") != nil else { return [] }
        var notices = [el("p", [attr("class", "notice success"), attr("role", "status")], t(.companyCreated))]
        guard allows(principal.role, "listCompanyDuplicates") else { return notices }
        let duplicates = try await services.companies.duplicates(of: id, by: principal)
        guard !duplicates.isEmpty else { return notices }
        notices.append(el("div", [attr("class", "notice warning"), attr("role", "alert")], [
            el("h2", [], t(.possibleDuplicates)),
            el("ul", [], duplicates.map { duplicate in
                el("li", [], [el("a", [attr("href", "/companies/\(duplicate.id.uuidString.lowercased())")], t.pick(ja: duplicate.nameJa, en: duplicate.nameEn).text)])
            }),
        ]))
        return notices
    }
}
