SELECT id, name FROM company;
