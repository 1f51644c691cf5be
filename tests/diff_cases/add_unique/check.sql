SELECT id, email, tenant, login FROM app_user ORDER BY id;
