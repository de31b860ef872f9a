import Accounts
import Cities
import Companies
import Console
import Coordinators
import DomainKit
import FoundationEssentials
import HTTPServer
import Jobs
import Mail
import KPI
import Matches
import Notifications

extension Application {
    /// The web console on the same services as the API routes, given the API's route table so that
    /// each console page admits only the roles the API operations it calls admit.
    func makeConsole(apiRoutes: [Route]) -> Console {
        let cities = CityService(pool: pool, clock: clock)
        let companies = CompanyService(pool: pool, clock: clock)
        let services = Console.Services(
            accounts: accounts, cities: cities, companies: companies,
            coordinators: CoordinatorService(pool: pool, cities: cities, companies: companies, clock: clock),
            matches: MatchService(pool: pool, index: matchIndex, clock: clock), kpi: KPIService(pool: pool, clock: clock),
            conventions: conventions, revenue: RevenueLedger(pool: pool, clock: clock), jobs: JobAdmin(pool: pool, clock: clock),
            notifications: NotificationService(pool: pool, secretsKey: configuration.secretsKey), mail: MailDeliveryLog(pool: pool, clock: clock))
        let log = log
        return Console(services: services, pool: pool, apiRoutes: apiRoutes, clock: clock, trustProxy: configuration.trustProxy, publicURL: configuration.publicURL) { error, requestID in
            if let limit = TimeLimit.reached(by: error) {
                log(.warning, "request stopped by a time limit", [
                    "request.id": requestID, "time_limit": limit.rawValue, "error": String(describing: error), "console": "true",
                ])
            } else {
                log(.error, "unhandled error: a bug", ["request.id": requestID, "error": String(describing: error), "console": "true"])
            }
        }
    }
}
