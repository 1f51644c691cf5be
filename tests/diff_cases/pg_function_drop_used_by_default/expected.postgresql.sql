-- drops column part.code and its data
ALTER TABLE part DROP COLUMN code;

DROP FUNCTION new_code();
