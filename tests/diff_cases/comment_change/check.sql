SELECT id, title, stat FROM ticket;
