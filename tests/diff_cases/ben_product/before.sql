-- seeds/002, Ben: a ticket tracker's Ticket (reporter, owner, status, description).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    reporter varchar(254) NOT NULL,
    owner varchar(254) NOT NULL,
    status integer NOT NULL,
    description text NOT NULL
);
