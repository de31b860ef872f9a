/// Every page of the console, in one table: what `respond` dispatches and what the role matrix test
/// walks. Fixed paths come before the templates that would match them (`/needs/import` before
/// `/needs/{id}`).
extension Console {
    var pages: [Page] {
        sessionPages + passwordResetPages + homePages + needImportPages + needCoveragePages + needPages + leadPipelinePages + leadExportPages + leadHandOverPages + leadPages + companyListPages + companyImportPages + companyCreatePages + companyPages + kpiPages + userPages
            + decisionPages + leadTeamPages + knowledgePages + knowledgeNotePages + companyEditPages + capabilityRemovalPages + kpiRecordPages + userAdminPages
            + publicPages + companyApplicationPages + companyApplicationReviewPages + cancelPages + conventionPages + meetingPages + kpiTargetPages + revenuePages + kpiSettingsPages + kpiClosePages
            + accountPages
            + adminPages + coordinatorProfilePages + jobPages + auditPages + mailLogPages + webhookPages + kpiSnapshotPages
            + cityPages + cityRecordPages + policyDialoguePages + liaisonBasePages + universityPages
            // console13: the company directory (its fixed paths, /companies/import and /companies/export.csv, come before `/companies/{id}`)
            + companyMergePages
            + matchCreatePages + matchRecordPages + leadListPages + leadEditPages + leadPartnerPages
    }
}
