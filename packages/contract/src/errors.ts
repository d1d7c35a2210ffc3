export * from './errors/error-catalogue.ts';
export * from './errors/error-context.ts';
export * from './errors/error-body.ts';
