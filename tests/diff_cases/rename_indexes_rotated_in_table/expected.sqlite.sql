DROP INDEX ix_a;

DROP INDEX ix_c;

CREATE UNIQUE INDEX ix_a ON book (isbn, title);

DROP INDEX ix_b;

CREATE INDEX ix_c ON book (pages);

CREATE INDEX ix_b ON book (title);
