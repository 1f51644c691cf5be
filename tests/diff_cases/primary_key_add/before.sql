CREATE TABLE setting (
    name varchar(50) NOT NULL,
    value varchar(200)
);
