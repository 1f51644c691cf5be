CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL,
    body text
);
CREATE INDEX ix_entry_title ON entry (title);
