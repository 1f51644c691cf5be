CREATE TABLE migrata_tmp_task (
    id integer NOT NULL,
    title varchar(100) NOT NULL,
    project_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_task_project FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL
);

INSERT INTO migrata_tmp_task (id, title) SELECT id, title FROM task;

DROP TABLE task;

ALTER TABLE migrata_tmp_task RENAME TO task;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('task'));

DROP TABLE migrata_tmp_foreign_key_check;
