CREATE TABLE "siws_challenges" (
	"nonce" varchar(64) PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"address" varchar(44) NOT NULL,
	"message" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" varchar(254) NOT NULL,
	"password_hash" text,
	"role" text DEFAULT 'user' NOT NULL,
	"external_id" varchar(128),
	"wallet_address" varchar(44),
	"wallet_linked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "users_wallet_address_unique" UNIQUE("wallet_address"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('user', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "trades" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"external_id" varchar(128) NOT NULL,
	"user_id" uuid NOT NULL,
	"volume_usd" numeric(38, 8) NOT NULL,
	"executed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trades_external_id_unique" UNIQUE("external_id"),
	CONSTRAINT "trades_volume_nonnegative" CHECK ("trades"."volume_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_volumes" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"total_volume_usd" numeric(38, 8) DEFAULT '0' NOT NULL,
	"trade_count" bigint DEFAULT 0 NOT NULL,
	"last_trade_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nft_level_badges" (
	"level" smallint NOT NULL,
	"badge_id" uuid NOT NULL,
	CONSTRAINT "nft_level_badges_level_badge_id_pk" PRIMARY KEY("level","badge_id")
);
--> statement-breakpoint
CREATE TABLE "nft_levels" (
	"level" smallint PRIMARY KEY NOT NULL,
	"name" varchar(64) NOT NULL,
	"symbol" varchar(10) DEFAULT 'INSIG' NOT NULL,
	"min_volume_usd" numeric(38, 8) NOT NULL,
	"benefits" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"image_uri" text,
	"metadata_uri" text,
	"metadata_cid" varchar(128),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nft_levels_level_range" CHECK ("nft_levels"."level" between 1 and 100),
	CONSTRAINT "nft_levels_volume_nonnegative" CHECK ("nft_levels"."min_volume_usd" >= 0)
);
--> statement-breakpoint
CREATE TABLE "nft_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"signature" varchar(88),
	"detail" jsonb,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nft_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"from_level" smallint,
	"to_level" smallint NOT NULL,
	"from_nft_id" uuid,
	"from_mint" varchar(44),
	"target_mint" varchar(44) NOT NULL,
	"wallet_address" varchar(44) NOT NULL,
	"burn_signature" varchar(88),
	"mint_signature" varchar(88),
	"last_valid_block_height" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_owner" varchar(64),
	"lease_expires_at" timestamp with time zone,
	"error_code" varchar(64),
	"last_error" text,
	"compensation_note" text,
	"compensated_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "nft_requests_target_mint_unique" UNIQUE("target_mint")
);
--> statement-breakpoint
CREATE TABLE "reconciliation_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"kind" varchar(64) NOT NULL,
	"auto_corrected" boolean DEFAULT false NOT NULL,
	"database_value" jsonb,
	"chain_value" jsonb,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"checked" integer DEFAULT 0 NOT NULL,
	"corrected" integer DEFAULT 0 NOT NULL,
	"flagged" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "user_nfts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"mint_address" varchar(44) NOT NULL,
	"owner_wallet" varchar(44) NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"request_id" uuid,
	"mint_signature" varchar(88),
	"burn_signature" varchar(88),
	"metadata_uri" text,
	"minted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"burned_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_nfts_mint_address_unique" UNIQUE("mint_address"),
	CONSTRAINT "user_nfts_status_check" CHECK ("user_nfts"."status" in ('active', 'burned', 'missing'))
);
--> statement-breakpoint
CREATE TABLE "badge_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" varchar(120) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badge_categories_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "badge_issuance_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by" uuid,
	"signing_mode" text NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"succeeded" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badge_issuances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"badge_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"issued_by" uuid,
	"batch_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"destination" text NOT NULL,
	"wallet_address" varchar(44),
	"metadata_uri" text,
	"metadata_cid" varchar(128),
	"gateway_url" text,
	"recipient_hash" varchar(64) NOT NULL,
	"mint_signature" varchar(88),
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_owner" varchar(64),
	"lease_expires_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "badge_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuance_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"category_id" uuid,
	"name" varchar(120) NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"badge_type" text NOT NULL,
	"image_cid" varchar(128),
	"image_uri" text,
	"mint_address" varchar(44),
	"mint_signature" varchar(88),
	"metadata_uri" text,
	"metadata_cid" varchar(128),
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "badges_mint_address_unique" UNIQUE("mint_address"),
	CONSTRAINT "badges_type_check" CHECK ("badges"."badge_type" in ('database', 'blockchain'))
);
--> statement-breakpoint
CREATE TABLE "badge_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_type" varchar(64) NOT NULL,
	"entity_type" varchar(32) NOT NULL,
	"badge_id" uuid,
	"category_id" uuid,
	"issuance_id" uuid,
	"user_id" uuid,
	"claim_id" uuid,
	"performed_by" uuid,
	"blockchain_tx_signature" varchar(88),
	"wallet_address" varchar(44),
	"old_value" jsonb,
	"new_value" jsonb,
	"status" varchar(32) DEFAULT 'ok' NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuance_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"wallet_address" varchar(44) NOT NULL,
	"token_id" varchar(44) NOT NULL,
	"metadata_uri" text,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"admin_response_at" timestamp with time zone,
	"responded_by" uuid,
	"reject_reason" text,
	"transfer_signature" varchar(88),
	"completed_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_logs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issuance_id" uuid,
	"claim_id" uuid,
	"user_id" uuid,
	"notification_type" text NOT NULL,
	"recipient" varchar(254) NOT NULL,
	"subject" text NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"mail_provider_id" varchar(255),
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"last_error" text,
	"metadata" jsonb,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_logs_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"topic" varchar(64) NOT NULL,
	"type" varchar(64) NOT NULL,
	"key" varchar(128),
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbox_seq_unique" UNIQUE("seq")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid,
	"event_type" varchar(64) NOT NULL,
	"url" text NOT NULL,
	"payload" jsonb NOT NULL,
	"dedupe_key" varchar(200) NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now(),
	"response_status" integer,
	"response_body" text,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_deliveries_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
ALTER TABLE "siws_challenges" ADD CONSTRAINT "siws_challenges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trades" ADD CONSTRAINT "trades_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_volumes" ADD CONSTRAINT "user_volumes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_level_badges" ADD CONSTRAINT "nft_level_badges_level_nft_levels_level_fk" FOREIGN KEY ("level") REFERENCES "public"."nft_levels"("level") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_level_badges" ADD CONSTRAINT "nft_level_badges_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_request_events" ADD CONSTRAINT "nft_request_events_request_id_nft_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."nft_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_request_events" ADD CONSTRAINT "nft_request_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD CONSTRAINT "nft_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD CONSTRAINT "nft_requests_from_level_nft_levels_level_fk" FOREIGN KEY ("from_level") REFERENCES "public"."nft_levels"("level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD CONSTRAINT "nft_requests_to_level_nft_levels_level_fk" FOREIGN KEY ("to_level") REFERENCES "public"."nft_levels"("level") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD CONSTRAINT "nft_requests_from_nft_id_user_nfts_id_fk" FOREIGN KEY ("from_nft_id") REFERENCES "public"."user_nfts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD CONSTRAINT "nft_requests_compensated_by_users_id_fk" FOREIGN KEY ("compensated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_flags" ADD CONSTRAINT "reconciliation_flags_run_id_reconciliation_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."reconciliation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_flags" ADD CONSTRAINT "reconciliation_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_nfts" ADD CONSTRAINT "user_nfts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_nfts" ADD CONSTRAINT "user_nfts_level_nft_levels_level_fk" FOREIGN KEY ("level") REFERENCES "public"."nft_levels"("level") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_issuance_batches" ADD CONSTRAINT "badge_issuance_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD CONSTRAINT "badge_issuances_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD CONSTRAINT "badge_issuances_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD CONSTRAINT "badge_issuances_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_issuances" ADD CONSTRAINT "badge_issuances_batch_id_badge_issuance_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."badge_issuance_batches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_notifications" ADD CONSTRAINT "badge_notifications_issuance_id_badge_issuances_id_fk" FOREIGN KEY ("issuance_id") REFERENCES "public"."badge_issuances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_notifications" ADD CONSTRAINT "badge_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_category_id_badge_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."badge_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badges" ADD CONSTRAINT "badges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_category_id_badge_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."badge_categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_issuance_id_badge_issuances_id_fk" FOREIGN KEY ("issuance_id") REFERENCES "public"."badge_issuances"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_claim_id_claim_intents_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claim_intents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "badge_logs" ADD CONSTRAINT "badge_logs_performed_by_users_id_fk" FOREIGN KEY ("performed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD CONSTRAINT "claim_intents_issuance_id_badge_issuances_id_fk" FOREIGN KEY ("issuance_id") REFERENCES "public"."badge_issuances"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD CONSTRAINT "claim_intents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_intents" ADD CONSTRAINT "claim_intents_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_logs" ADD CONSTRAINT "email_logs_issuance_id_badge_issuances_id_fk" FOREIGN KEY ("issuance_id") REFERENCES "public"."badge_issuances"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_logs" ADD CONSTRAINT "email_logs_claim_id_claim_intents_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claim_intents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_logs" ADD CONSTRAINT "email_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "siws_challenges_user_idx" ON "siws_challenges" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "trades_user_idx" ON "trades" USING btree ("user_id","executed_at");--> statement-breakpoint
CREATE INDEX "nft_request_events_request_idx" ON "nft_request_events" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "nft_requests_one_open_per_user" ON "nft_requests" USING btree ("user_id") WHERE "nft_requests"."status" not in ('completed', 'expired', 'failed', 'compensated');--> statement-breakpoint
CREATE INDEX "nft_requests_due_idx" ON "nft_requests" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "reconciliation_flags_open_idx" ON "reconciliation_flags" USING btree ("resolved_at","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_nfts_one_active_per_user" ON "user_nfts" USING btree ("user_id") WHERE "user_nfts"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "badge_issuances_one_per_user" ON "badge_issuances" USING btree ("badge_id","user_id");--> statement-breakpoint
CREATE INDEX "badge_issuances_user_idx" ON "badge_issuances" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "badge_issuances_due_idx" ON "badge_issuances" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "badge_issuances_batch_idx" ON "badge_issuances" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "badge_notifications_user_idx" ON "badge_notifications" USING btree ("user_id","is_read");--> statement-breakpoint
CREATE INDEX "badges_category_idx" ON "badges" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "badge_logs_created_idx" ON "badge_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "badge_logs_issuance_idx" ON "badge_logs" USING btree ("issuance_id");--> statement-breakpoint
CREATE INDEX "badge_logs_action_idx" ON "badge_logs" USING btree ("action_type","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_intents_one_live_per_issuance" ON "claim_intents" USING btree ("issuance_id") WHERE "claim_intents"."status" not in ('rejected', 'failed');--> statement-breakpoint
CREATE INDEX "claim_intents_status_idx" ON "claim_intents" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "email_logs_due_idx" ON "email_logs" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_unpublished_idx" ON "outbox" USING btree ("published_at","seq");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");