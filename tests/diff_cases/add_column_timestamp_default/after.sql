-- A NOT NULL column whose default is not a constant (SQLite's ADD COLUMN refuses it, so
-- SQLite rebuilds); existing rows get the time of the migration.
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
);
