INSERT INTO "Ticket" (title) VALUES ('Slow');
SELECT "Id", title FROM "Ticket" ORDER BY "Id";
