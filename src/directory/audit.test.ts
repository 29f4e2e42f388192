import { describe, expect, it } from 'vitest';
import { auditEntryOf, changedByOf, type DirectoryChange } from './audit.ts';

describe('audit entry of a directory change', () => {
  it('names the subject, the owning structure and each changed field before and after', () => {
    const change: DirectoryChange = {
      action: 'service_updated',
      structureId: 's-1',
      serviceId: 'v-1',
      changedBy: 'person:p-1',
      changedAt: '2026-03-02T09:00:00.000Z',
      changes: [{ field: 'active', before: true, after: false }],
    };
    const actor = { kind: 'person' as const, personId: 'p-1', email: 'o@x.fr', displayName: 'O', grants: [] };
    expect(auditEntryOf(actor, change)).toEqual({
      actor,
      action: 'service.update',
      subject: { type: 'service', id: 'v-1' },
      structureId: 's-1',
      before: { active: true },
      after: { active: false },
    });
    expect(changedByOf(actor)).toBe('person:p-1');
  });
});
