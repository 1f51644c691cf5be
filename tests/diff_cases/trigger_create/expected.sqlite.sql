create trigger trg_ticket_audit after insert on ticket begin insert into audit(msg) values ('ticket ' || new.title); end;
