-- task.project_id gets a foreign key that deletes a project's tasks with it.
CREATE TABLE project (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE task (
    id integer PRIMARY KEY,
    project_id integer NOT NULL,
    title varchar(100) NOT NULL,
    CONSTRAINT fk_task_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE CASCADE
);
