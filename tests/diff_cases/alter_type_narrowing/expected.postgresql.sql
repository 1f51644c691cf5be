ALTER TABLE part ALTER COLUMN code TYPE varchar(5) USING code::varchar;
