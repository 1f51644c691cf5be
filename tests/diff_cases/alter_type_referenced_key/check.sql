INSERT INTO account (id, name) VALUES (5000000000, 'Initech');
INSERT INTO invoice (id, account_id) VALUES (13, 5000000000);
SELECT i.id, a.id, a.name FROM invoice i JOIN account a ON a.id = i.account_id ORDER BY i.id;
