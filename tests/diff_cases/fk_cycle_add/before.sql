CREATE TABLE department (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    manager_id integer
);
CREATE TABLE employee (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    department_id integer
);
