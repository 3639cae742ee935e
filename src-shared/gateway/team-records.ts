import { z } from 'zod';
import {
  CatalogRecordSchema,
  CatalogValuesSchema,
  MappingRecordSchema,
  MappingTargetSchema,
  MAPPING_MAX_BATCH,
} from '../contract/commands/packages';

/**
 * The team's catalog entries and mappings as the gateway stores and serves them (the desk caches
 * them; see src-shared/contract/commands/packages.ts). Every write carries the version it was
 * based on (0: the record is new to the writer); the gateway applies it only when that is still
 * the stored version and otherwise answers 409 with the current record, so no desk overwrites an
 * edit it has not seen. Each write also bumps a store-wide revision, which readers page by
 * (`?after=`) to fetch only what changed since their last sync.
 */

export { CatalogRecordSchema, MappingRecordSchema };
export type { CatalogRecord, MappingRecord } from '../contract/commands/packages';

const version = z.number().int().min(0);

/** `PUT /v1/catalog/entries/:id`. */
export const CatalogEntryWriteSchema = CatalogValuesSchema.extend({
  archived: z.boolean().default(false),
  baseVersion: version,
});
export type CatalogEntryWrite = z.output<typeof CatalogEntryWriteSchema>;

/** `GET /v1/catalog/entries?after=`: entries written after that revision (all without it). */
export const CatalogEntriesPageSchema = z.object({
  revision: z.number().int(),
  entries: z.array(CatalogRecordSchema),
});
export type CatalogEntriesPage = z.infer<typeof CatalogEntriesPageSchema>;

/** `POST /v1/catalog/publish`: publish the current entries if the catalog is still at baseRevision. */
export const PublishEntriesRequestSchema = z.strictObject({ baseRevision: version });

export const MappingWriteSchema = z.strictObject({
  accountId: z.string().trim().min(1).max(200),
  target: MappingTargetSchema,
  targetId: z.string().trim().min(1).max(500),
  /** null clears the mapping. */
  packageId: z.string().trim().min(1).max(200).nullable(),
  baseVersion: version,
});
export type MappingWrite = z.output<typeof MappingWriteSchema>;

/** `POST /v1/mappings`: several writes, each applied or refused on its own. */
export const MappingWritesRequestSchema = z.strictObject({
  writes: z.array(MappingWriteSchema).min(1).max(MAPPING_MAX_BATCH),
});

export const MappingsPageSchema = z.object({
  revision: z.number().int(),
  mappings: z.array(MappingRecordSchema),
});
export type MappingsPage = z.infer<typeof MappingsPageSchema>;

/** What the store did with one write: applied, or refused because the record moved on. */
export type WriteOutcome<R> =
  { status: 'written'; record: R } | { status: 'conflict'; current: R | null };

export const CatalogWriteResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), record: CatalogRecordSchema }),
  z.object({ status: z.literal('conflict'), current: CatalogRecordSchema.nullable() }),
]);
export const MappingWriteResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), record: MappingRecordSchema }),
  z.object({ status: z.literal('conflict'), current: MappingRecordSchema.nullable() }),
]);
/** The answer to `POST /v1/mappings` (status 200 when all were written, 409 when any conflicted). */
export const MappingWritesResultSchema = z.object({ results: z.array(MappingWriteResultSchema) });
