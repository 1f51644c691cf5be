DROP INDEX ix_x ON book;

ALTER TABLE book DROP CONSTRAINT ck_book_pages;

CREATE INDEX ix_x ON author (name);

ALTER TABLE book ADD CONSTRAINT ck_book_pages CHECK (`pages` > 10);
