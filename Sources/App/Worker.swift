import Dispatch
import FoundationEssentials
import Glibc
import EventIO
import HTTPServer
public import Jobs
import Conventions
import DomainKit
import Companies
import Coordinators
import KPI
import Mail
import Matches
import Notifications
import Postgres

extension Application {
    /// Every job kind this deployment runs, by kind. Modules add theirs here when they land (the KPI
    /// recount, notification delivery); docs/jobs.md says how.
    public var jobHandlers: JobHandlers {
        var handlers = JobHandlers()
        BuiltInJobs.register(into: &handlers)
        WebhookDelivery.register(into: &handlers, secretsKey: configuration.secretsKey, clock: clock)
        OverdueDigest.register(into: &handlers, clock: clock)
        KPIRecount.register(into: &handlers, clock: clock)
        ChangeFeedPrune.register(into: &handlers)
        IdempotencyPrune.register(into: &handlers)
        AccountsPrune.register(into: &handlers, accounts: accounts, companies: CompanyService(pool: pool, clock: clock), clock: clock)
        MailDelivery.register(into: &handlers, configuration: configuration.mail, clock: clock)
        ConventionReminders.register(into: &handlers, service: conventions)
        ConventionRetention.register(into: &handlers, service: conventions)
        return handlers
    }

    /// Periodic jobs of this deployment. `DOMINO_PROBE_EVERY_SECONDS` adds a periodic probe (an
    /// operator's check that exactly one worker runs each period; the tests use it too).
    public func periodicJobs(environment: [String: String]) throws(ConfigurationError) -> [PeriodicJob] {
        var periodic = [BuiltInJobs.nightlyPrune, OverdueDigest.daily, KPIRecount.nightly, ChangeFeedPrune.nightly, ConventionReminders.daily,
                        ConventionRetention.daily, IdempotencyPrune.nightly, AccountsPrune.nightly]
        if let text = environment["DOMINO_PROBE_EVERY_SECONDS"], !text.isEmpty {
            guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                throw ConfigurationError(variable: "DOMINO_PROBE_EVERY_SECONDS", message: "must be a whole number from 1 to 86400")
            }
            periodic.append(BuiltInJobs.periodicProbe(every: .seconds(seconds)))
        }
        return periodic
    }

    /// The worker of this process, logging through the application's log.
    public func makeWorker(_ configuration: WorkerConfiguration, periodicJobs: [PeriodicJob]) -> JobWorker {
        let log = log
        return JobWorker(pool: pool, configuration: configuration, handlers: jobHandlers, periodicJobs: periodicJobs, clock: clock) { isError, message, fields in
            log(isError ? .error : .info, message, fields)
        }
    }
}

/// Delivers SIGTERM and SIGINT as an async sequence. The signals are received by a DispatchSource on
/// Dispatch's own thread, never by a handler on the cooperative pool; the default action is disabled.
struct TerminationSignals {
    let stream: AsyncStream<Int32>
    private let sources: [any DispatchSourceSignal]

    init(_ signals: [Int32] = [SIGTERM, SIGINT]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        self.stream = stream
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
    }
}

extension DominoCommandLine {
    /// The worker's settings. A bad one stops start-up as every other setting does, naming the variable
    /// (`WORKER_CONCURRENCY must be …`), not with the API's "The request has invalid fields.".
    public static func workerConfiguration(environment: [String: String]) throws(ConfigurationError) -> WorkerConfiguration {
        do {
            return try WorkerConfiguration(environment: environment)
        } catch {
            guard case .invalid(let errors) = error, let first = errors.first else {
                throw ConfigurationError(variable: "WORKER_*", message: "cannot be used: \(error.problem.detail)")
            }
            let others = errors.dropFirst().map { "; \($0.field) \($0.message)" }.joined()
            throw ConfigurationError(variable: first.field, message: first.message + others)
        }
    }

    /// `domino worker`: runs jobs until SIGTERM, then stops claiming and drains within the grace period.
    /// `domino dev`: the same worker and the HTTP server in one process, for local use.
    static func work(_ application: Application, environment: [String: String], serveToo: Bool) async throws {
        let configuration = try workerConfiguration(environment: environment)
        let worker = application.makeWorker(configuration, periodicJobs: try application.periodicJobs(environment: environment))
        let signals = TerminationSignals()
        defer { signals.cancel() }
        let server = serveToo ? application.makeServer() : nil
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await worker.run() }
            if let server {
                group.addTask { try await server.run() }
                let port = try await application.waitUntilListening(server)
                application.log(.info, "listening", ["host": application.configuration.host, "port": "\(port)"])
            }
            let received = signals.stream
            group.addTask {
                for await _ in received {
                    application.log(.info, "stopping", ["worker.id": configuration.id])
                    worker.stop()
                    await server?.shutdown(deadline: .after(application.configuration.shutdownGrace))
                    return
                }
            }
            // The first to end (the worker after stop(), or a failure) ends the others.
            try await group.next()
            worker.stop()
            await server?.shutdown(deadline: .after(application.configuration.shutdownGrace))
            try await group.next()
            group.cancelAll()
        }
        application.pool.close()
        application.log(.info, "stopped")
    }
}
