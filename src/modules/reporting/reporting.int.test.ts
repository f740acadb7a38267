// SPDX-License-Identifier: AGPL-3.0-or-later
// The activity report from a small dataset whose right answers are worked out by hand below: a supervisor sees
// their own service exactly; a commissioner sees every service of the area, suppressed (HES rule), including a
// secondary suppression; nobody else sees a report; every view is audited; no person appears anywhere.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { actorOf, scopeOf, SEED_ACTOR } from '../../../test/factories/casework.ts'
import { londonToday } from '../casework/index.ts'
import { changeReferral, exampleSubmission, submitReferral, type ReferralSource } from '../referrals/index.ts'
import type { PersonDetails } from '../people/index.ts'
import { financialYearOf } from './period.ts'

const context = useTestContext()

// The first quarter of the last financial year (April to June): always a whole period in the past.
const FY = financialYearOf(londonToday()) - 1
const PERIOD = `q-${FY}-1`
const at = (date: string) => new Date(`${date}T12:00:00Z`)
const DAY = 86_400_000

describe('reporting: referral activity', () => {
  let commissioner: TestOrganisation
  let first: TestOrganisation
  let second: TestOrganisation
  let practice: TestOrganisation
  let elsewhere: TestOrganisation

  async function refer(
    service: TestOrganisation,
    receivedAt: Date,
    options: { source?: ReferralSource; from?: TestOrganisation | null; about?: Partial<PersonDetails> } = {},
  ): Promise<string> {
    const base = exampleSubmission(service.organisation.id)
    const from = options.from === undefined ? practice : options.from
    const { referralId } = await submitReferral(
      context.db,
      {
        ...base,
        source: options.source ?? 'web-form',
        referrer: { ...base.referrer, organisationId: from?.organisation.id ?? null },
        person: {
          ...base.person,
          nhsNumber: null,
          givenName: `Reported${randomUUID().slice(0, 6)}`,
          familyName: 'Person',
          ...options.about,
        },
      },
      { ...SEED_ACTOR, organisationId: from?.organisation.id ?? null },
      { now: receivedAt },
    )
    return referralId
  }
  async function accept(service: TestOrganisation, id: string, now: Date): Promise<void> {
    await changeReferral(
      scopeOf(context, service),
      id,
      { kind: 'accept', ownerUserId: service.users['worker']!.id },
      actorOf(service, 'supervisor'),
      undefined,
      { now },
    )
  }

  before(async () => {
    const areaName = `Reporting area ${randomUUID().slice(0, 8)}`
    const staff = { supervisor: ['supervisor' as const], worker: ['link-worker' as const] }
    commissioner = await createTestOrganisation(context, {
      type: 'commissioner',
      areaName,
      users: { commissioner: ['commissioner'] },
    })
    first = await createTestOrganisation(context, { areaName, users: staff })
    second = await createTestOrganisation(context, { areaName, users: staff })
    practice = await createTestOrganisation(context, {
      type: 'gp-practice',
      areaName,
      users: { referrer: ['referrer'] },
    })
    elsewhere = await createTestOrganisation(context, { users: staff })

    // First service. April: 13 from the practice (one at 00:30 on 1 April, UK time, which is 31 March in UTC):
    // 11 accepted, 2 declined. Five of the accepted are contacted: three after 1 day, one after 2, one after 30
    // (past the 10-working-day target); the first two are then taken on by a community group (connected). May: 3
    // self-referrals, not yet decided. June: 1 accepted.
    const april: string[] = [await refer(first, new Date(`${FY}-03-31T23:30:00Z`))]
    for (let day = 2; day <= 13; day++) april.push(await refer(first, at(`${FY}-04-${String(day).padStart(2, '0')}`)))
    for (const [i, id] of april.entries()) {
      const receivedAt = i === 0 ? new Date(`${FY}-03-31T23:30:00Z`) : at(`${FY}-04-${String(i + 1).padStart(2, '0')}`)
      if (i >= 11) {
        await changeReferral(
          scopeOf(context, first),
          id,
          { kind: 'decline', reason: 'specialist-mental-health', text: 'Crisis team.' },
          actorOf(first, 'supervisor'),
          undefined,
          { now: new Date(receivedAt.getTime() + DAY) },
        )
        continue
      }
      await accept(first, id, new Date(receivedAt.getTime() + 3_600_000))
      const contactAfterDays = [1, 1, 1, 2, 30][i]
      if (contactAfterDays !== undefined) {
        await changeReferral(
          scopeOf(context, first),
          id,
          { kind: 'progress', step: 'first-contact-made' },
          actorOf(first, 'worker'),
          undefined,
          { now: new Date(receivedAt.getTime() + contactAfterDays * DAY) },
        )
      }
      if (i < 2)
        await changeReferral(
          scopeOf(context, first),
          id,
          { kind: 'progress', step: 'connected' },
          actorOf(first, 'worker'),
          undefined,
          { now: new Date(receivedAt.getTime() + 10 * DAY) },
        )
    }
    for (const day of ['05', '06', '07'])
      await refer(first, at(`${FY}-05-${day}`), {
        source: 'self-referral',
        from: null,
        about: { sex: 'female', ethnicity: 'M' },
      })
    await accept(first, await refer(first, at(`${FY}-06-10`)), at(`${FY}-06-11`))
    // Not in the period: 00:30 on 1 July, UK time.
    await refer(first, new Date(`${FY}-06-30T23:30:00Z`))

    // Second service, same area: 4 from the practice in May, all accepted, none contacted.
    for (const day of ['12', '13', '14', '15'])
      await accept(second, await refer(second, at(`${FY}-05-${day}`)), at(`${FY}-05-20`))

    // A service in another area: never in this commissioner's figures.
    for (const day of ['02', '03']) await refer(elsewhere, at(`${FY}-04-${day}`), { from: null })
  })

  it('shows a supervisor their own service exactly', async () => {
    const session = await first.users['supervisor']!.session()
    const page = await session.get(`/reports?period=${PERIOD}`)
    assert.equal(page.statusCode, 200)
    const csv = async (table: string) => (await session.get(`/reports/table.csv?period=${PERIOD}&table=${table}`)).body
    assert.equal(
      await csv('by-month'),
      [
        'Month,Referral form,Self-referral,Clinical system (API),Total',
        `Apr ${FY},13,0,0,13`,
        `May ${FY},0,3,0,3`,
        `Jun ${FY},1,0,0,1`,
        'Total,14,3,0,17',
        '',
      ].join('\r\n'),
    )
    const referrers = await csv('by-referrer')
    assert.match(referrers, new RegExp(`^${practice.organisation.name},12,2,0,0,14\\r$`, 'm'))
    assert.match(referrers, /^Self-referrals,0,0,0,3,3\r$/m)
    assert.match(referrers, /^Total,12,2,0,3,17\r$/m)
    assert.match(await csv('decline-reasons'), /^Needs specialist mental health support,2\r\nTotal,2\r$/m)
    const contact = await csv('first-contact')
    // Contacted after 1, 1, 1, 2 and 30 days: 4 of 5 by the target, median 1 day. Not contacted and past the
    // target: 12 accepted − 5 contacted + 3 awaiting = 10.
    assert.match(contact, /^Contacted,5\r$/m)
    assert.match(contact, /^Contacted by the target date,4\r$/m)
    assert.match(contact, /^Share of those contacted reached by the target date,80%\r$/m)
    assert.match(contact, /^Not yet contacted and past the target date,10\r$/m)
    assert.match(contact, /^Median days from referral to first contact,1 day\r$/m)
    // Everyone was born on 27 March 1948 (the example person): 77 at referral. Accepted: 12; contacted: 5;
    // connected: 2.
    const age = await csv('equity-age')
    assert.match(age, /^Age at referral,Referred,Accepted,Contacted,Connected to a group\r$/m)
    assert.match(age, /^75 to 84,17,12,5,2\r$/m)
    assert.match(age, /^18 to 24,0,0,0,0\r$/m)
    assert.match(await csv('equity-deprivation'), /^Total,17,12,5,2\r$/m)
    // The three self-referrers gave their sex and ethnic group; nobody else was asked. None was accepted.
    const sex = await csv('equity-sex')
    assert.match(sex, /^Female,3,0,0,0\r\nMale,0,0,0,0\r$/m)
    assert.match(sex, /^Not asked,14,12,5,2\r\nTotal,17,12,5,2\r$/m)
    const ethnicity = await csv('equity-ethnicity')
    assert.match(ethnicity, /^Black or Black British: Caribbean,3,0,0,0\r$/m)
    assert.match(ethnicity, /^Not asked,14,12,5,2\r\nTotal,17,12,5,2\r$/m)
    assert.doesNotMatch(page.body, /Reported[0-9a-f]{6}/, 'no person’s name on the page')
  })

  it('shows a commissioner the area’s services with small numbers suppressed, secondary suppression included', async () => {
    const session = await commissioner.users['commissioner']!.session()
    const page = await session.get(`/reports?period=${PERIOD}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /counts of 1 to 7 are shown as \*/)
    const csv = async (table: string) => {
      const response = await session.get(`/reports/table.csv?period=${PERIOD}&table=${table}`)
      assert.equal(response.statusCode, 200)
      assert.match(String(response.headers['content-disposition']), /attachment; filename="report-/)
      return response.body
    }
    // Exact: Apr 13/0/0 (13), May 4/3/0 (7), Jun 1/0/0 (1); columns 18, 3, 0; 21. Hidden first: 4, 3, 1, 7, 1 and
    // the column total 3. The column totals' line (18, 3, 0 → 21) then has one hidden part, so 18 is hidden too.
    assert.equal(
      await csv('by-month'),
      [
        'Month,Referral form,Self-referral,Clinical system (API),Total',
        `Apr ${FY},15,0,0,15`,
        `May ${FY},*,*,0,*`,
        `Jun ${FY},*,0,0,*`,
        'Total,*,*,0,20',
        '',
      ].join('\r\n'),
    )
    // Exact: practice 16/2/0/0 (18), self 0/0/0/3 (3); columns 16, 2, 0, 3; 21. Hidden first: 2, 3 (twice) and
    // the column total 2. Practice's row then has one hidden part (2), so 16 goes; "accepted" then has one (16),
    // so the self-referrals' 0 goes; the row totals' column (18, 3 → 21) has one (3), so 18 goes.
    const referrers = await csv('by-referrer')
    assert.match(referrers, new RegExp(`^${practice.organisation.name},\\*,\\*,0,0,\\*\\r$`, 'm'))
    assert.match(referrers, /^Self-referrals,\*,0,0,\*,\*\r$/m)
    assert.match(referrers, /^Total,15,\*,0,\*,20\r$/m)
    // Two services: the second service's 4 accepted and 4 received are hidden.
    const services = await csv('by-service')
    assert.match(services, new RegExp(`^${second.organisation.name},\\*,0,0,0,\\*\\r$`, 'm'))
    assert.doesNotMatch(services, new RegExp(elsewhere.organisation.name))
    const contact = await csv('first-contact')
    assert.match(contact, /^Contacted,\*\r$/m)
    assert.match(contact, /^Share of those contacted reached by the target date,\*\r$/m)
    assert.match(contact, /^Median days from referral to first contact,\*\r$/m)
    // 10 overdue in the first service and 4 in the second: 14, shown as 15.
    assert.match(contact, /^Not yet contacted and past the target date,15\r$/m)
    // 21 referred (20), 16 accepted (15), 5 contacted and 2 connected: hidden, and so are their columns' totals.
    assert.match(await csv('equity-age'), /^75 to 84,20,15,\*,\*\r\n85 and over,0,0,0,0\r\nTotal,20,15,\*,\*\r$/m)
    assert.doesNotMatch(page.body, /Reported[0-9a-f]{6}/)

    // One service of the area at a time, but never one of another area.
    const one = await session.get(`/reports?period=${PERIOD}&service=${second.organisation.id}`)
    assert.equal(one.statusCode, 200)
    const other = await session.get(`/reports?period=${PERIOD}&service=${elsewhere.organisation.id}`)
    assert.equal(other.statusCode, 400)
    assert.match(other.body, /Select a service from the list/)
    assert.doesNotMatch(other.body, /Referrals received each month/)

    const [audited] = await context.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.actorUserId, commissioner.users['commissioner']!.id), eq(auditEvents.action, 'download')),
      )
      .limit(1)
    assert.equal(audited?.recordType, 'report')
    assert.equal(audited?.outcome, 'success')
  })

  it('refuses a period it does not offer, an unknown table, and everyone but supervisors and commissioners', async () => {
    const session = await first.users['supervisor']!.session()
    const bad = await session.get('/reports?period=fy-1999')
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /Select a period from the list/)
    assert.equal((await session.get(`/reports/table.csv?period=${PERIOD}&table=people`)).statusCode, 404)
    // A supervisor cannot ask for another service's figures.
    assert.equal((await session.get(`/reports?period=${PERIOD}&service=${second.organisation.id}`)).statusCode, 400)

    const worker = await first.users['worker']!.session()
    assert.equal((await worker.get('/reports')).statusCode, 403)
    const referrer = await practice.users['referrer']!.session()
    assert.equal((await referrer.get(`/reports/table.csv?period=${PERIOD}&table=by-month`)).statusCode, 403)
  })
})
