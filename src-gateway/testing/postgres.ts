import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * PostgreSQL for tests and the benchmark. `GATEWAY_TEST_PG` (a URL whose role may CREATE DATABASE)
 * names a running server, as `.ci/run` sets it; without it, a throwaway cluster is made in a temp
 * dir (initdb, then postgres on a free loopback port with its unix socket in that dir) and removed
 * afterwards. initdb refuses to run as root, so as root the cluster is made and run by the
 * `postgres` system user (which Debian's postgresql package creates).
 */

const run = promisify(execFile);

/** Debian keeps the server binaries off PATH, under /usr/lib/postgresql/<major>/bin. */
function serverBinary(name: 'initdb' | 'pg_ctl'): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return majors.length > 0 ? join(root, majors[0]!, 'bin', name) : name;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PostgresServer {
  /** A URL to the `postgres` database, as a role that may create databases. */
  url: string;
  stop(): Promise<void>;
}

export async function startThrowawayCluster(): Promise<PostgresServer> {
  const dir = mkdtempSync(join(tmpdir(), 'gw-pg-'));
  const asRoot = userInfo().uid === 0;
  const exec = (file: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', file, ...args]) : run(file, args);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  try {
    await exec(serverBinary('initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--no-instructions',
    ]);
    const port = await freePort();
    await exec(serverBinary('pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
      'start',
    ]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await exec(serverBinary('pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(
          () => {},
        );
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `cannot start a throwaway PostgreSQL (install Debian's postgresql, or set GATEWAY_TEST_PG to a server URL): ${reason}`,
      { cause: error },
    );
  }
}

/** The server named by GATEWAY_TEST_PG, or a throwaway cluster. */
export async function testPostgresServer(): Promise<PostgresServer> {
  const url = process.env.GATEWAY_TEST_PG;
  if (url) return { url, stop: async () => {} };
  return startThrowawayCluster();
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on `serverUrl`; `drop()` removes it even while connections remain. */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `gw_test_${randomBytes(6).toString('hex')}`;
  const admin = async (...statements: string[]) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      for (const sql of statements) await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // Not `WITH (FORCE)`: a role without pg_signal_backend may not end an autovacuum worker, which
  // a database just written to often has. So end this role's own sessions (a test's gateways,
  // perhaps killed mid-query), then drop: a plain DROP ends autovacuum itself, and waits a few
  // seconds for the sessions to go.
  const drop = () =>
    admin(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = '${name}' AND usename = current_user AND pid <> pg_backend_pid()`,
      `DROP DATABASE IF EXISTS ${name}`,
    );
  return { url: url.toString(), drop };
}
