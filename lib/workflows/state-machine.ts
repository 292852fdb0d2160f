/**
 * Small, explicit state machines for the life of a case after the interviews (referrals, travel,
 * reintegration steps, closure). Each lists, for every state, the states it may move to; services
 * check a transition here before writing it, and the UI offers only allowed transitions.
 */
export type StateMachine<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(machine: StateMachine<S>, from: S, to: S): boolean {
  return machine[from].includes(to);
}

export function nextStates<S extends string>(machine: StateMachine<S>, from: S): readonly S[] {
  return machine[from];
}

export function isTerminal<S extends string>(machine: StateMachine<S>, state: S): boolean {
  return machine[state].length === 0;
}
