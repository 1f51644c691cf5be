ALTER TABLE task ADD COLUMN project_id integer;

ALTER TABLE task ADD CONSTRAINT fk_task_project FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE SET NULL;
