SELECT id, title, stat FROM open_ticket ORDER BY id;
SELECT n FROM open_count;
