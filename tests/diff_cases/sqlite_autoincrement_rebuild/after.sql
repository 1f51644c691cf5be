-- A rebuild (here for a longer title) copies the rows into a new table, whose AUTOINCREMENT
-- counter would start at the highest id copied: the old counter must carry over, or the id of
-- a row deleted before would be given again.
CREATE TABLE ticket (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title VARCHAR(200) NOT NULL
);
