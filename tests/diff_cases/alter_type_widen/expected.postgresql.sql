ALTER TABLE entry ALTER COLUMN title TYPE varchar(200);
