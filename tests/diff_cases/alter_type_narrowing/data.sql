INSERT INTO part (id, code) VALUES (1, 123), (2, 12345678), (3, NULL);
