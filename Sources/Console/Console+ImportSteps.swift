import Cities
import Companies
import Conventions
import DomainKit
import FoundationEssentials
import HTTPServer

/// The parts every import's pages show (needs, registrations, companies): the dry run's summary, the
/// refusal, the bad rows, the confirm form that sends the checked file back, and reading that file again.
extension Console {
    /// The codes a coded column takes, each with what the console's forms call it ("local_company＝市内企業"): an
    /// organizer's sheet says 市内企業, and a list of bare codes left them guessing which code that is (persona28);
    /// the same for the needs CSV's source and status and the companies CSV's size, maturity and disclosure (ux37: a
    /// liaison officer read "liaison_base, policy_dialogue, …" and a coordinator "sme, large"). Nil for any other column.
    static func codesWithLabels(_ column: String?, _ t: Language, separator: String) -> String? {
        let pairs: [(String, Message)] = switch column {
        case "sector": Sector.allCases.map { ($0.rawValue, GuestPages.sectorMessage($0)) }
        case "role": ParticipantRole.allCases.map { ($0.rawValue, GuestPages.roleMessage($0)) }
        case "source": NeedSource.allCases.map { ($0.rawValue, NeedFormSupport.sourceMessage($0)) }
        case "status": NeedStatus.allCases.map { ($0.rawValue, NeedPages.statusMessage($0)) }
        case "size": CompanySize.allCases.map { ($0.rawValue, $0 == .sme ? .sizeSME : .sizeLarge) }
        case "technologyMaturity": TechnologyMaturity.allCases.map { ($0.rawValue, CompanyPages.maturityMessage($0)) }
        case "technologyDisclosure": Disclosure.allCases.map { ($0.rawValue, CompanyPages.disclosureMessage($0)) }
        default: []
        }
        return pairs.isEmpty ? nil : pairs.map { "\($0.0)\(t == .ja ? "＝" : " = ")\(t($0.1))" }.joined(separator: separator)
    }

    /// The checked file's name, encoding, rows and bad rows, then the import's own `counts`.
    static func importSummary(
        _ t: Language, filename: String?, encoding: CSVEncoding, rows: Int, errors: [CSVRowError], counts: [(label: Message, figure: Int)]
    ) -> [HTML] {
        let figures = [(Message.importRows, rows), (.importBadRows, Set(errors.map(\.line)).count)] + counts
        return [
            el("h2", [], t(.importChecked, filename ?? "")),
            el("dl", [attr("class", "summary-list")], [el("dt", [], t(.importEncoding)), el("dd", [], encodingName(encoding, t))]
                + figures.flatMap { label, figure in [el("dt", [], t(label)), el("dd", [], t.number(figure))] }),
        ]
    }

    /// The summary at the top of a refused file: nothing was written.
    static func importRefused(_ t: Language) -> HTML {
        el("div", [attr("class", "error-summary"), attr("role", "alert")], [el("h2", [], t(.importHasErrors)), el("p", [], t(.importNothingWritten))])
    }

    /// Every bad row (the first 500) by line and column, worded by the import's `message`.
    static func importRowErrors(_ t: Language, _ errors: [CSVRowError], message: (CSVRowError, Language) -> String) -> HTML {
        Table.make(
            caption: t(.importRowErrors, t.number(errors.count)), headers: [t(.importLine), t(.importColumn), t(.importProblem)], numeric: [0], compact: [1],
            // polish27: stacked on a phone, where a long column name kept whole (technologyTaxonomyCodes) pushed the problem out of sight.
            stacked: true,
            rows: errors.prefix(500).map { [.text(t.number($0.line)), el("code", [], $0.column), .text(message($0, t))] })
    }

    /// The confirm button of a clean file: the file goes back in base64 for the real import, with the
    /// import's own hidden `fields` (the attendance report's source and session).
    static func importConfirmForm(_ request: ConsoleRequest, action: String, file: [UInt8], fields: [HTML] = [], button: String) -> HTML {
        el("form", [attr("method", "post"), attr("action", action), attr("enctype", "multipart/form-data")], [Layout.csrfField(request)] + fields + [
            .void("input", [attr("type", "hidden"), attr("name", "content"), attr("value", Data(file).base64EncodedString())]),
            el("button", [attr("type", "submit")], button),
        ])
    }

    /// The file a confirm form sent back; anything else is a 400 page.
    static func confirmedFile(_ request: ConsoleRequest) throws -> [UInt8] {
        guard let content = request.formValue("content"), let bytes = Data(base64Encoded: content), !bytes.isEmpty,
              bytes.count <= importFileLimit else { throw ConsoleError.badRequest }
        return Array(bytes)
    }

    /// A file refused as a whole (its header, its size, its encoding), or the rows a real run refused
    /// (`line N: column`), each worded in the reader's language where the console knows the problem
    /// (`rowMessage`: the import's own wording of a row's problem).
    func importFileProblems(
        _ request: ConsoleRequest, _ problem: Problem, rowMessage: (CSVRowError, Language) -> String
    ) -> [HTML] {
        let t = request.language
        let errors = problem.errors ?? []
        return [
            el("h2", [], t(.importFileRefused)),
            errors.isEmpty ? el("p", [], t(.badRequestMessage)) : Table.make(
                caption: t(.importFileRefused), captionShown: false, headers: [t(.importWhere), t(.importProblem)], numeric: [], compact: [0], stacked: true,
                rows: errors.prefix(200).map { error in
                    if error.field.hasPrefix("line "), let colon = error.field.firstIndex(of: ":"), let line = Int(error.field.dropFirst(5).prefix { $0 != ":" }) {
                        let column = String(error.field[error.field.index(after: colon)...]).trimmed
                        let row = CSVRowError(line: line, column: column, message: error.message)
                        return [.text(t(.importWhereLine, t.number(line)) + " " + column), .text(rowMessage(row, t))]
                    }
                    let (place, message) = Self.fileMessage(error, t)
                    return [.text(place), .text(message)]
                }),
        ]
    }
}
