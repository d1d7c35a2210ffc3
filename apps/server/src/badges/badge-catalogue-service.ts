import { randomUUID } from 'node:crypto';
import type { Badge, BadgeListQuery, BadgeImageUpload, CreateBadge, UpdateBadge } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import { fetchMintInfo } from '../chain/fetch-mint-info.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { staleError } from '../errors/stale-error.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import { badgeMetadataJson } from './badge-metadata.ts';
import { badgeMintAddress, type BadgeMintCreator } from './badge-mint-creator.ts';
import { findBadge, findBadgeView, listBadgeViews, type BadgeRow } from './badge-queries.ts';
import {
  countBadgeReferences,
  deleteBadge,
  findCategory,
  insertBadge,
  updateBadgeFields,
  type BadgeFieldsPatch,
  type NewBadge,
} from './badge-catalogue-store.ts';
import type { BadgeMintEvent } from './badge-mint-machine.ts';
import { applyBadgeMintEvent } from './badge-mint-store.ts';
import { decodeBadgeImage } from './decode-badge-image.ts';
import { writeBadgeLog } from './badge-log-store.ts';
import { newLeaseOwner } from '../jobs/lease-owner.ts';

/** How long a create request waits for the new mint before leaving it to the worker. */
const INLINE_MINT_WAIT_MS = 30_000;
const LEASE_MS = INLINE_MINT_WAIT_MS + 15_000;

const snapshot = (row: BadgeRow) => ({
  name: row.name,
  description: row.description,
  symbol: row.symbol,
  categoryId: row.categoryId,
  status: row.status,
  imageCid: row.imageCid,
  metadataUri: row.metadataUri,
  mintAddress: row.mintAddress,
  validityDays: row.validityDays,
});

/**
 * The badge catalogue: create (image and metadata to IPFS; for blockchain badges the
 * Token-2022 mint), edit, archive or delete. Every change is audited in badge_logs in the
 * same transaction.
 */
export function createBadgeCatalogueService(deps: {
  db: Db;
  chain: Chain;
  ipfs: IpfsStore;
  mintCreator: BadgeMintCreator;
  wakeWorker: () => void;
}) {
  const { db, ipfs } = deps;

  async function view(id: string): Promise<Badge> {
    const found = await findBadgeView(db, id);
    if (!found) throw new AppError('BADGE__NOT_FOUND');
    return found;
  }

  async function categoryName(categoryId: string | null | undefined): Promise<string | null> {
    if (!categoryId) return null;
    const row = await findCategory(db, categoryId);
    if (!row) throw new AppError('BADGE__CATEGORY_NOT_FOUND');
    return row.name;
  }

  async function uploadImage(upload: BadgeImageUpload) {
    const added = await ipfs.addBytes(decodeBadgeImage(upload), { name: 'image' });
    return {
      imageCid: added.cid,
      imageUri: added.uri,
      imageGatewayUrl: added.gatewayUrl,
      imageContentType: upload.contentType,
    };
  }

  /** Tries to create the mint now, within the request; the worker takes over if it cannot. */
  async function mintInline(id: string): Promise<void> {
    const owner = newLeaseOwner('api');
    const row = await deps.mintCreator.tryLease(id, owner, LEASE_MS);
    if (!row) return;
    try {
      await deps.mintCreator.advance(row, AbortSignal.timeout(INLINE_MINT_WAIT_MS));
    } catch (e) {
      if (!(e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError'))) throw e;
    } finally {
      await deps.mintCreator.release(id, owner);
      deps.wakeWorker();
    }
  }

  async function create(actorId: string, input: CreateBadge): Promise<Badge> {
    const category = await categoryName(input.categoryId);
    const id = randomUUID();
    const symbol = (input.symbol ?? 'BADGE').toUpperCase();
    const image = input.image ? await uploadImage(input.image) : undefined;
    let chainFields: Partial<NewBadge> = {};
    if (input.type === 'blockchain') {
      const metadata = await ipfs.addJson(
        badgeMetadataJson({
          id,
          name: input.name,
          symbol,
          description: input.description,
          category,
          image: image ? { uri: image.imageUri, contentType: image.imageContentType } : null,
        }),
      );
      chainFields = {
        mintAddress: await badgeMintAddress(deps.chain, id),
        metadataUri: metadata.uri,
        metadataCid: metadata.cid,
        metadataGatewayUrl: metadata.gatewayUrl,
      };
    }
    await db.transaction(async (tx) => {
      const row = await insertBadge(tx, {
        id,
        name: input.name,
        description: input.description,
        symbol,
        categoryId: input.categoryId ?? null,
        badgeType: input.type,
        validityDays: input.validityDays ?? null,
        createdBy: actorId,
        ...image,
        ...chainFields,
      });
      await writeBadgeLog(tx, {
        actionType: 'badge.created',
        entityType: 'badge',
        badgeId: id,
        categoryId: input.categoryId ?? null,
        performedBy: actorId,
        newValue: { ...snapshot(row), type: input.type },
      });
    });
    if (input.type === 'blockchain') await mintInline(id);
    return view(id);
  }

  async function setArchived(actorId: string, row: BadgeRow, archived: boolean): Promise<void> {
    // Back to active only if the mint really exists; otherwise the worker creates it.
    const event: BadgeMintEvent = archived
      ? { type: 'archived', at: new Date() }
      : {
          type: 'unarchived',
          mintExists:
            row.badgeType === 'blockchain' &&
            row.mintAddress !== null &&
            (await fetchMintInfo(deps.chain.rpc.rpc, row.mintAddress)) !== null,
        };
    const next = await db.transaction(async (tx) => {
      const moved = await applyBadgeMintEvent(tx, row, event, { nextAttemptAt: null });
      if (!moved) throw staleError('badge', [row.id]);
      await writeBadgeLog(tx, {
        actionType: archived ? 'badge.archived' : 'badge.unarchived',
        entityType: 'badge',
        badgeId: row.id,
        performedBy: actorId,
        oldValue: { status: row.status },
        newValue: { status: moved.status },
      });
      return moved;
    });
    if (next.status === 'creating') deps.wakeWorker();
  }

  async function update(actorId: string, id: string, input: UpdateBadge): Promise<Badge> {
    const row = await findBadge(db, id);
    if (!row) throw new AppError('BADGE__NOT_FOUND');
    const { archived, ...fields } = input;
    if (row.badgeType === 'blockchain') {
      const locked = (['name', 'symbol'] as const).filter(
        (k) => fields[k] !== undefined && fields[k] !== row[k],
      );
      if (fields.image !== undefined) locked.push('image' as never);
      if (locked.length > 0) throw new AppError('BADGE__ON_CHAIN_FIELD_LOCKED', { fields: locked });
    }
    if (fields.categoryId) await categoryName(fields.categoryId);
    const patch: BadgeFieldsPatch = {
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.description !== undefined ? { description: fields.description } : {}),
      ...(fields.symbol !== undefined ? { symbol: fields.symbol.toUpperCase() } : {}),
      ...(fields.categoryId !== undefined ? { categoryId: fields.categoryId } : {}),
      ...(fields.validityDays !== undefined ? { validityDays: fields.validityDays } : {}),
    };
    if (fields.image === null)
      Object.assign(patch, { imageCid: null, imageUri: null, imageGatewayUrl: null, imageContentType: null });
    else if (fields.image) Object.assign(patch, await uploadImage(fields.image));
    if (Object.keys(patch).length > 0) {
      await db.transaction(async (tx) => {
        const next = await updateBadgeFields(tx, id, patch);
        await writeBadgeLog(tx, {
          actionType: 'badge.updated',
          entityType: 'badge',
          badgeId: id,
          categoryId: next.categoryId,
          performedBy: actorId,
          oldValue: snapshot(row),
          newValue: snapshot(next),
        });
      });
    }
    if (archived !== undefined && archived !== (row.status === 'archived')) {
      const current = await findBadge(db, id);
      if (!current) throw new AppError('BADGE__NOT_FOUND');
      await setArchived(actorId, current, archived);
    }
    return view(id);
  }

  /**
   * Deletes a badge nobody was ever issued and that has nothing on chain; anything else is
   * archived instead, so issuances, audit entries and the mint keep their badge.
   */
  async function remove(
    actorId: string,
    id: string,
  ): Promise<{ outcome: 'deleted' | 'archived'; badge: Badge | null }> {
    const row = await findBadge(db, id);
    if (!row) throw new AppError('BADGE__NOT_FOUND');
    const { issued, levels } = await countBadgeReferences(db, id);
    const keep = issued > 0 || levels > 0 || row.badgeType === 'blockchain';
    if (keep) {
      if (row.status !== 'archived') await setArchived(actorId, row, true);
      return { outcome: 'archived', badge: await view(id) };
    }
    await db.transaction(async (tx) => {
      await writeBadgeLog(tx, {
        actionType: 'badge.deleted',
        entityType: 'badge',
        badgeId: id,
        performedBy: actorId,
        oldValue: { id, ...snapshot(row) },
      });
      await deleteBadge(tx, id);
    });
    return { outcome: 'deleted', badge: null };
  }

  /** Puts a badge whose mint creation failed back to `creating` with a fresh retry budget. */
  async function retryMint(actorId: string, id: string): Promise<Badge> {
    const row = await findBadge(db, id);
    if (!row) throw new AppError('BADGE__NOT_FOUND');
    if (row.status !== 'failed') throw new AppError('BADGE__NOT_ISSUABLE', { status: row.status });
    await db.transaction(async (tx) => {
      const moved = await applyBadgeMintEvent(tx, row, { type: 'retry' }, { nextAttemptAt: null });
      if (!moved) throw staleError('badge', [id]);
      await writeBadgeLog(tx, {
        actionType: 'badge.mint_retried',
        entityType: 'badge',
        badgeId: id,
        performedBy: actorId,
        oldValue: { status: row.status, lastError: row.lastError },
        newValue: { status: 'creating' },
      });
    });
    await mintInline(id);
    return view(id);
  }

  return {
    list: (query: BadgeListQuery) => listBadgeViews(db, query),
    get: view,
    create,
    update,
    remove,
    retryMint,
  };
}

export type BadgeCatalogueService = ReturnType<typeof createBadgeCatalogueService>;
