-- code becomes varchar(5), too short for one of the stored numbers. The migration must fail
-- (PostgreSQL's assignment cast and MariaDB's strict mode refuse the long value) rather than
-- cut the value down; SQLite keeps text of any length, so there it succeeds and keeps it.
CREATE TABLE part (
    id integer PRIMARY KEY,
    code varchar(5)
);
