-- title grows from 30 to 200 characters; its index and NOT NULL stay.
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(200) NOT NULL,
    body text
);
CREATE INDEX ix_entry_title ON entry (title);
