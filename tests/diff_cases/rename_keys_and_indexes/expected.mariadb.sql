ALTER TABLE book RENAME INDEX ix_title TO ix_book_title;

ALTER TABLE book RENAME INDEX uq_isbn TO uq_book_isbn;

ALTER TABLE book DROP CONSTRAINT ck_title;

ALTER TABLE book ADD CONSTRAINT ck_book_title CHECK (`title` <> '');

ALTER TABLE book DROP FOREIGN KEY fk_author;

ALTER TABLE book DROP INDEX IF EXISTS fk_author;

ALTER TABLE book ADD CONSTRAINT fk_book_author FOREIGN KEY(author_id) REFERENCES author (id);
