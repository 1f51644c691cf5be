INSERT INTO invoice (id, customer) VALUES (3, 'Initech');
SELECT id, customer, number FROM invoice ORDER BY id;
