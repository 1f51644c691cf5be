ALTER TABLE author RENAME CONSTRAINT uq_a TO migrata_tmp_uq_a;

ALTER TABLE publisher RENAME CONSTRAINT uq_b TO uq_a;

ALTER TABLE author RENAME CONSTRAINT migrata_tmp_uq_a TO uq_b;

ALTER TABLE book RENAME CONSTRAINT ck_a TO migrata_tmp_ck_a;

ALTER TABLE book RENAME CONSTRAINT ck_b TO ck_a;

ALTER TABLE book RENAME CONSTRAINT migrata_tmp_ck_a TO ck_b;

ALTER TABLE book RENAME CONSTRAINT fk_a TO migrata_tmp_fk_a;

ALTER TABLE edition RENAME CONSTRAINT fk_b TO fk_a;

ALTER TABLE book RENAME CONSTRAINT migrata_tmp_fk_a TO fk_b;
