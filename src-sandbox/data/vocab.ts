import type { Provider } from './types';

/**
 * Word lists for generated records. Deliberately awkward: accents, CJK, Arabic and Hebrew (RTL),
 * Cyrillic, apostrophes and hyphens, a mononym, an emoji, and a very long name, because those are
 * what break tables, search and sorting in real use.
 */

export const FIRST_NAMES = [
  'Ana',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
  'François',
  'Björk',
  'Siobhán',
  'Anne-Marie',
  'Chloé',
  'Mateo',
  'Olivia',
  'Noah',
  'Amara',
  'Chidi',
  'Priya',
  'Arjun',
  'Mei',
  'Hiroshi',
  'Yuki',
  '李',
  '王芳',
  '佐藤',
  '민준',
  'محمد',
  'فاطمة',
  'יעל',
  'דוד',
  'Дмитрий',
  'Ольга',
  'Nguyễn Văn',
  'Thảo',
  'İsmail',
  'Ayşe',
  'Grzegorz',
  'Žofie',
  'Ðorđe',
  'Emma',
  'Liam',
  'Sofía',
  'Mohammed',
  'Aaliyah',
  'Kwame',
  'Ngozi',
  'Lars',
  'Ingrid',
  'Giulia',
  'Luca',
  'Sean',
  'Zoé 🌸',
];

export const LAST_NAMES = [
  'García',
  'Müller',
  "O'Brien",
  'Nørgaard',
  'Lefèvre',
  'Guðmundsdóttir',
  'Kowalczyk',
  'Smith',
  'Johnson',
  'Okafor',
  'Mensah',
  'Patel',
  'Sharma',
  'Tanaka',
  '山田',
  '陈',
  '김',
  'العلي',
  'حداد',
  'כהן',
  'לוי',
  'Иванов',
  'Петрова',
  'Trần',
  'Yılmaz',
  'Dvořák',
  'van der Berg',
  'de la Cruz',
  'Rossi',
  'Bianchi',
  'Andersson',
  'Larsen',
  'Nakamura',
  'Hernández',
  'Ferreira',
  'Costa',
  'Wolfeschlegelsteinhausenbergerdorff',
  'Ng',
  'Lee',
  'Brown',
];

export const COMPANIES = [
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella GmbH',
  'Société Générale de Test',
  'Stark Industries',
  '株式会社テスト',
  'Wayne Enterprises',
  'Hooli',
  'Pied Piper',
  'Vandelay Industries',
  'Contoso Ltd.',
];

export const TITLES = [
  'Software Engineer',
  'Senior Backend Engineer',
  'Data Analyst',
  'Product Designer',
  'Registered Nurse',
  'Warehouse Associate',
  'Account Executive',
  'Site Reliability Engineer',
  'Customer Success Manager',
  'Ingénieure logiciel',
  'Financial Controller',
  'Truck Driver (CDL-A)',
  'Pharmacist',
  'Store Manager',
  'Machine Learning Engineer',
  'QA Engineer',
  'HR Business Partner',
];

/**
 * The jobs each customer (by its place in ORG_NAMES) hires for, so that orders spread over titles
 * that fit the customer instead of one generic list. Customers past the list use TITLES.
 */
export const ORG_JOB_TITLES: readonly (readonly string[])[] = [
  // Northwind Traders
  ['Store Manager', 'Warehouse Associate', 'Category Buyer', 'Account Executive', 'Data Analyst'],
  // Fabrikam Health
  [
    'Registered Nurse',
    'Pharmacist',
    'Medical Assistant',
    'Clinical Data Manager',
    'Night Shift Nurse (ICU)',
    'Radiology Technician',
  ],
  // Tailspin Logistics
  ['Truck Driver (CDL-A)', 'Forklift Operator', 'Dispatcher', 'Fleet Mechanic', 'Route Planner'],
  // Blue Yonder Airlines
  ['Flight Attendant', 'Aircraft Maintenance Engineer', 'Ground Handling Agent', 'First Officer'],
  // Wide World Importers
  ['Customs Broker', 'Supply Chain Analyst', 'Warehouse Associate', 'Sales Representative'],
  // Adatum Bank
  [
    'Financial Controller',
    'Compliance Officer',
    'Relationship Manager',
    'Senior Backend Engineer',
    'Fraud Analyst',
  ],
  // Lucerne Publishing
  ['Copy Editor', 'Product Designer', 'Marketing Manager', 'Rights Coordinator'],
  // Proseware Robotics
  [
    'Machine Learning Engineer',
    'Robotics Software Engineer',
    'QA Engineer',
    'Site Reliability Engineer',
    'Ingénieure logiciel',
  ],
  // Coho Winery
  ['Cellar Hand', 'Sommelier', 'Tasting Room Host', 'Vineyard Supervisor'],
  // Alpine Ski House
  ['Ski Instructor', 'Lift Operator', 'Front Desk Agent', 'Chef de Partie'],
  // Woodgrove Retail
  ['Store Manager', 'Sales Associate', 'Visual Merchandiser', 'Loss Prevention Officer'],
  // Litware Labs
  [
    'Software Engineer',
    'Customer Success Manager',
    'HR Business Partner',
    'Data Analyst',
    'QA Engineer',
  ],
];

export const DEPARTMENTS = ['Engineering', 'Sales', 'Operations', 'Finance', 'People', 'Support'];

export const LOCATIONS = [
  'London, UK',
  'Berlin, DE',
  'New York, NY',
  'São Paulo, BR',
  'Tokyo, JP',
  'Tel Aviv, IL',
  'Remote',
  'Zürich, CH',
  'Bengaluru, IN',
  'Lagos, NG',
  'Kraków, PL',
  'Montréal, CA',
];

export const COUNTRIES = [
  'United Kingdom',
  'Germany',
  'United States',
  'Brazil',
  'Japan',
  'Israel',
  'India',
  'Nigeria',
  'Poland',
  'Canada',
];

export const TAGS = [
  'referral',
  'silver-medalist',
  'relocation',
  'visa-sponsorship',
  'internal',
  'rehire',
  'diversity-pipeline',
  '優先',
];

export const SOURCES = [
  'LinkedIn',
  'Referral',
  'Company website',
  'Indeed',
  'Agency',
  'Career fair',
];

export const STAGES = [
  'Applied',
  'Phone screen',
  'Assessment',
  'Background check',
  'Onsite',
  'Offer',
  'Hired',
];

export const REJECT_REASONS: { label: string; type: string }[] = [
  { label: 'Not enough experience', type: 'rejected_by_organization' },
  { label: 'Accepted another offer', type: 'rejected_by_candidate' },
  { label: 'Salary expectations', type: 'rejected_by_candidate' },
  { label: 'Position filled', type: 'rejected_by_organization' },
  { label: 'No show', type: 'other' },
];

export const APPLICATION_STATUSES = [
  'active',
  'new',
  'screen',
  'review',
  'interview',
  'assessment',
  'background_check',
  'offer',
  'hired',
  'rejected',
];

/** Source values that StackOne cannot map (they arrive as `unmapped_value`). */
export const ODD_SOURCE_VALUES = [
  'Talent Pool (custom)',
  'On hold – see notes',
  'Pré-sélection',
  '保留',
  'STAGE_17',
];

export const ASSESSMENT_PACKAGE_NAMES = [
  'Coding Challenge (Python)',
  'Coding Challenge (TypeScript)',
  'Cognitive Ability Test',
  'Situational Judgement',
  'English Proficiency C1',
  'SQL Fundamentals',
  'Sales Role-Play',
  'Typing Speed 60 wpm',
];

export const BACKGROUND_PACKAGES: { name: string; tests: string[] }[] = [
  {
    name: 'Standard US',
    tests: ['County criminal search', 'SSN trace', 'National sex offender registry'],
  },
  {
    name: 'Executive',
    tests: [
      'Employment verification',
      'Education verification',
      'Credit report',
      'Global watchlist',
    ],
  },
  { name: 'Driver', tests: ['Motor vehicle record', 'Drug screen (10-panel)'] },
  {
    name: 'Healthcare',
    tests: ['License verification', 'OIG exclusion list', 'Drug screen (5-panel)'],
  },
  { name: 'UK Basic DBS', tests: ['Basic DBS check', 'Right to work'] },
];

export const PROVIDERS: readonly Provider[] = [
  'greenhouse',
  'workday',
  'lever',
  'ashby',
  'sap_successfactors',
  'smartrecruiters',
  'bamboohr',
  'teamtailor',
];

export const ORG_NAMES = [
  'Northwind Traders',
  'Fabrikam Health',
  'Tailspin Logistics',
  'Blue Yonder Airlines',
  'Wide World Importers',
  'Adatum Bank',
  'Lucerne Publishing',
  'Proseware Robotics',
  'Coho Winery',
  'Alpine Ski House',
  'Woodgrove Retail',
  'Litware Labs',
];

/** The provider's own id format: remote ids in the wild look nothing alike. */
export function remoteIdFor(provider: Provider, kind: string, n: number): string {
  switch (provider) {
    case 'workday':
      return [kind.toUpperCase(), String(n).padStart(6, '0')].join('-');
    case 'greenhouse': {
      // Numeric ids from one sequence per kind, as Greenhouse's are.
      let offset = 0;
      for (let i = 0; i < kind.length; i++) offset = (offset * 31 + kind.charCodeAt(i)) % 1000;
      return String(4000000000 + offset * 1000000 + n);
    }
    case 'lever':
    case 'ashby':
      return [
        n.toString(16).padStart(8, '0'),
        kind.slice(0, 4).padEnd(4, '0'),
        `4${(n % 4096).toString(16).padStart(3, '0')}`,
        'a000',
        (Math.imul(n, 2654435761) >>> 0).toString(16).padStart(12, '0'),
      ].join('-');
    case 'sap_successfactors':
      return [kind, n].join('_');
    default:
      return `${kind.slice(0, 3)}${n}`;
  }
}
