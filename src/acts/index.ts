// The acts module's door: what the app, the portal, the worker, the seed and the demo ministry use.
export { actRoutes, actAnswerRoutes } from './routes.ts';
export { seedActsDemo, DEMO_ACTS_CLIENT } from './seed.ts';
export { readActsSettings, type ActsSettings } from './settings.ts';
export type { ActsRuntime, Mailbox, MailboxMessage, MinistryClient, MinistryUpload } from './runtime.ts';
export type { ActsDeps } from './deps.ts';
export { DEMO_CLASSIFICATION } from './demo-classification.ts';
export { storeClassification } from './queries/classification.ts';
// The protocol, for the demo ministry (state side) and the tests.
export {
  checkActe,
  checkEnvelope,
  checkLetterAcknowledgement,
  listedFiles,
  type Violation,
} from './protocol/checks.ts';
export { readXml, actesAttr, child, childrenNamed, XmlReadError, type XmlNode } from './protocol/xml-read.ts';
export { parseMinistryMessage, MessageError, type MinistryMessage } from './protocol/inbound.ts';
export { createActsActivities, type ActsActivities } from './activities.ts';
export { httpsMinistryClient } from './transmission/ministry-client.ts';
export { openImapMailbox } from './mail/imap-mailbox.ts';
export { deliverToMaildir, openMaildirMailbox } from './mail/maildir-mailbox.ts';
export { actWorkflowId } from './deps.ts';
export { publicActPages } from './public-pages/routes.tsx';
export { actPages } from './pages/routes.tsx';
export { s2lowActRoutes } from './s2low/routes.ts';
export { actsSchedules } from './schedules.ts';
