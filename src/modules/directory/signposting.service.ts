// SPDX-License-Identifier: AGPL-3.0-or-later
// Signposting a person to services (counted by need), and the public's feedback on a service.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { appendAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import type { OrgScope } from '../../platform/db/org-scope.ts'
import { DirectoryError } from './directory.errors.ts'
import { findService } from './directory.repository.ts'
import { findSignposting, insertFeedback, insertSignposting, type NewFeedback } from './signposting.repository.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'

// ---------------------------------------------------------------------------------------------------------
// Signposting and feedback

export async function recordSignposting(
  scope: OrgScope,
  userId: string,
  signposting: {
    personLabel: string | null
    needs: string[]
    serviceIds: string[]
    note: string | null
    emailed: boolean
    idempotencyKey: string
  },
  auditActor: AuditActor,
): Promise<{ id: string; created: boolean }> {
  return scope.db.transaction(async (tx) => {
    const txScope = { areaId: scope.areaId, organisationId: scope.organisationId, db: tx }
    const result = await insertSignposting(txScope, {
      userId,
      personLabel: signposting.personLabel,
      needs: signposting.needs,
      serviceIds: signposting.serviceIds,
      note: signposting.note,
      emailedAt: signposting.emailed ? new Date() : null,
      idempotencyKey: signposting.idempotencyKey,
    })
    if (result.created)
      await appendAuditEvent(tx, auditActor, {
        action: 'directory.signposting.record',
        recordType: 'directory-signposting',
        recordId: result.id,
        details: {
          services: signposting.serviceIds.length,
          needs: signposting.needs.join(','),
          emailed: signposting.emailed,
        },
      })
    return result
  })
}

export async function recordFeedback(
  scope: AreaScope<Database>,
  feedback: NewFeedback,
  auditActor: AuditActor,
): Promise<void> {
  if (!(await findService(scope, feedback.serviceId))) throw new DirectoryError('DIRECTORY_SERVICE_NOT_FOUND')
  await scope.db.transaction(async (tx) => {
    const created = await insertFeedback({ areaId: scope.areaId, db: tx }, feedback)
    if (created)
      await appendAuditEvent(tx, auditActor, {
        action: 'directory.feedback.record',
        recordType: 'directory-service',
        recordId: feedback.serviceId,
        details: { source: feedback.source },
      })
  })
}

/** Signs "area.service" so a public feedback link cannot be pointed at another listing. */
export function feedbackSignature(secret: string, areaId: string, serviceId: string): string {
  return createHmac('sha256', secret)
    .update(`directory-feedback:${areaId}:${serviceId}`)
    .digest('base64url')
    .slice(0, 32)
}

export function verifyFeedbackSignature(secret: string, areaId: string, serviceId: string, signature: string): boolean {
  const expected = Buffer.from(feedbackSignature(secret, areaId, serviceId))
  const given = Buffer.from(signature)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

/** One signposting the signed-in organisation recorded, for its printable sheet; undefined when there is none. */
export async function findSignpostingRecord(scope: AreaScope & { organisationId: string }, id: string) {
  return findSignposting(scope, id)
}
