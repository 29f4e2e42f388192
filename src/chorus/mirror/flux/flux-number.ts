// `numeroFluxDepot`: "CPP" followed by 22 digits, here the flux's sequence number.

export function fluxNumber(sequence: number): string {
  return `CPP${String(sequence).padStart(22, '0')}`;
}

export function fluxSequence(numero: unknown): number | undefined {
  if (typeof numero !== 'string' || !/^CPP\d{22}$/.test(numero)) return undefined;
  const value = Number(numero.slice(3));
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
