SELECT b_price(100);
