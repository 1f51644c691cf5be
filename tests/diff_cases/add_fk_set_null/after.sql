-- A new nullable column with a foreign key that is set to NULL when its project goes.
CREATE TABLE project (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE task (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    project_id integer,
    CONSTRAINT fk_task_project FOREIGN KEY (project_id) REFERENCES project (id) ON DELETE SET NULL
);
