import Companies
import DomainKit
import FoundationEssentials
import HTTPServer
import Postgres

/// Adding a company to the directory (`createCompany`: administrators and coordinators), landing on
/// the company's page, where its technologies and track records are added. The companies it probably
/// duplicates (the same 法人番号, nearly the same name) are listed there at once, as `POST
/// /v1/companies` reports them. The same form edits the company's record (`updateCompany`: managers any
/// company, company staff their own), from the version it was filled from.
extension Console {
    var companyCreatePages: [Page] {
        let edit = ["getCompany", "updateCompany"]
        return [
            Page(.get, "/companies/new", operations: ["createCompany"]) { console, request in
                try console.companyForm(request, values: CompanyFormValues(), errors: [])
            },
            Page(.post, "/companies/new", operations: ["createCompany"]) { console, request in try await console.saveCompany(request, editing: nil) },
            Page(.get, "/companies/{id}/edit", operations: edit) { console, request in
                let company = try await console.editableCompanyRecord(request)
                return try console.companyForm(request, values: CompanyFormValues(company), errors: [], editing: company)
            },
            Page(.post, "/companies/{id}/edit", operations: edit) { console, request in
                try await console.saveCompany(request, editing: try await console.editableCompanyRecord(request))
            },
        ]
    }

    /// The company in the path, when the signed-in person may edit its record (the service's rule:
    /// another company's is the 404 of a missing one; an archived one is read-only for its staff).
    func editableCompanyRecord(_ request: ConsoleRequest) async throws -> Company {
        try await changeableCompany(request).1
    }

    /// Whether the person records the programme's fields (YUSA membership, archiving): the roles that
    /// add companies, as the service lets only them change those fields.
    func recordsProgrammeFields(_ request: ConsoleRequest) throws -> Bool {
        allows(try request.principal.role, "createCompany")
    }

    /// The form, empty or filled from a company (`editing`), or as typed when refused or stale
    /// (`changedMeanwhile`: the saved values that differ are listed and the form carries the new version).
    func companyForm(
        _ request: ConsoleRequest, values: CompanyFormValues, errors: [(field: String, message: String)], editing: Company? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) throws -> HTTPResponse {
        let t = request.language
        let programme = try recordsProgrammeFields(request)
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let yesNo = [("false", t(.no)), ("true", t(.yes))]
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.textField(request, name: "nameJa", label: t(.companyNameJa), value: values.nameJa, hint: t(.oneLanguageEnough), error: message("nameJa")),
            Form.textField(request, name: "nameEn", label: t(.companyNameEn), value: values.nameEn, error: message("nameEn")),
            Form.textField(request, name: "nameReading", label: t(.companyNameReading), value: values.nameReading, hint: t(.companyNameReadingHint),
                           error: message("nameReading")),
            Form.textField(request, name: "corporateNumber", label: t(.corporateNumber), value: values.corporateNumber, hint: t(.corporateNumberHint),
                           error: message("corporateNumber")),
            Form.textField(request, name: "address", label: t(.companyAddress), value: values.address, error: message("address")),
            Form.textField(request, name: "municipality", label: t(.municipality), value: values.municipality, error: message("municipality")),
            Form.select(name: "inYokohama", label: t(.inYokohama), options: yesNo, selected: values.inYokohama),
            Form.select(name: "size", label: t(.companySize), options: [(CompanySize.sme.rawValue, t(.sizeSME)), (CompanySize.large.rawValue, t(.sizeLarge))],
                        selected: values.size),
            Form.textField(request, name: "website", label: t(.website), value: values.website, type: "url", error: message("website")),
            Form.textField(request, name: "languages", label: t(.companyLanguages), value: values.languages, hint: t(.companyLanguagesHint),
                           error: message("languages")),
            Form.textField(request, name: "countriesWithExperience", label: t(.companyCountries), value: values.countries,
                           hint: t(.noteCountriesHint), error: message("countriesWithExperience")),
        ]
        if programme {
            fields += [
                Form.textField(request, name: "yusaMemberSince", label: t(.yusaMemberSince), value: values.yusaMemberSince, type: "date",
                               error: message("yusaMemberSince")),
                Form.textField(request, name: "yusaTier", label: t(.yusaTier), value: values.yusaTier, error: message("yusaTier")),
            ]
        }
        fields.append(Form.select(name: "showcaseOptIn", label: t(.showcaseOptIn), options: yesNo, selected: values.showcaseOptIn))
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var intro: [HTML] = [el("p", [], [el("a", [attr("href", "/companies")], t(.backToCompanies))]), el("p", [attr("class", "explain")], t(.addCompanyIntro))]
        var action = "/companies/new"
        if let editing {
            let path = "/companies/\(editing.id.uuidString.lowercased())"
            action = path + "/edit"
            intro = [el("p", [], [el("a", [attr("href", path)], t(.backToCompany, t.pick(ja: editing.nameJa, en: editing.nameEn).text))])]
            if programme {
                fields.append(Form.select(name: "archived", label: t(.companyArchived), options: yesNo, selected: values.archived))
            } else {
                intro.append(el("p", [attr("class", "explain")], t(.companyProgrammeFieldsNote)))
            }
            fields.append(Form.version(editing.version))
            if changedMeanwhile {
                notices.append(Form.changedMeanwhile(
                    title: t(.companyChangedMeanwhile), detail: t(.companyChangedDetail, t.date(editing.updatedAt)),
                    differences: CompanyPages.differences(CompanyFormValues(editing).labelled(t, programme: programme),
                                                          from: values.labelled(t, programme: programme), t)))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(editing == nil ? .createCompanyButton : .saveCompanyButton)))
        var section: Layout.Section?
        if let editing { section = try request.principal.companyID == editing.id ? .company : .companies }
        return Layout.page(request, status: status, title: t(editing == nil ? .addCompanyTitle : .editCompanyTitle), section: section,
                           intro + notices + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)])
    }

    /// Adds a company, or saves an edit made from the version the form carried (a stale one writes
    /// nothing and comes back with the input kept); refused input is explained beside each field.
    func saveCompany(_ request: ConsoleRequest, editing: Company?) async throws -> HTTPResponse {
        let t = request.language
        let values = CompanyFormValues(request)
        let programme = try recordsProgrammeFields(request)
        let refuse = { (errors: [(field: String, message: String)], status: Int) in
            try self.companyForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: status))
        }
        guard CompanySize(rawValue: values.size) != nil, Bool(values.inYokohama) != nil, Bool(values.showcaseOptIn) != nil,
              Bool(values.archived) != nil else { throw ConsoleError.badRequest }
        if programme, !values.yusaMemberSince.trimmed.isEmpty, CalendarDate(values.yusaMemberSince.trimmed) == nil {
            return try refuse([("yusaMemberSince", t(.fieldDate, t(.yusaMemberSince)))], 422)
        }
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                let saved = try await services.companies.updateCompany(editing.id, ifVersion: version, by: try request.principal) { draft in
                    draft = values.draft(keepingProgrammeFieldsOf: programme ? nil : draft)
                }
                // Saved with nothing changed: the person checked the profile, which counts as reviewed (docs/companies.md).
                if saved.version == version { _ = try await services.companies.confirmProfileCurrent(editing.id, ifVersion: version, by: try request.principal) }
                return Layout.seeOther("/companies/\(saved.id.uuidString.lowercased())?companySaved=1")
            }
            let created = try await services.companies.createCompanyReportingDuplicates(values.draft(keepingProgrammeFieldsOf: nil), by: try request.principal)
            return Layout.seeOther("/companies/\(created.company.id.uuidString.lowercased())?companyCreated=1")
        } catch CompaniesError.staleVersion where editing != nil {
            let current = try await editableCompanyRecord(request)
            return try companyForm(request, values: values, errors: [], editing: current, changedMeanwhile: true, status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 409 && error.problem.errors?.first?.field == "corporateNumber" {
            // The 法人番号 is unique in the directory: the company is most likely there already.
            return try refuse([("corporateNumber", t(.corporateNumberTaken))], 409)
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            let countries = KnowledgeNoteFormValues.codes(values.countries)
            let errors = listedFieldErrors(error, request, labels: [
                "nameJa": .companyNameJa, "nameEn": .companyNameEn, "nameReading": .companyNameReading, "corporateNumber": .corporateNumber,
                "address": .companyAddress, "municipality": .municipality, "website": .website, "languages": .companyLanguages,
                "countriesWithExperience": .companyCountries, "yusaMemberSince": .yusaMemberSince, "yusaTier": .yusaTier,
            ], countries: ("countriesWithExperience", countries)).map { field, message in
                if field == "nameReading" { return (field: field, message: t(.companyNameReadingInvalid)) }
                if field == "corporateNumber" { return (field: field, message: t(.corporateNumberInvalid)) }
                if field.hasPrefix("name"), values.nameJa.trimmed.isEmpty, values.nameEn.trimmed.isEmpty {
                    return (field: field, message: t(.companyNameRequired))
                }
                if field == "yusaTier", values.yusaMemberSince.trimmed.isEmpty { return (field: field, message: t(.yusaTierNeedsDate)) }
                if field == "website", error.problem.errors?.contains(where: { $0.field == "website" && $0.message == Validation.webAddressMessage }) == true {
                    return (field: field, message: t(.webAddressInvalid, t(.website)))
                }
                return (field: field, message: message)
            }
            return try refuse(errors, 422)
        }
    }

    /// On a company's page just after it was added: the companies it probably duplicates, linked, for
    /// a manager to check (and merge) before adding technologies to the wrong one.
    func createdCompanyNotices(_ request: ConsoleRequest, _ id: UUID) async throws -> [HTML] {
        let t = request.language
        let principal = try request.principal
        if request.query("companySaved") != nil { return [el("p", [attr("class", "notice success"), attr("role", "status")], t(.companySaved))] }
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
            el("p", [], [el("a", [attr("href", "/companies/\(id.uuidString.lowercased())/duplicates")], t(.companyDuplicatesLink))]),
        ]))
        return notices
    }
}

/// What a person typed into the company form, kept as typed so a refused form comes back filled in.
struct CompanyFormValues: Sendable, Equatable {
    var nameJa = ""
    var nameEn = ""
    var nameReading = ""
    var corporateNumber = ""
    var address = ""
    var municipality = ""
    var inYokohama = "false"
    var size = CompanySize.sme.rawValue
    var website = ""
    /// Languages and countries as typed: codes separated by spaces, commas or 、.
    var languages = ""
    var countries = ""
    var yusaMemberSince = ""
    var yusaTier = ""
    var showcaseOptIn = "false"
    var archived = "false"

    init() {}

    init(_ company: Company) {
        self.init(company.draft)
    }

    /// A company's fields as the form shows them (the merge page shows what a merge would make).
    init(_ company: CompanyDraft) {
        nameJa = company.nameJa ?? ""
        nameEn = company.nameEn ?? ""
        nameReading = company.nameReading ?? ""
        corporateNumber = company.corporateNumber ?? ""
        address = company.address ?? ""
        municipality = company.municipality ?? ""
        inYokohama = String(company.inYokohama ?? false)
        size = company.size.rawValue
        website = company.website ?? ""
        languages = (company.languages ?? []).joined(separator: ", ")
        countries = (company.countriesWithExperience ?? []).joined(separator: ", ")
        yusaMemberSince = company.yusaMemberSince?.description ?? ""
        yusaTier = company.yusaTier ?? ""
        showcaseOptIn = String(company.showcaseOptIn ?? false)
        archived = String(company.archived ?? false)
    }

    /// The fields as sent (a field not sent keeps its default).
    init(_ request: ConsoleRequest) {
        for (name, field) in Self.fieldNames {
            if let value = request.formValue(name) { self[keyPath: field] = value }
        }
    }

    /// Each form field's name and where it is kept.
    static var fieldNames: [(String, WritableKeyPath<CompanyFormValues, String>)] {
        [("nameJa", \.nameJa), ("nameEn", \.nameEn), ("nameReading", \.nameReading), ("corporateNumber", \.corporateNumber), ("address", \.address), ("municipality", \.municipality),
         ("inYokohama", \.inYokohama), ("size", \.size), ("website", \.website), ("languages", \.languages), ("countriesWithExperience", \.countries),
         ("yusaMemberSince", \.yusaMemberSince), ("yusaTier", \.yusaTier), ("showcaseOptIn", \.showcaseOptIn), ("archived", \.archived)]
    }

    /// The draft the form says (checked before: size and flags parse, the YUSA date is one or empty).
    /// `kept`: a draft whose YUSA membership and archiving stay as they are (a company's own staff do
    /// not record them; the form does not show them).
    func draft(keepingProgrammeFieldsOf kept: CompanyDraft?) -> CompanyDraft {
        let text = { (value: String) in value.trimmed.isEmpty ? nil : value.trimmed }
        var draft = CompanyDraft(
            nameJa: text(nameJa), nameEn: text(nameEn), corporateNumber: text(corporateNumber).map { $0.filter { !$0.isWhitespace && $0 != "-" } },
            address: text(address), municipality: text(municipality), inYokohama: Bool(inYokohama) ?? false, size: CompanySize(rawValue: size) ?? .sme,
            yusaMemberSince: text(yusaMemberSince).flatMap(CalendarDate.init), yusaTier: text(yusaTier), website: text(website),
            languages: KnowledgeNoteFormValues.codes(languages, uppercased: false), countriesWithExperience: KnowledgeNoteFormValues.codes(countries),
            showcaseOptIn: Bool(showcaseOptIn) ?? false, archived: Bool(archived) ?? false, nameReading: text(nameReading))
        if let kept {
            draft.yusaMemberSince = kept.yusaMemberSince
            draft.yusaTier = kept.yusaTier
            draft.archived = kept.archived
        }
        return draft
    }

    /// Each field with its label and the text a reader sees; the programme's fields only for those who record them.
    func labelled(_ t: Language, programme: Bool) -> [(label: String, value: String)] {
        let yesNo = { (value: String) in Bool(value).map { t($0 ? .yes : .no) } ?? value }
        var fields: [(label: String, value: String)] = [
            (t(.companyNameJa), nameJa), (t(.companyNameEn), nameEn), (t(.companyReading), nameReading), (t(.corporateNumber), corporateNumber), (t(.companyAddress), address),
            (t(.municipality), municipality), (t(.inYokohama), yesNo(inYokohama)),
            (t(.companySize), CompanySize(rawValue: size).map { t($0 == .sme ? .sizeSME : .sizeLarge) } ?? size), (t(.website), website),
            (t(.companyLanguages), KnowledgeNoteFormValues.codes(languages, uppercased: false).joined(separator: ", ")),
            (t(.companyCountries), t.countries(KnowledgeNoteFormValues.codes(countries))),
            (t(.showcaseOptIn), yesNo(showcaseOptIn)),
        ]
        if programme {
            fields += [(t(.yusaMemberSince), yusaMemberSince), (t(.yusaTier), yusaTier), (t(.companyArchived), yesNo(archived))]
        }
        return fields
    }
}
