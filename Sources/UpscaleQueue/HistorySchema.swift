import GRDB

/// The history's tables, built by versioned migrations: a new version appends a migration,
/// never edits a shipped one.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "job") { t in
                // The row id doubles as the FIFO sequence.
                t.autoIncrementedPrimaryKey("seq")
                t.column("id", .text).notNull().unique()
                t.column("source_path", .text).notNull()
                t.column("image_digest", .text).notNull()
                t.column("request_json", .text).notNull()
                t.column("dedup_key", .text).indexed()
                t.column("endpoint_json", .text).notNull()
                t.column("output_dir", .text).notNull()
                t.column("state", .text).notNull()
                t.column("state_detail", .text)
                t.column("failure_json", .text)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                // The answer as received: its URLs let a restart finish the downloads.
                t.column("answer_json", .text)
                t.column("submitted_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("sent_at", .datetime)
                t.column("answered_at", .datetime)
                // The session (process) working on the job; see SessionLock.
                t.column("owner", .text)
            }
            try db.create(index: "job_state_owner", on: "job", columns: ["state", "owner"])
            try db.create(table: "transition") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("job_id", .text).notNull().indexed().references("job", column: "id", onDelete: .cascade)
                t.column("state", .text).notNull()
                t.column("detail", .text)
                t.column("at", .datetime).notNull()
            }
            try db.create(table: "result") { t in
                t.column("job_id", .text).notNull().references("job", column: "id", onDelete: .cascade)
                t.column("idx", .integer).notNull()
                t.primaryKey(["job_id", "idx"])
                t.column("seed", .integer).notNull()
                t.column("prompt", .text).notNull()
                t.column("resolution", .text).notNull()
                t.column("url", .text)
                t.column("outcome", .text).notNull()
                t.column("path", .text)
                t.column("sidecar_path", .text)
                t.column("bytes", .integer)
                t.column("format", .text)
                t.column("status", .integer)
                t.column("detail", .text)
            }
        }
        // Times were GRDB's text dates (`yyyy-MM-dd HH:mm:ss.SSS`, UTC); from v2 on they are integer
        // milliseconds since 1970 (`HistoryTime`), which need no parser to read.
        migrator.registerMigration("v2-times-as-milliseconds") { db in
            let columns = [("job", "submitted_at"), ("job", "updated_at"), ("job", "sent_at"), ("job", "answered_at"),
                           ("\"transition\"", "at")]
            for (table, column) in columns {
                try db.execute(sql: """
                    UPDATE \(table) SET \(column) = CAST(ROUND((julianday(\(column)) - 2440587.5) * 86400000.0) AS INTEGER)
                    WHERE typeof(\(column)) = 'text'
                    """)
            }
        }
        // v2 jobs (issue 15): the model and its form parts (`V2Request` as JSON), the generation
        // the service accepted, the quote shown and the amount billed (millionths of a dollar).
        // A legacy job leaves them all null.
        migrator.registerMigration("v3-generations") { db in
            try db.alter(table: "job") { t in
                t.add(column: "v2_model", .text)
                t.add(column: "v2_request_json", .text)
                t.add(column: "generation_id", .text)
                t.add(column: "quote_usd_micros", .integer)
                t.add(column: "quote_qualifier", .text)
                t.add(column: "quote_upper_bound_usd_micros", .integer)
                t.add(column: "billed_usd_micros", .integer)
            }
        }
        return migrator
    }
}
