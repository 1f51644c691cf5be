SELECT id, name FROM author;
