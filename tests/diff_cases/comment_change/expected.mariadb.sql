ALTER TABLE ticket MODIFY COLUMN title varchar(100) NOT NULL COMMENT 'one line summary';

ALTER TABLE ticket MODIFY COLUMN stat integer NOT NULL;

ALTER TABLE ticket COMMENT 'Support tickets';
