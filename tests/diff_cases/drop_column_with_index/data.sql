INSERT INTO ticket (id, title, legacy_code) VALUES (1, 'Crash', 'X1'), (2, 'Crash', 'X2');
