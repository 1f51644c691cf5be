-- A column that an index and a two-column unique constraint use goes with them (SQLite's
-- DROP COLUMN refuses such a column, so SQLite rebuilds).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
