INSERT INTO department (id, name, company_id) VALUES (1, 'Research', 1);
INSERT INTO employee (id, name, department_id) VALUES (1, 'Grace', 1);
UPDATE department SET manager_id = 1 WHERE id = 1;
SELECT d.name, e.name, c.name FROM department d JOIN employee e ON e.id = d.manager_id JOIN company c ON c.id = d.company_id;
