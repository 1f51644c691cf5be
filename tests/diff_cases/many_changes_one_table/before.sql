CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    body text,
    legacy_flag integer,
    views varchar(10) DEFAULT '0'
);
CREATE INDEX ix_entry_title ON entry (title);
