-- The sequence now starts at 100 and counts in tens.
CREATE SEQUENCE ticket_number START WITH 100 INCREMENT BY 10;
