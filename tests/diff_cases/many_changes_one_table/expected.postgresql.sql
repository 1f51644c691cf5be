ALTER TABLE entry ALTER COLUMN title TYPE varchar(100);

UPDATE entry SET body = '' WHERE body IS NULL;

ALTER TABLE entry ALTER COLUMN body SET NOT NULL;

ALTER TABLE entry ALTER COLUMN views DROP DEFAULT;

ALTER TABLE entry ALTER COLUMN views TYPE integer USING views::integer;

ALTER TABLE entry ALTER COLUMN views SET DEFAULT 0;

ALTER TABLE entry ADD COLUMN slug varchar(100);

-- drops column entry.legacy_flag and its data
ALTER TABLE entry DROP COLUMN legacy_flag;

CREATE UNIQUE INDEX ux_entry_slug ON entry (slug);

ALTER TABLE entry ADD CONSTRAINT ck_entry_views CHECK (views >= 0);
