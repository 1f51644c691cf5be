ALTER TABLE department ADD CONSTRAINT fk_department_manager FOREIGN KEY(manager_id) REFERENCES employee (id) ON DELETE SET NULL;

ALTER TABLE employee ADD CONSTRAINT fk_employee_department FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE SET NULL;
