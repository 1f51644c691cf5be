-- The table becomes STRICT and WITHOUT ROWID, and nothing else changes. ALTER TABLE cannot do
-- either, so the table is rebuilt with its rows; the down SQL rebuilds it back.
CREATE TABLE tag (
    name TEXT NOT NULL PRIMARY KEY,
    uses INTEGER NOT NULL DEFAULT 0
) STRICT, WITHOUT ROWID;
