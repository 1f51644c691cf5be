INSERT INTO part (id, qty) VALUES (3, 7);
SELECT id, qty, code FROM part ORDER BY id;
SELECT pg_get_function_result('next_code'::regproc), pg_get_function_arguments('is_sane'::regproc);
SELECT * FROM part_sane ORDER BY id;
