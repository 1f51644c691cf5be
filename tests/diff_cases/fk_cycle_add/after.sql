-- Two existing tables get foreign keys to each other (SQLite: two rebuilds).
CREATE TABLE department (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    manager_id integer
);
CREATE TABLE employee (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    department_id integer,
    CONSTRAINT fk_employee_department FOREIGN KEY (department_id) REFERENCES department (id)
        ON DELETE SET NULL
);
ALTER TABLE department ADD CONSTRAINT fk_department_manager
    FOREIGN KEY (manager_id) REFERENCES employee (id) ON DELETE SET NULL;
