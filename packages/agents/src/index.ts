export * from './errors.ts';
export type * from './ports.ts';
export * from './types.ts';
