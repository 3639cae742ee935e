import type { AtsActivity } from './activity';
import type { SandboxStore } from './data/store';
import type { FaultInjector } from './faults';
import type { RequestLog, WriteLog } from './logs';
import type { ResultRulebook } from './results';
import type { SpecValidator } from './spec/spec-validator';
import type { WebhookEmitter } from './webhooks/emitter';

/** The parts of one running sandbox, shared by its routes and its inspection API. */
export interface SandboxContext {
  apiKey: string;
  seed: number;
  store: SandboxStore;
  validator: SpecValidator;
  faults: FaultInjector;
  requests: RequestLog;
  writes: WriteLog;
  /** The simulated ATSs' rules for result PATCHes, per account. */
  resultRules: ResultRulebook;
  activity: AtsActivity;
  webhooks: WebhookEmitter;
  /** The sandbox's own base URL (known once it listens); used in `results_update_url`. */
  baseUrl(): string;
}
