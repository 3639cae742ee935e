import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateAtsTypes, generatedUrl } from './generate-types';

describe('generated StackOne types', () => {
  it('match what the generator produces from the committed spec (run `npm run gen:stackone`)', async () => {
    const committed = await readFile(generatedUrl, 'utf8');
    const fresh = await generateAtsTypes();
    // A plain equality check keeps the failure message short on a 600 kB file.
    expect(fresh === committed, 'src-main/stackone/generated/ats.d.ts is stale').toBe(true);
  });
});
