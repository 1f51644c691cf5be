INSERT INTO invoice (id, customer) VALUES (1, 'Acme'), (2, 'Globex');
