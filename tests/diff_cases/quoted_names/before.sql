-- Names that must be quoted: a reserved word as a table ("user" on PostgreSQL), as columns
-- ("group", "order"), and a name with a capital and a space.
CREATE TABLE "user" (
    id integer PRIMARY KEY,
    "group" varchar(20) NOT NULL,
    "Display Name" varchar(50)
);
CREATE INDEX ix_user_group ON "user" ("group");
