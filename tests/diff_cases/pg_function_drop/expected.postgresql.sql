DROP FUNCTION with_tax(amount numeric);
