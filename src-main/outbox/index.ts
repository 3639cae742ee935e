export { Outbox, type OutboxOptions, type ResultSender } from './outbox';
export { stackOneSender } from './sender';
