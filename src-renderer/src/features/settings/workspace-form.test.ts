import { describe, expect, it } from 'vitest';
import { DEFAULT_STACKONE_BASE_URL, type Workspace } from '../../../../src-shared/contract';
import {
  WorkspaceFormSchema,
  emptyWorkspaceForm,
  workspaceToForm,
  type WorkspaceFormValues,
} from './workspace-form';

const valid = (patch: Partial<WorkspaceFormValues> = {}): WorkspaceFormValues => ({
  ...emptyWorkspaceForm(),
  name: 'Acme production',
  ...patch,
});

function issuesOf(values: WorkspaceFormValues) {
  const result = WorkspaceFormSchema.safeParse(values);
  expect(result.success).toBe(false);
  return result.error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? [];
}

describe('WorkspaceFormSchema', () => {
  it('maps empty optional inputs to the draft the contract expects', () => {
    const result = WorkspaceFormSchema.parse(
      valid({ linkedAccounts: [{ id: ' acc-1 ', label: '  ', provider: '' }] }),
    );
    expect(result).toEqual({
      draft: {
        name: 'Acme production',
        stackoneBaseUrl: DEFAULT_STACKONE_BASE_URL,
        gatewayUrl: null,
        linkedAccounts: [{ id: 'acc-1', label: null, provider: null }],
      },
      secrets: {},
    });
  });

  it('reports every field problem at once, on the field that has it', () => {
    const issues = issuesOf(
      valid({
        name: '  ',
        stackoneBaseUrl: '',
        gatewayUrl: 'ftp://gateway.example.com',
        linkedAccounts: [{ id: '', label: 'Acme', provider: '' }],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'Give the workspace a name' },
        { path: 'stackoneBaseUrl', message: expect.stringContaining('Enter a full URL') },
        { path: 'gatewayUrl', message: expect.stringContaining('https://') },
        { path: 'linkedAccounts.0.id', message: 'An account id cannot be empty' },
      ]),
    );
  });

  it('points a repeated account id at the repeated row', () => {
    const issues = issuesOf(
      valid({
        linkedAccounts: [
          { id: 'acc-1', label: '', provider: '' },
          { id: 'acc-2', label: '', provider: '' },
          { id: ' acc-1', label: '', provider: '' },
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'linkedAccounts.2.id', message: 'This account id is already in the list' },
    ]);
  });

  it('treats an empty secret as "leave it alone" and passes a typed one through trimmed', () => {
    expect(WorkspaceFormSchema.parse(valid({ apiKey: '   ' })).secrets).toEqual({});
    expect(
      WorkspaceFormSchema.parse(valid({ apiKey: ' key-123 ', gatewayToken: 'tok' })).secrets,
    ).toEqual({ stackone_api_key: 'key-123', gateway_token: 'tok' });
  });

  it('refuses a secret longer than the keychain command accepts', () => {
    expect(issuesOf(valid({ gatewayToken: 'x'.repeat(5000) }))).toEqual([
      { path: 'gatewayToken', message: expect.any(String) },
    ]);
  });

  it('starts an existing workspace with empty secret fields and its accounts kept', () => {
    const workspace: Workspace = {
      id: 'ws-1',
      name: 'Acme',
      kind: 'stackone',
      stackoneBaseUrl: 'https://api.eu1.stackone.com',
      gatewayUrl: null,
      linkedAccounts: [{ id: 'acc-1', label: null, provider: 'workday' }],
      createdAt: '2025-01-01T00:00:00Z',
      updatedAt: '2025-01-01T00:00:00Z',
    };
    const values = workspaceToForm(workspace);
    expect(values).toMatchObject({ apiKey: '', gatewayToken: '', gatewayUrl: '' });
    expect(WorkspaceFormSchema.parse(values).draft.linkedAccounts).toEqual(
      workspace.linkedAccounts,
    );
  });
});
