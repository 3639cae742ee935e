/**
 * The StackOne Unified ATS sandbox: a simulator of the parts of StackOne the desk uses, faithful
 * to resources/stackone/ats-openapi.json. Embedded by the desk as the "Sandbox workspace", and
 * the ground every test and benchmark stands on. See README.md in this folder.
 */
export { startSandbox, type RunningSandbox } from './sandbox';
export type { SandboxOptionsInput as SandboxOptions } from './options';
export type { AccountSeed } from './data/generator';
export type { SandboxSnapshot } from './data/snapshot';
export type * from './data/types';
export { RESOURCE_NAMES } from './data/types';
export type {
  SandboxInspector,
  AccountSummary,
  MalformedRecord,
  DeliverySummary,
  BurstHandle,
} from './inspection';
export type { FaultSettings, FaultPatch } from './faults';
export type { RequestLogEntry, RequestFilter, ResultWrite, PackageWrite } from './logs';
export type { DeliveryAttempt, DeliveryRecord, WebhookSettings } from './webhooks/emitter';
export type { WebhookEvent, WebhookEventName } from './webhooks/payload';
export { SpecValidator } from './spec/spec-validator';
