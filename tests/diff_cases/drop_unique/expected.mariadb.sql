ALTER TABLE app_user DROP INDEX uq_app_user_tenant_login;
