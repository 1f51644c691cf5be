INSERT INTO line (id, net) VALUES (1, 10);
