-- Two new tables that reference each other (and an existing one): the cycle's closing
-- foreign key is added once both tables exist.
CREATE TABLE company (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL
);
CREATE TABLE department (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    company_id integer NOT NULL,
    manager_id integer,
    CONSTRAINT fk_department_company FOREIGN KEY (company_id) REFERENCES company (id),
    CONSTRAINT fk_department_manager FOREIGN KEY (manager_id) REFERENCES employee (id)
);
CREATE TABLE employee (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    department_id integer NOT NULL,
    CONSTRAINT fk_employee_department FOREIGN KEY (department_id) REFERENCES department (id)
);
