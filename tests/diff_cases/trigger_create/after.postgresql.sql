-- A new trigger (its function exists already) that writes an audit row for each new ticket.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
CREATE FUNCTION audit_ticket() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
    INSERT INTO audit (msg) VALUES ('ticket ' || NEW.title);
    RETURN NEW;
END;
$$;
CREATE TRIGGER trg_ticket_audit AFTER INSERT ON ticket
    FOR EACH ROW EXECUTE FUNCTION audit_ticket();
