import { z } from 'zod';

/**
 * The provider's assessment catalog, as the desk publishes it to the gateway
 * (`PUT /v1/assessment-packages`) and reads it back (`GET`). The gateway serves it to StackOne as
 * `AssessmentPackage` records (`id`, `remote_id` = our id, `name`, `description`).
 *
 * Objects are strict: a misspelt field is an error, never silently dropped from what StackOne sees.
 */

export const CATALOG_MAX_PACKAGES = 10_000;

export const CatalogPackageInputSchema = z.strictObject({
  /** The provider's own package id; StackOne sends it back in orders as the package id. */
  id: z.string().trim().min(1).max(200),
  name: z.string().trim().min(1).max(500),
  description: z.string().max(10_000).nullable().default(null),
});
export type CatalogPackageInput = z.input<typeof CatalogPackageInputSchema>;

export const PublishCatalogRequestSchema = z
  .strictObject({ packages: z.array(CatalogPackageInputSchema).max(CATALOG_MAX_PACKAGES) })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.packages.forEach((pkg, index) => {
      if (seen.has(pkg.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['packages', index, 'id'],
          message: `duplicate package id "${pkg.id}"`,
        });
      }
      seen.add(pkg.id);
    });
  });
export type PublishCatalogRequest = z.input<typeof PublishCatalogRequestSchema>;

export const CatalogPackageSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  /** Set by the gateway when the package first appeared or last changed (drives filter[updated_after]). */
  updatedAt: z.iso.datetime(),
});
export type CatalogPackage = z.infer<typeof CatalogPackageSchema>;

export const CatalogSchema = z.object({
  /** Increases with every publish; 0 before the first. */
  version: z.number().int().nonnegative(),
  publishedAt: z.iso.datetime().nullable(),
  /** In the order they were published. */
  packages: z.array(CatalogPackageSchema),
});
export type Catalog = z.infer<typeof CatalogSchema>;
