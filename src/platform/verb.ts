// The one calling shape of every verb: who acts, with which dependencies (`ctx`), on what (`input`).
import type { Actor } from './auth/actor.ts';

export interface VerbContext<D> {
  deps: D;
  /** Undefined when nobody is logged in: the verb's scope check answers 401. */
  actor: Actor | undefined;
}

export interface VerbCall<D, I> {
  ctx: VerbContext<D>;
  input: I;
}
