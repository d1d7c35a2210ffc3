ALTER TABLE "nft_requests" ADD COLUMN "prepared_transaction" text;--> statement-breakpoint
ALTER TABLE "nft_requests" ADD COLUMN "sent_transaction" text;