-- "int", not "INTEGER": this primary key is not an alias of the rowid, so SQLite does not
-- number new rows itself.
CREATE TABLE ticket (
    id int NOT NULL,
    title varchar(100) NOT NULL,
    CONSTRAINT pk_ticket PRIMARY KEY (id)
);
