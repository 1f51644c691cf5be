ALTER TABLE entry ADD COLUMN pub_date date;
