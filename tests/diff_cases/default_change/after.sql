-- The default changes from new to open.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    stat varchar(10) NOT NULL DEFAULT 'open'
);
