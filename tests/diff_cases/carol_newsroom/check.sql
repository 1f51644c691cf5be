INSERT INTO category (id, name) VALUES (1, 'Obituaries');
INSERT INTO article_categories (id, article_id, category_id) VALUES (1, 2, 1);
INSERT INTO obituary (article_id, deceased) VALUES (2, 'Jonathan');
INSERT INTO section_included_categories (id, section_id, category_id) VALUES (1, 1, 1);
SELECT a.headline, r.name, c.name, o.deceased, s.name
FROM article a
JOIN reporter r ON r.id = a.reporter_id
JOIN article_categories ac ON ac.article_id = a.id
JOIN category c ON c.id = ac.category_id
JOIN obituary o ON o.article_id = a.id
JOIN section_included_categories sc ON sc.category_id = c.id
JOIN section s ON s.id = sc.section_id;
SELECT id, headline FROM article ORDER BY id;
