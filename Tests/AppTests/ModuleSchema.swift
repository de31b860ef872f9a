/// Which module owns each table, view and function in the schema, what it publishes to the others, and
/// which of its tables others may watch with a trigger (issue 18, item 1). `ModuleBoundaryTests` reads
/// the live schema and every module's SQL against this table; a relation nobody owns fails the test,
/// so a new table is declared here by the change that adds it.
///
/// The rules it enforces (docs/architecture.md, "Who owns which table"):
/// - a module's SQL (Swift sources, its views and its functions) names only its own relations, the
///   views and functions other modules publish, and DomainKit's shared kernel (`taxonomy`, the audit
///   trail, the fiscal-year rule, the idempotency records), which every module depends on in Package.swift;
/// - a trigger on a module's table runs that module's function, DomainKit's audit, or the function of
///   a module the owner lists as a watcher of that table (`changeFeeds`).
struct ModuleSchema {
    let module: String
    var tables: Set<String> = []
    /// Views others may read (every view is published; a module keeps private queries in its Swift).
    var views: Set<String> = []
    /// Functions others may call or attach as triggers where `changeFeeds` allows.
    var functions: Set<String> = []
    /// Table → the modules whose triggers may watch it.
    var changeFeeds: [String: Set<String>] = [:]

    var relations: Set<String> { tables.union(views).union(functions) }

    /// The shared kernel: every module depends on DomainKit, so its relations are a dependency, not a reach.
    static let kernel = "DomainKit"

    static let all: [ModuleSchema] = [
        ModuleSchema(
            module: "DomainKit", tables: ["audit_log", "taxonomy", "idempotency_keys"],
            functions: [
                "audit_row_change", "audit_rows_inserted", "audit_text", "audit_previous_follows_changes", "audit_restore", "audit_restorable", "audit_id_type",
                "taxonomy_expand", "taxonomy_search_terms", "fiscal_year_of", "search_fold", "kana_fold", "gojuon_key", "gojuon_levels", "reading_order",
            ]),
        ModuleSchema(module: "Postgres", tables: ["schema_migrations"]),
        ModuleSchema(
            module: "Accounts", tables: ["users", "auth_tokens", "login_attempts", "password_reset_tokens", "password_reset_requests"], functions: ["account_roles", "auth_change_notify", "account_organizer_by_email", "account_names"]),
        ModuleSchema(
            module: "Cities", tables: ["overseas_cities", "policy_dialogues", "liaison_bases", "city_needs", "local_partner_companies"],
            views: ["published_cities", "published_needs", "published_liaison_bases", "published_local_partners"]),
        ModuleSchema(
            module: "Companies", tables: ["companies", "company_technologies", "company_track_records", "company_applications"],
            views: ["published_companies", "published_company_technologies", "published_company_track_records"],
            functions: [
                "companies_refresh_search", "companies_repoint_references", "companies_search_row", "company_duplicates", "company_name_key",
                "company_technologies_search_deleted", "company_technologies_search_inserted", "company_technologies_search_updated",
                "company_technology_search", "company_technology_search_many", "corporate_number_is_valid", "search_form",
                "company_reading_order",
            ],
            // The matching index follows every change to a company's profile (docs/matching.md, "Freshness").
            changeFeeds: ["companies": ["Matches"], "company_technologies": ["Matches"], "company_track_records": ["Matches"]]),
        ModuleSchema(
            module: "Coordinators",
            tables: [
                "coordinators", "leads", "lead_needs", "lead_stage_history", "lead_companies", "lead_local_partners", "lead_activities",
                "knowledge_notes",
            ],
            views: ["published_leads", "published_lead_companies", "published_lead_stage_history"],
            // KPI ① is counted from commercialised leads (docs/kpi.md).
            changeFeeds: ["leads": ["KPI"], "lead_stage_history": ["KPI"]]),
        ModuleSchema(
            module: "Matches",
            tables: [
                "matching_company_changes", "matching_company_pruned_changes", "matching_change_feed_floor", "need_company_decisions",
                "matches", "match_status_history",
            ],
            views: ["published_matches", "published_match_status_history"],
            functions: ["matching_note_companies_inserted", "matching_note_company_change", "matching_note_technologies_inserted"],
            // KPI ② is counted from liaison-base matches; a won match is a track record for the index.
            changeFeeds: ["matches": ["KPI"], "match_status_history": ["KPI"]]),
        ModuleSchema(
            module: "Conventions",
            tables: [
                "universities", "university_campuses", "events", "event_sessions", "participants", "registrations", "check_ins",
                "meeting_requests",
            ],
            views: ["published_events", "published_registrations", "published_attendance"],
            // Whether a participant studies at a campus in Yokohama (KPI ④ counts them).
            functions: ["kpi_yokohama_student"],
            // KPIs ③ and ④ are counted from check-ins at conventions and programme events.
            changeFeeds: [
                "events": ["KPI"], "registrations": ["KPI"], "check_ins": ["KPI"], "participants": ["KPI"], "universities": ["KPI"],
                "university_campuses": ["KPI"],
            ]),
        ModuleSchema(
            module: "Jobs", tables: ["jobs", "periodic_job_periods", "job_probe_runs"], functions: ["enqueue_job", "job_waiting"]),
        ModuleSchema(module: "Notifications", tables: ["notification_endpoints", "notification_deliveries"]),
        ModuleSchema(module: "Mail", tables: ["mail_outbox", "mail_delivery_attempts"]),
        ModuleSchema(
            module: "KPI",
            tables: [
                "kpi_definitions", "kpi_targets", "kpi_counts", "kpi_snapshots", "kpi_settings", "kpi_closes", "kpi_reported",
                "kpi_restatements", "kpi_alerts", "kpi_recount_starts", "revenue_entries",
            ],
            views: ["kpi_records"],
            functions: [
                "kpi_enqueue_recount", "kpi_fiscal_year_closed", "kpi_recount", "kpi_recount_unless_superseded", "kpi_touch", "kpi_touch_all_years",
                "kpi_touch_check_ins",
                "revenue_entries_append_only",
            ]),
        ModuleSchema(module: "Console", tables: ["console_sessions", "console_public_attempts"]),
    ]

    /// Relation or function name → its owner.
    static let owners: [String: String] = {
        var owners: [String: String] = [:]
        for schema in all {
            for name in schema.relations { owners[name] = schema.module }
        }
        return owners
    }()

    static func named(_ module: String) -> ModuleSchema? { all.first { $0.module == module } }

    /// Whether `module` may name `relation` in its SQL.
    static func mayReference(_ relation: String, from module: String) -> Bool {
        guard let owner = owners[relation], owner != module, owner != kernel else { return true }
        guard let schema = named(owner) else { return false }
        return schema.views.contains(relation) || schema.functions.contains(relation)
    }
}
