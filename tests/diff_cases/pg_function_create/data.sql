INSERT INTO line (id, net) VALUES (1, 10), (2, 2.5);
