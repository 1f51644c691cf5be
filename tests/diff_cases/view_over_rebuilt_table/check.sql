INSERT INTO ticket (id, title, stat) VALUES (4, 'A title well over thirty characters long', 1);
SELECT id, title FROM open_ticket ORDER BY id;
SELECT n FROM open_count;
