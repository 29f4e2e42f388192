// Lifecycle rules shown by the hub: transitions, labels, reform codes.
export {
  REFORM_CODE_OF_STATUS,
  REFORM_LIFECYCLE_STATUSES,
  reformStatusOf,
  type ReformLifecycleStatus,
} from '../domain/reform-codes.ts';
export {
  ACTION_LABELS,
  allowedActions,
  canTransition,
  isTerminal,
  MOTIVE_MAX_LENGTH,
  STATUS_LABELS,
  TERMINAL_STATUSES,
  TRANSITIONS,
  type AllowedAction,
  type Mover,
  type Transition,
} from '../domain/transitions.ts';
