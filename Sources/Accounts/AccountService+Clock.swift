public import FoundationEssentials

extension AccountService {
    /// The service's injected clock, for the console's session times until the application's own
    /// programme clock is wired everywhere.
    public var now: Date { clock() }
}
