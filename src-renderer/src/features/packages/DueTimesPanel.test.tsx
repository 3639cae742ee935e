import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskFailure } from '../../../../src-shared/contract';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { DueTimesPanel, turnaroundLabel } from './DueTimesPanel';
import { parseHours } from './HoursField';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

const type = (field: HTMLElement, value: string) => fireEvent.change(field, { target: { value } });

async function firstPackageRow() {
  render(<DueTimesPanel workspaceName="Sandbox" />);
  const table = await screen.findByRole('table', { name: 'Turnaround per package' });
  await waitFor(() => expect(within(table).getAllByRole('rowheader').length).toBeGreaterThan(0));
  return within(table).getAllByRole('row')[1]!;
}

describe('parseHours', () => {
  it('reads hours with a dot or a comma and refuses what main would refuse', () => {
    expect(parseHours(' 48 ')).toEqual({ hours: 48 });
    expect(parseHours('1,5')).toEqual({ hours: 1.5 });
    expect(parseHours('')).toEqual({ hours: null });
    expect(parseHours('0')).toHaveProperty('problem');
    expect(parseHours('-2')).toHaveProperty('problem');
    expect(parseHours('9000')).toHaveProperty('problem');
    expect(parseHours('two days')).toHaveProperty('problem');
  });
});

describe('turnaroundLabel', () => {
  it('names each input uniquely, even for packages that share a name', () => {
    const all = [
      { name: 'Driver', packageId: 'p1', kind: 'background_check' },
      { name: 'Driver', packageId: 'p2', kind: 'assessment' },
      { name: 'Coding', packageId: 'p3', kind: 'assessment' },
    ];
    const labels = all.map((p) => turnaroundLabel(p, all));
    expect(new Set(labels).size).toBe(3);
    expect(labels[0]).toBe('Turnaround for Driver (Background check, p1)');
    expect(labels[2]).toBe('Turnaround for Coding');
  });
});

describe('Packages: due times', () => {
  it('shows the default and lists every package on it, with its order count', async () => {
    const row = await firstPackageRow();
    expect((screen.getByLabelText('Default turnaround') as HTMLInputElement).value).toBe('48');
    const input = within(row).getByLabelText(/^Turnaround for /) as HTMLInputElement;
    expect(input.value).toBe('');
    expect(input.placeholder).toBe('48 (default)');
    expect(within(row).queryByRole('button', { name: /Use default/ })).toBeNull();
  });

  it("saves a package's turnaround with Enter, says how many orders moved, and can go back", async () => {
    const row = await firstPackageRow();
    const input = within(row).getByLabelText(/^Turnaround for /) as HTMLInputElement;
    type(input, '6');
    fireEvent.submit(input.closest('form')!);
    await screen.findByText(
      /is due 6 h after an order arrives\. \d+ orders? ha(ve|s) a new due time\./,
    );
    const set = desk.calls.filter((c) => c.name === 'turnarounds:set-package');
    expect(set).toHaveLength(1);
    expect(set[0]!.input).toMatchObject({ hours: 6 });
    await waitFor(() => expect(input.value).toBe('6'));

    fireEvent.click(within(row).getByRole('button', { name: /Use default/ }));
    await screen.findByText(/uses the default turnaround again/);
    expect(desk.calls.filter((c) => c.name === 'turnarounds:set-package')[1]!.input).toMatchObject({
      hours: null,
    });
    await waitFor(() => expect(input.value).toBe(''));
  });

  it('explains an invalid value beside the field and sends nothing', async () => {
    await firstPackageRow();
    const input = screen.getByLabelText('Default turnaround');
    type(input, '0');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const problem = document.getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(problem?.textContent).toMatch(/more than 0 hours/);
    expect(
      (screen.getByRole('button', { name: 'Save default turnaround' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);
    fireEvent.submit(input.closest('form')!);
    expect(desk.calls.some((c) => c.name === 'turnarounds:set-default')).toBe(false);
  });

  it('keeps what was typed when saving fails, and says why', async () => {
    await firstPackageRow();
    desk.fail('turnarounds:set-default', new DeskFailure('unreachable', 'The cache is busy.'));
    const input = screen.getByLabelText('Default turnaround') as HTMLInputElement;
    type(input, '24');
    fireEvent.submit(input.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toMatch(/The cache is busy/);
    expect(input.value).toBe('24');
  });
});
