CREATE SEQUENCE part_code START WITH 100;
CREATE FUNCTION next_code() RETURNS integer
    LANGUAGE sql
    AS $$ SELECT nextval('part_code')::integer $$;
CREATE FUNCTION is_sane(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n BETWEEN 0 AND 1000 $$;
CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    code bigint NOT NULL DEFAULT next_code(),
    CONSTRAINT ck_part_qty CHECK (is_sane(qty))
);
CREATE INDEX ix_part_sane ON part (id) WHERE is_sane(qty);
CREATE VIEW part_sane AS SELECT id, is_sane(qty) AS sane FROM part;
