ALTER TABLE stock ALTER COLUMN qty TYPE integer USING qty::integer;
