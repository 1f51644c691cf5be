INSERT INTO tag (name, uses) VALUES ('ui', 1), ('bug', 3);
