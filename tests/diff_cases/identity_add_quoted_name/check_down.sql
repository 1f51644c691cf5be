SELECT "Id", title FROM "Ticket" ORDER BY "Id";
