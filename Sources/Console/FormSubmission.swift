import DomainKit
import EventIO
import FoundationEssentials
import HTTPServer

/// A form is sent once (docs/console.md): every signed-in form carries a one-time submission id, made
/// when the form is rendered. The first POST with an id claims it for the signed-in user and its answer
/// is kept; a repeat (a double click, a reload of the answer page) gets that answer again instead of
/// creating a second record. The rows are the API's `Idempotency-Key` records, under keys of their own.
enum FormSubmission {
    static let field = "_submission"
    /// Keys in `idempotency_keys` are the user's; a space cannot occur in an `Idempotency-Key` (visible
    /// ASCII only), so no API key can claim or replay a form's answer.
    static let keyPrefix = "console "
    /// How long a repeat waits for the first sending to finish before it says it is still running:
    /// long enough for any create form, short enough that nobody stares at a spinning tab. A time, not
    /// a count of looks: on a loaded database each look can take long, and fifty of them outlasted the
    /// server's handler timeout, so the person got a 503 instead of this page.
    static let waitLimit: Duration = .seconds(5)
    static let waitStep: Duration = .milliseconds(100)

    /// 128 random bits, not the clock: two forms rendered in the same instant must not share an id.
    static func newID() -> String { Console.randomToken() }

    /// What a repeat of a page's POST gets.
    enum Repeat: Sendable {
        /// The first sending's answer: its redirect, or its page.
        case replaysAnswer
        /// The page at the same path, freshly read: for an answer that shows a secret once (a new API
        /// key), which must not be kept in the database.
        case reopensPage
        /// Every POST runs: one page sends the same form many times on purpose (the check-in desk's
        /// script posts its form once per scanned code); checking in twice is harmless.
        case runsEachTime
    }

    static func isWellFormed(_ id: String) -> Bool {
        id.utf8.count == 32 && id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}

extension Console {
    /// Runs a signed-in POST once per submission id. A form without one (a page rendered before ids
    /// existed) runs as before. An answer is kept only when the request succeeded (below 400): a
    /// validation error or a failure releases the id, so correcting the form and sending again runs —
    /// and the re-rendered form carries a new id anyway.
    func submitOnce(_ page: Page, _ request: ConsoleRequest) async throws -> HTTPResponse {
        guard page.repeated != .runsEachTime, let session = request.session, let id = request.formValue(FormSubmission.field) else {
            return try await page.handler(self, request)
        }
        guard FormSubmission.isWellFormed(id) else { throw ConsoleError.badRequest }
        let key = FormSubmission.keyPrefix + id, user = session.principal.userID
        // The id belongs to one form, so the path is the request's identity; the fields may differ
        // (a second click after an edit) and still get the first sending's answer.
        let fingerprint = Data(("POST " + request.http.path).utf8)
        var claim = try await submissions.claim(userID: user, key: key, fingerprint: fingerprint)
        let waitEnds = Deadline.after(FormSubmission.waitLimit)
        while true {
            switch claim {
            case .claimed:
                return try await runClaimed(page, request, user: user, key: key)
            case .answered(let answer):
                var headers: HTTPHeaders = [:]
                for (name, value) in answer.headers { headers[name] = value }
                return HTTPResponse(status: HTTPStatus(code: answer.status), headers: headers, body: answer.body)
            case .differentRequest:
                throw ConsoleError.badRequest
            case .running:
                guard !waitEnds.hasPassed else {
                    let t = request.language
                    return Layout.page(request, status: .conflict, title: t(.submissionRunningTitle), section: nil, [
                        el("p", [], t(.submissionRunningMessage)),
                    ])
                }
                try await EventLoop.sleep(for: FormSubmission.waitStep)
                // No row any more: the first sending failed and let go of the id, so this one runs.
                if let now = try await submissions.answer(userID: user, key: key, fingerprint: fingerprint) {
                    claim = now
                } else {
                    claim = try await submissions.claim(userID: user, key: key, fingerprint: fingerprint)
                }
            }
        }
    }

    private func runClaimed(_ page: Page, _ request: ConsoleRequest, user: UUID, key: String) async throws -> HTTPResponse {
        let response: HTTPResponse
        do {
            response = try await page.handler(self, request)
        } catch {
            await submissions.release(userID: user, key: key)
            throw error
        }
        guard response.status.code < 400, case .bytes(let body) = response.body else {
            await submissions.release(userID: user, key: key)
            return response
        }
        let kept: IdempotencyRecords.Answer
        if page.repeated == .reopensPage, response.status != .seeOther {
            kept = IdempotencyRecords.Answer(status: HTTPStatus.seeOther.code, headers: ["Location": request.http.path], body: [])
        } else {
            var headers: [String: String] = [:]
            for name in ["Content-Type", "Location"] { headers[name] = response.headers[name] }
            kept = IdempotencyRecords.Answer(status: response.status.code, headers: headers, body: body)
        }
        await submissions.finish(userID: user, key: key, answer: kept)
        return response
    }
}
