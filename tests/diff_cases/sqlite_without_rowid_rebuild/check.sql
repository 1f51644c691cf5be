SELECT key, value FROM setting ORDER BY key;
SELECT strict, wr FROM pragma_table_list('setting');
