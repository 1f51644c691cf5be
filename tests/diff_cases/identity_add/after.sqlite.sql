-- The key numbers new rows itself (an INTEGER PRIMARY KEY, the rowid's alias); the rows
-- already there keep their ids, and a new row gets the next one.
CREATE TABLE ticket (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    CONSTRAINT pk_ticket PRIMARY KEY (id)
);
