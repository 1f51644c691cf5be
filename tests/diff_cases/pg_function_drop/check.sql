SELECT with_tax(100, 0.5);
