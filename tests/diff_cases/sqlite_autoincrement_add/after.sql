-- Django writes integer PRIMARY KEY AUTOINCREMENT: the ids of deleted rows are never given
-- again. The keyword is part of the schema, so adding it is a change (a rebuild), not nothing.
CREATE TABLE ticket (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title VARCHAR(100) NOT NULL
);
