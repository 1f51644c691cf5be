ALTER TABLE category ADD COLUMN parent_id integer;

CREATE INDEX ix_category_parent ON category (parent_id);

ALTER TABLE category ADD CONSTRAINT fk_category_parent FOREIGN KEY(parent_id) REFERENCES category (id) ON DELETE CASCADE;
