export * from './errors.ts';
export * from './auth.ts';
export * from './trades.ts';
export * from './nft.ts';
