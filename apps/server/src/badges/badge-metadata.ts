/** Token-2022 metadata keeps names short; wallets show about this much anyway. */
export const ON_CHAIN_NAME_MAX = 32;

export type BadgeMetadataInput = Readonly<{
  id: string;
  name: string;
  symbol: string;
  description: string;
  category: string | null;
  image: { uri: string; contentType: string } | null;
}>;

/** The badge's on-chain name: its name, cut to what Token-2022 metadata holds comfortably. */
export function onChainBadgeName(name: string): string {
  // By code point, so a cut never splits a character in two.
  return Array.from(name).slice(0, ON_CHAIN_NAME_MAX).join('');
}

/**
 * The off-chain metadata JSON a blockchain badge's mint points at (`uri`), in the shape wallets
 * and explorers read (Metaplex-style `name`/`symbol`/`image`/`attributes`).
 */
export function badgeMetadataJson(badge: BadgeMetadataInput): Record<string, unknown> {
  return {
    name: badge.name,
    symbol: badge.symbol,
    description: badge.description,
    ...(badge.image ? { image: badge.image.uri } : {}),
    attributes: [
      { trait_type: 'kind', value: 'badge' },
      ...(badge.category ? [{ trait_type: 'category', value: badge.category }] : []),
    ],
    properties: {
      badgeId: badge.id,
      ...(badge.image ? { files: [{ uri: badge.image.uri, type: badge.image.contentType }] } : {}),
    },
  };
}

export type IssuancePayloadInput = Readonly<{
  issuanceId: string;
  badge: { id: string; name: string; type: 'database' | 'blockchain'; mintAddress: string | null };
  recipientHash: string;
  issuedAt: Date;
}>;

/**
 * The issuance record put on IPFS before anything is minted. The recipient is only their
 * salted hash: no email, name or wallet, so the public payload says nothing about the person.
 */
export function issuancePayloadJson(input: IssuancePayloadInput): Record<string, unknown> {
  return {
    schema: 'insignia.badge-issuance/v1',
    issuanceId: input.issuanceId,
    badge: {
      id: input.badge.id,
      name: input.badge.name,
      type: input.badge.type,
      tokenId: input.badge.mintAddress,
    },
    recipient: { hash: input.recipientHash, algorithm: 'hmac-sha256' },
    issuedAt: input.issuedAt.toISOString(),
  };
}
