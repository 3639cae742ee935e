import { generate } from '../src-sandbox/data/generator';
import { startSandbox } from '../src-sandbox/index';
import { basicAuth } from '../src-sandbox/testing/sandbox-client';

/**
 * Sandbox figures: time (and heap) to generate 100k orders with their candidates, applications
 * and jobs; and pages per second served over loopback at page_size 100 to a plain fetch client.
 * `npm run bench:sandbox` (ORDERS=… PAGES=… to change the sizes).
 */

const ORDERS = Number(process.env.ORDERS ?? 100_000);
const PAGES = Number(process.env.PAGES ?? 600);

/** CPU time (all threads, GC included) since `from`: steadier than wall time on a busy machine. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function main(): Promise<void> {
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  let cpu = process.cpuUsage();
  const store = generate({ seed: 1, accounts: 5, orders: ORDERS });
  const genMs = performance.now() - t;
  const genCpu = cpuMs(cpu);
  let candidates = 0;
  let applications = 0;
  let jobs = 0;
  for (const a of store.accounts.values()) {
    candidates += a.collections.candidates.size;
    applications += a.collections.applications.size;
    jobs += a.collections.jobs.size;
  }
  globalThis.gc?.();
  console.log(
    `generate: ${ORDERS.toLocaleString('en')} orders, ${candidates.toLocaleString('en')} candidates, ${applications.toLocaleString('en')} applications, ${jobs.toLocaleString('en')} jobs in ${(genMs / 1000).toFixed(2)} s wall, ${(genCpu / 1000).toFixed(2)} s CPU (heap +${mb(process.memoryUsage().heapUsed - heapBefore)})`,
  );

  t = performance.now();
  const sb = await startSandbox({ seed: 1, accounts: 5, orders: ORDERS });
  console.log(
    `startSandbox (same size, listening): ${((performance.now() - t) / 1000).toFixed(2)} s`,
  );
  const account = sb.accounts[0]!.id;
  const headers = { authorization: basicAuth(sb.apiKey), 'x-account-id': account };
  try {
    for (const resource of ['candidates', 'applications']) {
      // Warm-up compiles the validators and JITs the handlers.
      await (await fetch(`${sb.url}/unified/ats/${resource}?page_size=100`, { headers })).json();
      let pages = 0;
      let records = 0;
      let next: string | null = null;
      t = performance.now();
      cpu = process.cpuUsage();
      while (pages < PAGES) {
        const res: Response = await fetch(
          `${sb.url}/unified/ats/${resource}?page_size=100${next ? `&next=${next}` : ''}`,
          { headers },
        );
        const body = (await res.json()) as { next: string | null; data: unknown[] };
        pages++;
        records += body.data.length;
        next = body.next;
        // At the end of the list, start over: the figure is pages/s, not one pass.
        if (!next) next = null;
      }
      const s = (performance.now() - t) / 1000;
      const cpuPerPage = cpuMs(cpu) / pages;
      console.log(
        `serve ${resource}: ${pages} pages (${records.toLocaleString('en')} records, page_size 100, sequential fetch, client and server in one process) in ${s.toFixed(2)} s = ${(pages / s).toFixed(0)} pages/s; ${cpuPerPage.toFixed(2)} ms CPU per page`,
      );
    }
  } finally {
    await sb.close();
  }
}

void main();
