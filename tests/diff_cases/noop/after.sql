-- Nothing changes: the differ finds nothing and the renderer writes nothing.
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(30) NOT NULL DEFAULT 'untitled',
    body text,
    CONSTRAINT ck_entry_title CHECK (length(title) > 0)
);
CREATE INDEX ix_entry_title ON entry (title);
CREATE VIEW entry_titles AS SELECT id, title FROM entry;
