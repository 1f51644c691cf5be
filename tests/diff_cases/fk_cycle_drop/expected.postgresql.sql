ALTER TABLE department DROP CONSTRAINT fk_department_manager;

-- drops table employee and its rows
DROP TABLE employee;

-- drops table department and its rows
DROP TABLE department;
