CREATE TABLE migrata_tmp_reading (
    id integer NOT NULL,
    sensor text NOT NULL,
    value real NOT NULL,
    PRIMARY KEY (id)
)
 STRICT;

INSERT INTO migrata_tmp_reading (id, sensor, value) SELECT id, sensor, value FROM reading;

DROP TABLE reading;

ALTER TABLE migrata_tmp_reading RENAME TO reading;

CREATE INDEX ix_reading_sensor ON reading (sensor);

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('reading'));

DROP TABLE migrata_tmp_foreign_key_check;
