CREATE SEQUENCE part_code START WITH 100;
CREATE FUNCTION is_sane(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n BETWEEN 0 AND 1000 $$;
CREATE FUNCTION new_code() RETURNS text
    LANGUAGE sql
    AS $$ SELECT 'P-' || nextval('part_code') $$;
CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    code text NOT NULL DEFAULT new_code(),
    CONSTRAINT ck_part_qty CHECK (is_sane(qty))
);
