INSERT INTO membership (id, user_id, group_id, role) VALUES (1, 10, 1, 'admin'), (2, 10, 2, 'member'), (3, 11, 1, 'member');
