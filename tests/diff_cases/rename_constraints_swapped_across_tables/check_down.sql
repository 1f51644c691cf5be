SELECT b.id, b.title, b.pages, a.email FROM book b LEFT JOIN author a ON a.id = b.author_id ORDER BY b.id;
SELECT e.id, p.name FROM edition e JOIN publisher p ON p.id = e.publisher_id ORDER BY e.id;
