export { startGateway, createGateway, type GatewayOptions, type RunningGateway } from './server';
export {
  parseConfig,
  GatewayConfigError,
  type GatewayConfig,
  type GatewayConfigInput,
} from './config';
export type { GatewayStore, AppendResult, InboxEvent, NewInboxEvent } from './store/store';
export { SqliteStore } from './store/sqlite-store';
export { PostgresStore } from './store/postgres-store';
export { openStore } from './store/open';
