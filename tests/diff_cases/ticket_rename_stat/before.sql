-- seeds/002: Ticket with reporter, owner and stat.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    reporter varchar(254) NOT NULL,
    owner varchar(254) NOT NULL,
    stat integer NOT NULL
);
