CREATE TABLE "sign_in_known" (
	"email" text NOT NULL,
	"key" text NOT NULL,
	"last_success_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sign_in_known_email_key_pk" PRIMARY KEY("email","key")
);
--> statement-breakpoint
CREATE INDEX "sign_in_known_last_success_idx" ON "sign_in_known" USING btree ("last_success_at");--> statement-breakpoint
ALTER TABLE "sign_in_throttle" DROP COLUMN "blocked_until";