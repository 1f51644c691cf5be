SELECT id, with_tax(net) FROM line ORDER BY id;
