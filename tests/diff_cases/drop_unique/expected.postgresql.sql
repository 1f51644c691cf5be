ALTER TABLE app_user DROP CONSTRAINT uq_app_user_tenant_login;
