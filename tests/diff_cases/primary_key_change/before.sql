CREATE TABLE membership (
    id integer PRIMARY KEY,
    user_id integer NOT NULL,
    group_id integer NOT NULL,
    role varchar(20) NOT NULL
);
