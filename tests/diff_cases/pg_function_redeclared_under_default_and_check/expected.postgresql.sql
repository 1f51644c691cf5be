DROP VIEW part_sane;

ALTER TABLE part DROP CONSTRAINT ck_part_qty;

DROP INDEX ix_part_sane;

DROP FUNCTION is_sane(n integer);

ALTER TABLE part ALTER COLUMN code DROP DEFAULT;

DROP FUNCTION next_code();

CREATE OR REPLACE FUNCTION public.next_code()
 RETURNS bigint
 LANGUAGE sql
AS $function$ SELECT nextval('part_code') $function$;

ALTER TABLE part ALTER COLUMN code SET DEFAULT next_code();

CREATE OR REPLACE FUNCTION public.is_sane(n integer, hi integer DEFAULT 1000)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT n BETWEEN 0 AND hi $function$;

ALTER TABLE part ADD CONSTRAINT ck_part_qty CHECK (is_sane(qty));

CREATE INDEX ix_part_sane ON part (id) WHERE is_sane(qty);

CREATE VIEW part_sane AS SELECT part.id, is_sane(part.qty) AS sane FROM part;
