CREATE TABLE "Ticket" (
    "Id" integer NOT NULL,
    title varchar(100) NOT NULL,
    CONSTRAINT pk_ticket PRIMARY KEY ("Id")
);
