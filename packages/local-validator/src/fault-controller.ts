/** How the validator misbehaves while a fault is set. */
export type FaultMode = 'none' | 'fail' | 'delay' | 'rateLimit' | 'drop';

/** A fault to inject (tests only). */
export interface FaultSpec {
  /**
   * - `fail`: HTTP 503 (or, with `reset: true`, the connection is destroyed without a response)
   * - `rateLimit`: HTTP 429 with a `Retry-After` header
   * - `delay`: requests are processed, then their responses held for `delayMs`
   * - `drop`: sendTransaction answers with the signature but never processes the transaction
   * - `none`: healthy
   */
  readonly mode: FaultMode;
  /** For `delay` (default 1000). */
  readonly delayMs?: number;
  /** Only requests calling one of these methods are affected (a batch is affected if any call matches). Default: all. */
  readonly methods?: readonly string[];
  /** How many requests (for `drop`: transactions) to affect before healing; default: until changed. */
  readonly count?: number;
  /** For `fail`: reset the connection instead of answering 503. */
  readonly reset?: boolean;
  /** For `rateLimit`: the Retry-After value in seconds (default 1). */
  readonly retryAfterSeconds?: number;
}

/** Programmatic fault injection, available when the validator runs with `enableFaultControl`. */
export interface FaultController {
  /** Whether fault control is enabled; `set` throws when it is not. */
  readonly enabled: boolean;
  /** Replaces the current fault. */
  set(spec: FaultSpec): void;
  /** Back to healthy (same as `set({ mode: 'none' })`). */
  clear(): void;
  /** The active fault and how many affected requests remain (null = unlimited). */
  current(): FaultSpec & { readonly remaining: number | null };
}

const MODES: readonly FaultMode[] = ['none', 'fail', 'delay', 'rateLimit', 'drop'];

/** Validates an untrusted fault spec (the body of `POST /__faults`). */
export function parseFaultSpec(value: unknown): FaultSpec {
  if (value === null || typeof value !== 'object') throw new Error('fault spec must be an object');
  const spec = value as Record<string, unknown>;
  if (!MODES.includes(spec.mode as FaultMode)) throw new Error(`mode must be one of ${MODES.join(', ')}`);
  const optionalNumber = (key: string): number | undefined => {
    const v = spec[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`${key} must be a non-negative number`);
    return v;
  };
  const methods = spec.methods;
  if (methods !== undefined && (!Array.isArray(methods) || !methods.every((m) => typeof m === 'string'))) {
    throw new Error('methods must be an array of strings');
  }
  if (spec.reset !== undefined && typeof spec.reset !== 'boolean') throw new Error('reset must be a boolean');
  return {
    mode: spec.mode as FaultMode,
    delayMs: optionalNumber('delayMs'),
    methods: methods,
    count: optionalNumber('count'),
    reset: spec.reset,
    retryAfterSeconds: optionalNumber('retryAfterSeconds'),
  };
}

/** The fault state shared by the HTTP server and the sendTransaction handler. */
export class FaultInjector implements FaultController {
  private spec: FaultSpec = { mode: 'none' };
  private remaining: number | null = null;

  constructor(readonly enabled: boolean) {}

  set(spec: FaultSpec): void {
    if (!this.enabled)
      throw new Error('fault control is disabled; start the validator with enableFaultControl: true');
    this.spec = parseFaultSpec(spec);
    this.remaining = spec.count ?? null;
  }

  clear(): void {
    this.spec = { mode: 'none' };
    this.remaining = null;
  }

  current(): FaultSpec & { readonly remaining: number | null } {
    return { ...this.spec, remaining: this.remaining };
  }

  /** The HTTP-level fault (`fail`, `rateLimit`, `delay`) to apply to a request calling `methods`, consuming one use. */
  takeRequestFault(methods: readonly string[]): FaultSpec | null {
    const spec = this.spec;
    if (spec.mode !== 'fail' && spec.mode !== 'rateLimit' && spec.mode !== 'delay') return null;
    return this.consume(methods) ? spec : null;
  }

  /** Whether this sendTransaction should be dropped, consuming one use. */
  takeDrop(): boolean {
    return this.spec.mode === 'drop' && this.consume(['sendTransaction']);
  }

  private consume(methods: readonly string[]): boolean {
    const filter = this.spec.methods;
    if (filter !== undefined && !methods.some((m) => filter.includes(m))) return false;
    if (this.remaining === null) return true;
    if (this.remaining <= 0) {
      this.clear();
      return false;
    }
    this.remaining--;
    if (this.remaining === 0) this.clear(); // this use was the last one
    return true;
  }
}
