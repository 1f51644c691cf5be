ALTER TABLE person RENAME TO app_user;
