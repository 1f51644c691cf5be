SELECT id, sensor, value, typeof(value) FROM reading ORDER BY id;
SELECT strict, wr FROM pragma_table_list('reading');
