SELECT id, title, isbn, pages FROM book ORDER BY id;
