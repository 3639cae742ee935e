import { z } from 'zod';
import { SandboxHttpError } from './errors';
import { hashUnit, type Rng } from './data/random';

/**
 * Fault injection, settable at start and while running (in process or via PUT /_sandbox/faults).
 * Random faults draw from a seeded generator, so one request sequence always fails the same way;
 * malformed records are chosen by a hash of their id, so a record is always malformed or never.
 */

const rate = z.number().min(0).max(1);

export const faultSettingsSchema = z.object({
  /** Requests per minute per API key; beyond it 429 with Retry-After. null = unlimited. */
  rateLimitPerMinute: z.number().int().positive().nullable(),
  /** Probability per request of each injected status. */
  errorRates: z.object({ '408': rate, '500': rate, '502': rate, '503': rate }),
  /** Retry-After (seconds) sent with injected 408 and 503. */
  retryAfterSeconds: z.number().int().min(0),
  /** Added latency per request, uniformly between min and max (ms). */
  latencyMs: z
    .object({ min: z.number().min(0), max: z.number().min(0) })
    .refine((l) => l.max >= l.min, 'max must be >= min'),
  /** Share of records served malformed (wrong types, missing id); stable per record id. */
  malformedRate: rate,
  /** Probability that a list page comes back short (maybe empty) while still carrying a cursor. */
  shortPageRate: rate,
  /**
   * The next `count` background-check package creates are applied and then their answer is lost
   * (an ambiguous outcome): `drop` closes the connection without a response, a status answers
   * with that 5xx instead of the 201. A blind retry of such a create makes a duplicate.
   */
  ambiguousCreates: z
    .object({
      count: z.number().int().min(0),
      mode: z.union([z.literal('drop'), z.number().int().min(500).max(599)]),
    })
    .nullable(),
  /** The next `count` StackOne requests fail with `status` (for precise tests). */
  failNext: z
    .object({
      count: z.number().int().min(0),
      status: z.number().int().min(400).max(599),
      retryAfterSeconds: z.number().int().min(0).optional(),
      message: z.string().optional(),
    })
    .nullable(),
});

export type FaultSettings = z.infer<typeof faultSettingsSchema>;

export const faultPatchSchema = faultSettingsSchema
  .extend({ errorRates: faultSettingsSchema.shape.errorRates.partial() })
  .partial();
export type FaultPatch = z.input<typeof faultPatchSchema>;

export const DEFAULT_FAULTS: FaultSettings = {
  rateLimitPerMinute: null,
  errorRates: { '408': 0, '500': 0, '502': 0, '503': 0 },
  retryAfterSeconds: 1,
  latencyMs: { min: 0, max: 0 },
  malformedRate: 0,
  shortPageRate: 0,
  ambiguousCreates: null,
  failNext: null,
};

const WINDOW_MS = 60_000;

export class FaultInjector {
  private current: FaultSettings;
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly rng: Rng,
    private readonly seed: number,
    private readonly clock: () => number,
    initial: FaultPatch = {},
  ) {
    this.current = DEFAULT_FAULTS;
    this.set(initial);
  }

  get(): FaultSettings {
    return structuredClone(this.current);
  }

  /** Merges a partial change (validated) and returns the new settings. */
  set(patch: FaultPatch): FaultSettings {
    const parsed = faultPatchSchema.parse(patch);
    this.current = faultSettingsSchema.parse({
      ...this.current,
      ...parsed,
      errorRates: { ...this.current.errorRates, ...parsed.errorRates },
    });
    return this.get();
  }

  reset(): FaultSettings {
    this.current = DEFAULT_FAULTS;
    this.windows.clear();
    return this.get();
  }

  failNext(
    count: number,
    status: number,
    options: { retryAfterSeconds?: number; message?: string } = {},
  ): void {
    this.set({ failNext: { count, status, ...options } });
  }

  /** Counts the request against the key's budget; throws 429 once the minute's budget is spent. */
  checkRateLimit(apiKey: string): void {
    const limit = this.current.rateLimitPerMinute;
    if (limit === null) return;
    const now = this.clock();
    let w = this.windows.get(apiKey);
    if (!w || now - w.start >= WINDOW_MS) {
      w = { start: now, count: 0 };
      this.windows.set(apiKey, w);
    }
    if (w.count >= limit) {
      const retryAfter = Math.max(1, Math.ceil((w.start + WINDOW_MS - now) / 1000));
      throw new SandboxHttpError(
        429,
        `Too many requests: limit of ${limit} requests per minute exceeded`,
        retryAfter,
      );
    }
    w.count++;
  }

  /** The injected failure for this request, if any (failNext first, then the random rates). */
  injectedFailure(): SandboxHttpError | null {
    const next = this.current.failNext;
    if (next && next.count > 0) {
      this.current = {
        ...this.current,
        failNext: next.count > 1 ? { ...next, count: next.count - 1 } : null,
      };
      const retryAfter =
        next.retryAfterSeconds ??
        (next.status === 408 || next.status === 429 || next.status === 503
          ? this.current.retryAfterSeconds
          : undefined);
      return new SandboxHttpError(next.status, next.message, retryAfter);
    }
    const rates = this.current.errorRates;
    if (rates['408'] + rates['500'] + rates['502'] + rates['503'] === 0) return null;
    let roll = this.rng();
    for (const status of ['408', '500', '502', '503'] as const) {
      if (roll < rates[status]) {
        const code = Number(status);
        return new SandboxHttpError(
          code,
          undefined,
          code === 408 || code === 503 ? this.current.retryAfterSeconds : undefined,
        );
      }
      roll -= rates[status];
    }
    return null;
  }

  /** Whether this (applied) create loses its answer, and how; counts it against the setting. */
  takeAmbiguousCreate(): 'drop' | number | null {
    const next = this.current.ambiguousCreates;
    if (!next || next.count <= 0) return null;
    this.current = {
      ...this.current,
      ambiguousCreates: next.count > 1 ? { ...next, count: next.count - 1 } : null,
    };
    return next.mode;
  }

  latency(): number {
    const { min, max } = this.current.latencyMs;
    return max <= 0 ? 0 : min + this.rng() * (max - min);
  }

  /** Size of an early short page, or null for a full one. */
  shortPageSize(pageSize: number): number | null {
    if (this.current.shortPageRate <= 0 || this.rng() >= this.current.shortPageRate) return null;
    return Math.floor(this.rng() * pageSize);
  }

  isMalformed(id: string): boolean {
    const r = this.current.malformedRate;
    return r > 0 && hashUnit(id, this.seed) < r;
  }
}
