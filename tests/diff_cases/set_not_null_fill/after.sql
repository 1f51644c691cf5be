-- priority becomes NOT NULL; rows where it is NULL get the one-off value 3 first.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    priority integer NOT NULL
);
