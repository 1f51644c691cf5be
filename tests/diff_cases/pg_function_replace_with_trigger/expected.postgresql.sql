DROP TRIGGER trg_ticket_stamp ON ticket;

DROP FUNCTION stamp_ticket();

CREATE OR REPLACE FUNCTION public.stamp_ticket()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
    NEW.updated_by := 'v2:' || upper(NEW.title);
    RETURN NEW;
END;
$function$;

CREATE TRIGGER trg_ticket_stamp BEFORE INSERT OR UPDATE ON ticket FOR EACH ROW EXECUTE FUNCTION stamp_ticket();
