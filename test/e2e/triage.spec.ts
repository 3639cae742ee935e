import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import {
  expectCount,
  expectNoSeriousA11yViolations,
  orderRows,
  queueGrid,
  sandboxOrders,
  screenshot,
} from './ui-support';

/**
 * Triage as a coordinator does it: the queue and an order page at a desktop size, a small laptop
 * and 200% zoom, in light and dark; the keyboard (j/k from an order page, Esc in search boxes,
 * the command palette). Screenshots go to test-results/screenshots/triage-*.png.
 */
// Two desks and two Chromiums on a shared two-core machine: generous, the steps are many.
test.describe.configure({ timeout: 300_000 });
// On that machine a page can take several seconds to render: each step may wait longer.
const expect = baseExpect.configure({ timeout: 20_000 });
test.use({
  deskSync: {
    intervalMs: 1_500,
    sandbox: { orders: 60, accounts: 3, orderIntervalMs: null, seed: 'e2e-triage' },
  },
});

/**
 * 200% zoom of a 1440×900 window lays out as a 720×450 CSS-pixel viewport: the same page at that
 * size (the screenshot is drawn at 1×).
 */
const SIZES = [
  { name: '1440x900', width: 1440, height: 900 },
  { name: '1024x700', width: 1024, height: 700 },
  { name: 'zoom200', width: 720, height: 450 },
] as const;

const SIX_COLUMNS = ['Due', 'Candidate', 'Job', 'Package', 'Customer', 'Status'];

/** The six columns are on screen and the grid does not scroll sideways. */
async function expectFitsWithoutSidewaysScroll(page: Page): Promise<void> {
  const grid = queueGrid(page);
  const box = await grid.boundingBox();
  if (!box) throw new Error('the queue grid is not laid out');
  const { scrollWidth, clientWidth } = await grid.evaluate((el) => ({
    scrollWidth: el.scrollWidth,
    clientWidth: el.clientWidth,
  }));
  expect(scrollWidth, 'the queue scrolls sideways').toBeLessThanOrEqual(clientWidth);
  for (const name of SIX_COLUMNS) {
    const header = page.getByRole('columnheader', { name, exact: true });
    await expect(header).toBeVisible();
    const h = await header.boundingBox();
    expect(h && h.x + h.width <= box.x + box.width + 1, `${name} is cut off`).toBe(true);
  }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the queue and an order at 1440×900, 1024×700 and 200% zoom, ${colorScheme}`, async ({
    page,
    previewUrl,
    embedded,
  }, testInfo) => {
    const { total } = await sandboxOrders(embedded.sandbox.url);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(previewUrl);
    await expectCount(page, total, 30_000);
    const third = orderRows(page).nth(2);
    const orderId = await third.getAttribute('data-order-id');
    await third.click();
    await expect(page).toHaveURL(new RegExp(`/${orderId}$`));
    const orderHash = new URL(page.url()).hash;
    await page.keyboard.press('Escape');

    await page.emulateMedia({ colorScheme });
    {
      for (const size of SIZES) {
        const tag = `triage-${size.name}-${colorScheme}`;
        await page.setViewportSize({ width: size.width, height: size.height });
        // At 200% zoom the sidebar folds to a rail of icons (a window that opens that narrow
        // starts so; this one is resized, so the button does it).
        const collapse = page.getByRole('button', { name: 'Collapse the sidebar' });
        const wantCollapsed = String(size.name === 'zoom200');
        if ((await collapse.getAttribute('aria-pressed')) !== wantCollapsed) await collapse.click();
        await expect(collapse).toHaveAttribute('aria-pressed', wantCollapsed);
        await expect(orderRows(page).first()).toBeVisible();

        if (size.name === '1024x700') {
          await expectFitsWithoutSidewaysScroll(page);
          // The filter bar keeps to two lines, and Due fits its label (no ellipsis).
          const bar = await page.getByRole('group', { name: 'Filters', exact: true }).boundingBox();
          expect(bar?.height ?? 0).toBeLessThan(72);
          const clipped = await page
            .locator('.queue-cell-due_at .due-text')
            .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
          expect(clipped).toBe(0);
        }
        if (size.name === 'zoom200') {
          // With the sidebar folded, each of the six columns starts on screen (the last may be
          // cut: at this width the queue scrolls sideways by a few dozen pixels).
          const gridBox = await queueGrid(page).boundingBox();
          for (const name of SIX_COLUMNS) {
            const header = await page
              .getByRole('columnheader', { name: new RegExp(`^${name}`) })
              .boundingBox();
            expect(header?.x ?? Infinity, `${name} starts on screen`).toBeLessThan(
              (gridBox?.x ?? 0) + (gridBox?.width ?? 0) - 16,
            );
          }
          const box = await queueGrid(page).boundingBox();
          const visibleRows = await orderRows(page).evaluateAll(
            (rows, bottom) => rows.filter((r) => r.getBoundingClientRect().bottom <= bottom).length,
            (box?.y ?? 0) + (box?.height ?? 0),
          );
          expect(visibleRows, 'rows on screen at 200% zoom').toBeGreaterThanOrEqual(5);
        }
        await screenshot(page, testInfo, `${tag}-queue`);
        if (size.name === '1440x900') await expectNoSeriousA11yViolations(page, `queue, ${tag}`);

        await page.goto(`${previewUrl.split('#')[0]}${orderHash}`);
        await expect(page.getByRole('region', { name: 'Candidate' })).toBeVisible();
        await screenshot(page, testInfo, `${tag}-order`);
        if (size.name === '1440x900') await expectNoSeriousA11yViolations(page, `order, ${tag}`);
        await page.keyboard.press('Escape');
        await expect(page).toHaveURL(/#\/queue$/);
      }
    }
  });
}

test('keyboard: j/k from an order page, Esc leaves search boxes, the command palette', async ({
  page,
  previewUrl,
  embedded,
}, testInfo) => {
  const { total } = await sandboxOrders(embedded.sandbox.url);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(previewUrl);
  await expectCount(page, total, 20_000);
  const ids = await orderRows(page).evaluateAll((rows) =>
    rows
      .sort(
        (a, b) => Number(a.getAttribute('aria-rowindex')) - Number(b.getAttribute('aria-rowindex')),
      )
      .slice(0, 4)
      .map((r) => r.getAttribute('data-order-id')),
  );

  // j selects the first order, Enter opens it; from there j/k and ]/[ walk the view.
  await queueGrid(page).focus();
  await page.keyboard.press('j');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/${ids[0]}$`));
  await expect(page.getByText(`Order 1 of ${total} in All orders`)).toBeVisible();
  await page.keyboard.press('j');
  await expect(page).toHaveURL(new RegExp(`/${ids[1]}$`));
  await page.keyboard.press(']');
  await expect(page).toHaveURL(new RegExp(`/${ids[2]}$`));
  await page.keyboard.press('k');
  await expect(page).toHaveURL(new RegExp(`/${ids[1]}$`));
  await page.keyboard.press('[');
  await expect(page).toHaveURL(new RegExp(`/${ids[0]}$`));
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#\/queue$/);
  await expect(queueGrid(page).locator('[aria-selected="true"]')).toHaveAttribute(
    'data-order-id',
    ids[1] ?? '',
  );

  // Esc leaves the search box of the queue, Candidates and Jobs (the text stays).
  for (const [hash, label] of [
    ['queue', 'Search orders'],
    ['candidates', /Search candidates/],
    ['jobs', /Search jobs/],
  ] as const) {
    await page.goto(`${previewUrl.split('#')[0]}#/${hash}`);
    const box = page.getByLabel(label);
    await box.click();
    await box.fill('ad');
    await page.keyboard.press('Escape');
    await expect(box).not.toBeFocused();
    await expect(box).toHaveValue('ad');
  }

  // The command palette: Ctrl+K, type, Enter.
  await page.goto(`${previewUrl.split('#')[0]}#/queue`);
  await expect(orderRows(page).first()).toBeVisible();
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette).toBeVisible();
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('due soon');
  await screenshot(page, testInfo, 'triage-palette');
  await expectNoSeriousA11yViolations(page, 'command palette');
  await page.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  const quick = page.getByRole('group', { name: 'Quick filters' });
  await expect(quick.getByRole('button', { name: /Due soon/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText('Due soon');

  // A quick filter by key, and its token removes it.
  await queueGrid(page).focus();
  await page.keyboard.press('1');
  await expect(quick.getByRole('button', { name: /^Overdue/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Remove filter Overdue' }).click();
  await expectCount(page, total);
});
