ALTER TABLE task DROP FOREIGN KEY fk_task_project;

ALTER TABLE task DROP INDEX IF EXISTS fk_task_project;
