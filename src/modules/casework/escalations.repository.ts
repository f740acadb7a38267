// SPDX-License-Identifier: AGPL-3.0-or-later
import { desc, eq, sql } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { Escalation, EscalationKind, EscalationOutcome } from './escalation.ts'
import { escalations } from './casework.table.ts'
import { inTenant } from '../../platform/db/tenant.ts'

type EscalationRow = typeof escalations.$inferSelect

function toEscalation(r: EscalationRow): Escalation {
  return {
    id: r.id,
    episodeId: r.episodeId,
    kind: r.kind as EscalationKind,
    toWhom: r.toWhom,
    reason: r.reason,
    urgent: r.urgent,
    raisedOn: r.raisedOn,
    raisedByName: r.raisedByName,
    outcome: r.outcome as EscalationOutcome | null,
    outcomeText: r.outcomeText,
    outcomeOn: r.outcomeOn,
    outcomeRecordedByName: r.outcomeRecordedByName,
    version: r.version,
  }
}

/** Inserts an escalation unless its submission key was used before; returns the new id, or undefined on a retry. */
export async function insertEscalationIfNew(
  scope: TxScope,
  values: Omit<typeof escalations.$inferInsert, 'organisationId'>,
): Promise<string | undefined> {
  const [row] = await scope.db
    .insert(escalations)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing({ target: [escalations.organisationId, escalations.submissionKey] })
    .returning({ id: escalations.id })
  return row?.id
}

export async function listEscalations(scope: AnyScope, episodeId: string, limit = 100): Promise<Escalation[]> {
  const rows = await scope.db
    .select()
    .from(escalations)
    .where(inTenant(scope, escalations, eq(escalations.episodeId, episodeId)))
    .orderBy(desc(escalations.raisedOn), desc(escalations.raisedAt))
    .limit(limit)
  return rows.map(toEscalation)
}

export async function findEscalation(
  scope: AnyScope,
  episodeId: string,
  escalationId: string,
): Promise<Escalation | undefined> {
  const [row] = await scope.db
    .select()
    .from(escalations)
    .where(inTenant(scope, escalations, eq(escalations.episodeId, episodeId), eq(escalations.id, escalationId)))
  return row ? toEscalation(row) : undefined
}

/** Records the outcome if the row is still at `expectedVersion`; false when someone else changed it first. */
export async function updateEscalationOutcome(
  scope: TxScope,
  escalationId: string,
  expectedVersion: number,
  values: { outcome: string; outcomeText: string; outcomeOn: string; outcomeRecordedByName: string },
): Promise<boolean> {
  const updated = await scope.db
    .update(escalations)
    .set({ ...values, version: sql`${escalations.version} + 1` })
    .where(inTenant(scope, escalations, eq(escalations.id, escalationId), eq(escalations.version, expectedVersion)))
    .returning({ id: escalations.id })
  return updated.length > 0
}
