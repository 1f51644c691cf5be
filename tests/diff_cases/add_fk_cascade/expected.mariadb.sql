CREATE INDEX fk_task_project ON task (project_id);

ALTER TABLE task ADD CONSTRAINT fk_task_project FOREIGN KEY(project_id) REFERENCES project (id) ON DELETE CASCADE;
