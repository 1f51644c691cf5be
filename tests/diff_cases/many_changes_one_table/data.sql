INSERT INTO entry (id, title, body, legacy_flag, views) VALUES (1, 'Hello', 'First', 1, '12'), (2, 'Draft', NULL, NULL, '0');
