import { getAddressComparator, type Address, type Transaction, type TransactionSigner } from '@solana/kit';
import type { BlockhashLifetime, BuiltMessage } from './create-base-message.ts';
import { addressBytes, decodeBase58 } from './base58.ts';
import { createMessageTemplate, type MessageTemplate, type TemplateRequest } from './message-template.ts';
import { renderMessageTemplate } from './render-message-template.ts';
import { compileMessage, rememberCompiled } from './prepare-transaction.ts';

/** One build, as a builder describes it to the cache. */
export type TemplatedBuild = Readonly<{
  /** Every input the message depends on other than the variables, signer objects and blockhash. */
  key: string;
  /** Addresses the key names (authority, a given fee payer...): no variable may be one of them. */
  constants: readonly Address[];
  variables: readonly Address[];
  signers: readonly TransactionSigner[];
  feePayer: TransactionSigner;
  lifetime: BlockhashLifetime;
}>;

/**
 * Messages of one key differ only in their variables and blockhash, and in account order:
 * inside each of kit's account groups (see accountGroups) keys are sorted by address. Builds
 * whose variables sort the same way among the group's other keys (their order class) compile
 * to the same layout, so each (key, class) is compiled by kit once and copied afterwards.
 */
type Family = {
  /** The first template's groups holding a variable; classes are orders of these members. */
  groups: readonly (readonly (Address | number)[])[];
  constants: ReadonlySet<string>;
  /** Which keys are in which group, order aside: every template of the family has the same. */
  shape: string;
  templates: Map<string, MessageTemplate>;
};

let compare: ((a: string, b: string) => number) | undefined;

/** The order class: per group, the sorted positions of its members; undefined on a tie. */
function orderClass(groups: Family['groups'], variables: readonly Address[]): string | undefined {
  const byAddress = (compare ??= getAddressComparator());
  const parts: string[] = [];
  for (const group of groups) {
    const members: { address: string; position: number }[] = [];
    for (const [position, member] of group.entries()) {
      const address = typeof member === 'number' ? variables[member] : member;
      if (address === undefined) return undefined;
      members.push({ address, position });
    }
    members.sort((a, b) => byAddress(a.address, b.address));
    let previous: string | undefined;
    for (const { address } of members) {
      if (previous !== undefined && byAddress(previous, address) >= 0) return undefined;
      previous = address;
    }
    parts.push(members.map((m) => m.position).join(','));
  }
  return parts.join('|');
}

function variableGroups(template: MessageTemplate) {
  return template.groups.filter((g) => g.length > 1 && g.some((m) => typeof m === 'number'));
}

function sameTransaction(a: Transaction, b: Transaction): boolean {
  const keys = (t: Transaction) => Object.keys(t.signatures).join();
  return Buffer.from(a.messageBytes).equals(Buffer.from(b.messageBytes)) && keys(a) === keys(b);
}

/** Which keys are in which group, in any order. */
function shapeOf(template: MessageTemplate): string {
  return JSON.stringify(template.groups.map((g) => g.map(String).sort()));
}

export type MessageTemplateCache = Readonly<{
  /**
   * The message kit would build: copied from a template when one fits, else `buildWithKit()`
   * (which then seeds a template for its key and order class).
   */
  build: (build: TemplatedBuild, buildWithKit: () => BuiltMessage) => BuiltMessage;
  /** Builds served from a template and built by kit, since the start. */
  stats: () => Readonly<{ copied: number; built: number }>;
  clear: () => void;
}>;

/** A bounded cache of message templates (see Family). */
export function createMessageTemplateCache(limits: {
  families: number;
  classesPerFamily: number;
}): MessageTemplateCache {
  const families = new Map<string, Family>();
  const verified = new WeakSet<MessageTemplate>();
  let copied = 0;
  let built = 0;

  function toRequest(build: TemplatedBuild): TemplateRequest | undefined {
    const { variables, constants } = build;
    if (variables.some((v, i) => variables.indexOf(v) !== i || constants.includes(v))) return undefined;
    const variableBytes: Uint8Array[] = [];
    for (const v of variables) {
      const bytes = addressBytes(v);
      if (!bytes) return undefined;
      variableBytes.push(bytes);
    }
    const blockhashBytes = decodeBase58(build.lifetime.blockhash, 32);
    return blockhashBytes && { ...build, variableBytes, blockhashBytes };
  }

  function remember(key: string, template: MessageTemplate, variables: readonly Address[]) {
    let family = families.get(key);
    if (!family) {
      const oldest = families.keys().next();
      if (families.size >= limits.families && !oldest.done) families.delete(oldest.value);
      const constants = template.groups.flat().filter((m): m is Address => typeof m === 'string');
      family = {
        groups: variableGroups(template),
        constants: new Set(constants),
        shape: shapeOf(template),
        templates: new Map(),
      };
      families.set(key, family);
    }
    const order = orderClass(family.groups, variables);
    if (order === undefined || shapeOf(template) !== family.shape) return;
    if (family.templates.size >= limits.classesPerFamily) family.templates.clear();
    family.templates.set(order, template);
  }

  function build(build: TemplatedBuild, buildWithKit: () => BuiltMessage): BuiltMessage {
    const request = toRequest(build);
    const key = JSON.stringify([build.key, build.constants]);
    const family = families.get(key);
    if (request && family && !build.variables.some((v) => family.constants.has(v))) {
      const order = orderClass(family.groups, build.variables);
      const template = order === undefined ? undefined : family.templates.get(order);
      if (template && verified.has(template)) {
        const { message, compiled } = renderMessageTemplate(template, request);
        rememberCompiled(message, compiled);
        copied++;
        return message;
      }
      // A template's first use is checked against kit: a template made from a request whose
      // variable happened to equal a constant would not reproduce another request's bytes.
      if (template && order !== undefined) {
        const message = buildWithKit();
        built++;
        const ours = renderMessageTemplate(template, request).compiled;
        if (sameTransaction(ours, compileMessage(message))) verified.add(template);
        else family.templates.delete(order);
        return message;
      }
    }
    const message = buildWithKit();
    built++;
    if (request) {
      const template = createMessageTemplate(request, message, compileMessage(message));
      if (template) remember(key, template, build.variables);
    }
    return message;
  }

  return {
    build,
    stats: () => ({ copied, built }),
    clear: () => families.clear(),
  };
}
