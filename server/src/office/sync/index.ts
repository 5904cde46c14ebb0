export { createSyncWorker, HqHttpError, type SyncWorker, type SyncWorkerOptions, type SyncWorkerState } from './sync-worker';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
