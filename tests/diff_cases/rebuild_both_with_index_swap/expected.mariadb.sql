ALTER TABLE author DROP CONSTRAINT ck_author_born;

ALTER TABLE author RENAME INDEX ix_a TO migrata_tmp_ix_a;

ALTER TABLE book RENAME INDEX ix_b TO ix_a;

ALTER TABLE author RENAME INDEX migrata_tmp_ix_a TO ix_b;

ALTER TABLE book MODIFY COLUMN title varchar(200) NOT NULL;

ALTER TABLE author ADD CONSTRAINT ck_author_born CHECK (`born` > 1000);
