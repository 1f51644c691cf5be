-- A table without a primary key gets one.
CREATE TABLE setting (
    name varchar(50) NOT NULL,
    value varchar(200),
    CONSTRAINT pk_setting PRIMARY KEY (name)
);
