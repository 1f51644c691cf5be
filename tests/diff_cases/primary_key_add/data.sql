INSERT INTO setting (name, value) VALUES ('theme', 'dark'), ('lang', NULL);
