export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export function findElectronBinary(options?: {
  root?: string;
  env?: NodeJS.ProcessEnv;
}): ElectronBinary;
