// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../platform/db/database.ts'
import type { EmailSender } from '../../platform/email/email.ts'
import { addWorkingDays, londonDate, NEAR_TARGET_WORKING_DAYS } from './contact-target.ts'
import * as referenceRepo from './reference.repository.ts'

export const REMINDER_QUEUE = 'referrals-contact-target-reminders'
/** Weekdays at 07:00 UTC (08:00 in summer), before the working day starts. */
export const REMINDER_CRON = '0 7 * * 1-5'

/**
 * Emails each service's supervisors how many referrals are near or past the contact target. Runs across
 * every service (a system task): it reads counts only, and the email carries counts and a link, never names.
 * @returns how many emails were sent
 */
export async function sendContactTargetReminders(
  db: Database,
  email: EmailSender,
  publicUrl: string,
  now = new Date(),
): Promise<number> {
  const today = londonDate(now)
  const nearDate = addWorkingDays(today, NEAR_TARGET_WORKING_DAYS)
  const alerts = await referenceRepo.listServicesWithTargetAlerts(db, today, nearDate)
  const supervisors = await referenceRepo.listMembersWithRoleIn(
    db,
    alerts.map((a) => a.organisationId),
    'supervisor',
  )
  let sent = 0
  for (const alert of alerts) {
    if (alert.overdue === 0 && alert.near === 0) continue
    for (const supervisor of supervisors.filter((s) => s.organisationId === alert.organisationId)) {
      const urgent =
        alert.urgent > 0
          ? `${alert.urgent} of them ${alert.urgent === 1 ? 'is' : 'are'} urgent and ${alert.urgent === 1 ? 'comes' : 'come'} first in the list.\n\n`
          : ''
      await email.send({
        to: supervisor.email,
        subject:
          `Referrals: ${alert.overdue} past and ${alert.near} near the contact target` +
          (alert.urgent > 0 ? `, ${alert.urgent} urgent` : ''),
        text:
          `Hello ${supervisor.displayName},\n\n` +
          `${alert.overdue} referral${alert.overdue === 1 ? ' is' : 's are'} past the contact target and ` +
          `${alert.near} ${alert.near === 1 ? 'is' : 'are'} due within ${NEAR_TARGET_WORKING_DAYS} working days.\n\n` +
          urgent +
          `See them here:\n${publicUrl}/referrals?queue=overdue\n`,
      })
      sent++
    }
  }
  return sent
}
