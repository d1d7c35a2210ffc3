CREATE TABLE "badge_issuance_transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"signing_mode" text NOT NULL,
	"status" text NOT NULL,
	"signature" varchar(88) NOT NULL,
	"fee_payer" varchar(44) NOT NULL,
	"admin_wallet" varchar(44),
	"wire" text NOT NULL,
	"last_valid_block_height" bigint NOT NULL,
	"item_count" integer NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_owner" varchar(64),
	"lease_expires_at" timestamp with time zone,
	"error_code" varchar(64),
	"last_error" text,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badge_issuance_transactions_signature_unique" UNIQUE("signature")
);
--> statement-breakpoint
DROP INDEX "badge_issuances_batch_idx";--> statement-breakpoint
ALTER TABLE "badge_issuance_batches" ADD COLUMN "admin_wallet" varchar(44);--> statement-breakpoint
ALTER TABLE "badge_issuance_batches" ADD COLUMN "badge_ids" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "badge_issuance_batches" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD COLUMN "content_hash" varchar(64);--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD COLUMN "transaction_id" uuid;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD COLUMN "issued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "symbol" varchar(10) DEFAULT 'BADGE' NOT NULL;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "image_gateway_url" text;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "image_content_type" varchar(64);--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "metadata_gateway_url" text;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "mint_transaction" text;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "mint_last_valid_block_height" bigint;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "next_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "lease_owner" varchar(64);--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "last_error" text;--> statement-breakpoint
ALTER TABLE "badges" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "badge_issuance_transactions" ADD CONSTRAINT "badge_issuance_transactions_batch_id_badge_issuance_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."badge_issuance_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "badge_issuance_transactions_batch_idx" ON "badge_issuance_transactions" USING btree ("batch_id","status");--> statement-breakpoint
CREATE INDEX "badge_issuance_transactions_due_idx" ON "badge_issuance_transactions" USING btree ("status","next_attempt_at");--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD CONSTRAINT "badge_issuances_transaction_id_badge_issuance_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."badge_issuance_transactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "badge_issuances_transaction_idx" ON "badge_issuances" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "badge_issuances_batch_idx" ON "badge_issuances" USING btree ("batch_id","status");