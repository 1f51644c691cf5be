ALTER TABLE book RENAME INDEX ix_a TO migrata_tmp_ix_a;

ALTER TABLE book RENAME INDEX ix_c TO ix_a;

ALTER TABLE book RENAME INDEX ix_b TO ix_c;

ALTER TABLE book RENAME INDEX migrata_tmp_ix_a TO ix_b;

ALTER TABLE book MODIFY COLUMN title varchar(200) NOT NULL;
