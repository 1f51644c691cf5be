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
