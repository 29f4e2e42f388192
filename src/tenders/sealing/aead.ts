// The tender room seals with the platform's AEAD (kept here so the room's imports stay local).
export { seal, unseal } from '../../platform/sealing/aead.ts';
