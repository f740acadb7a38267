// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Config } from '../../config.ts'
import { systemActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import { ukNow } from './schedules.ts'
import { listServicesDueReminder } from './versions.repository.ts'
import { PROVIDER_LINK_DAYS, createProviderLink, providerLinkEmail } from './versions.service.ts'

export const FRESHNESS_QUEUE = 'directory-freshness'
/** Every day at 07:00 UTC. */
export const FRESHNESS_CRON = '0 7 * * *'
const BATCH = 500

/**
 * Emails the contact of every listing not checked for `directoryFreshnessDays` a link to confirm or update
 * it. A listing is asked again only after its last link has expired, so nobody is nagged daily.
 */
export async function sendFreshnessReminders(
  db: Database,
  email: EmailSender,
  config: Config,
): Promise<{ sent: number }> {
  const { today } = ukNow()
  const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - config.directoryFreshnessDays * 86_400_000)
    .toISOString()
    .slice(0, 10)
  const due = await listServicesDueReminder(db, cutoff, new Date(Date.now() - PROVIDER_LINK_DAYS * 86_400_000), BATCH)
  let sent = 0
  for (const listing of due) {
    // Each listing is its own unit of work: one bad address must not stop the others.
    // The area comes from the listing itself (a system task over every area, on purpose).
    const link = await createProviderLink(
      { areaId: listing.areaId, db },
      listing.serviceId,
      'freshness-job',
      systemActor(null, 'directory-freshness'),
    )
    await email.send({ to: link.sentTo, ...providerLinkEmail(config.publicUrl, link.token, link.serviceName) })
    sent++
  }
  return { sent }
}
