CREATE TABLE migrata_tmp_department (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    manager_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_department_manager FOREIGN KEY(manager_id) REFERENCES employee (id) ON DELETE SET NULL
);

INSERT INTO migrata_tmp_department (id, name, manager_id) SELECT id, name, manager_id FROM department;

DROP TABLE department;

ALTER TABLE migrata_tmp_department RENAME TO department;

CREATE TABLE migrata_tmp_employee (
    id integer NOT NULL,
    name varchar(50) NOT NULL,
    department_id integer,
    PRIMARY KEY (id),
    CONSTRAINT fk_employee_department FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE SET NULL
);

INSERT INTO migrata_tmp_employee (id, name, department_id) SELECT id, name, department_id FROM employee;

DROP TABLE employee;

ALTER TABLE migrata_tmp_employee RENAME TO employee;

-- PRAGMA foreign_key_check: the rebuilt tables' foreign keys must still hold
CREATE TEMP TABLE migrata_tmp_foreign_key_check (violations INTEGER CONSTRAINT foreign_keys_hold_after_rebuild CHECK (violations = 0));

INSERT INTO migrata_tmp_foreign_key_check SELECT count(*) FROM (SELECT * FROM pragma_foreign_key_check('department') UNION ALL SELECT * FROM pragma_foreign_key_check('employee'));

DROP TABLE migrata_tmp_foreign_key_check;
