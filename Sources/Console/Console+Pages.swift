/// Every page of the console, in one table: what `respond` dispatches and what the role matrix test
/// walks.
extension Console {
    var pages: [Page] {
        sessionPages + homePages + needPages + leadPages + companyPages + kpiPages + userPages + publicPages + cancelPages + conventionPages
    }
}
