SELECT d.id, d.manager_id, e.id, e.department_id FROM department d JOIN employee e ON e.department_id = d.id ORDER BY d.id;
