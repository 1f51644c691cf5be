INSERT INTO author (id, name) VALUES (1, 'Ursula'), (2, 'Terry');
