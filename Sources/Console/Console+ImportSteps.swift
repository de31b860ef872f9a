import DomainKit
import FoundationEssentials
import HTTPServer

/// The parts every import's pages show (needs, registrations, companies): the dry run's summary, the
/// refusal, the bad rows, the confirm form that sends the checked file back, and reading that file again.
extension Console {
    /// The checked file's name, encoding, rows and bad rows, then the import's own `counts`.
    static func importSummary(
        _ t: Language, filename: String?, encoding: CSVEncoding, rows: Int, errors: [CSVRowError], counts: [(label: Message, figure: Int)]
    ) -> [HTML] {
        let figures = [(Message.importRows, rows), (.importBadRows, Set(errors.map(\.line)).count)] + counts
        return [
            el("h2", [], t(.importChecked, filename ?? "")),
            el("dl", [attr("class", "summary-list")], [el("dt", [], t(.importEncoding)), el("dd", [], encodingName(encoding))]
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
}
