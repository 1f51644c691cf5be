SELECT name, uses FROM tag ORDER BY name;
SELECT strict, wr FROM pragma_table_list('tag');
