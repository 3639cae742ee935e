import { randomUUID } from 'node:crypto';
import {
  DeskFailure,
  SANDBOX_WORKSPACE_ID,
  endpointChanged,
  secretKinds,
  secretUrlField,
  type CredentialStatus,
  type ParsedInput,
  type SecretKind,
  type Workspace,
} from '../../src-shared/contract';
import {
  secretOrigin,
  type BoundSecret,
  type CredentialStore,
} from '../credentials/credential-store';
import type { EventBus } from '../infra/events/event-bus';
import type { Logger } from '../infra/logging/logger';
import type { WorkspaceRepository } from './workspace-repository';

/** Workspaces and their keychain entries: the use cases behind `workspaces:*` and `credentials:*`. */
export class WorkspaceService {
  constructor(
    private readonly repo: WorkspaceRepository,
    private readonly credentials: CredentialStore,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Every install has the Sandbox workspace, and some workspace is always active. */
  ensureDefaults(): void {
    if (!this.repo.get(SANDBOX_WORKSPACE_ID)) {
      this.repo.insert(
        SANDBOX_WORKSPACE_ID,
        'sandbox',
        { name: 'Sandbox', stackoneBaseUrl: null, gatewayUrl: null, linkedAccounts: [] },
        this.now().toISOString(),
      );
    }
    const active = this.repo.getActiveId();
    if (!active || !this.repo.get(active)) this.repo.setActiveId(SANDBOX_WORKSPACE_ID);
  }

  list(): { activeId: string; workspaces: Workspace[] } {
    return {
      activeId: this.repo.getActiveId() ?? SANDBOX_WORKSPACE_ID,
      workspaces: this.repo.list(),
    };
  }

  get(id: string): Workspace {
    return this.require(id);
  }

  active(): Workspace {
    return this.require(this.repo.getActiveId() ?? SANDBOX_WORKSPACE_ID);
  }

  create(input: ParsedInput<'workspaces:create'>): Workspace {
    this.assertNameFree(input.name);
    const ws = this.repo.insert(
      randomUUID(),
      'stackone',
      {
        name: input.name,
        stackoneBaseUrl: input.stackoneBaseUrl,
        gatewayUrl: input.gatewayUrl,
        linkedAccounts: input.linkedAccounts,
      },
      this.now().toISOString(),
    );
    this.logger.info('workspace created', { workspaceId: ws.id });
    return ws;
  }

  async update(input: ParsedInput<'workspaces:update'>): Promise<Workspace> {
    const current = this.require(input.id);
    if (
      current.kind === 'sandbox' &&
      (input.stackoneBaseUrl !== undefined ||
        input.gatewayUrl !== undefined ||
        input.linkedAccounts !== undefined)
    ) {
      throw new DeskFailure(
        'conflict',
        'The Sandbox workspace runs its own services; only its name can change.',
      );
    }
    const name = input.name ?? current.name;
    if (name.toLowerCase() !== current.name.toLowerCase()) this.assertNameFree(name, current.id);
    if (
      input.linkedAccounts &&
      new Set(input.linkedAccounts.map((a) => a.id)).size !== input.linkedAccounts.length
    ) {
      throw new DeskFailure('invalid_input', 'Each linked account id may appear only once.', [
        { path: ['linkedAccounts'], message: 'Each linked account id may appear only once' },
      ]);
    }
    const next = {
      name,
      stackoneBaseUrl: input.stackoneBaseUrl ?? current.stackoneBaseUrl,
      gatewayUrl: input.gatewayUrl === undefined ? current.gatewayUrl : input.gatewayUrl,
      linkedAccounts: input.linkedAccounts ?? current.linkedAccounts,
    };
    // A secret is bound to its URL's origin: a new URL needs the secret entered again. It is
    // deleted before the URL changes, so a keychain failure leaves the old, consistent pair.
    const unbound = secretKinds.filter((kind) =>
      endpointChanged(current[secretUrlField[kind]], next[secretUrlField[kind]]),
    );
    await this.clearSecrets(current, unbound);
    const ws = this.repo.update(current.id, next, this.now().toISOString());
    this.logger.info('workspace updated', { workspaceId: ws.id });
    if (unbound.length > 0) this.bus.emit('credentials:changed', { workspaceId: ws.id });
    // Listeners re-read the list; the runtime restarts the active workspace's sync only when what
    // it connects to (URLs, linked accounts) changed.
    this.bus.emit('workspaces:changed', { activeId: this.active().id });
    return ws;
  }

  /** Deletes the keychain entries first: a workspace must never leave an orphaned secret behind. */
  async delete(id: string): Promise<boolean> {
    const ws = this.require(id);
    if (ws.kind === 'sandbox')
      throw new DeskFailure('conflict', 'The Sandbox workspace cannot be deleted.');
    await this.clearSecrets(ws, secretKinds);
    const deleted = this.repo.delete(id);
    if (this.repo.getActiveId() === id) {
      this.repo.setActiveId(SANDBOX_WORKSPACE_ID);
      this.bus.emit('workspaces:changed', { activeId: SANDBOX_WORKSPACE_ID });
    }
    this.logger.info('workspace deleted', { workspaceId: id });
    return deleted;
  }

  activate(id: string): { activeId: string } {
    this.require(id);
    this.repo.setActiveId(id);
    this.bus.emit('workspaces:changed', { activeId: id });
    return { activeId: id };
  }

  async credentialStatus(workspaceId: string): Promise<CredentialStatus> {
    const ws = this.require(workspaceId);
    const [apiKey, gatewayToken] = await Promise.all([
      this.boundSecret(ws, 'stackone_api_key'),
      this.boundSecret(ws, 'gateway_token'),
    ]);
    return { workspaceId, hasApiKey: apiKey !== null, hasGatewayToken: gatewayToken !== null };
  }

  async saveSecret(
    workspaceId: string,
    kind: SecretKind,
    value: string,
  ): Promise<CredentialStatus> {
    const ws = this.require(workspaceId);
    if (ws.kind === 'sandbox')
      throw new DeskFailure('conflict', 'The Sandbox workspace needs no credentials.');
    const origin = secretOrigin(ws[secretUrlField[kind]]);
    if (origin === null) {
      throw new DeskFailure(
        'conflict',
        kind === 'gateway_token'
          ? 'Save the gateway URL first: the token is kept for that address only.'
          : 'Save the StackOne base URL first: the key is kept for that address only.',
      );
    }
    await this.credentials.set(workspaceId, kind, origin, value);
    this.logger.info('credential stored', { workspaceId, kind, origin });
    this.bus.emit('credentials:changed', { workspaceId });
    return this.credentialStatus(workspaceId);
  }

  async clearSecret(workspaceId: string, kind: SecretKind | undefined): Promise<CredentialStatus> {
    const ws = this.require(workspaceId);
    await this.clearSecrets(ws, kind ? [kind] : secretKinds);
    this.bus.emit('credentials:changed', { workspaceId });
    return this.credentialStatus(workspaceId);
  }

  /**
   * For the core's own use (StackOne client, gateway client); never exposed over IPC. The secret
   * saved for the origin of the workspace's current URL; pass it through `secretFor` into a request.
   */
  readSecret(workspaceId: string, kind: SecretKind): Promise<BoundSecret | null> {
    return this.boundSecret(this.require(workspaceId), kind);
  }

  private async boundSecret(ws: Workspace, kind: SecretKind): Promise<BoundSecret | null> {
    const origin = secretOrigin(ws[secretUrlField[kind]]);
    if (origin === null) return null;
    const value = await this.credentials.get(ws.id, kind, origin);
    return value === null ? null : { value, origin };
  }

  private async clearSecrets(ws: Workspace, kinds: readonly SecretKind[]): Promise<void> {
    for (const kind of kinds) {
      const origin = secretOrigin(ws[secretUrlField[kind]]);
      if (origin === null) continue;
      const removed = await this.credentials.delete(ws.id, kind, origin);
      if (removed) this.logger.info('credential cleared', { workspaceId: ws.id, kind, origin });
    }
  }

  private require(id: string): Workspace {
    const ws = this.repo.get(id);
    if (!ws) throw new DeskFailure('not_found', `There is no workspace with id "${id}".`);
    return ws;
  }

  private assertNameFree(name: string, exceptId?: string): void {
    if (this.repo.nameTaken(name, exceptId)) {
      throw new DeskFailure('conflict', `A workspace named "${name}" already exists.`, [
        { path: ['name'], message: 'This name is already used by another workspace' },
      ]);
    }
  }
}
