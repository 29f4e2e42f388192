// Every workflow of the hub; the worker bundles this file.
export { purgeExpiredCredentialsWorkflow } from './purge-expired-credentials.ts';
