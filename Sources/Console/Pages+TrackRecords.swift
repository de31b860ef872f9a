import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// A company's track records: add one, or edit one from the version the form was filled from (a
/// concurrent save is explained, the person's input kept and the saved values that differ listed).
extension Console {
    /// The track record named in the path, among those of the company in the path the person may see.
    func trackRecord(_ request: ConsoleRequest) async throws -> CompanyTrackRecord {
        try await editableItem(request, "recordId", id: \.id) { company, page, principal in
            try await services.companies.trackRecords(of: company, page: page, by: principal)
        }
    }

    /// Adds (editing nil) or edits a track record. `changedMeanwhile`: someone saved the record after
    /// the form was filled; the form keeps the person's input and lists the saved values that differ.
    func trackRecordForm(
        _ request: ConsoleRequest, values: TrackRecordFormValues, errors: [(field: String, message: String)], editing: CompanyTrackRecord? = nil,
        changedMeanwhile: Bool = false, status: HTTPStatus = .ok
    ) async throws -> HTTPResponse {
        let t = request.language
        let (principal, company) = try await changeableCompany(request)
        let companyID = company.id
        let message = { (field: String) in errors.first { $0.field == field }?.message }
        let path = "/companies/\(companyID.uuidString.lowercased())"
        var fields: [HTML] = [
            Layout.csrfField(request),
            Form.countrySelect(request, name: "country", label: t(.country), selected: values.country, none: t(.guestChoose), error: message("country")),
            Form.textField(request, name: "city", label: t(.city), value: values.city, error: message("city")),
            Form.textField(request, name: "year", label: t(.recordYear), value: values.year, type: "number", error: message("year")),
            Form.textField(request, name: "client", label: t(.recordClient), value: values.client, error: message("client")),
            Form.textArea(request, name: "summary", label: t(.recordSummary), value: values.summary, error: message("summary")),
            Form.textField(request, name: "link", label: t(.recordLink), value: values.link, type: "url", error: message("link")),
            Form.select(name: "disclosure", label: t(.disclosure), options: Disclosure.allCases.map { ($0.rawValue, t(CompanyPages.disclosureMessage($0))) },
                        selected: values.disclosure),
        ]
        var notices: [HTML] = [Form.errorSummary(request, errors)]
        var action = "\(path)/track-records/new"
        if let editing {
            action = "\(path)/track-records/\(editing.id.uuidString.lowercased())/edit"
            fields.append(Form.version(editing.version))
            if changedMeanwhile {
                notices.append(Form.changedMeanwhile(
                    title: t(.trackRecordChangedMeanwhile), detail: t(.trackRecordChangedDetail, t.date(editing.updatedAt)),
                    differences: CompanyPages.differences(TrackRecordFormValues(editing), from: values, t)))
            }
        }
        fields.append(el("button", [attr("type", "submit")], t(.saveTrackRecord)))
        let name = t.pick(ja: company.nameJa, en: company.nameEn).text
        return Layout.page(request, status: status, title: t(editing == nil ? .addTrackRecordTitle : .editTrackRecordTitle), section: section(companyID, principal),
                           [el("p", [], [el("a", [attr("href", path)], t(.backToCompany, name))])] + notices
                            + [el("form", [attr("method", "post"), attr("action", action), flag("novalidate")], fields)]
                            + (editing == nil ? [] : [Self.removalLink(request, editPath: action)]))
    }

    /// Adds, or saves an edit made from the version the form carried (a stale one writes nothing).
    func saveTrackRecord(_ request: ConsoleRequest, editing: CompanyTrackRecord?) async throws -> HTTPResponse {
        let t = request.language
        let companyID = try await changeableCompany(request).1.id
        let values = TrackRecordFormValues(request)
        guard let disclosure = Disclosure(rawValue: values.disclosure) else { throw ConsoleError.badRequest }
        var year: Int?
        if let text = request.formText("year") {
            guard let parsed = Int(text) else {
                return try await trackRecordForm(request, values: values, errors: [("year", t(.recordYearInvalid))], editing: editing,
                                                 status: HTTPStatus(code: 422))
            }
            year = parsed
        }
        let draft = CompanyTrackRecordDraft(
            country: (request.formText("country") ?? "").uppercased(), city: request.formText("city"), year: year, client: request.formText("client"),
            summary: request.formText("summary"), link: request.formText("link"), disclosure: disclosure)
        do {
            if let editing {
                guard let version = request.formValue("version").flatMap(Int.init) else { throw ConsoleError.badRequest }
                _ = try await services.companies.updateTrackRecord(editing.id, ifVersion: version, by: try request.principal) { $0 = draft }
                return Layout.seeOther("/companies/\(companyID.uuidString.lowercased())?recordUpdated=1")
            }
            _ = try await services.companies.createTrackRecord(draft, companyID: companyID, by: try request.principal)
            return Layout.seeOther("/companies/\(companyID.uuidString.lowercased())?recordSaved=1")
        } catch CompaniesError.staleVersion {
            return try await trackRecordForm(request, values: values, errors: [], editing: try await trackRecord(request), changedMeanwhile: true,
                                             status: HTTPStatus(code: 409))
        } catch let error as any ProblemConvertible where error.problem.status == 422 {
            if let limit = Self.capabilityLimitError(error, t, at: "country") {
                return try await trackRecordForm(request, values: values, errors: [limit], editing: editing, status: HTTPStatus(code: 422))
            }
            let labels: [String: Message] = [
                "country": .country, "city": .city, "year": .recordYear, "client": .recordClient, "summary": .recordSummary, "link": .recordLink,
            ]
            let errors = (error.problem.errors ?? [FieldError(field: "country", message: "")]).map { field in
                let label = labels[field.field].map { t($0) } ?? field.field
                return (field: field.field, message: field.field == "country" ? t(.countryChoose) : field.field == "year" ? t(.recordYearInvalid)
                    : field.message == Validation.webAddressMessage ? t(.webAddressInvalid, label) : t(.fieldInvalid, label))
            }
            return try await trackRecordForm(request, values: values, errors: errors, editing: editing, status: HTTPStatus(code: 422))
        }
    }
}

/// What a person typed into the track record form, kept as typed so a refused form comes back filled in.
struct TrackRecordFormValues: Sendable, Equatable {
    var country = ""
    var city = ""
    var year = ""
    var client = ""
    var summary = ""
    var link = ""
    var disclosure = Disclosure.public.rawValue

    init() {}

    init(_ record: CompanyTrackRecord) {
        country = record.country
        city = record.city ?? ""
        year = record.year.map(String.init) ?? ""
        client = record.client ?? ""
        summary = record.summary ?? ""
        link = record.link ?? ""
        disclosure = record.disclosure.rawValue
    }

    init(_ request: ConsoleRequest) {
        country = request.formValue("country") ?? ""
        city = request.formValue("city") ?? ""
        year = request.formValue("year") ?? ""
        client = request.formValue("client") ?? ""
        summary = request.formValue("summary") ?? ""
        link = request.formValue("link") ?? ""
        disclosure = request.formValue("disclosure") ?? ""
    }

    /// Each field with its label and the text a reader sees.
    func labelled(_ t: Language) -> [(label: String, value: String)] {
        [(t(.country), t.country(country)), (t(.city), city), (t(.recordYear), year), (t(.recordClient), client), (t(.recordSummary), summary),
         (t(.recordLink), link), (t(.disclosure), Disclosure(rawValue: disclosure).map { t(CompanyPages.disclosureMessage($0)) } ?? disclosure)]
    }
}

extension CompanyPages {
    /// The saved values that differ from what the person typed (spaces around them and the country's
    /// case aside), as a list under the stale-edit notice.
    static func differences(_ saved: TrackRecordFormValues, from typed: TrackRecordFormValues, _ t: Language) -> HTML {
        differences(saved.labelled(t), from: typed.labelled(t), t)
    }

    /// The same for any form's fields, each labelled, in the same order on both sides.
    static func differences(_ saved: [(label: String, value: String)], from typed: [(label: String, value: String)], _ t: Language) -> HTML {
        let changed = zip(saved, typed).filter { saved, typed in
            saved.value.trimmed.uppercased() != typed.value.trimmed.uppercased()
        }
        guard !changed.isEmpty else { return .fragment([]) }
        return .fragment([
            el("p", [], t(.savedValuesDiffer)),
            el("dl", [attr("class", "summary-list")], changed.flatMap { saved, _ in
                [el("dt", [], saved.label), el("dd", [], saved.value.isEmpty ? "—" : saved.value)]
            }),
        ])
    }
}
