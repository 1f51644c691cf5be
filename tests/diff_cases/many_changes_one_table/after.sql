-- Many changes to one table at once: a column added, one dropped, one retyped with a new
-- default, one made NOT NULL, a check and an index added. SQLite does it all in one rebuild.
CREATE TABLE entry (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    body text NOT NULL,
    views integer DEFAULT 0,
    slug varchar(100),
    CONSTRAINT ck_entry_views CHECK (views >= 0)
);
CREATE INDEX ix_entry_title ON entry (title);
CREATE UNIQUE INDEX ux_entry_slug ON entry (slug);
