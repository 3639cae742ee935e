import type { TestProject } from 'vitest/node';
import { testPostgresServer } from './postgres';

/** vitest globalSetup of the `gateway-postgres` project: one server for the whole run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await testPostgresServer();
  project.provide('gatewayTestPg', server.url);
  return () => server.stop();
}
