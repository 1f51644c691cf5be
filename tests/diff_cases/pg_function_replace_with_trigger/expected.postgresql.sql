CREATE OR REPLACE FUNCTION public.stamp_ticket()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.updated_by := 'v2:' || upper(NEW.title);
    RETURN NEW;
END;
$function$;
