SELECT a.name, b.title FROM author a CROSS JOIN book b;
