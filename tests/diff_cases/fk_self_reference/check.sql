UPDATE category SET parent_id = 1 WHERE id IN (2, 3);
INSERT INTO category (id, name, parent_id) VALUES (4, 'Football', 2), (5, 'Arts', NULL);
DELETE FROM category WHERE id = 1;
SELECT id, name, parent_id FROM category ORDER BY id;
