import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { actClassifications } from '../../../db/schema/acts.ts';
import type { ClassificationTree } from '../domain/ministry-messages.ts';

export interface CurrentClassification {
  date: string;
  tree: ClassificationTree;
}

/** The newest classification file received for the structure, or undefined when none was. */
export async function currentClassification(db: Db, structureId: string): Promise<CurrentClassification | undefined> {
  const [row] = await db
    .select()
    .from(actClassifications)
    .where(and(eq(actClassifications.structureId, structureId)))
    .orderBy(desc(actClassifications.classificationDate))
    .limit(1);
  return row ? { date: row.classificationDate, tree: row.tree as ClassificationTree } : undefined;
}

/** Stores a classification file (7-2); the same date twice is kept once. */
export async function storeClassification(db: Db, structureId: string, tree: ClassificationTree, at: Date) {
  await db
    .insert(actClassifications)
    .values({ structureId, classificationDate: tree.date, tree, receivedAt: at })
    .onConflictDoNothing();
}

export function hasMatiere(tree: ClassificationTree, code: string): boolean {
  const walk = (list: ClassificationTree['matieres']): boolean => list.some((m) => m.code === code || walk(m.children));
  return walk(tree.matieres);
}

export function typologiesOf(tree: ClassificationTree, nature: number): string[] {
  return tree.natures.find((n) => n.code === nature)?.typologies.map((t) => t.code) ?? [];
}
