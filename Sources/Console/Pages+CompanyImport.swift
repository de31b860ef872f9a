import Companies
import DomainKit
import FoundationEssentials
import HTTPServer

/// Companies from a CSV file (`importCompanies`: administrators and coordinators), in the two steps of
/// every import: the upload is checked by the service's dry run (nothing written) — how many companies
/// it adds and updates (matched by 法人番号), its technologies, every bad row, and the new companies
/// that look like ones already in the directory —, and only a clean file offers the confirm button,
/// which sends the same file back for the real import (all or nothing). The layout is the export's.
extension Console {
    var companyImportPages: [Page] {
        Self.importPages("/companies/import", operations: ["importCompanies"],
                         form: { try $0.companyImportPage($1, content: []) }, check: { try await $0.checkCompanyImport($1) },
                         confirm: { try await $0.confirmCompanyImport($1) })
    }

    func companyImportPage(_ request: ConsoleRequest, content: [HTML], status: HTTPStatus = .ok, fileError: String? = nil) throws -> HTTPResponse {
        let t = request.language
        let exportLink: [HTML] = allows(try request.principal.role, "exportCompanies")
            ? [el("p", [], [el("a", [attr("href", "/companies/export.csv"), attr("download", "")], t(.companyImportTemplate))])] : []
        let page: [HTML] = content + [
            el("h2", [], t(.importUpload)),
            el("p", [], t(.companyImportIntro)),
            el("p", [attr("class", "explain")], t(.companyImportColumns, Self.codesWithLabels("size", t, separator: " / ") ?? "",
                                                                 Self.codesWithLabels("technologyMaturity", t, separator: " / ") ?? "",
                                                                 Self.codesWithLabels("technologyDisclosure", t, separator: " / ") ?? "")),
        ] + exportLink + [
            Self.uploadForm(request, action: "/companies/import", hint: t(.importFileHint), accept: ".csv,.txt,text/csv", fileError: fileError),
            el("p", [], [el("a", [attr("href", "/companies")], t(.companyBackToList))]),
        ]
        return Layout.page(request, status: status, title: t(.companyImportTitle), section: .companies, page)
    }

    /// The dry run: what the file would add and update, every bad row, likely duplicates, then the confirm form.
    func checkCompanyImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let file: Multipart.Part
        switch Self.uploadedFile(request) {
        case .success(let uploaded): file = uploaded
        case .failure(let refusal): return try companyImportPage(request, content: refusal.summary(request), status: refusal.status, fileError: refusal.message)
        }
        let report: CompanyImportReport
        do {
            report = try await services.companies.importCompanies(csv: file.bytes, dryRun: true, by: try request.principal)
        } catch let problem as any ProblemConvertible where problem.problem.status == 422 || problem.problem.status == 400 {
            return try companyImportPage(request, content: importFileProblems(request, problem.problem, rowMessage: Self.companyRowMessage),
                                         status: HTTPStatus(code: 422))
        }
        var content = Self.importSummary(t, filename: file.filename, encoding: report.encoding, rows: report.rows, errors: report.errors, counts: [
            (.companyImportCreated, report.created), (.companyImportUpdated, report.updated), (.companyImportTechnologies, report.technologies),
        ])
        guard report.errors.isEmpty else {
            content += [Self.importRefused(t), Self.importRowErrors(t, report.errors, message: Self.companyRowMessage)]
            return try companyImportPage(request, content: content, status: HTTPStatus(code: 422))
        }
        guard report.rows > 0 else {
            return try companyImportPage(request, content: content + [el("p", [attr("class", "notice warning")], t(.importNoRows))], status: HTTPStatus(code: 422))
        }
        if !report.possibleDuplicates.isEmpty {
            content += [
                el("h2", [], t(.companyImportDuplicates)),
                el("p", [attr("class", "explain")], t(.companyImportDuplicatesExplain)),
                Table.make(
                    caption: t(.companyImportDuplicates), captionShown: false, headers: [t(.importLine), t(.companyImportInFile), t(.companyImportInDirectory)],
                    numeric: [0], stacked: true,
                    rows: report.possibleDuplicates.map { duplicate in
                        [.text(t.number(duplicate.line)), .text(t.pick(ja: duplicate.nameJa, en: duplicate.nameEn).text),
                         el("ul", [attr("class", "plain")], duplicate.duplicates.map { existing in
                             el("li", [], [el("a", [attr("href", "/companies/\(existing.id.uuidString.lowercased())")],
                                              t.pick(ja: existing.nameJa, en: existing.nameEn).text),
                                           .text(" — " + Self.duplicateReasons(existing, t))])
                         })]
                    }),
            ]
        }
        let companies = report.created + report.updated
        content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.companyImportReady)))
        content.append(Self.importConfirmForm(request, action: "/companies/import/confirm", file: file.bytes,
                                              button: t.count(companies, .companyImportConfirm, one: .companyImportConfirmOne)))
        content.append(el("p", [], [el("a", [attr("href", "/companies/import")], t(.importChooseAnother))]))
        return Layout.page(request, title: t(.companyImportTitle), section: .companies, content)
    }

    /// The real import of the checked file, read again: a row that turned bad since (a 法人番号 taken
    /// meanwhile) stops the whole import and nothing is written.
    func confirmCompanyImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let file = try Self.confirmedFile(request)
        do {
            let report = try await services.companies.importCompanies(csv: file, dryRun: false, by: try request.principal)
            return Layout.seeOther("/companies?imported=\(report.created)&updated=\(report.updated)&technologies=\(report.technologies)")
        } catch RecordError.invalidRows(let rows) {
            return try companyImportPage(request, content: [Self.importRefused(t), Self.importRowErrors(t, rows, message: Self.companyRowMessage)],
                                         status: HTTPStatus(code: 422))
        } catch let problem as any ProblemConvertible where (400..<500).contains(problem.problem.status) {
            let page = [Self.importRefused(t)] + importFileProblems(request, problem.problem, rowMessage: Self.companyRowMessage)
            return try companyImportPage(request, content: page, status: HTTPStatus(code: 422))
        }
    }

    /// A company row's problem in the reader's language (the import's English read back, as for
    /// registrations); the English sentence for anything else.
    static func companyRowMessage(_ error: CSVRowError, _ t: Language) -> String {
        let text = error.message
        let unknown = "unknown codes: "
        if text.hasPrefix(unknown) { return t(.importRowUnknownCodes, String(text.dropFirst(unknown.count))) }
        if error.column == "corporateNumber", text.hasPrefix("must be a 13-digit") { return t(.corporateNumberInvalid) }
        if error.column == "yusaTier", text == "needs yusaMemberSince" { return t(.yusaTierNeedsDate) }
        if text.hasPrefix("must be a date") { return t(.companyRowDate) }
        if text == Validation.webAddressMessage { return t(.webAddressInvalid, error.column) }
        if text == "is required for a technology" { return t(.companyRowTechnologyField) }
        if text.hasPrefix("the company's columns differ from line "), let line = Int(text.split(separator: " ").last ?? "") {
            return t(.companyRowDiffers, t.number(line))
        }
        if text.hasPrefix("the company lists this technology title already on line "), let line = Int(text.split(separator: " ").last ?? "") {
            return t(.companyRowTechnologyTwice, t.number(line))
        }
        if text.hasSuffix(" is required"), error.column.hasSuffix("Ja") || error.column.hasSuffix("En") {
            return t(error.column.hasPrefix("technology") ? .companyRowTechnologyTitle : .companyNameRequired)
        }
        return registrationRowMessage(error, t)
    }

    /// Why a company looks like another, in words: the same 法人番号, similar names.
    static func duplicateReasons(_ duplicate: CompanyDuplicate, _ t: Language) -> String {
        duplicate.reasons.map { reason in
            switch reason {
            case .sameCorporateNumber: t(.companyDuplicateNumber)
            case .similarNameJa: t(.companyDuplicateNameJa)
            case .similarNameEn: t(.companyDuplicateNameEn)
            }
        }.joined(separator: t == .ja ? "、" : ", ")
    }
}
