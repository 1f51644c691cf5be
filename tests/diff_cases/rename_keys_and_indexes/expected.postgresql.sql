ALTER INDEX ix_title RENAME TO ix_book_title;

ALTER TABLE book RENAME CONSTRAINT uq_isbn TO uq_book_isbn;

ALTER TABLE book RENAME CONSTRAINT ck_title TO ck_book_title;

ALTER TABLE book RENAME CONSTRAINT fk_author TO fk_book_author;
