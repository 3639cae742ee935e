import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../../app/ui-store';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { createFakeRecords } from '../../testing/fake-records';
import { MappingsScreen } from './MappingsScreen';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
  useUiStore.setState({ sectionId: 'mappings', path: [], backTo: null });
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

const callsOf = (name: string) => desk.calls.filter((c) => c.name === name);

async function table() {
  render(<MappingsScreen />);
  const t = await screen.findByRole('table', { name: /Job postings of Acme · Workday/ });
  await within(t).findByText('Engineer 0 (external)');
  return t;
}

function upload(text: string, name = 'mappings.csv') {
  const input = screen.getByLabelText('Mappings file (CSV)');
  const file = new File([text], name, { type: 'text/csv' });
  fireEvent.change(input, { target: { files: [file] } });
}

describe('Mappings', () => {
  it('lists the account’s job postings with their package; unmapped ones say so', async () => {
    const t = await table();
    const rows = within(t).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.textContent).toMatch(/Unmapped/);
    expect(screen.getByText(/4 of 4 postings and jobs unmapped/)).toBeTruthy();
  });

  it('maps several selected postings to a package at once', async () => {
    const t = await table();
    fireEvent.click(within(t).getByRole('checkbox', { name: 'Select all shown' }));
    expect(screen.getByText('2 selected')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Map selected to'), {
      target: { value: 'pkg-code' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await screen.findByText(/Mapped 2 targets to “Coding test”/);
    expect(callsOf('mappings:assign')[0]?.input).toEqual({
      accountId: 'acc-acme',
      packageId: 'pkg-code',
      targets: [
        { target: 'job_posting', targetId: 'post-job-0', baseVersion: 0 },
        { target: 'job_posting', targetId: 'post-job-2', baseVersion: 0 },
      ],
    });
    await waitFor(() =>
      expect(within(t).getAllByRole('row')[1]!.textContent).toMatch(/Coding test/),
    );
    expect(screen.getByText('Select rows to map (Shift+click: a range)')).toBeTruthy();
  });

  it('mapping a job clears its orders’ Unmapped flag and says how many', async () => {
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'Jobs', pressed: false }));
    const t = await screen.findByRole('table', { name: /Jobs of Acme/ });
    const row = await within(t).findByRole('row', { name: /Engineer 0/ });
    expect(Number(row.lastElementChild?.textContent)).toBeGreaterThan(0);
    fireEvent.click(within(row).getByRole('checkbox'));
    fireEvent.change(screen.getByLabelText('Map selected to'), {
      target: { value: 'pkg-crim' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await screen.findByText(/orders? (is|are) no longer unmapped/);
    expect(
      desk.records.orders.filter(
        (o) => o.jobId === 'job-0' && o.accountId === 'acc-acme' && o.unmapped,
      ),
    ).toEqual([]);
  });

  it('“Unmapped only” hides what is mapped', async () => {
    const t = await table();
    const first = within(t).getAllByRole('checkbox')[1]!;
    fireEvent.click(first);
    fireEvent.change(screen.getByLabelText('Map selected to'), {
      target: { value: 'pkg-code' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await screen.findByText(/Mapped 1 target/);
    fireEvent.click(screen.getByLabelText('Unmapped only'));
    await waitFor(() => expect(within(t).getAllByRole('row')).toHaveLength(2));
    expect(within(t).getAllByRole('row')[1]!.textContent).toMatch(/Engineer 2/);
    expect(callsOf('mappings:list-targets').at(-1)?.input).toMatchObject({ unmappedOnly: true });
  });

  it('imports a CSV after a preview that shows each row’s problem, and applies only valid rows', async () => {
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import mappings from CSV' });
    upload(
      [
        'account_id,target,target_id,package_id',
        'acc-acme,job_posting,post-job-0,pkg-code',
        'acc-acme,job_posting,post-job-2,pkg-nope',
        'acc-acme,ats_test_id,RECRUITING_ASSESSMENT_TEST-6-111,pkg-crim',
      ].join('\n'),
    );
    await within(dialog).findByText(/2 ready/);
    expect(within(dialog).getByText(/1 with errors/)).toBeTruthy();
    const invalid = within(dialog).getByRole('row', { name: /^3 / });
    expect(invalid.textContent).toMatch(/package_id/);
    expect(invalid.textContent).toMatch(/There is no package "pkg-nope"/);
    expect(callsOf('mappings:import-commit')).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Import 2 rows' }));
    await screen.findByText(
      /Imported 2 mappings from mappings.csv; 1 rows with errors were left out/,
    );
    expect(
      desk.packages.mappings.get('acc-acme/ats_test_id/RECRUITING_ASSESSMENT_TEST-6-111')
        ?.packageId,
    ).toBe('pkg-crim');
  });

  it('refuses a file without the needed columns before asking main', async () => {
    await table();
    fireEvent.click(screen.getByRole('button', { name: 'Import CSV' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import mappings from CSV' });
    upload('job,package\nx,y', 'wrong.csv');
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toMatch(/wrong.csv cannot be imported/);
    expect(alert.textContent).toMatch(/“account_id”, “target”, “target_id”, “package_id”/);
    expect(callsOf('mappings:import-preview')).toHaveLength(0);
  });

  it('maps an ATS test id of the account to a package', async () => {
    await table();
    const card = screen.getByRole('region', { name: 'ATS test ids' });
    fireEvent.change(within(card).getByLabelText('ATS test id'), {
      target: { value: 'RECRUITING_ASSESSMENT_TEST-6-111' },
    });
    fireEvent.change(within(card).getByLabelText('Package'), { target: { value: 'pkg-code' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Map test id' }));
    await within(card).findByRole('rowheader', { name: 'RECRUITING_ASSESSMENT_TEST-6-111' });
    expect(screen.getByRole('status').textContent).toMatch(/now stands for “Coding test”/);
  });

  it('renders only the rows on screen of a long list', async () => {
    const records = createFakeRecords();
    for (let i = 0; i < 3000; i++) {
      records.postings.push({ ...records.postings[0]!, id: `post-x-${i}`, title: `Role ${i}` });
    }
    desk = createFakeDesk(records);
    setDesk(desk.bridge);
    render(<MappingsScreen />);
    const t = await screen.findByRole('table', { name: /Job postings of Acme/ });
    await within(t).findByText('Engineer 0 (external)');
    expect(screen.getByText('3,002')).toBeTruthy();
    expect(within(t).getAllByRole('row').length).toBeLessThan(60);
  });
});
