import { useMemo, useState } from 'react';
import { Tabs, type TabSpec } from '../../components/Tabs';
import { useUiStore } from '../../app/ui-store';
import { useWorkspaces } from '../../app/use-workspaces';
import { useAccountLabels } from '../../lib/use-account-labels';
import { useDeskQuery } from '../../lib/use-desk-query';
import { BgPackagesPanel } from './BgPackagesPanel';
import { CatalogPanel } from './CatalogPanel';
import { DueTimesPanel } from './DueTimesPanel';
import './packages.css';

type TabId = 'catalog' | 'background-checks' | 'due-times';
const TABS: readonly TabSpec<TabId>[] = [
  { id: 'catalog', label: 'Assessment catalog' },
  { id: 'background-checks', label: 'Background-check packages' },
  { id: 'due-times', label: 'Due times' },
];

/**
 * Packages: the provider's assessment catalog (what StackOne offers customers on standard ATSs),
 * each customer's background-check packages (kept in their ATS), and the due times that follow
 * from packages. The tab is in the URL (`#/packages/background-checks`), so a reload stays put.
 */
export function PackagesScreen() {
  const path = useUiStore((s) => s.path);
  const navigate = useUiStore((s) => s.navigate);
  const tab: TabId = TABS.some((t) => t.id === path[0]) ? (path[0] as TabId) : 'catalog';
  const [status, setStatus] = useState('');
  const labels = useAccountLabels();
  const accounts = useMemo(() => [...labels].map(([id, label]) => ({ id, label })), [labels]);
  const [chosenAccount, setChosenAccount] = useState<string | null>(null);
  const accountId =
    chosenAccount !== null && labels.has(chosenAccount) ? chosenAccount : (accounts[0]?.id ?? null);
  const turnarounds = useDeskQuery(
    'turnarounds:get',
    {},
    { refreshOn: ['workspaces:changed', 'data:changed'] },
  );
  const defaultHours = turnarounds.status === 'ready' ? turnarounds.data.defaultHours : null;
  const workspaces = useWorkspaces();
  const workspaceName =
    workspaces.data?.workspaces.find((w) => w.id === workspaces.data?.activeId)?.name ?? null;

  return (
    <div className="packages-screen">
      <Tabs
        label="Packages"
        tabs={TABS}
        aside={
          <p className="status-line" role="status" aria-live="polite">
            {status}
          </p>
        }
        selected={tab}
        onSelect={(id) => {
          setStatus('');
          navigate('packages', id === 'catalog' ? [] : [id]);
        }}
      >
        {tab === 'catalog' ? (
          <CatalogPanel defaultHours={defaultHours} announce={setStatus} />
        ) : tab === 'background-checks' ? (
          <BgPackagesPanel
            accounts={accounts}
            accountId={accountId}
            onAccountChange={setChosenAccount}
            announce={setStatus}
          />
        ) : (
          <DueTimesPanel workspaceName={workspaceName} />
        )}
      </Tabs>
    </div>
  );
}
