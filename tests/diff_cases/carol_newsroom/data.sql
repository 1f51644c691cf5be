INSERT INTO reporter (id, name) VALUES (1, 'Lois'), (2, 'Clark');
INSERT INTO article (id, headline, reporter_id) VALUES (1, 'Hero saves city', 1), (2, 'In memoriam', 2);
INSERT INTO section (id, name) VALUES (1, 'Front page');
INSERT INTO section_stories (id, section_id, article_id) VALUES (1, 1, 1), (2, 1, 2);
