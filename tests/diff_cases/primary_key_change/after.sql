-- The primary key moves from id to (user_id, group_id); id stays as a plain column.
CREATE TABLE membership (
    id integer NOT NULL,
    user_id integer NOT NULL,
    group_id integer NOT NULL,
    role varchar(20) NOT NULL,
    PRIMARY KEY (user_id, group_id)
);
