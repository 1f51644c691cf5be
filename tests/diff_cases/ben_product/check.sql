INSERT INTO product (id, name) VALUES (1, 'Tracker');
UPDATE ticket SET product_id = 1 WHERE id = 2;
SELECT t.id, t.owner, t.status, t.description, p.name
FROM ticket t LEFT JOIN product p ON p.id = t.product_id ORDER BY t.id;
