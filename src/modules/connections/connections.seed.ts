// SPDX-License-Identifier: AGPL-3.0-or-later
// Demo data: for each demo link worker, a person whose agreed plan was reviewed has been going to the first group
// on it (the group accepted and ticked two sessions on its register), and another person with a plan was connected
// three weeks ago to a group that has not answered, so the caseload shows a follow-up. Other people with
// plans have no connection yet, for a newcomer to make one. Made through the module's own services.
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { demoLinkWorkers, type DemoArea } from '../../seed/demo-area.ts'
import { addDays, listCaseload, londonToday } from '../casework/index.ts'
import { linkServiceToProvider } from '../directory/index.ts'
import { listReviewsForEpisode } from '../plans/index.ts'
import { connectPerson, openConnectionCase } from './connections.service.ts'
import { answerAsProvider, createRegisterLink, recordRegister } from './group-links.service.ts'

const DAY_MS = 86_400_000

export async function seedDemoConnections(db: Database, area: DemoArea): Promise<void> {
  const service = area.organisations.get('sps')!
  const scope = scopeForSystemTask(db, service, 'seeding the demo area with connections')
  const today = londonToday()
  for (const { key, userId, actor } of demoLinkWorkers(area, service.id)) {
    const caseload = await listCaseload(scope, userId)
    const underWay = caseload
      .filter((e) => e.status === 'in-progress' && e.episode?.firstContactOn)
      .sort((a, b) => a.personName.localeCompare(b.personName, 'en-GB'))
      .slice(0, 12)
    // Going: someone whose agreed plan has been reviewed. Waiting: anyone else with a plan (agreed or draft).
    const reviewed: typeof underWay = []
    const others: typeof underWay = []
    for (const entry of underWay) {
      const reviews = entry.episode!.planAgreedOn ? await listReviewsForEpisode(scope, entry.episode!.id) : []
      ;(reviews.length > 0 ? reviewed : others).push(entry)
    }
    // The first person in each group whose plan names a directory service and who agreed to share.
    for (const [people, kind] of [
      [reviewed, 'going'],
      [others, 'waiting'],
    ] as const) {
      let found = null
      let planService = null
      for (const entry of people) {
        const candidate = await openConnectionCase(scope, entry.referralId, actor)
        planService = candidate.plan?.services.find((s) => s.directoryServiceId) ?? null
        if (planService && candidate.mayShare) {
          found = candidate
          break
        }
      }
      if (!found || !planService) continue
      const sentAt = new Date(Date.now() - (kind === 'going' ? 28 : 21) * DAY_MS)
      const { connection, token } = await connectPerson(
        scope,
        found,
        {
          submissionKey: `demo-seed-connection-${key}-${kind}`,
          directoryServiceId: planService.directoryServiceId!,
          goalKey: planService.goalKey,
          sharing: kind === 'going' ? 'full' : 'contact',
          accompaniedBy: kind === 'going' ? 'link-worker' : 'nobody',
          firstSessionNote: kind === 'going' ? 'I will meet them at the door ten minutes before the start.' : '',
        },
        actor,
        sentAt,
      )
      // The demo's community provider (Fiona Grant's hub) runs the groups people were connected to, so its
      // accounts see them on "People connected to your groups".
      const hub = area.organisations.get('hub')
      if (hub) await linkServiceToProvider(scope, planService.directoryServiceId!, hub.id)
      if (kind !== 'going' || !token) continue
      const group = { ...actor.audit, userId: null }
      await answerAsProvider(db, token, { status: 'accepted', reason: null, note: 'We would love to see them.' }, group)
      const register = await createRegisterLink(scope, found, connection.id, actor)
      for (const daysAgo of [14, 7])
        await recordRegister(db, register.token, addDays(today, -daysAgo), [connection.id], group)
    }
  }
}
