-- An index led by the foreign key's column arrives. MariaDB made the key an index of its own,
-- which is not part of the schema: the migration only creates the new index (the server then
-- drops its own), and the down gives the key its index back as it drops the new one.
CREATE TABLE project (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE task (
    id integer PRIMARY KEY,
    project_id integer NOT NULL,
    due date,
    CONSTRAINT fk_task_project FOREIGN KEY (project_id) REFERENCES project (id)
);
CREATE INDEX ix_task_project_due ON task (project_id, due);
