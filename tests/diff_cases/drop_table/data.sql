INSERT INTO author (id, name) VALUES (1, 'Ursula');
INSERT INTO legacy_note (id, author_id, note) VALUES (1, 1, 'old'), (2, 1, 'older');
