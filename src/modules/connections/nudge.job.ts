// SPDX-License-Identifier: AGPL-3.0-or-later
// Reminding a community group that has not answered (issue 11): once, after a few working days, with a new link
// (the first one's secret is kept only as a hash, so it cannot be sent again). Later silence is flagged to the
// link worker on the caseload (followUpFor), not nudged again: a small group must not be nagged.
import { appendAuditEvent, systemActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { createOrgScope, inTransaction } from '../../platform/db/org-scope.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import { londonToday } from '../casework/index.ts'
import { workingDaysBetween } from '../referrals/index.ts'
import { RESPONSE_LINK_DAYS, type FollowUpRules } from './connection.ts'
import * as repo from './connections.repository.ts'
import { DAY_MS } from './connections.service.ts'
import { nudgeEmail } from './group-email.ts'
import { peopleWhoAgreedToShare } from './group-links.service.ts'
import { hashToken, newResponseToken } from './link-token.ts'

export const NUDGE_QUEUE = 'connections-nudge'
/** Weekdays at 08:00 UTC, when a volunteer might read their email. */
export const NUDGE_CRON = '0 8 * * 1-5'
const BATCH = 500

/**
 * Emails each group that has not answered for `nudgeWorkingDays` a reminder with a new link.
 * @param options.organisationId - only this service's connections (tests, or a re-run for one service)
 */
export async function sendNudges(
  db: Database,
  email: EmailSender,
  publicUrl: string,
  rules: Pick<FollowUpRules, 'nudgeWorkingDays'>,
  options: { now?: Date; organisationId?: string } = {},
): Promise<{ sent: number }> {
  const now = options.now ?? new Date()
  const today = londonToday(now)
  // Working days are at least as many calendar days: the query narrows by calendar days, the check below is exact.
  const before = new Date(now.getTime() - rules.nudgeWorkingDays * DAY_MS)
  const due = (await repo.listDueNudge(db, before, BATCH, options.organisationId)).filter(
    ({ connection }) => workingDaysBetween(londonToday(connection.createdAt), today) >= rules.nudgeWorkingDays,
  )
  const byOrganisation = new Map<string, typeof due>()
  for (const item of due)
    byOrganisation.set(item.organisationId, [...(byOrganisation.get(item.organisationId) ?? []), item])
  let sent = 0
  for (const [organisationId, items] of byOrganisation) {
    const organisation = await repo.findOrganisation(db, organisationId)
    if (!organisation) continue
    const scope = createOrgScope(db, organisationId, organisation.areaId)
    // Consent is re-read where data would leave: someone who has since withdrawn it is not chased.
    const agreed = await peopleWhoAgreedToShare(
      scope,
      items.map((i) => i.connection.personId),
    )
    for (const { connection } of items) {
      if (!agreed.has(connection.personId)) continue
      const token = newResponseToken(organisationId)
      const marked = await db.transaction(async (tx) => {
        const done = await repo.markNudged(
          inTransaction(scope, tx),
          connection.id,
          hashToken(token),
          new Date(now.getTime() + RESPONSE_LINK_DAYS * DAY_MS),
          now,
        )
        if (done)
          await appendAuditEvent(tx, systemActor(organisationId, NUDGE_QUEUE), {
            action: 'connection.nudge',
            recordType: 'connection',
            recordId: connection.id,
          })
        return done
      })
      if (!marked) continue
      await email.send({
        to: connection.providerEmail!,
        ...nudgeEmail(publicUrl, token, connection.serviceName, organisation.name, londonToday(connection.createdAt)),
      })
      sent++
    }
  }
  return { sent }
}
