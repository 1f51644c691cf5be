SELECT b.id, b.title, a.email FROM book b LEFT JOIN author a ON a.id = b.author_id ORDER BY b.id;
