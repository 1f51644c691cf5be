CREATE INDEX ix_task_project_due ON task (project_id, due);
