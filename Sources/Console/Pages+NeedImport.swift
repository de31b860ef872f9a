import Cities
import DomainKit
import FoundationEssentials
public import HTTPServer

/// Needs from a CSV file (UTF-8 or CP932 as Excel writes it), in two steps as GOV.UK does long tasks:
/// the upload is checked first with the import service's dry run (nothing written) and every bad row
/// shown in a table; only a clean file offers the confirm button, which sends the same file back for
/// the real import (checked again, written in one transaction or not at all).
extension Console {
    var needImportPages: [Page] {
        Self.importPages("/needs/import", operations: ["importNeeds", "listCities", "getLiaisonBase"],
                         form: { try await $0.importPage($1, content: []) }, check: { try await $0.checkImport($1) },
                         confirm: { try await $0.confirmImport($1) })
    }

    typealias PageHandler = @Sendable (Console, ConsoleRequest) async throws -> HTTPResponse

    /// The three pages of every import: the upload form at `path`, the dry run its form posts to, and
    /// `path/confirm`, which imports the file the person checked.
    static func importPages(_ path: String, operations: [String], form: @escaping PageHandler, check: @escaping PageHandler,
                            confirm: @escaping PageHandler) -> [Page] {
        [Page(.get, path, operations: operations, handler: form), Page(.post, path, operations: operations, handler: check),
         Page(.post, path + "/confirm", operations: operations, handler: confirm)]
    }

    /// The body a console import may send: the file, and on confirming it again in base64.
    static let importBodyLimit = 4 * 1_048_576
    /// The largest file the console checks: its base64 copy in the confirm form stays under the limit.
    static let importFileLimit = 2 * 1_048_576

    /// Console paths that take a larger body than the server's default (the CSV upload).
    public static func bodyLimit(method: HTTPMethod, path: String) -> Int? {
        method == .post && (path == "/needs/import" || path == "/needs/import/confirm" || isAttendanceImport(path) || isRegistrationImport(path)
            || path == "/companies/import" || path == "/companies/import/confirm") ? importBodyLimit : nil
    }

    /// The file of an import form, or why there is none to check: no file chosen (422), or one larger than
    /// the confirm form can carry back (413). The page shows the message beside the file field.
    static func uploadedFile(_ request: ConsoleRequest) -> Result<Multipart.Part, ImportRefusal> {
        let t = request.language
        guard let file = request.files.first(where: { $0.name == "file" }), !file.bytes.isEmpty else {
            return .failure(ImportRefusal(message: t(.importChooseFile), status: HTTPStatus(code: 422)))
        }
        guard file.bytes.count <= importFileLimit else { return .failure(ImportRefusal(message: t(.importTooLarge), status: HTTPStatus(code: 413))) }
        return .success(file)
    }

    /// The upload form of an import: `fields` before the file (the attendance report's source), its hint
    /// and accepted types, the error beside it, and the check button.
    static func uploadForm(
        _ request: ConsoleRequest, action: String, fields: [HTML] = [], hint: String, accept: String, fileError: String?
    ) -> HTML {
        el("form", [attr("method", "post"), attr("action", action), attr("enctype", "multipart/form-data"), attr("class", "panel"), flag("novalidate")],
           [Layout.csrfField(request)] + fields + [
            el("div", [attr("class", "field")], [
                el("label", [attr("for", "file")], request.language(.importFile)),
                el("span", [attr("class", "hint"), attr("id", "file-hint")], hint),
                fileError.map { el("span", [attr("class", "field-error"), attr("id", "file-error")], $0) } ?? .fragment([]),
                .void("input", [attr("type", "file"), attr("id", "file"), attr("name", "file"), attr("accept", accept),
                                attr("aria-describedby", fileError == nil ? "file-hint" : "file-hint file-error"), flag("required")]),
            ]),
            el("button", [attr("type", "submit")], request.language(.importCheck)),
        ])
    }

    func importPage(_ request: ConsoleRequest, content: [HTML], status: HTTPStatus = .ok, fileError: String? = nil) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        var cities = try await Self.everyPage { try await services.cities.cities(CityFilter(), page: $0, by: principal) }
        if principal.role == .liaison, let base = principal.liaisonBaseID {
            let cityID = try await services.cities.liaisonBase(base, by: principal).cityId
            cities = cities.filter { $0.id == cityID }
        }
        let page: [HTML] = content + [
            el("h2", [], t(.importUpload)),
            el("p", [], t(.importIntro)),
            el("p", [attr("class", "explain")], t(.importColumns, Self.codesWithLabels("source", t, separator: " / ") ?? "",
                                                          Self.codesWithLabels("status", t, separator: " / ") ?? "")),
            Self.uploadForm(request, action: "/needs/import", hint: t(.importFileHint), accept: ".csv,text/csv", fileError: fileError),
            // ux15: the cityId column takes a city's name as well as its id; both are listed, names first.
            Table.make(caption: t(.importCityIDs), headers: [t(.cityNameJa), t(.cityNameEn), t(.country), "cityId"], numeric: [], compact: [2], stacked: true,
                       rows: cities.map { city in
                [.text(city.nameJa), .text(city.nameEn), .text(t.country(city.country)), el("code", [], city.id.uuidString.lowercased())]
            }),
        ]
        return Layout.page(request, status: status, title: t(.importTitle), section: .needs, page)
    }

    /// The dry run of the uploaded file: its rows and every bad one, or the confirm form.
    func checkImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let file: Multipart.Part
        switch Self.uploadedFile(request) {
        case .success(let uploaded): file = uploaded
        case .failure(let refusal): return try await importPage(request, content: refusal.summary(request), status: refusal.status, fileError: refusal.message)
        }
        let report: NeedImportReport
        do {
            report = try await services.cities.importNeeds(csv: file.bytes, dryRun: true, by: try request.principal)
        } catch let problem as any ProblemConvertible where (400..<500).contains(problem.problem.status) {
            return try await importPage(request, content: importFileProblems(request, problem.problem, rowMessage: Self.rowMessage), status: HTTPStatus(code: 422))
        }
        var content = Self.importSummary(t, filename: file.filename, encoding: report.encoding, rows: report.rows, errors: report.errors, counts: [])
        guard report.errors.isEmpty else {
            content += [Self.importRefused(t), Self.importRowErrors(t, report.errors, message: Self.rowMessage)]
            return try await importPage(request, content: content, status: HTTPStatus(code: 422))
        }
        guard report.rows > 0 else {
            return try await importPage(request, content: content + [el("p", [attr("class", "notice warning")], t(.importNoRows))],
                                        status: HTTPStatus(code: 422))
        }
        content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t.count(report.rows, .importReady, one: .importReadyOne)))
        content.append(Self.importConfirmForm(request, action: "/needs/import/confirm", file: file.bytes,
                                              button: t.count(report.rows, .importConfirm, one: .importConfirmOne)))
        content.append(el("p", [], [el("a", [attr("href", "/needs/import")], t(.importChooseAnother))]))
        return Layout.page(request, title: t(.importTitle), section: .needs, content)
    }

    /// The real import of the file the person checked (sent back by the confirm form and checked again:
    /// a row that turned bad since, say a city archived meanwhile, stops the whole import).
    func confirmImport(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let bytes = try Self.confirmedFile(request)
        do {
            let report = try await services.cities.importNeeds(csv: bytes, dryRun: false, by: try request.principal)
            return Layout.seeOther("/needs?imported=\(report.imported)")
        } catch RecordError.invalidRows(let rows) {
            // Each row's typed reason, worded as the check worded it (not the API's English).
            return try await importPage(request, content: [Self.importRefused(t), Self.importRowErrors(t, rows, message: Self.rowMessage)],
                                        status: HTTPStatus(code: 422))
        } catch let problem as any ProblemConvertible where (400..<500).contains(problem.problem.status) {
            let page = [Self.importRefused(t)] + importFileProblems(request, problem.problem, rowMessage: Self.rowMessage)
            return try await importPage(request, content: page, status: HTTPStatus(code: 422))
        }
    }

    /// A problem of the whole file, worded in the reader's language where DomainKit knows it; the
    /// service's own words otherwise.
    static func fileMessage(_ error: FieldError, _ t: Language) -> (place: String, message: String) {
        guard let problem = CSVFileProblem(error) else { return (error.field, error.message) }
        return switch problem {
        case .unknownColumn(let column): (t(.importWhereHeader), t(.importUnknownColumn, column))
        case .repeatedColumn(let column): (t(.importWhereHeader), t(.importRepeatedColumn, column))
        case .sameColumnTwice(let first, let second): (t(.importWhereHeader), t(.importSameColumnTwice, first, second))
        case .missingColumn(let column): (t(.importWhereHeader), t(.importMissingColumn, column))
        case .noHeaderRow: (t(.importWhereFile), t(.importNoHeaderRow))
        case .tooManyRows(let limit): (t(.importWhereFile), t(.importTooManyRows, t.number(limit)))
        case .unknownEncoding: (t(.importWhereFile), t(.importUnknownEncoding))
        case .unterminatedQuote(let line): (t(.importWhereLine, t.number(line)), t(.importUnterminatedQuote))
        }
    }

    /// The service's key for the row's problem, worded in the reader's language; the service's English
    /// sentence when the key is one the catalogue does not know.
    static func rowMessage(_ error: NeedImportReport.RowError, _ t: Language) -> String {
        let messages: [String: Message] = [
            "unknownCity": .importRowUnknownCity, "sharedCityName": .importRowSharedCityName, "notYourCity": .importRowNotYourCity, "oneOf": .importRowOneOf, "wholeYen": .importRowWholeYen,
            "unknownTaxonomyCodes": .importRowUnknownCodes, "titleRequired": .importRowTitleRequired, "tooLong": .importRowTooLong,
            "taxonomyCodesInvalid": .importRowCodesInvalid, "budgetInvalid": .importRowBudgetInvalid, "invalid": .importRowInvalid,
            "valuesBeyondHeader": .importRowValuesBeyondHeader, "controlCharacters": .importRowControlCharacters,
        ]
        guard let key = error.messageKey, let message = messages[key] else { return error.message }
        if key == "oneOf", let codes = codesWithLabels(error.column, t, separator: t == .ja ? "、" : ", ") { return t(.importRowOneOf, codes) }
        return t(message, arguments: error.messageArguments ?? [])
    }

    /// The encoding's name as the page's language writes it: "Shift_JIS（CP932）" in Japanese, with full-width parentheses.
    static func encodingName(_ encoding: CSVEncoding, _ t: Language) -> String {
        switch encoding {
        case .utf8: "UTF-8"
        case .utf8WithByteOrderMark: t(.encodingUTF8WithBOM)
        case .shiftJIS: t(.encodingShiftJIS)
        case .utf16LittleEndian: "UTF-16LE"
        case .utf16BigEndian: "UTF-16BE"
        }
    }
}

/// Why an uploaded file was not checked, for the import page to show beside the file field.
struct ImportRefusal: Error {
    let message: String
    let status: HTTPStatus

    /// The error summary at the top of the page, linking to the file field.
    func summary(_ request: ConsoleRequest) -> [HTML] { [Form.errorSummary(request, [("file", message)])] }
}
