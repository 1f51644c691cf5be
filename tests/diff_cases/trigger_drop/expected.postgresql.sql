DROP TRIGGER trg_ticket_audit ON ticket;
