SELECT with_tax(100), with_tax(100, 0.1), line_total();
