import { z } from 'zod';

export const workspaceKinds = ['sandbox', 'stackone'] as const;
export const WorkspaceKindSchema = z.enum(workspaceKinds);

/** The single Sandbox workspace every install has; its services are embedded and need no account. */
export const SANDBOX_WORKSPACE_ID = 'sandbox';
export const DEFAULT_STACKONE_BASE_URL = 'https://api.stackone.com';

/** 127.0.0.0/8, ::1 and localhost: the only hosts plain http:// may reach (nothing leaves the machine). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function secureOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

const httpUrl = z
  .string()
  .trim()
  .url('Enter a full URL, such as https://api.stackone.com')
  .refine(
    secureOrLoopback,
    'The URL must start with https:// (http:// only for a service on this computer: localhost, 127.0.0.1 or ::1)',
  );

export const LinkedAccountSchema = z.object({
  /** StackOne's linked-account id, sent as `x-account-id`. */
  id: z.string().trim().min(1, 'An account id cannot be empty').max(200),
  /** The customer's name as coordinators know it ("Acme"). */
  label: z.string().trim().max(200).nullable(),
  /** The ATS behind the account ("workday"), when known. */
  provider: z.string().trim().max(100).nullable(),
});
export type LinkedAccount = z.infer<typeof LinkedAccountSchema>;

export const WorkspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: WorkspaceKindSchema,
  /** Null for the Sandbox workspace: its embedded services get loopback addresses when it starts. */
  stackoneBaseUrl: z.string().nullable(),
  gatewayUrl: z.string().nullable(),
  linkedAccounts: z.array(LinkedAccountSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const WorkspaceDraftSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the workspace a name').max(100),
  stackoneBaseUrl: httpUrl.default(DEFAULT_STACKONE_BASE_URL),
  gatewayUrl: httpUrl.nullable().default(null),
  linkedAccounts: z
    .array(LinkedAccountSchema)
    .max(500)
    .refine(
      (a) => new Set(a.map((x) => x.id)).size === a.length,
      'Each linked account id may appear only once',
    )
    .default([]),
});
export type WorkspaceDraft = z.input<typeof WorkspaceDraftSchema>;

export const secretKinds = ['stackone_api_key', 'gateway_token'] as const;
export const SecretKindSchema = z.enum(secretKinds);
export type SecretKind = z.infer<typeof SecretKindSchema>;

/**
 * The workspace URL each secret is bound to. A secret is stored for that URL's origin and sent to
 * no other; changing the URL deletes the secret, so it must be entered again.
 */
export const secretUrlField = {
  stackone_api_key: 'stackoneBaseUrl',
  gateway_token: 'gatewayUrl',
} as const satisfies Record<SecretKind, 'stackoneBaseUrl' | 'gatewayUrl'>;

/** Whether a URL edit counts as a change that drops the secret bound to it (see secretUrlField). */
export function endpointChanged(before: string | null, after: string | null): boolean {
  const norm = (u: string | null) => {
    if (u === null || u.trim() === '') return null;
    try {
      return new URL(u.trim()).href;
    } catch {
      return u.trim();
    }
  };
  return norm(before) !== norm(after);
}

/** All the renderer ever learns about secrets: whether one is stored. */
export const CredentialStatusSchema = z.object({
  workspaceId: z.string(),
  hasApiKey: z.boolean(),
  hasGatewayToken: z.boolean(),
});
export type CredentialStatus = z.infer<typeof CredentialStatusSchema>;
