-- The two-column unique constraint goes; a login may now repeat within a tenant.
CREATE TABLE app_user (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL,
    tenant integer NOT NULL,
    login varchar(30) NOT NULL,
    CONSTRAINT uq_app_user_email UNIQUE (email)
);
