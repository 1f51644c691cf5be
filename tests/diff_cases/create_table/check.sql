INSERT INTO book (id, title, isbn, author_id) VALUES (1, 'Earthsea', '9780553383041', 1);
SELECT b.id, b.title, b.pages, a.name FROM book b JOIN author a ON a.id = b.author_id;
SELECT id, name FROM author ORDER BY id;
