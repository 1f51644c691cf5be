ALTER TABLE tickets RENAME TO ticket;
