INSERT INTO company (id, name) VALUES (1, 'Acme');
INSERT INTO department (id, name, company_id) VALUES (1, 'Research', 1);
INSERT INTO employee (id, name, department_id) VALUES (1, 'Grace', 1);
UPDATE department SET manager_id = 1 WHERE id = 1;
