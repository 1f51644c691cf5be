SELECT t.id, u.email FROM ticket t LEFT JOIN app_user u ON u.id = t.owner_id ORDER BY t.id;
