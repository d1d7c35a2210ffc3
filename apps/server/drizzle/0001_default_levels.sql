-- Default levels from the NFT process-flow seed; admins edit them afterwards.
INSERT INTO "nft_levels" ("level", "name", "min_volume_usd", "benefits") VALUES
  (1, 'Bronze', '100000', '["Level 1 trading-fee discount", "Level 1 badge in the Personal Center"]'),
  (2, 'Silver', '500000', '["Level 2 trading-fee discount", "Priority support"]'),
  (3, 'Gold', '5000000', '["Level 3 trading-fee discount", "Priority support", "Early feature access"]'),
  (4, 'Platinum', '10000000', '["Level 4 trading-fee discount", "Dedicated account manager"]'),
  (5, 'Diamond', '50000000', '["Level 5 trading-fee discount", "Dedicated account manager", "Invitations to private events"]')
ON CONFLICT ("level") DO NOTHING;
