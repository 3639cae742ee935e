export * from './events';
export * from './feed';
export * from './catalog';
export * from './json-bounds';
export * from './team';
export * from './team-records';
