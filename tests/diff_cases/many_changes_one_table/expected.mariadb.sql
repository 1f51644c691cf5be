ALTER TABLE entry MODIFY COLUMN title varchar(100) NOT NULL;

UPDATE entry SET `body` = '' WHERE `body` IS NULL;

ALTER TABLE entry MODIFY COLUMN `body` text NOT NULL;

ALTER TABLE entry MODIFY COLUMN views integer DEFAULT 0;

ALTER TABLE entry ADD COLUMN slug varchar(100);

-- drops column entry.legacy_flag and its data
ALTER TABLE entry DROP COLUMN legacy_flag;

ALTER TABLE entry ADD CONSTRAINT ux_entry_slug UNIQUE (slug);

ALTER TABLE entry ADD CONSTRAINT ck_entry_views CHECK (`views` >= 0);
