CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL
);
CREATE TABLE audit (
    msg varchar(200) NOT NULL
);
CREATE TRIGGER trg_ticket_audit AFTER INSERT ON ticket
    FOR EACH ROW INSERT INTO audit (msg) VALUES (CONCAT('ticket ', NEW.title));
