import { describe, expect, it, vi } from 'vitest';

const exposed = vi.hoisted(() => [] as Array<[string, unknown]>);

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]),
  },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

describe('preload entry', () => {
  it('exposes window.desk with invoke and on, and nothing else', async () => {
    await import('./index');
    expect(exposed.map(([key]) => key)).toEqual(['desk']);
    const api = exposed[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });
});
