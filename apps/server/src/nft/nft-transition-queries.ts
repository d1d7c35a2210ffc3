import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { preparedOnce } from '../db/prepared-once.ts';
import type { NewOutboxEvent } from '../events/outbox-store.ts';
import type { NftEffect } from './nft-request-effects.ts';
import { nftRequests } from './nft-schema.ts';

/**
 * What varies the text of a transition's one statement: which columns it sets, whether it takes
 * the lease (guarded: nobody else holds it), and which outbox and NFT rows it writes. Everything
 * else is a parameter.
 */
export type TransitionShape = Readonly<{
  /** Set from a parameter each. */
  columns: readonly string[];
  /** Set to null (Drizzle would run a null parameter through a timestamp's encoder). */
  nulls: readonly string[];
  lease: boolean;
  outbox: number;
  effects: readonly NftEffect['type'][];
}>;

const p = (name: string) => sql.placeholder(name);

/**
 * Building this statement with Drizzle's builder cost ~0.4 ms of CPU per transition, more than
 * running it: it is built once per shape and database, then only executed (a named prepared
 * statement on PostgreSQL). `updated_at` is set explicitly (see preparedOnce).
 */
function buildTransition(db: Db, shape: TransitionShape, name: string) {
  const locked = db.$with('locked', { id: sql<string>`id` }).as(
    sql`select id from nft_requests
        where id = ${p('id')} and status = ${p('fromStatus')} and mode = ${p('fromMode')}
          and attempts = ${p('fromAttempts')}
          and mint_signature is not distinct from ${p('fromMintSignature')}
          and burn_signature is not distinct from ${p('fromBurnSignature')}
          ${
            shape.lease
              ? sql`and (lease_expires_at is null or lease_expires_at < statement_timestamp()
                         or lease_owner = ${p('leaseOwner')})
                    and prepared_transaction is not distinct from ${p('leasePreparedTransaction')}`
              : sql``
          }
        for update`,
  );
  const logged = db.$with('logged', { id: sql<string>`id` }).as(
    sql`insert into nft_request_events (request_id, from_status, to_status, signature, detail, actor_id)
        select id, ${p('fromStatus')}, ${p('toStatus')}, ${p('eventSignature')},
          ${p('detail')}::jsonb, ${p('actorId')}::uuid
        from locked returning id`,
  );
  const announced = Array.from({ length: shape.outbox }, (_, i) =>
    db.$with(`announced_${i}`, { id: sql<string>`id` }).as(
      sql`insert into outbox (topic, type, key, payload)
          select ${p(`outboxTopic${i}`)}, ${p(`outboxType${i}`)}, ${p(`outboxKey${i}`)},
            ${p(`outboxPayload${i}`)}::jsonb
          from locked returning id`,
    ),
  );
  const effects = shape.effects.map((type, i) => {
    // A burn comes first and the insert reads its result, which makes PostgreSQL finish the
    // burn before it inserts: the one-active-NFT index never sees two.
    const after = i > 0 ? sql`where (select count(*) from effect_${sql.raw(String(i - 1))}) >= 0` : sql``;
    const statement =
      type === 'burn_old'
        ? sql`update user_nfts set status = 'burned', burned_at = now(), updated_at = now(),
                burn_signature = ${p(`burnSignature${i}`)}
              where id = ${p(`nftId${i}`)} and status = 'active' and exists (select 1 from locked)
              returning id`
        : sql`insert into user_nfts (user_id, level, mint_address, owner_wallet, status, request_id, mint_signature)
              select ${p(`userId${i}`)}::uuid, ${p(`level${i}`)}::smallint, ${p(`mintAddress${i}`)},
                ${p(`ownerWallet${i}`)}, 'active', ${p(`requestId${i}`)}::uuid, ${p(`mintSignature${i}`)}
              from locked ${after} returning id`;
    return db.$with(`effect_${i}`, { id: sql<string>`id` }).as(statement);
  });
  const set: Record<string, SQL | ReturnType<typeof p>> = { updatedAt: p('updatedAt') };
  for (const column of shape.columns) set[column] = p(`set_${column}`);
  for (const column of shape.nulls) set[column] = sql`null`;
  // A final status gives the lease back instead (the column is then among the set ones).
  if (shape.lease && !shape.nulls.includes('leaseExpiresAt')) {
    set.leaseExpiresAt = sql`statement_timestamp() + make_interval(secs => ${p('leaseSeconds')})`;
  }
  return db
    .with(locked, logged, ...announced, ...effects)
    .update(nftRequests)
    .set(set)
    .where(and(eq(nftRequests.id, p('id')), sql`${nftRequests.id} in (select id from locked)`))
    .returning()
    .prepare(name);
}

export function preparedTransition(db: Db, shape: TransitionShape) {
  const key = ['nft_transition', shape.columns, shape.nulls, shape.lease, shape.outbox, shape.effects].join(
    '|',
  );
  return preparedOnce(db, key, (name) => buildTransition(db, shape, name));
}

/** The parameters of the outbox rows and NFT rows a transition writes. */
export function rowParams(outbox: readonly NewOutboxEvent[], effects: readonly NftEffect[]) {
  const params: Record<string, unknown> = {};
  outbox.forEach((e, i) => {
    params[`outboxTopic${i}`] = e.topic;
    params[`outboxType${i}`] = e.type;
    params[`outboxKey${i}`] = e.key ?? null;
    params[`outboxPayload${i}`] = JSON.stringify(e.payload);
  });
  effects.forEach((effect, i) => {
    if (effect.type === 'burn_old') {
      params[`burnSignature${i}`] = effect.burnSignature;
      params[`nftId${i}`] = effect.nftId;
    } else {
      params[`userId${i}`] = effect.userId;
      params[`level${i}`] = effect.level;
      params[`mintAddress${i}`] = effect.mintAddress;
      params[`ownerWallet${i}`] = effect.ownerWallet;
      params[`requestId${i}`] = effect.requestId;
      params[`mintSignature${i}`] = effect.mintSignature;
    }
  });
  return params;
}
