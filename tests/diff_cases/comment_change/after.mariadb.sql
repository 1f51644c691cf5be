-- The table comment changes, one column comment is dropped and another added.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL COMMENT 'one line summary',
    stat integer NOT NULL
) COMMENT 'Support tickets';
