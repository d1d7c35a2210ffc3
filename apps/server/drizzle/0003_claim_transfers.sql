ALTER TABLE "claim_intents" ADD COLUMN "error_code" varchar(64);--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "signing_mode" text;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "fee_payer" varchar(44);--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "recipient_balance_before" bigint;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "prepared_transaction" text;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "sent_transaction" text;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "last_valid_block_height" bigint;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "lease_owner" varchar(64);--> statement-breakpoint
ALTER TABLE "claim_intents" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "claim_intents_user_idx" ON "claim_intents" USING btree ("user_id","submitted_at");--> statement-breakpoint
CREATE INDEX "claim_intents_due_idx" ON "claim_intents" USING btree ("status","next_attempt_at");