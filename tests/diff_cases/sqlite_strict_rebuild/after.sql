-- value becomes REAL, which SQLite can only do by rebuilding the table. STRICT is written after
-- the columns, not in them: the new table must be STRICT too, or from then on SQLite would store
-- 'n/a' in value instead of refusing it, and no diff would say so.
CREATE TABLE reading (
    id INTEGER PRIMARY KEY,
    sensor TEXT NOT NULL,
    value REAL NOT NULL
) STRICT;
CREATE INDEX ix_reading_sensor ON reading (sensor);
