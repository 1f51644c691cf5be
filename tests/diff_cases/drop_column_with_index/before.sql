CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    legacy_code varchar(20),
    CONSTRAINT uq_ticket_title_code UNIQUE (title, legacy_code)
);
CREATE INDEX ix_ticket_code ON ticket (legacy_code);
