INSERT INTO department (id, name, manager_id) VALUES (1, 'Research', 1), (2, 'Sales', NULL);
INSERT INTO employee (id, name, department_id) VALUES (1, 'Grace', 1), (2, 'Alan', 2);
