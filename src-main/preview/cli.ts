import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createKeytarCredentialStore } from '../credentials/keytar-store';
import { defaultUserDataDir } from '../infra/paths';
import { startPreviewServer } from './server';

/**
 * `npm run preview`: the desk in a browser, for machines without the Electron binary and for the
 * Playwright tests. Same core, same contract, loopback only, one random token per run.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.DESK_PREVIEW_PORT ?? '4780' },
    'user-data-dir': {
      type: 'string',
      default: process.env.DESK_USER_DATA_DIR ?? defaultUserDataDir(),
    },
  },
});

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}

try {
  const server = await startPreviewServer({
    userDataDir: values['user-data-dir'],
    credentialStore: createKeytarCredentialStore(),
    version: pkg.version,
    port,
  });
  console.log(
    `Screening Desk preview is running. Open this URL in a browser (it carries this run's token):\n\n  ${server.url}\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Screening Desk preview could not start: ${message}`);
  process.exit(1);
}
