SELECT id, user_id, group_id, role FROM membership ORDER BY id;
