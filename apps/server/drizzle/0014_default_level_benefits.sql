-- Level 1's default benefits promised "Level 1 badge in the Personal Center", which Insignia
-- never gives. Replaced where the operator has not edited the benefits; edited copy is theirs.
UPDATE "nft_levels"
SET "benefits" = '["Level 1 trading-fee discount", "Your Level 1 NFT, verifiable by anyone on Solana"]'
WHERE "level" = 1
  AND "benefits"::jsonb = '["Level 1 trading-fee discount", "Level 1 badge in the Personal Center"]'::jsonb;
