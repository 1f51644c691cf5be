CREATE OR REPLACE FUNCTION public.line_total()
 RETURNS numeric
 LANGUAGE plpgsql
 STABLE
AS $function$
DECLARE
    total numeric;
BEGIN
    SELECT coalesce(sum(net), 0) INTO total FROM line;
    RETURN total;
END;
$function$;

CREATE OR REPLACE FUNCTION public.with_tax(amount numeric, rate numeric DEFAULT 0.2)
 RETURNS numeric
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT round(amount * (1 + rate), 2) $function$;
