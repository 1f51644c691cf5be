SELECT t.id, p.email FROM ticket t LEFT JOIN person p ON p.id = t.owner_id ORDER BY t.id;
