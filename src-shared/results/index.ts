export * from './values';
export * from './request';
export * from './csv';
