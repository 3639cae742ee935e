export * from './events';
export * from './feed';
export * from './catalog';
export * from './json-bounds';
export * from './team-records';
