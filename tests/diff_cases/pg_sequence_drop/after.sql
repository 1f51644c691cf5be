-- legacy_number goes; ticket_number stays.
CREATE SEQUENCE ticket_number;
