DELETE FROM employee WHERE id = 1;
SELECT id, name, manager_id FROM department ORDER BY id;
DELETE FROM department WHERE id = 2;
SELECT id, name, department_id FROM employee ORDER BY id;
