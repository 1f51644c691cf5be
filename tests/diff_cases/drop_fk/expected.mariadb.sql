ALTER TABLE task DROP FOREIGN KEY fk_task_project;

DROP INDEX fk_task_project ON task;
