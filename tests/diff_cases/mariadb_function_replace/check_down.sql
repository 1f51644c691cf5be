INSERT INTO line (id, net) VALUES (2, 10);
SELECT id, net, gross FROM line ORDER BY id;
