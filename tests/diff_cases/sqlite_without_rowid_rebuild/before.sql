CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    note TEXT CHECK (length(note) < 100)
) WITHOUT ROWID;
