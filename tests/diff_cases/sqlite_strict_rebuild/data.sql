INSERT INTO reading (id, sensor, value) VALUES (1, 'hall', 20), (2, 'attic', 31);
