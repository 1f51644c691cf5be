-- next_code() now returns bigint and is_sane() takes an upper bound with a default: neither can
-- be done with CREATE OR REPLACE, so both functions are dropped and created again, while the
-- column default, the check constraint, the partial index and the view that call them stay as
-- they are. PostgreSQL refuses to drop a function that any of them calls: they go first and
-- come back after.
CREATE SEQUENCE part_code START WITH 100;
CREATE FUNCTION next_code() RETURNS bigint
    LANGUAGE sql
    AS $$ SELECT nextval('part_code') $$;
CREATE FUNCTION is_sane(n integer, hi integer DEFAULT 1000) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n BETWEEN 0 AND hi $$;
CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    code bigint NOT NULL DEFAULT next_code(),
    CONSTRAINT ck_part_qty CHECK (is_sane(qty))
);
CREATE INDEX ix_part_sane ON part (id) WHERE is_sane(qty);
CREATE VIEW part_sane AS SELECT id, is_sane(qty) AS sane FROM part;
