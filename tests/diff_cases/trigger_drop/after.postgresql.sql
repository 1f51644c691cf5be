-- The audit trigger goes; its function stays.
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
