import Accounts
import Companies
import DomainKit
import Jobs
import Mail

/// The `accounts.prune` job: nightly, deletes login attempts past the throttle window (successes are
/// kept while they make an address known) and session tokens past their expiry. Both are measured on
/// the programme clock, the one that stamped and checks them; without it both tables only grew. Also the unconfirmed
/// applications to join whose confirmation link has expired (signup31): nobody confirmed the address; and the applicant of
/// decided applications a year after the decision (cap34, `CompanyService.decidedApplicationRetention`); and whom the outbox's
/// finished messages went to and what they said, 90 days after they finished (ops35, `Mail.retention`).
enum AccountsPrune {
    static let kind = "accounts.prune"
    static let batch = 10_000

    /// Every night at 03:40 in Japan, between the job queue's prune and the idempotency records'.
    static let nightly = PeriodicJob(name: kind, schedule: .dailyInJapan(hour: 3, minute: 40)) { _ in
        NewJob(kind: kind, maxAttempts: 3)
    }

    static func register(into handlers: inout JobHandlers, accounts: AccountService, companies: CompanyService, clock: ProgrammeClock) {
        handlers.register(kind) { context in
            try await accounts.pruneLoginAttempts()
            // Batches, each its own statement, so locks stay short.
            while try await accounts.pruneExpiredSessions(batch: batch) > 0 {}
            try await companies.pruneUnconfirmedApplications(now: clock.now())
            try await companies.anonymiseDecidedApplications(now: clock.now())
            try await Mail.clearFinished(now: clock.now(), pool: context.pool)
        }
    }
}
