INSERT INTO app_user (id, email, tenant, login) VALUES (4, 'ann@example.net', 1, 'ann');
SELECT id, email, tenant, login FROM app_user ORDER BY id;
