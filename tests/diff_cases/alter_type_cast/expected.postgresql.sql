ALTER TABLE part ALTER COLUMN quantity TYPE integer USING quantity::integer;
