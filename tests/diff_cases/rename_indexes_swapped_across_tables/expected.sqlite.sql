DROP INDEX ix_a;

DROP INDEX ix_b;

CREATE INDEX ix_a ON book (title);

CREATE INDEX ix_b ON author (name);
