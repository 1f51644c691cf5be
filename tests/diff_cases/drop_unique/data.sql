INSERT INTO app_user (id, email, tenant, login) VALUES (1, 'ann@example.com', 1, 'ann'), (2, 'bob@example.com', 1, 'bob'), (3, 'ann@example.org', 2, 'ann');
