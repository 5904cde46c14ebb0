/** The shared web client: one import for the apps. */
export * from './api';
export * from './auth';
export * from './format';
export * from './i18n';
export * from './lang-controller';
export * from './live-controller';
export * from './live-state';
export * from './snapshot-reducer';
