CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    legacy_code varchar(20)
);
CREATE VIEW ticket_list AS SELECT id, title, legacy_code FROM ticket;
