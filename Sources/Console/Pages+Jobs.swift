import Accounts
import DomainKit
import FoundationEssentials
import HTTPServer
import Jobs

/// The background jobs (`listJobs`, `getJob`, `retryJob`, `cancelJob`, `dismissJob`, `dismissJobs`; docs/jobs.md): the
/// queue by state and dismissal, discarded jobs dismissed from the list several at once, a job's page with its attempts
/// and last error, and retry, cancel or dismiss offered only in the states the queue allows them. An action someone
/// overtook (the job's state changed since the page was shown, or someone dismissed it first) is the job's page again
/// with a 409 and the state now; nothing is changed.
extension Console {
    /// How many jobs a page lists; the pager's next link says the same number (`Layout.pager`).
    static let jobPageSize = 50

    var jobPages: [Page] {
        [
            Page(.get, "/jobs", operations: ["listJobs"]) { console, request in try await console.jobList(request) },
            Page(.post, "/jobs/dismissed", operations: ["listJobs", "dismissJobs"], lists: ["id", "shown"]) { console, request in try await console.dismissJobs(request) },
            Page(.get, "/jobs/{id}", operations: ["getJob"]) { console, request in try await console.jobPage(request, refused: nil) },
            Page(.post, "/jobs/{id}/retry", operations: ["getJob", "retryJob"]) { console, request in try await console.changeJob(request, .retry) },
            Page(.post, "/jobs/{id}/cancel", operations: ["getJob", "cancelJob"]) { console, request in try await console.changeJob(request, .cancel) },
            Page(.post, "/jobs/{id}/dismiss", operations: ["getJob", "dismissJob"]) { console, request in try await console.changeJob(request, .dismiss) },
        ]
    }

    /// What an administrator does to a job from its page: the service call, the button's words, the flag of the answer page.
    enum JobAction: String {
        case retry, cancel, dismiss

        var button: Message {
            switch self {
            case .retry: .retryJob
            case .cancel: .cancelJob
            case .dismiss: .dismissJob
            }
        }

        var done: (flag: String, message: Message) {
            switch self {
            case .retry: ("retried", .jobRetried)
            case .cancel: ("cancelled", .jobCancelled)
            case .dismiss: ("dismissed", .jobDismissed)
            }
        }
    }

    /// States in which the queue accepts a retry, and a cancel (JobAdminStore's WHERE clauses).
    static let retryableStates: Set<JobState> = [.retryable, .discarded, .cancelled]
    static let cancellableStates: Set<JobState> = [.available, .retryable, .running]

    /// The list's filters and page as the query holds them: the list's GET, and the POST that dismisses from it (its
    /// action carries them, so the answer is the same page of the same list).
    private struct JobListFilter {
        let state: JobState?
        let dismissed: Bool?
        let cursor: String?

        init(_ request: ConsoleRequest) throws {
            state = try request.choice("state", JobState.init(rawValue:))
            dismissed = try request.choice("dismissed") { ["true": true, "false": false][$0] }
            cursor = request.query("cursor")
        }

        var query: [(String, String?)] { [("state", state?.rawValue), ("dismissed", dismissed.map(String.init))] }
        var queryOnPage: [(String, String?)] { query + [("cursor", cursor)] }
    }

    func jobList(_ request: ConsoleRequest) async throws -> HTTPResponse {
        try await jobList(request, refusal: nil, status: .ok)
    }

    /// The list; discarded jobs not dismissed can be chosen on it, or all of them shown at once, and dismissed (ops34), as
    /// the mail log marks undelivered mail.
    private func jobList(_ request: ConsoleRequest, refusal: MarkRefusal?, status: HTTPStatus) async throws -> HTTPResponse {
        let t = request.language
        let filter = try JobListFilter(request)
        let page = try await services.jobs.jobs(
            JobFilter(state: filter.state, dismissed: filter.dismissed), limit: Self.jobPageSize, cursor: filter.cursor, by: try request.principal)
        var content: [HTML] = [el("p", [attr("class", "explain")], t(.jobsIntro))]
        if let count = request.query("dismissedJobs").flatMap(Int.init), count > 0 {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(.jobsDismissed, t.number(count))))
        }
        if let notice = refusal?.notice { content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], notice)) }
        content.append(Form.errorSummary(request, refusal?.fieldErrors ?? []))
        content.append(el("form", [attr("method", "get"), attr("action", "/jobs"), attr("class", "inline-form")], [
            Form.select(name: "state", label: t(.jobState), options: [("", t(.coordinatorAnyStatus))] + JobState.allCases.map { ($0.rawValue, t(Self.jobStateMessage($0))) },
                        selected: filter.state?.rawValue ?? ""),
            Form.select(name: "dismissed", label: t(.jobDismissedFilter),
                        options: [("", t(.coordinatorAnyStatus)), ("false", t(.jobNotDismissed)), ("true", t(.jobDismissedState))],
                        selected: filter.dismissed.map(String.init) ?? ""),
            el("button", [attr("type", "submit")], t(.showJobs)),
        ]))
        let dismissable = page.items.filter(Self.mayBeDismissed)
        let chosen = request.formValues("id")
        let table: HTML = page.items.isEmpty ? el("p", [], t(.noJobs)) : Table.make(
            caption: t(.jobsTitle), captionShown: false,
            headers: [t(.jobNumber), t(.jobKind), t(.jobState), t(.jobAttempts), t(.jobRunAt)] + (dismissable.isEmpty ? [] : [t(.jobDismissedFilter)]),
            numeric: [0, 3], compact: [2, 4], stacked: true,
            rows: page.items.map { job in
                let stateName = t(Self.jobStateMessage(job.state))
                return [el("a", [attr("href", "/jobs/\(job.id)")], "#\(job.id)"), .text(job.kind),
                        .text(job.dismissedAt == nil ? stateName : t(.jobDismissedMark, stateName)),
                        .text(t(.jobAttemptsValue, t.number(job.attempts), t.number(job.maxAttempts))), .text(Self.when(job.runAt, t))]
                    + (dismissable.isEmpty ? [] : [dismissCell(job, chosen: chosen, t)])
            })
        let pager = Layout.pager(request, size: Self.jobPageSize, next: Layout.nextListHref("/jobs", cursor: page.nextCursor, filter.query))
        guard !dismissable.isEmpty else {
            content.append(table)
            content += pager
            return Layout.page(request, status: status, title: t(.jobsTitle), section: .admin, content)
        }
        // One form around the list: the rows' checkboxes and the two ways to send it (the chosen rows, or every
        // dismissable row shown, named by hidden fields so the page dismisses exactly what it showed).
        let chooseError = refusal?.fieldErrors.first { $0.field == "dismiss-choice" }?.message
        content.append(el("form", [attr("method", "post"), attr("action", Layout.listHref("/jobs/dismissed", filter.queryOnPage)), attr("id", "dismiss-choice")], [
            Layout.csrfField(request),
            chooseError.map { el("p", [attr("class", "field-error")], $0) } ?? .fragment([]),
            table,
            .fragment(dismissable.map { .void("input", [attr("type", "hidden"), attr("name", "shown"), attr("value", String($0.id))]) }),
            el("p", [attr("class", "hint"), attr("id", "dismiss-hint")], t(.jobDismissHint)),
            el("div", [attr("class", "actions")], [
                el("button", [attr("type", "submit"), attr("name", "dismiss"), attr("value", "chosen"), attr("aria-describedby", "dismiss-hint")],
                   t(.jobsDismissChosen)),
                el("button", [attr("type", "submit"), attr("name", "dismiss"), attr("value", "shown"), attr("class", "secondary"),
                              attr("aria-describedby", "dismiss-hint")], t(.jobsDismissAllShown, t.number(dismissable.count))),
            ]),
        ]))
        content += pager
        return Layout.page(request, status: status, title: t(.jobsTitle), section: .admin, content)
    }

    /// Dismisses the chosen jobs (or every dismissable job the page showed), then the same page of the list again. Nothing
    /// chosen: the list with the message beside the choice (422). A job that moved on since the page was shown (retried,
    /// dismissed by someone else): the list as it is now with why (409); nothing is dismissed.
    func dismissJobs(_ request: ConsoleRequest) async throws -> HTTPResponse {
        let t = request.language
        let filter = try JobListFilter(request)
        let chosen = request.formValue("dismiss") == "shown" ? request.formValues("shown") : request.formValues("id")
        let ids = chosen.compactMap { Int64($0) }
        // The page sends at most a page of numbers; anything else is not this page's form.
        guard chosen.count <= Self.jobPageSize, ids.count == chosen.count else { throw ConsoleError.badRequest }
        var refusal = MarkRefusal()
        guard !ids.isEmpty else {
            refusal.fieldErrors.append(("dismiss-choice", t(.jobsChooseRequired)))
            return try await jobList(request, refusal: refusal, status: HTTPStatus(code: 422))
        }
        do {
            let dismissed = try await services.jobs.dismiss(ids, by: try request.principal)
            return Layout.seeOther(Layout.listHref("/jobs", filter.queryOnPage + [("dismissedJobs", String(dismissed.count))]))
        } catch let error as JobsError {
            switch error {
            case .alreadyDismissed(let id): refusal.notice = t(.jobsDismissAlready, String(id))
            case .wrongState(let id, let state, _): refusal.notice = t(.jobsDismissWrongState, String(id), t(Self.jobStateMessage(state)))
            case .notFound: refusal.notice = t(.jobsDismissGone)
            default: throw error
            }
            return try await jobList(request, refusal: refusal, status: HTTPStatus(code: 409))
        }
    }

    /// A discarded job nobody has dismissed: what the list offers to dismiss (the service's own rule).
    static func mayBeDismissed(_ job: Job) -> Bool {
        job.state == .discarded && job.dismissedAt == nil
    }

    /// A dismissable job's checkbox; nothing for the others.
    private func dismissCell(_ job: Job, chosen: [String], _ t: Language) -> HTML {
        guard Self.mayBeDismissed(job) else { return .text("—") }
        let id = "dismiss-\(job.id)"
        return .fragment([
            .void("input", [attr("type", "checkbox"), attr("id", id), attr("name", "id"), attr("value", String(job.id))]
                + (chosen.contains(String(job.id)) ? [flag("checked")] : [])),
            el("label", [attr("for", id)], [.text(t(.mailChoose)), el("span", [attr("class", "visually-hidden")], " \(t(.jobTitle, String(job.id)))")]),
        ])
    }

    /// A job's page; `refused` is the action someone's change overtook (the 409 answer).
    func jobPage(_ request: ConsoleRequest, refused: JobAction?, status: HTTPStatus = .ok) async throws -> HTTPResponse {
        let t = request.language
        let principal = try request.principal
        let job = try await services.jobs.job(try jobID(request), by: principal)
        var content: [HTML] = [el("p", [], [el("a", [attr("href", "/jobs")], t(.backToJobs))])]
        for action in [JobAction.retry, .cancel, .dismiss] where request.query(action.done.flag) != nil {
            content.append(el("p", [attr("class", "notice success"), attr("role", "status")], t(action.done.message)))
        }
        if let refused {
            // Dismissed by someone else first: the state alone would not say why.
            let why = refused == .dismiss && job.dismissedAt != nil
                ? t(.jobDismissedAlready) : t(.jobActionRefused, t(refused.button), t(Self.jobStateMessage(job.state)))
            content.append(el("p", [attr("class", "notice warning"), attr("role", "alert")], why))
        }
        var dismissal: [HTML] = []
        if let at = job.dismissedAt {
            dismissal = [el("dt", [], t(.jobDismissedState)), el("dd", [], t(.jobDismissedBy, Self.when(at, t), job.dismissedByName ?? "—"))]
        }
        content.append(el("p", [], t(Self.jobStateExplained(job.state), Self.when(job.runAt, t))))
        content.append(el("dl", [attr("class", "summary-list")], [
            el("dt", [], t(.jobKind)), el("dd", [], job.kind),
            el("dt", [], t(.jobQueue)), el("dd", [], job.queue),
            el("dt", [], t(.jobState)), el("dd", [], t(Self.jobStateMessage(job.state))),
            el("dt", [], t(.jobAttempts)), el("dd", [], t(.jobAttemptsValue, t.number(job.attempts), t.number(job.maxAttempts))),
            el("dt", [], t(.jobLastError)), el("dd", [attr("class", "note-body")], job.lastError ?? t(.jobNoError)),
            el("dt", [], t(.jobRunAt)), el("dd", [], Self.when(job.runAt, t)),
            el("dt", [], t(.jobAttemptedAt)), el("dd", [], job.attemptedAt.map { Self.when($0, t) } ?? "—"),
            el("dt", [], t(.jobFinalizedAt)), el("dd", [], job.finalizedAt.map { Self.when($0, t) } ?? "—"),
            .fragment(dismissal),
            el("dt", [], t(.created)), el("dd", [], Self.when(job.createdAt, t)),
            el("dt", [], t(.jobPriority)), el("dd", [], String(job.priority)),
            el("dt", [], t(.jobUniqueKey)), el("dd", [], job.uniqueKey ?? "—"),
            el("dt", [], t(.jobPayload)), el("dd", [], [el("code", [], job.payloadJSON)]),
        ]))
        var actions: [HTML] = []
        if Self.retryableStates.contains(job.state) {
            actions.append(el("form", [attr("method", "post"), attr("action", "/jobs/\(job.id)/retry")], [
                Layout.csrfField(request),
                el("button", [attr("type", "submit")], t(.retryJob)),
            ]))
        }
        if Self.cancellableStates.contains(job.state) {
            actions.append(el("form", [attr("method", "post"), attr("action", "/jobs/\(job.id)/cancel"), attr("data-confirm", t(.confirmCancelJob))], [
                Layout.csrfField(request),
                el("button", [attr("type", "submit"), attr("class", "warning")], t(.cancelJob)),
            ]))
        }
        if job.state == .discarded, job.dismissedAt == nil {
            actions.append(el("form", [attr("method", "post"), attr("action", "/jobs/\(job.id)/dismiss")], [
                Layout.csrfField(request),
                el("p", [attr("class", "hint"), attr("id", "dismiss-hint")], t(.jobDismissHint)),
                el("button", [attr("type", "submit"), attr("class", "secondary"), attr("aria-describedby", "dismiss-hint")], t(.dismissJob)),
            ]))
        }
        if !actions.isEmpty { content.append(el("div", [attr("class", "actions")], actions)) }
        return Layout.page(request, status: status, title: t(.jobTitle, String(job.id)), section: .admin, content)
    }

    /// The queue changes a job only from a state that allows the action (one UPDATE whose WHERE names
    /// them), so a job that moved on since the page was shown is refused there and explained here.
    func changeJob(_ request: ConsoleRequest, _ action: JobAction) async throws -> HTTPResponse {
        let id = try jobID(request)
        let principal = try request.principal
        do {
            switch action {
            case .retry: _ = try await services.jobs.retry(id, by: principal)
            case .cancel: _ = try await services.jobs.cancel(id, by: principal)
            case .dismiss: _ = try await services.jobs.dismiss(id, by: principal)
            }
            return Layout.seeOther("/jobs/\(id)?\(action.done.flag)=1")
        } catch let error as JobsError {
            switch error {
            case .wrongState, .uniqueKeyTaken, .alreadyDismissed:
                return try await jobPage(request, refused: action, status: HTTPStatus(code: 409))
            default:
                throw error
            }
        }
    }

    private func jobID(_ request: ConsoleRequest) throws(ConsoleError) -> Int64 {
        guard let text = request.parameters["id"], let id = Int64(text), id > 0 else { throw ConsoleError.notFound }
        return id
    }

    /// A date and its time of day in Japan (jobs run by the minute, so the day alone says too little).
    static func when(_ instant: Date, _ t: Language) -> String {
        "\(t.date(instant)) \(GuestPages.clock(instant))"
    }

    static func jobStateMessage(_ state: JobState) -> Message {
        switch state {
        case .available: .jobStateAvailable
        case .running: .jobStateRunning
        case .retryable: .jobStateRetryable
        case .completed: .jobStateCompleted
        case .discarded: .jobStateDiscarded
        case .cancelled: .jobStateCancelled
        }
    }

    /// What the state means for the reader, in a sentence ({0}: when it runs).
    static func jobStateExplained(_ state: JobState) -> Message {
        switch state {
        case .available: .jobAvailableExplained
        case .running: .jobRunningExplained
        case .retryable: .jobRetryableExplained
        case .completed: .jobCompletedExplained
        case .discarded: .jobDiscardedExplained
        case .cancelled: .jobCancelledExplained
        }
    }
}
