CREATE OR REPLACE FUNCTION public.is_sane(n integer)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT n BETWEEN 0 AND 5000 $function$;

CREATE OR REPLACE FUNCTION public.new_code()
 RETURNS text
 LANGUAGE sql
AS $function$ SELECT 'Q-' || nextval('part_code') $function$;
