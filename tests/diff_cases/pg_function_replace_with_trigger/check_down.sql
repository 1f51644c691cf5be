UPDATE ticket SET title = 'Typos' WHERE id = 2;
SELECT id, title, updated_by FROM ticket ORDER BY id;
