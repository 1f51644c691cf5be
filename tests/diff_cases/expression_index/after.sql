-- Indexes on expressions: a unique one on lower(title), one mixing a column and an expression.
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    title varchar(100) NOT NULL,
    owner varchar(100),
    stat integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_ticket_lower_title ON ticket (lower(title));
CREATE INDEX ix_ticket_stat_owner ON ticket (stat, coalesce(owner, ''));
