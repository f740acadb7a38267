// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask, type OrgScope } from '../../platform/db/org-scope.ts'
import type { DemoArea } from '../../seed/demo-area.ts'
import { londonInstant } from './bookings.ts'
import { bookContact } from './bookings.service.ts'
import { addDays, londonToday, type ComplexityLevel } from './casework.ts'
import { changeEpisodeDetails, recordContact } from './episode-changes.service.ts'
import { listCaseload, openCase } from './casework.service.ts'

const COMPLEXITY_REASONS: Record<ComplexityLevel, string> = {
  1: 'Confident on the phone; mainly needs to know what is on nearby.',
  2: 'Low confidence going out alone; wants someone to go with them the first time.',
  3: 'Several needs at once (money, housing and low mood) and a recent bereavement.',
}

/**
 * Opens the demo link workers' cases and records a first contact for those the referrals seed marked as
 * contacted, so "My caseload" starts realistic: some new, some under way, one with a lone-working flag.
 */
export async function seedDemoCasework(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with casework')
  const today = londonToday()
  for (const key of ['link-worker', 'link-worker-2', 'supervisor']) {
    const userId = area.users.get(key)
    if (!userId) continue
    const actor = {
      audit: { userId, organisationId: service.id, role: 'demo-seed', ipAddress: null, correlationId: null },
      userId,
      name: 'Demo seed',
    }
    const caseload = await listCaseload(scope, userId)
    let n = 0
    for (const entry of caseload) {
      n += 1
      // Opened the day after the referral arrived (as a link worker would), so the dates on the page agree.
      const openedAt = new Date(Math.min(Date.now(), entry.allocatedAt.getTime() + 86_400_000))
      const { episode, referral } = await openCase(scope, entry.referralId, actor, { now: openedAt })
      const complexity = ((n % 3) + 1) as ComplexityLevel
      await changeEpisodeDetails(
        scope,
        entry.referralId,
        {
          pathway: complexity === 3 ? 'long-term' : 'short-term',
          complexity,
          complexityReason: COMPLEXITY_REASONS[complexity],
          // Left as opened: moving to the long-term pathway takes that pathway's setting.
          contactAllowance: episode.contactAllowance,
        },
        episode.version,
        actor,
      )
      if (referral.status === 'in-progress' && referral.firstContactAt) {
        const contactOn = londonToday(referral.firstContactAt)
        await recordContact(
          scope,
          entry.referralId,
          {
            submissionKey: `demo-seed-first-contact-${n}`,
            type: 'phone',
            contactOn: contactOn > today ? today : contactOn,
            durationMinutes: 25,
            whoWasThere: '',
            notes: 'Introduced myself and the service; agreed to meet for a "what matters" conversation.',
            riskCheck: null,
            // Every other person has a contact due today, so the "to do today" list is not empty.
            nextContactOn: n % 2 === 0 ? today : addDays(today, 7 + n),
          },
          actor,
        )
      }
    }
    if (key === 'link-worker')
      await seedDemoBookings(scope, caseload.filter((e) => e.status !== 'on-hold').slice(0, 2), actor)
  }
}

/** Two booked contacts for the demo link worker: a call this afternoon and a home visit tomorrow morning. */
async function seedDemoBookings(
  scope: OrgScope,
  people: { referralId: string }[],
  actor: Parameters<typeof bookContact>[3],
): Promise<void> {
  const today = londonToday()
  const [first, second] = people
  if (first)
    await bookContact(
      scope,
      first.referralId,
      {
        submissionKey: 'demo-seed-booking-call',
        type: 'phone',
        startsAt: londonInstant(today, '14:00'),
        durationMinutes: 20,
        place: '',
        riskCheck: null,
      },
      actor,
    )
  if (second)
    await bookContact(
      scope,
      second.referralId,
      {
        submissionKey: 'demo-seed-booking-visit',
        type: 'home-visit',
        startsAt: londonInstant(addDays(today, 1), '10:30'),
        durationMinutes: 60,
        place: '',
        riskCheck: {
          someoneKnowsWhereYouAre: true,
          expectedFinishTime: '11:30',
          knownRisksAtAddress: false,
          knownRisksDetails: '',
          checkInArranged: true,
        },
      },
      actor,
    )
}
