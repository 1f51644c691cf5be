DROP FUNCTION b_price(net numeric);

DROP FUNCTION a_rate();
