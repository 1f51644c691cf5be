ALTER TABLE person RENAME TO app_user;

ALTER TABLE ticket DROP CONSTRAINT fk_ticket_owner;

ALTER TABLE app_user DROP CONSTRAINT person_pkey;

ALTER TABLE app_user ADD CONSTRAINT app_user_pkey PRIMARY KEY (id);

ALTER TABLE ticket ADD CONSTRAINT fk_ticket_owner FOREIGN KEY(owner_id) REFERENCES app_user (id) ON DELETE SET NULL;
