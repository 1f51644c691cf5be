-- Only the bodies of the functions that a column default, a check constraint, a partial index
-- and a view call change (same arguments, same return type): CREATE OR REPLACE does it in
-- place, so neither the functions nor anything that calls them is dropped.
CREATE SEQUENCE part_code START WITH 100;
CREATE FUNCTION new_code() RETURNS text
    LANGUAGE sql
    AS $$ SELECT 'Q-' || nextval('part_code') $$;
CREATE FUNCTION is_sane(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n BETWEEN 0 AND 5000 $$;
CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    code text NOT NULL DEFAULT new_code(),
    CONSTRAINT ck_part_qty CHECK (is_sane(qty))
);
CREATE INDEX ix_part_sane ON part (id) WHERE is_sane(qty);
CREATE VIEW part_sane AS SELECT id, is_sane(qty) AS sane FROM part;
