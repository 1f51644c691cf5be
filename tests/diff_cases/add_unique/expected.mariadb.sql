ALTER TABLE app_user ADD CONSTRAINT uq_app_user_email UNIQUE (email);

ALTER TABLE app_user ADD CONSTRAINT uq_app_user_tenant_login UNIQUE (tenant, login);
