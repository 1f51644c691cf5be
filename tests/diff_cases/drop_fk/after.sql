-- The foreign key goes; the column and its values stay.
CREATE TABLE project (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE task (
    id integer PRIMARY KEY,
    project_id integer NOT NULL,
    title varchar(100) NOT NULL
);
