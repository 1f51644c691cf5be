INSERT INTO setting (key, value, note) VALUES ('theme', 'dark', 'chosen by the user'), ('lang', 'en', NULL);
