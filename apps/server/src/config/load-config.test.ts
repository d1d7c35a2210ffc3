import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnvConfig, redactConfig } from './load-config.ts';

describe('configuration', () => {
  it('runs on embedded defaults with an empty environment', () => {
    const c = loadEnvConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      SOLANA_LOCAL_PORT: 8899,
      SOLANA_LOCAL_BLOCKHASH_SLOTS: 150,
      NFT_ATOMIC_UPGRADE: true,
    });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.SOLANA_RPC_URLS).toBeUndefined();
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadEnvConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SOLANA_RPC_URLS: 'https://ok.example,notaurl',
        NFT_ATOMIC_UPGRADE: 'maybe',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const name of ['PORT', 'DATABASE_URL', 'SOLANA_RPC_URLS', 'NFT_ATOMIC_UPGRADE'])
      expect(message).toContain(name);
  });

  it('parses lists and booleans', () => {
    const c = loadEnvConfig({
      SOLANA_RPC_URLS: 'https://a.example, https://b.example',
      NFT_ATOMIC_UPGRADE: 'false',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
    });
    expect(c.SOLANA_RPC_URLS).toEqual(['https://a.example', 'https://b.example']);
    expect(c.NFT_ATOMIC_UPGRADE).toBe(false);
    expect(c.KAFKA_BROKERS).toEqual(['k1:9092', 'k2:9092']);
  });

  it('redacts secrets and credentials in URLs when logged', () => {
    const c = loadEnvConfig({
      DATABASE_URL: 'postgres://insignia:hunter2hunter2@db.internal:5432/prod',
      JWT_SECRET: 's'.repeat(40),
      ADMIN_PASSWORD: 'supersecret',
    });
    const text = JSON.stringify(redactConfig(c));
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('s'.repeat(40));
    expect(text).not.toContain('supersecret');
    expect(text).toContain('db.internal:5432');
  });
});
