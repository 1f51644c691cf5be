ALTER TABLE author DROP CONSTRAINT ck_author_born;

ALTER INDEX ix_a RENAME TO migrata_tmp_ix_a;

ALTER INDEX ix_b RENAME TO ix_a;

ALTER INDEX migrata_tmp_ix_a RENAME TO ix_b;

ALTER TABLE author ADD CONSTRAINT ck_author_born CHECK (born > 1000);
