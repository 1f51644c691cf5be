-- The three indexes of one table pass their names round (ix_a to ix_b, ix_b to ix_c, ix_c to
-- ix_a) while the table's title widens, which SQLite does by rebuilding it: the rebuild takes
-- in the renames, one of them through a temporary name, and creates the indexes under their
-- new names once the old table, and its indexes with it, is gone.
CREATE TABLE book (
    id integer PRIMARY KEY,
    title varchar(200) NOT NULL,
    isbn varchar(13) NOT NULL,
    pages integer
);
CREATE INDEX ix_b ON book (title);
CREATE INDEX ix_c ON book (pages);
CREATE UNIQUE INDEX ix_a ON book (isbn, title);
