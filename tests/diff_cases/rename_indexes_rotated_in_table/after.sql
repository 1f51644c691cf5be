-- The three indexes of one table pass their names round (ix_a to ix_b, ix_b to ix_c, ix_c to
-- ix_a), definitions unchanged: each is renamed, not rebuilt. Every name is still held when
-- its rename would run, so one index waits under a temporary name; SQLite, which renames an
-- index by dropping and creating it, drops it at the first step and creates it at the last.
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer
);
CREATE INDEX ix_b ON book (title);
CREATE INDEX ix_c ON book (pages);
CREATE UNIQUE INDEX ix_a ON book (isbn, title);
