import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildResultBody, resultBodyText } from '../../../../src-shared/results';
import { setDesk } from '../../lib/desk';
import { createFakeDesk } from '../../testing/fake-desk';
import { ResultPanel } from './ResultPanel';

let desk: ReturnType<typeof createFakeDesk>;

beforeEach(() => {
  desk = createFakeDesk();
  setDesk(desk.bridge);
});
afterEach(() => {
  cleanup();
  setDesk(null);
});

/** ord-0001: an assessment of Acme, status "new". */
const ORDER = { accountId: 'acc-globex', orderId: 'ord-0001' } as const;

async function renderPanel() {
  const order = desk.records.orders.find((o) => o.id === ORDER.orderId);
  if (!order) throw new Error('fake order missing');
  render(<ResultPanel {...ORDER} kind={order.kind} intent={null} />);
  return screen.findByRole('combobox', { name: 'Result' });
}

function type(field: HTMLElement, value: string) {
  fireEvent.change(field, { target: { value } });
}

const calls = (name: string) => desk.calls.filter((c) => c.name === name);

describe('Result form', () => {
  it('labels every control once, with unique ids', async () => {
    await renderPanel();
    fireEvent.click(screen.getByRole('button', { name: 'Add attachment' }));
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    expect(ids.length).toBe(new Set(ids).size);
    for (const name of [
      'Score Value',
      'Score Min',
      'Score Max',
      'Score Label',
      'Summary',
      'Result URL',
      'Started',
      'Submitted',
      'Attachment 1 URL',
      'Attachment 1 content type',
      'Candidate profile URL',
      'Passthrough JSON',
    ]) {
      expect(screen.getAllByLabelText(name), name).toHaveLength(1);
    }
  });

  it('names the field that is wrong and asks main for nothing while the form is invalid', async () => {
    const result = await renderPanel();
    type(result, 'passed');
    type(screen.getByLabelText('Result URL'), 'http://reports.example.com/1');
    type(screen.getByLabelText('Score Value'), '120');
    type(screen.getByLabelText('Score Max'), '100');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));

    const url = screen.getByLabelText('Result URL');
    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    const urlError = document.getElementById(
      url.getAttribute('aria-describedby')?.split(' ')[0] ?? '',
    );
    expect(urlError?.textContent).toBe('Result URL must be an https:// link.');
    const score = screen.getByLabelText('Score Value');
    expect(score.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Score 120 is above the maximum 100.')).toBeTruthy();
    expect(calls('results:preview')).toHaveLength(0);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses passthrough that is not a JSON object, in the Advanced section', async () => {
    const result = await renderPanel();
    type(result, 'completed');
    type(screen.getByLabelText('Passthrough JSON'), '[1, 2]');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));
    expect(
      await screen.findByText('Advanced passthrough must be a JSON object, like {"key": "value"}.'),
    ).toBeTruthy();
    expect(calls('results:preview')).toHaveLength(0);
  });

  it('previews the exact request, then queues it', async () => {
    const result = await renderPanel();
    type(result, 'passed');
    type(screen.getByLabelText('Score Value'), '87');
    type(screen.getByLabelText('Score Min'), '0');
    type(screen.getByLabelText('Score Max'), '100');
    type(screen.getByLabelText('Summary'), 'Strong\non "algorithms"');
    type(screen.getByLabelText('Result URL'), 'https://reports.example.com/r/1');
    fireEvent.click(screen.getByRole('button', { name: 'Add attachment' }));
    type(screen.getByLabelText('Attachment 1 URL'), 'https://reports.example.com/r/1.pdf');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));

    const dialog = await screen.findByRole('dialog', { name: /Preview/ });
    const body = within(dialog).getByLabelText('Request body, exactly as sent');
    const expected = resultBodyText(
      buildResultBody({
        result: 'passed',
        resultSourceValue: '',
        score: { label: '', value: '87', min: '0', max: '100' },
        summary: 'Strong\non "algorithms"',
        resultUrl: 'https://reports.example.com/r/1',
        startDate: '',
        submissionDate: '',
        attachments: [{ url: 'https://reports.example.com/r/1.pdf', contentType: 'pdf' }],
        candidateId: '',
        candidateProfileUrl: '',
        passthrough: '',
      }),
    );
    expect(body.textContent).toBe(expected);
    expect(within(dialog).getByTestId('preview-path').textContent).toBe(
      '/unified/ats/assessments/orders/ord-0001/result',
    );
    expect(within(dialog).getByText('x-account-id').closest('tr')?.textContent).toContain(
      'acc-globex',
    );

    fireEvent.click(within(dialog).getByRole('button', { name: 'Send to the ATS' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls('results:send')).toHaveLength(1);
    expect(desk.results.jobs[0]?.body).toBe(expected);
    expect(await screen.findByText('Passed is queued for the ATS.')).toBeTruthy();
  });

  it('saves a draft as the coordinator types', async () => {
    const result = await renderPanel();
    type(result, 'in_progress');
    type(screen.getByLabelText('Summary'), 'Halfway');
    await waitFor(() => expect(calls('results:save-draft').length).toBeGreaterThan(0), {
      timeout: 3_000,
    });
    expect(desk.results.drafts.get('acc-globex/ord-0001')?.values).toMatchObject({
      result: 'in_progress',
      summary: 'Halfway',
    });
    expect(await screen.findByText(/Draft saved/)).toBeTruthy();
  });

  it('asks before a second final result', async () => {
    const result = await renderPanel();
    type(result, 'passed');
    type(screen.getByLabelText('Result URL'), 'https://reports.example.com/r/1');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));
    let dialog = await screen.findByRole('dialog', { name: /Preview/ });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send to the ATS' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    desk.results.deliver(desk.results.jobs[0]?.id ?? '');

    type(screen.getByRole('combobox', { name: 'Result' }), 'failed');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));
    dialog = await screen.findByRole('dialog', { name: /Preview/ });
    expect(
      within(dialog).getByText('A final result was already sent for this order.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send to the ATS' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Send a second final result?' });
    expect(calls('results:send')).toHaveLength(1);
    fireEvent.click(within(confirm).getByRole('button', { name: 'Send another final result' }));
    await waitFor(() => expect(calls('results:send')).toHaveLength(2));
    expect(calls('results:send')[1]?.input).toMatchObject({ confirmFinalResend: true });
  });

  it('shows a refused result with StackOne’s words, and resends the fix', async () => {
    const result = await renderPanel();
    type(result, 'completed');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));
    const dialog = await screen.findByRole('dialog', { name: /Preview/ });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send to the ATS' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const jobId = desk.results.jobs[0]?.id ?? '';
    desk.results.park(jobId, 'result_url is required for a final result', [
      { status: 422, raw: { message: 'Missing report link' } },
    ]);

    const alert = await screen.findByText('result_url is required for a final result');
    const box = alert.closest('.parked') as HTMLElement;
    expect(within(box).getByText(/Missing report link/)).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain(
      'Needs attention',
    );

    fireEvent.click(within(box).getByRole('button', { name: 'Edit and resend' }));
    type(await screen.findByLabelText('Result URL'), 'https://reports.example.com/r/9');
    fireEvent.click(screen.getByRole('button', { name: /Preview and send/ }));
    const again = await screen.findByRole('dialog', { name: /corrected/ });
    fireEvent.click(within(again).getByRole('button', { name: 'Resend to the ATS' }));
    await waitFor(() => expect(calls('outbox:resend')).toHaveLength(1));
    expect(desk.results.jobs[0]?.body).toContain('"result_url":"https://reports.example.com/r/9"');
    expect(desk.results.jobs[0]?.state).toBe('queued');
  });
});
