CREATE TABLE department (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    company_id integer NOT NULL,
    manager_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_department_company FOREIGN KEY(company_id) REFERENCES company (id)
);

CREATE TABLE employee (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    department_id integer NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_employee_department FOREIGN KEY(department_id) REFERENCES department (id)
);

ALTER TABLE department ADD CONSTRAINT fk_department_manager FOREIGN KEY(manager_id) REFERENCES employee (id);
