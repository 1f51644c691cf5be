-- The mirror of pg_function_used_by_default_and_check: the column whose default calls
-- new_code() goes with the function, so the column must be dropped before the function.
CREATE SEQUENCE part_code START WITH 100;
CREATE FUNCTION is_sane(n integer) RETURNS boolean
    LANGUAGE sql IMMUTABLE
    AS $$ SELECT n BETWEEN 0 AND 1000 $$;
CREATE TABLE part (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    CONSTRAINT ck_part_qty CHECK (is_sane(qty))
);
