-- note goes. Its CHECK keeps SQLite's DROP COLUMN from doing that in place, so the table is
-- rebuilt, and the new table must be WITHOUT ROWID too: stored in key order, with no rowid.
CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
