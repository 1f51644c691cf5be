-- A new column referencing the table itself: deleting a category deletes its subtree.
CREATE TABLE category (
    id integer PRIMARY KEY,
    name varchar(50) NOT NULL,
    parent_id integer,
    CONSTRAINT fk_category_parent FOREIGN KEY (parent_id) REFERENCES category (id)
        ON DELETE CASCADE
);
CREATE INDEX ix_category_parent ON category (parent_id);
