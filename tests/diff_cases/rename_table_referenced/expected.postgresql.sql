ALTER TABLE person RENAME TO app_user;

ALTER TABLE app_user RENAME CONSTRAINT person_pkey TO app_user_pkey;
