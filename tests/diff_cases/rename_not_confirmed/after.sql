-- The same change as rename_column, but nobody confirms the rename: stat is dropped
-- and status added (existing rows take its default).
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    status integer NOT NULL DEFAULT 0
);
CREATE INDEX ix_ticket_stat ON ticket (status);
