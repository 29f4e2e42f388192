const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Structure ids are UUIDs; anything else cannot name a structure (and must not reach a uuid column). */
export const isUuid = (value: string): boolean => UUID.test(value);
