INSERT INTO category (id, name) VALUES (1, 'News'), (2, 'Sport'), (3, 'Weather');
