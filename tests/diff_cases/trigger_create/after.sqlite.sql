-- A new trigger that writes an audit row for each new ticket.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
CREATE TRIGGER trg_ticket_audit AFTER INSERT ON ticket
BEGIN
    INSERT INTO audit (msg) VALUES ('ticket ' || NEW.title);
END;
