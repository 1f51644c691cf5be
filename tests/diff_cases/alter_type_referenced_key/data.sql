INSERT INTO account (id, name) VALUES (1, 'Acme'), (2, 'Globex');
INSERT INTO invoice (id, account_id) VALUES (10, 1), (11, 1), (12, 2);
