DROP SEQUENCE legacy_number;
