import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { processCount } from './env-config.ts';
import { loadEnvConfig, redactConfig } from './load-config.ts';

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
    expect(isAppError(error, 'CONFIG__INVALID')).toBe(true);
    const message = (error as Error).message;
    for (const name of ['PORT', 'DATABASE_URL', 'SOLANA_RPC_URLS', 'NFT_ATOMIC_UPGRADE'])
      expect(message).toContain(name);
  });

  it('keeps the validator fault routes off unless a test asks, and never in production', () => {
    expect(loadEnvConfig({}).SOLANA_LOCAL_FAULT_CONTROL).toBe(false);
    expect(loadEnvConfig({ SOLANA_LOCAL_FAULT_CONTROL: 'true' }).SOLANA_LOCAL_FAULT_CONTROL).toBe(true);
    const production = { NODE_ENV: 'production', INGEST_API_KEY: 'k'.repeat(16) };
    expect(() => loadEnvConfig({ ...production, SOLANA_LOCAL_FAULT_CONTROL: 'true' })).toThrow(
      /SOLANA_LOCAL_FAULT_CONTROL/,
    );
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

  it('logs every URL setting as scheme and host only: no userinfo, path or query', () => {
    const c = loadEnvConfig({
      SOLANA_RPC_URLS: 'https://rpc.example/?api-key=rpc-key-1,https://rpc2.example/v2/rpc-key-2',
      IPFS_API_URL: 'https://ipfs-user:ipfs-pass@ipfs.example:5001/api',
      IPFS_BACKUP_API_URLS: 'https://backup.example/token/ipfs-token-3',
      IPFS_GATEWAY_URL: 'https://gw.example/ipfs?key=gw-key-4',
      ADMIN_WEBHOOK_URL: 'https://hooks.example/services/hook-path-5',
      EVENTS_WEBHOOK_URLS: 'https://events.example/in/hook-path-6',
      KAFKA_BROKERS: 'kafka-user:kafka-pass@k1.example:9092,k2.example:9092',
      HOST_JWKS_URL: 'https://idp.example/tenant-7/jwks.json',
      HOST_JWT_ISSUER: 'https://idp.example',
      HOST_JWT_AUDIENCE: 'insignia',
      PUBLIC_URL: 'https://app.example/?utm=public-8',
      ADMIN_EMAIL: 'root@ops.example',
    });
    const logged = redactConfig(c);
    const text = JSON.stringify(logged);
    for (const secret of ['rpc-key-1', 'rpc-key-2', 'ipfs-user', 'ipfs-pass', 'ipfs-token-3', 'gw-key-4']) {
      expect(text).not.toContain(secret);
    }
    for (const secret of ['hook-path-5', 'hook-path-6', 'kafka-user', 'kafka-pass', 'tenant-7', 'public-8']) {
      expect(text).not.toContain(secret);
    }
    expect(logged).toMatchObject({
      SOLANA_RPC_URLS: ['https://rpc.example', 'https://rpc2.example'],
      IPFS_API_URL: 'https://ipfs.example:5001',
      KAFKA_BROKERS: ['k1.example:9092', 'k2.example:9092'],
      HOST_JWKS_URL: 'https://idp.example',
      // Not a URL: an email setting is logged as it is.
      ADMIN_EMAIL: 'root@ops.example',
    });
  });
});

describe('PROCESSES', () => {
  const shared = {
    DATABASE_URL: 'postgres://db.internal/insignia',
    REDIS_URL: 'redis://cache.internal:6379',
  };

  it('defaults to one per core with PostgreSQL and Redis, to 1 otherwise', () => {
    expect(processCount(loadEnvConfig(shared), 8)).toBe(8);
    expect(processCount(loadEnvConfig({}), 8)).toBe(1);
    expect(processCount(loadEnvConfig({ DATABASE_URL: shared.DATABASE_URL }), 8)).toBe(1);
    expect(processCount(loadEnvConfig({ ...shared, PROCESSES: '' }), 8)).toBe(8);
  });

  it('takes an explicit count, 1 anywhere', () => {
    expect(processCount(loadEnvConfig({ ...shared, PROCESSES: '3' }), 8)).toBe(3);
    expect(processCount(loadEnvConfig({ ...shared, PROCESSES: '1' }), 8)).toBe(1);
    expect(processCount(loadEnvConfig({ PROCESSES: '1' }), 8)).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'many'])
      expect(() => loadEnvConfig({ ...shared, PROCESSES: bad })).toThrow(/PROCESSES/);
  });

  it('refuses more than one process without PostgreSQL or without Redis, saying what to set', () => {
    expect(() => loadEnvConfig({ PROCESSES: '2' })).toThrow(/PROCESSES: above 1 needs DATABASE_URL/);
    expect(() => loadEnvConfig({ PROCESSES: '2', DATABASE_URL: shared.DATABASE_URL })).toThrow(
      /PROCESSES: above 1 needs REDIS_URL.*set REDIS_URL, or PROCESSES=1/,
    );
  });
});
