import { z } from 'zod';
import {
  DEFAULT_STACKONE_BASE_URL,
  WorkspaceDraftSchema,
  commands,
  type SecretKind,
  type Workspace,
} from '../../../../src-shared/contract';

/**
 * What the workspace form holds: plain strings, as inputs give them. Validation is the contract's
 * own `WorkspaceDraftSchema` (and the `credentials:save` value rule), applied after mapping empty
 * inputs to null, so the form can never accept something main would refuse, and its field paths
 * are the draft's field paths.
 */
const FormFieldsSchema = z.object({
  name: z.string(),
  stackoneBaseUrl: z.string(),
  gatewayUrl: z.string(),
  linkedAccounts: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      /** Not edited here (sync learns it), but kept so that saving does not erase it. */
      provider: z.string(),
    }),
  ),
  apiKey: z.string(),
  gatewayToken: z.string(),
});
export type WorkspaceFormValues = z.infer<typeof FormFieldsSchema>;

/** Form field name for each secret kind. */
export const secretFields = {
  stackone_api_key: 'apiKey',
  gateway_token: 'gatewayToken',
} as const satisfies Record<SecretKind, keyof WorkspaceFormValues>;

export type WorkspaceDraftOutput = z.output<typeof WorkspaceDraftSchema>;

export interface ParsedWorkspaceForm {
  draft: WorkspaceDraftOutput;
  /** Only the secrets the user typed; an empty field means "leave the stored one alone". */
  secrets: Partial<Record<SecretKind, string>>;
}

const emptyToNull = (s: string) => (s.trim() === '' ? null : s);

function toDraftInput(v: WorkspaceFormValues): unknown {
  return {
    name: v.name,
    stackoneBaseUrl: v.stackoneBaseUrl,
    gatewayUrl: emptyToNull(v.gatewayUrl),
    linkedAccounts: v.linkedAccounts.map((a) => ({
      id: a.id,
      label: emptyToNull(a.label),
      provider: emptyToNull(a.provider),
    })),
  };
}

/** The contract reports a repeated account id on the whole list; point at the repeated row instead. */
function duplicatePaths(v: WorkspaceFormValues): (string | number)[][] {
  const seen = new Set<string>();
  const paths: (string | number)[][] = [];
  v.linkedAccounts.forEach((a, i) => {
    const id = a.id.trim();
    if (seen.has(id)) paths.push(['linkedAccounts', i, 'id']);
    seen.add(id);
  });
  return paths;
}

const secretValueSchema = commands['credentials:save'].input.shape.value;

export const WorkspaceFormSchema = FormFieldsSchema.transform((v, ctx): ParsedWorkspaceForm => {
  let failed = false;
  const draft = WorkspaceDraftSchema.safeParse(toDraftInput(v));
  if (!draft.success) {
    failed = true;
    for (const issue of draft.error.issues) {
      const isListIssue = issue.path.length === 1 && issue.path[0] === 'linkedAccounts';
      const paths = isListIssue ? duplicatePaths(v) : [];
      for (const path of paths.length ? paths : [issue.path as (string | number)[]]) {
        const message = paths.length ? 'This account id is already in the list' : issue.message;
        ctx.addIssue({ code: 'custom', message, path, input: v });
      }
    }
  }
  const secrets: ParsedWorkspaceForm['secrets'] = {};
  for (const [kind, field] of Object.entries(secretFields) as [
    SecretKind,
    'apiKey' | 'gatewayToken',
  ][]) {
    if (v[field].trim() === '') continue;
    const value = secretValueSchema.safeParse(v[field]);
    if (value.success) {
      secrets[kind] = value.data;
    } else {
      failed = true;
      for (const issue of value.error.issues) {
        ctx.addIssue({ code: 'custom', message: issue.message, path: [field], input: v });
      }
    }
  }
  if (failed || !draft.success) return z.NEVER;
  return { draft: draft.data, secrets };
});

export function emptyWorkspaceForm(): WorkspaceFormValues {
  return {
    name: '',
    stackoneBaseUrl: DEFAULT_STACKONE_BASE_URL,
    gatewayUrl: '',
    linkedAccounts: [],
    apiKey: '',
    gatewayToken: '',
  };
}

/** Secrets are never known to the renderer: their fields always start empty. */
export function workspaceToForm(w: Workspace): WorkspaceFormValues {
  return {
    name: w.name,
    stackoneBaseUrl: w.stackoneBaseUrl ?? DEFAULT_STACKONE_BASE_URL,
    gatewayUrl: w.gatewayUrl ?? '',
    linkedAccounts: w.linkedAccounts.map((a) => ({
      id: a.id,
      label: a.label ?? '',
      provider: a.provider ?? '',
    })),
    apiKey: '',
    gatewayToken: '',
  };
}
