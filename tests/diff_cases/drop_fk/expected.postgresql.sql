ALTER TABLE task DROP CONSTRAINT fk_task_project;
