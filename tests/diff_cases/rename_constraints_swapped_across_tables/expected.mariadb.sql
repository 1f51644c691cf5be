ALTER TABLE author RENAME INDEX uq_a TO migrata_tmp_uq_a;

ALTER TABLE publisher RENAME INDEX uq_b TO uq_a;

ALTER TABLE author RENAME INDEX migrata_tmp_uq_a TO uq_b;

ALTER TABLE book DROP CONSTRAINT ck_a;

ALTER TABLE book DROP CONSTRAINT ck_b;

ALTER TABLE book ADD CONSTRAINT ck_a CHECK (`pages` > 0);

ALTER TABLE book ADD CONSTRAINT ck_b CHECK (`title` <> '');

ALTER TABLE book DROP FOREIGN KEY fk_a;

ALTER TABLE book DROP INDEX IF EXISTS fk_a;

ALTER TABLE edition DROP FOREIGN KEY fk_b;

ALTER TABLE edition DROP INDEX IF EXISTS fk_b;

ALTER TABLE edition ADD CONSTRAINT fk_a FOREIGN KEY(publisher_id) REFERENCES publisher (id);

ALTER TABLE book ADD CONSTRAINT fk_b FOREIGN KEY(author_id) REFERENCES author (id);
