CREATE TABLE app_user (
    id integer PRIMARY KEY,
    email varchar(100) NOT NULL,
    tenant integer NOT NULL,
    login varchar(30) NOT NULL,
    CONSTRAINT uq_app_user_email UNIQUE (email),
    CONSTRAINT uq_app_user_tenant_login UNIQUE (tenant, login)
);
