ALTER TABLE "user" RENAME COLUMN "group" TO role;

ALTER TABLE "user" ALTER COLUMN "Display Name" TYPE varchar(80);

ALTER TABLE "user" ADD COLUMN "order" integer DEFAULT 0 NOT NULL;

ALTER TABLE "user" ALTER COLUMN "order" DROP DEFAULT;
