INSERT INTO "Ticket" ("Id", title) VALUES (1, 'Crash'), (2, 'Typo');
