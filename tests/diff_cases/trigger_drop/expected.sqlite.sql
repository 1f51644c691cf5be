DROP TRIGGER trg_ticket_audit;
