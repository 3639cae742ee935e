import { createRng } from '../../../src-sandbox/data/random';
import { OPEN_STATUSES, ORDER_STATUSES, type OrderKind, type OrderStatus } from '../order-status';
import type {
  ApplicationInput,
  CandidateInput,
  JobInput,
  LinkedAccountInput,
  OrderInput,
  PackageInput,
} from '../types';

/**
 * A deterministic synthetic workspace for tests and benchmarks: realistic shapes (~1 KB of raw JSON
 * per record, unicode names, a few shared names so that sorts have ties) and a realistic mix (most
 * orders done, open ones recent, some overdue).
 */
export interface GeneratedWorkspace {
  accounts: LinkedAccountInput[];
  packages: { kind: OrderKind; rows: PackageInput[] }[];
  candidates: CandidateInput[];
  applications: ApplicationInput[];
  jobs: JobInput[];
  orders: (OrderInput & { initialStatus: OrderStatus })[];
}

const FIRST = [
  'Anna',
  'Ånund',
  'Björn',
  'Chloé',
  'Dmitri',
  'Émile',
  'Fatima',
  'George',
  'Hana',
  'Ivan',
  'Jules',
  'Karin',
  'Łukasz',
  'Mona',
  'Nils',
  'Olga',
  'Pedro',
  'Zoë',
];
const LAST = [
  'Smith',
  'Jones',
  'Müller',
  'García',
  'Nguyen',
  'Kim',
  'Rossi',
  'Dubois',
  'Silva',
  'Kowalski',
  'Ørsted',
  'Yılmaz',
];
const TITLES = [
  'Software Engineer',
  'Data Analyst',
  'Registered Nurse',
  'Product Manager',
  'Sales Representative',
  'Product Designer',
  'Accountant',
  'Delivery Driver',
  'Site Reliability Engineer',
  'Pharmacist',
];
const PROVIDERS = ['Greenhouse', 'Lever', 'Ashby', 'Workday', 'SAP SuccessFactors'];
const FILLER =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. ';

export interface GenerateOptions {
  orders: number;
  accounts?: number;
  packagesPerKind?: number;
  seed?: number;
  /** The generation clock; open orders are received in the few days before it. */
  now?: number;
}

export function generateWorkspace(options: GenerateOptions): GeneratedWorkspace {
  const random = createRng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const now = options.now ?? Date.parse('2026-06-01T12:00:00.000Z');
  const accountCount = options.accounts ?? 8;
  const packagesPerKind = options.packagesPerKind ?? 6;
  const accounts = Array.from({ length: accountCount }, (_, i) => ({
    id: `acct_${i}`,
    name: `${pick(['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark'])} ${i}`,
    provider: PROVIDERS[i % PROVIDERS.length]!,
  }));
  const kinds: OrderKind[] = ['assessment', 'background_check'];
  const packages = kinds.map((kind) => ({
    kind,
    rows: accounts.flatMap((a) =>
      Array.from({ length: packagesPerKind }, (_, i) => ({
        accountId: a.id,
        id: `${kind === 'assessment' ? 'asmt' : 'bgc'}_pkg_${i}`,
        name: `${kind === 'assessment' ? 'Assessment' : 'Background check'} ${String.fromCharCode(65 + i)}`,
        description: FILLER.slice(0, 60),
        updatedAt: '2026-01-01T00:00:00.000Z',
        raw: { id: `pkg_${i}`, name: `Package ${i}`, description: FILLER },
      })),
    ),
  }));
  const jobsPerAccount = Math.max(5, Math.ceil(options.orders / accountCount / 20));
  const jobs: JobInput[] = accounts.flatMap((a) =>
    Array.from({ length: jobsPerAccount }, (_, i) => {
      const title = `${pick(TITLES)} ${i % 7 === 0 ? '(Remote)' : ''}`.trim();
      return {
        accountId: a.id,
        id: `job_${i}`,
        title,
        code: `REQ-${1000 + i}`,
        status: 'open',
        updatedAt: '2026-02-01T00:00:00.000Z',
        raw: {
          id: `job_${i}`,
          title,
          job_status: { value: 'open', source_value: 'Open' },
          description: FILLER.repeat(6),
          hiring_team: [
            {
              first_name: 'Rita',
              last_name: 'Recruiter',
              email: 'rita@example.com',
              role: 'recruiter',
            },
          ],
        },
      };
    }),
  );
  const candidates: CandidateInput[] = [];
  const applications: ApplicationInput[] = [];
  const orders: GeneratedWorkspace['orders'] = [];
  for (let i = 0; i < options.orders; i++) {
    const account = accounts[i % accountCount]!;
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}.${i}@example.com`.toLowerCase();
    const jobId = `job_${Math.floor(random() * jobsPerAccount)}`;
    const candidateId = `cand_${i}`;
    const applicationId = `app_${i}`;
    const kind = kinds[i % 2]!;
    const done = random() < 0.85;
    const status: OrderStatus = done
      ? random() < 0.93
        ? 'sent'
        : 'cancelled'
      : pick(OPEN_STATUSES);
    // Done orders span a year; open ones the last five days, so roughly half of them are overdue.
    const age = done ? random() * 365 * 864e5 : random() * 5 * 864e5;
    // Whole seconds: bulk imports really do share timestamps, and sorts must break those ties.
    const receivedAt = new Date(Math.floor((now - age) / 1000) * 1000).toISOString();
    const packageId = `${kind === 'assessment' ? 'asmt' : 'bgc'}_pkg_${Math.floor(random() * packagesPerKind)}`;
    candidates.push({
      accountId: account.id,
      id: candidateId,
      name: `${first} ${last}`,
      firstName: first,
      lastName: last,
      emails: [email],
      updatedAt: '2026-03-01T00:00:00.000Z',
      raw: {
        id: candidateId,
        first_name: first,
        last_name: last,
        emails: [{ type: 'personal', value: email }],
        phone_numbers: [{ type: 'mobile', phone: '+1 555 0100' }],
        application_ids: [applicationId],
        tags: [{ name: 'priority' }],
        notes: FILLER.repeat(5),
      },
    });
    applications.push({
      accountId: account.id,
      id: applicationId,
      candidateId,
      jobId,
      status: 'assessment',
      stageName: 'Assessment',
      updatedAt: '2026-03-01T00:00:00.000Z',
      raw: {
        id: applicationId,
        candidate_id: candidateId,
        job_id: jobId,
        application_status: { value: 'assessment' },
        notes: FILLER.repeat(6),
      },
    });
    orders.push({
      accountId: account.id,
      id: `ord_${i.toString(36).padStart(6, '0')}`,
      kind,
      // The ATS's own reference, in one provider's format.
      remoteId: `ORDER-${String(i + 1).padStart(6, '0')}`,
      receivedAt,
      eventId: `evt_${i}`,
      packageId,
      candidateId,
      applicationId,
      jobId,
      resultsUpdateUrl: `https://api.stackone.com/unified/ats/orders/${i}/result`,
      candidateName: `${first} ${last}`,
      candidateEmail: email,
      updatedAt: receivedAt,
      initialStatus: status,
      rawEvent: {
        id: `evt_${i}`,
        event: kind === 'assessment' ? 'ats_assessments.created' : 'background_check_order.created',
        account_id: account.id,
        created_at: receivedAt,
        data: {
          id: `ord_${i}`,
          package: { id: packageId },
          candidate: {
            id: candidateId,
            first_name: first,
            last_name: last,
            emails: [{ type: 'personal', value: email }],
          },
          application: { id: applicationId },
          job: { id: jobId },
          requester: { first_name: 'Rita', last_name: 'Recruiter', email: 'rita@example.com' },
          note: FILLER.repeat(5),
        },
      },
    });
  }
  return { accounts, packages, candidates, applications, jobs, orders };
}

export { ORDER_STATUSES };
