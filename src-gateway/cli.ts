import { CLI_USAGE, GatewayConfigError, configFromCli } from './config';
import { runCoordinatorCommand } from './coordinator-cli';
import { startGateway } from './server';

/**
 * `npm run gateway -- --db gateway.db ...` (see CLI_USAGE). Prints one JSON line
 * `{"event":"listening","url":...}` on stdout when ready, which supervisors and tests wait for.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    console.log(CLI_USAGE);
    return;
  }
  if (process.argv[2] === 'coordinator') {
    try {
      await runCoordinatorCommand(process.argv.slice(3), process.env, console);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 2;
    }
    return;
  }
  let config;
  try {
    config = configFromCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(`\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const gateway = await startGateway({ ...config, logger: true });
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: gateway.url, pid: process.pid })}\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    gateway.app.log.info({ signal }, 'gateway stopping');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof GatewayConfigError ? error.message : error);
  process.exit(1);
});
