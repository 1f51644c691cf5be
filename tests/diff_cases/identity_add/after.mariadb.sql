-- The key numbers new rows itself (AUTO_INCREMENT); the rows already there keep their ids,
-- and a new row gets the next one.
CREATE TABLE ticket (
    id integer NOT NULL AUTO_INCREMENT,
    title varchar(100) NOT NULL,
    CONSTRAINT pk_ticket PRIMARY KEY (id)
);
