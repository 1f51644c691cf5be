CREATE TRIGGER `trg_ticket_audit` AFTER INSERT ON `ticket` FOR EACH ROW INSERT INTO audit (msg) VALUES (CONCAT('ticket ', NEW.title));
