import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import {
  DeskCallError,
  endpointChanged,
  secretUrlField,
  type SecretKind,
  type Workspace,
} from '../../../../src-shared/contract';
import { Alert } from '../../components/Alert';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormRow } from '../../components/FormRow';
import { call } from '../../lib/desk';
import { errorMessage } from '../../lib/errors';
import { useDeskQuery } from '../../lib/use-desk-query';
import { LinkedAccountsField } from './LinkedAccountsField';
import { SecretField } from './SecretField';
import { TestConnection } from './TestConnection';
import { saveWorkspace, secretLabels, type SaveOutcome } from './save-workspace';
import {
  WorkspaceFormSchema,
  emptyWorkspaceForm,
  secretFields,
  workspaceToForm,
  type ParsedWorkspaceForm,
  type WorkspaceFormValues,
} from './workspace-form';

/** The two endpoint fields: same URL input, different wording. */
const URL_FIELDS = [
  {
    name: 'stackoneBaseUrl',
    idSuffix: 'base',
    label: 'StackOne base URL',
    hint: 'Usually https://api.stackone.com.',
    placeholder: undefined,
  },
  {
    name: 'gatewayUrl',
    idSuffix: 'gateway',
    label: 'Gateway URL',
    hint: 'The order gateway that receives this team’s StackOne webhooks. Leave empty if there is none yet.',
    placeholder: 'https://gateway.example.com',
  },
] as const satisfies readonly {
  name: Path<WorkspaceFormValues>;
  idSuffix: string;
  label: string;
  hint: string;
  placeholder: string | undefined;
}[];

interface WorkspaceEditorProps {
  /** The workspace to edit; null creates a new StackOne workspace. */
  initial: Workspace | null;
  onSaved: (workspace: Workspace, message: string) => void;
  onClose: () => void;
  announce: (message: string) => void;
}

const formFields = new Set(['name', 'stackoneBaseUrl', 'gatewayUrl', 'apiKey', 'gatewayToken']);

/** Issues main reports against the draft land on the same fields the form shows. */
function fieldPath(path: readonly (string | number)[]): Path<WorkspaceFormValues> | null {
  const [head] = path;
  if (typeof head !== 'string') return null;
  if (formFields.has(head) && path.length === 1) return head as Path<WorkspaceFormValues>;
  if (head === 'linkedAccounts' && path.length === 3 && ['id', 'label'].includes(String(path[2]))) {
    return path.join('.') as Path<WorkspaceFormValues>;
  }
  return null;
}

function savedMessage(outcome: SaveOutcome, created: boolean): string {
  const parts = [`${created ? 'Created' : 'Saved'} “${outcome.workspace.name}”.`];
  for (const kind of outcome.stored) parts.push(`${secretLabels[kind]} stored in the OS keychain.`);
  return parts.join(' ');
}

export function WorkspaceEditor({ initial, onSaved, onClose, announce }: WorkspaceEditorProps) {
  const idPrefix = useId();
  // After a create this becomes the new id, so the next save updates instead of duplicating.
  const [workspaceId, setWorkspaceId] = useState<string | null>(initial?.id ?? null);
  const [savedName, setSavedName] = useState<string | null>(initial?.name ?? null);
  const [savedAccounts, setSavedAccounts] = useState(initial?.linkedAccounts ?? []);
  const [savedUrls, setSavedUrls] = useState({
    stackoneBaseUrl: initial?.stackoneBaseUrl ?? null,
    gatewayUrl: initial?.gatewayUrl ?? null,
  });
  const [formError, setFormError] = useState<{ title: string; message: string } | null>(null);
  const [clearing, setClearing] = useState<SecretKind | null>(null);
  const [clearBusy, setClearBusy] = useState(false);
  const [secretGeneration, setSecretGeneration] = useState(0);

  const status = useDeskQuery(
    'credentials:get-status',
    { workspaceId: workspaceId ?? '' },
    { refreshOn: ['credentials:changed'], enabled: workspaceId !== null },
  );
  const stored = (kind: SecretKind): boolean | null => {
    if (workspaceId === null || status.status !== 'ready') return null;
    return kind === 'stackone_api_key' ? status.data.hasApiKey : status.data.hasGatewayToken;
  };

  const form = useForm<WorkspaceFormValues, unknown, ParsedWorkspaceForm>({
    resolver: zodResolver(WorkspaceFormSchema),
    defaultValues: initial ? workspaceToForm(initial) : emptyWorkspaceForm(),
  });
  const { register, handleSubmit, formState, setError, reset, setValue, getValues, setFocus } =
    form;
  const { errors, isSubmitting } = formState;
  const typedUrls = useWatch({ control: form.control, name: ['stackoneBaseUrl', 'gatewayUrl'] });
  // A stored secret is bound to its URL (see secretUrlField): say before saving that it will go.
  const unbound = (Object.keys(secretFields) as SecretKind[]).filter((kind) => {
    const field = secretUrlField[kind];
    const typed = typedUrls[field === 'stackoneBaseUrl' ? 0 : 1];
    return stored(kind) === true && endpointChanged(savedUrls[field], typed);
  });

  useEffect(() => {
    setFocus('name');
  }, [setFocus]);

  async function submit(parsed: ParsedWorkspaceForm) {
    setFormError(null);
    const created = workspaceId === null;
    let outcome: SaveOutcome;
    try {
      outcome = await saveWorkspace(workspaceId, parsed);
    } catch (e) {
      showSaveError(e);
      return;
    }
    setWorkspaceId(outcome.workspace.id);
    setSavedName(outcome.workspace.name);
    setSavedAccounts(outcome.workspace.linkedAccounts);
    setSavedUrls({
      stackoneBaseUrl: outcome.workspace.stackoneBaseUrl,
      gatewayUrl: outcome.workspace.gatewayUrl,
    });
    const typed = getValues();
    // Stored secrets leave the page at once; one the keychain refused stays so nothing is lost.
    reset({
      ...workspaceToForm(outcome.workspace),
      apiKey: outcome.secretErrors.stackone_api_key ? typed.apiKey : '',
      gatewayToken: outcome.secretErrors.gateway_token ? typed.gatewayToken : '',
    });
    setSecretGeneration((g) => g + 1);
    status.reload();
    const failures = Object.entries(outcome.secretErrors) as [SecretKind, DeskCallError][];
    for (const [kind, error] of failures) {
      setError(secretFields[kind], { type: 'server', message: error.message });
    }
    if (failures.length > 0) {
      const names = failures.map(([kind]) => secretLabels[kind]).join(' and ');
      setFormError({
        title: `The workspace was saved, but the ${names.toLowerCase()} ${failures.length > 1 ? 'were' : 'was'} not stored`,
        message: `${failures[0]?.[1].message ?? ''} What you typed is still in the field; save again to retry.`,
      });
    }
    onSaved(outcome.workspace, savedMessage(outcome, created));
  }

  function showSaveError(e: unknown) {
    // Main attaches issues to invalid input and to conflicts (a name already taken).
    if (e instanceof DeskCallError && e.issues?.length) {
      const unplaced: string[] = [];
      for (const issue of e.issues) {
        const path = fieldPath(issue.path);
        if (path) setError(path, { type: 'server', message: issue.message });
        else unplaced.push(issue.message);
      }
      if (unplaced.length === 0) return;
      setFormError({
        title: 'The desk did not accept this workspace',
        message: unplaced.join(' '),
      });
      return;
    }
    setFormError({ title: 'The workspace was not saved', message: errorMessage(e) });
  }

  async function clearSecret(kind: SecretKind) {
    if (!workspaceId) return;
    setClearBusy(true);
    try {
      await call('credentials:clear', { workspaceId, kind });
      setValue(secretFields[kind], '');
      status.reload();
      announce(`${secretLabels[kind]} removed from the OS keychain.`);
      setClearing(null);
    } catch (e) {
      setClearing(null);
      setFormError({
        title: `The ${secretLabels[kind].toLowerCase()} was not removed`,
        message: errorMessage(e),
      });
    } finally {
      setClearBusy(false);
    }
  }

  const headingId = `${idPrefix}-heading`;
  const editing = workspaceId !== null;
  const title = editing ? `Edit “${savedName ?? ''}”` : 'New StackOne workspace';

  return (
    <section className="panel editor" aria-labelledby={headingId}>
      <header className="panel-header">
        <h2 id={headingId}>{title}</h2>
      </header>
      <form className="editor-form" noValidate onSubmit={handleSubmit(submit)}>
        <FormRow id={`${idPrefix}-name`} label="Name" error={errors.name?.message}>
          {(a11y) => <input {...register('name')} {...a11y} className="input" autoComplete="off" />}
        </FormRow>
        {URL_FIELDS.map((field) => (
          <FormRow
            key={field.name}
            id={`${idPrefix}-${field.idSuffix}`}
            label={field.label}
            hint={field.hint}
            error={errors[field.name]?.message}
          >
            {(a11y) => (
              <input
                {...register(field.name)}
                {...a11y}
                type="url"
                inputMode="url"
                className="input mono"
                autoComplete="off"
                spellCheck={false}
                placeholder={field.placeholder}
              />
            )}
          </FormRow>
        ))}
        <LinkedAccountsField
          control={form.control}
          register={register}
          errors={errors}
          idPrefix={idPrefix}
        />
        <div className="form-section-title">
          <h3>Credentials</h3>
          <p className="field-hint">
            Kept in the operating system&rsquo;s keychain, never on disk and never shown again.
          </p>
        </div>
        {status.status === 'error' ? (
          // No keychain (keytar not installed, no Secret Service, locked): main's message says
          // what to install, start or unlock.
          <Alert title="The OS keychain cannot be used">
            <p>{status.error.message}</p>
          </Alert>
        ) : null}
        {unbound.length > 0 ? (
          <Alert tone="warn" title="Saving removes a stored secret">
            <p>
              {unbound
                .map(
                  (kind) =>
                    `The ${secretLabels[kind].toLowerCase()} is kept for the ${
                      kind === 'stackone_api_key' ? 'StackOne base URL' : 'gateway URL'
                    } it was saved with; with the new address it is deleted when you save.`,
                )
                .join(' ')}{' '}
              Enter it again below to use it there.
            </p>
          </Alert>
        ) : null}
        {(Object.keys(secretFields) as SecretKind[]).map((kind) => (
          <SecretField
            key={`${kind}-${secretGeneration}`}
            id={`${idPrefix}-${kind}`}
            label={secretLabels[kind]}
            hint={
              kind === 'stackone_api_key'
                ? 'The StackOne API key for this project.'
                : 'The bearer token the gateway gave your team.'
            }
            stored={stored(kind)}
            registration={register(secretFields[kind])}
            error={errors[secretFields[kind]]?.message}
            onKeep={() => setValue(secretFields[kind], '')}
            onClear={() => setClearing(kind)}
            busy={isSubmitting || clearBusy}
          />
        ))}
        {workspaceId ? (
          <TestConnection
            workspaceId={workspaceId}
            accounts={savedAccounts}
            dirty={formState.isDirty}
          />
        ) : null}
        {formError ? (
          <Alert title={formError.title}>
            <p>{formError.message}</p>
          </Alert>
        ) : null}
        <div className="editor-actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : editing ? 'Save changes' : 'Create workspace'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {editing ? 'Close' : 'Cancel'}
          </button>
        </div>
      </form>
      {clearing ? (
        <ConfirmDialog
          title={`Remove the ${secretLabels[clearing].toLowerCase()}?`}
          confirmLabel={`Remove ${secretLabels[clearing].toLowerCase()}`}
          busy={clearBusy}
          onCancel={() => setClearing(null)}
          onConfirm={() => void clearSecret(clearing)}
        >
          <p>
            It is deleted from the OS keychain. The desk cannot reach{' '}
            {clearing === 'stackone_api_key' ? 'StackOne' : 'the gateway'} for this workspace until
            you enter a new one.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
