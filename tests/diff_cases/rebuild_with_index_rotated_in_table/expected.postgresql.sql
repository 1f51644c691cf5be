ALTER INDEX ix_a RENAME TO migrata_tmp_ix_a;

ALTER INDEX ix_c RENAME TO ix_a;

ALTER INDEX ix_b RENAME TO ix_c;

ALTER INDEX migrata_tmp_ix_a RENAME TO ix_b;

ALTER TABLE book ALTER COLUMN title TYPE varchar(200);
