import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, offsetOf } from './local-time';

describe('local date fields', () => {
  it('sends a wall-clock time as ISO 8601 with the local offset of that instant', () => {
    const iso = localInputToIso('2025-03-01T10:30');
    expect(iso).toMatch(/^2025-03-01T10:30:00[+-]\d{2}:\d{2}$/);
    // The same instant as the wall-clock time read in the local zone.
    expect(Date.parse(iso)).toBe(new Date(2025, 2, 1, 10, 30).getTime());
    expect(iso.endsWith(offsetOf(new Date(2025, 2, 1, 10, 30)))).toBe(true);
  });

  it('keeps seconds when given and leaves an empty field empty', () => {
    expect(localInputToIso('2025-03-01T10:30:15')).toMatch(/^2025-03-01T10:30:15/);
    expect(localInputToIso('')).toBe('');
    expect(localInputToIso('next tuesday')).toBe('next tuesday');
  });

  it('round-trips an instant through the input', () => {
    const iso = localInputToIso('2024-11-05T23:59');
    expect(isoToLocalInput(iso)).toBe('2024-11-05T23:59');
    expect(isoToLocalInput('2024-11-05T08:00:07Z')).toMatch(/:07$/);
    expect(isoToLocalInput(null)).toBe('');
    expect(isoToLocalInput('garbage')).toBe('');
  });
});
