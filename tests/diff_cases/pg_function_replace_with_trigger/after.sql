-- The trigger function's body changes, its declaration stays: CREATE OR REPLACE changes it in
-- place, and the trigger that calls it stays.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    updated_by varchar(50)
);
CREATE FUNCTION stamp_ticket() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    NEW.updated_by := 'v2:' || upper(NEW.title);
    RETURN NEW;
END;
$$;
CREATE TRIGGER trg_ticket_stamp BEFORE INSERT OR UPDATE ON ticket
    FOR EACH ROW EXECUTE FUNCTION stamp_ticket();
