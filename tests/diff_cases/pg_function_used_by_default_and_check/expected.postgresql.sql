CREATE SEQUENCE part_code INCREMENT BY 1 START WITH 100;

CREATE OR REPLACE FUNCTION public.new_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'P-' || nextval('part_code') $function$;

ALTER TABLE part ADD COLUMN code text DEFAULT new_code() NOT NULL;

CREATE OR REPLACE FUNCTION public.is_sane(n integer)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT n BETWEEN 0 AND 1000 $function$;

ALTER TABLE part ADD CONSTRAINT ck_part_qty CHECK (is_sane(qty));
