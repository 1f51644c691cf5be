INSERT INTO ticket (id, title) VALUES (2, 'Typo');
SELECT msg FROM audit;
