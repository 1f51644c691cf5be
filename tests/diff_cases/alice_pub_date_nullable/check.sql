SELECT id, title, body, pub_date FROM entry ORDER BY id;
