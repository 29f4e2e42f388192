// The addresses of the supplier's deposit history.
export const DEPOSITS_PATH = '/factures/depots';

export const depositPath = (id: string): string => `${DEPOSITS_PATH}/${id}`;
