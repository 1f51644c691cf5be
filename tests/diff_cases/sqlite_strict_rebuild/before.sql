CREATE TABLE reading (
    id INTEGER PRIMARY KEY,
    sensor TEXT NOT NULL,
    value INTEGER NOT NULL
) STRICT;
CREATE INDEX ix_reading_sensor ON reading (sensor);
