-- A unique index over two columns (an index, not a constraint).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    owner varchar(100),
    stat integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_ticket_title_owner ON ticket (title, owner);
