import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const configPath = `${root}electron-builder.config.mjs`;

interface PackagingConfig {
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
}

describe('packaging configuration (electron-builder)', () => {
  it('flips the Electron fuses that close the app to code injection', async () => {
    // The specifier is a runtime value: the config is plain JS that electron-builder loads itself.
    const config = ((await import(pathToFileURL(configPath).href)) as { default: PackagingConfig })
      .default;
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('is the configuration `npm run package` uses', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.package).toContain('electron-builder --config electron-builder.config.mjs');
  });
});
