#ifndef CSQLITESHIM_H
#define CSQLITESHIM_H

#include <sqlite3.h>

/// Leaves the WAL as it is when the connection closes, for the next open to use, instead of
/// checkpointing it into the database (two fsyncs at every exit) and deleting it (so that the
/// next run's first write creates it again: two more). SQLite's automatic checkpoint still
/// runs once the WAL passes its page limit. Wrapped because sqlite3_db_config is variadic,
/// which Swift cannot call. Returns an SQLite result code.
int ideogram_sqlite_keep_wal_on_close(sqlite3 *db);

#endif
