-- person becomes app_user; ticket's foreign key follows it.
CREATE TABLE app_user (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL
);
CREATE TABLE ticket (
    id integer PRIMARY KEY,
    owner_id integer,
    CONSTRAINT fk_ticket_owner FOREIGN KEY (owner_id) REFERENCES app_user (id) ON DELETE SET NULL
);
