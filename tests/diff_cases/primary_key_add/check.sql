SELECT name, value FROM setting ORDER BY name;
