// SPDX-License-Identifier: AGPL-3.0-or-later
// The retention schedule (issue 13): run as if eight years and more had passed, it anonymises a person whose
// support ended and nothing has changed since, in every module, keeping every row; it keeps a person still being
// supported and one whose referral changed within the period; it audits what it did and can run again harmlessly.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { actorOf, closedCase, scopeOf, todayFields } from '../../../test/factories/casework.ts'
import { PLAN_GOAL, personWithPlan } from '../../../test/factories/connections.ts'
import { listingSnapshot, testListing } from '../../../test/factories/directory.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { MODULES } from '../../app.ts'
import { verifyAuditChain } from '../../platform/audit/audit.service.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { referrals } from '../referrals/referrals.table.ts'
import { applyRetentionSchedule, retentionCutoff } from './retention.job.ts'
import { exportHeldRecords, type SubjectAccessExport } from './subject-access.service.ts'

const context = useTestContext()
const SOURCES = MODULES.flatMap((m) => (m.subjectAccess ? [m.subjectAccess] : []))
const PARTS = MODULES.flatMap((m) => (m.retention ? [m.retention] : []))
const YEARS = 8
// Nine years on: everything made today is past an eight-year retention period.
const LATER = new Date(Date.now() + 9 * 365.25 * 24 * 3600 * 1000)

let org: TestOrganisation
type Case = Awaited<ReturnType<typeof personWithPlan>>
let finished: Case
let stillSupported: Case
let recentlyChanged: Case
const before_: Record<string, SubjectAccessExport> = {}

async function held(personId: string): Promise<SubjectAccessExport> {
  return exportHeldRecords(scopeOf(context, org), personId, SOURCES, {
    ...actorOf(org, 'supervisor'),
    organisationId: org.organisation.id,
    role: 'supervisor',
    ipAddress: null,
    correlationId: null,
  })
}

/** Each section's rows, minus the audit log's own account (the export itself adds to it). */
function rowsBySection(exported: SubjectAccessExport): Record<string, readonly Record<string, unknown>[]> {
  return Object.fromEntries(
    exported.sections.filter((s) => !/read or changed/.test(s.title)).map((s) => [s.title, s.rows]),
  )
}

describe('the retention schedule', () => {
  before(async () => {
    org = await createTestOrganisation(context, {
      users: { supervisor: ['supervisor'], worker: ['link-worker'], editor: ['directory-editor'] },
    })
    const strum = await testListing(context, org, 'editor', listingSnapshot('Strum Along'))
    const services = [{ directoryServiceId: strum, name: 'Strum Along' }]
    const person = { nhsNumber: '9434765919', postcode: 'AB25 2XN', dateOfBirth: '1948-03-27', phone: '07700 900123' }
    finished = await personWithPlan(context, org, services, { person })
    stillSupported = await personWithPlan(context, org, services, { person: { ...person, nhsNumber: null } })
    recentlyChanged = await personWithPlan(context, org, services, { person: { ...person, nhsNumber: null } })
    const today = Object.values(todayFields()).reverse().join('-')
    for (const done of [finished, recentlyChanged])
      await closedCase(context, org, done.referralId, {
        closing: {
          reason: 'declined-further-support',
          summary: 'Did not want to carry on after the move.',
          closedOn: today,
        },
      })
    // Its referral was changed seven years on: within eight years of the run.
    await context.db
      .update(referrals)
      .set({ updatedAt: new Date(LATER.getTime() - 2 * 365.25 * 24 * 3600 * 1000) })
      .where(eq(referrals.id, recentlyChanged.referralId))
    for (const c of [finished, stillSupported, recentlyChanged]) before_[c.personId] = await held(c.personId)
  })

  it('does nothing today: nobody has been inactive for eight years', async () => {
    const report = await applyRetentionSchedule(context.db, PARTS, YEARS, { organisationIds: [org.organisation.id] })
    assert.equal(report.anonymised, 0)
    const person = await held(finished.personId)
    assert.equal(person.person.familyName, 'Tester')
  })

  it('anonymises the person whose support ended, in every module, keeping every row', async () => {
    const report = await applyRetentionSchedule(context.db, PARTS, YEARS, {
      now: LATER,
      organisationIds: [org.organisation.id],
    })
    assert.ok(report.anonymised >= 1 && report.rows > 5, JSON.stringify(report))
    const after = await held(finished.personId)
    const was = rowsBySection(before_[finished.personId]!)
    const now = rowsBySection(after)
    // Every kind of record is still there, as many rows as before: reports count the same.
    assert.deepEqual(
      Object.fromEntries(Object.entries(now).map(([t, rows]) => [t, rows.length])),
      Object.fromEntries(Object.entries(was).map(([t, rows]) => [t, rows.length])),
    )
    const record = now['Person record']![0]!
    assert.equal(record['givenName'], 'Anonymised')
    assert.equal(record['familyName'], 'record')
    assert.equal(record['nhsNumber'], null)
    assert.equal(record['phone'], '')
    assert.equal(record['postcode'], 'AB25')
    assert.equal(record['dateOfBirth'], '1948-01-01')
    assert.ok(record['anonymisedAt'] instanceof Date)
    // What was written about them is gone, in each module; what is counted stays.
    const conversation = now['What matters conversations']![0]!
    assert.equal(conversation['whatMatters'], '')
    assert.equal(conversation['interests'], '')
    assert.deepEqual(conversation['needsConfirmed'], ['loneliness'])
    const goal = now['Plan goals']![0]!
    assert.equal(was['Plan goals']![0]!['inTheirWords'], PLAN_GOAL)
    assert.equal(goal['inTheirWords'], '')
    assert.deepEqual(goal['needs'], ['loneliness'])
    const episode = now['Support episodes']![0]!
    assert.equal(episode['closingSummary'], '')
    assert.equal(episode['closeReason'], 'declined-further-support')
    assert.equal(episode['closedOn'], was['Support episodes']![0]!['closedOn'])
    const referral = now['Referrals']![0]!
    assert.equal(referral['reasonText'], '')
    assert.equal(referral['status'], 'cancelled')
    assert.deepEqual(referral['needs'], was['Referrals']![0]!['needs'])
    // No text the person or their worker wrote survives anywhere in what is held.
    const text = JSON.stringify(after.sections)
    for (const words of [
      PLAN_GOAL,
      'Music, and getting out of the flat',
      'after the move',
      '9434765919',
      '07700 900123',
      '2XN',
    ])
      assert.ok(!text.includes(words), `"${words}" is gone`)
  })

  it('keeps a person still supported and one whose referral changed within the period', async () => {
    for (const kept of [stillSupported, recentlyChanged])
      assert.deepEqual(rowsBySection(await held(kept.personId)), rowsBySection(before_[kept.personId]!))
  })

  it('audits each anonymisation on the service’s chain, which still verifies, and a second run changes nothing', async () => {
    const events = await context.db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.chainId} = ${org.organisation.id} and ${auditEvents.action} = 'person-anonymise'`)
    assert.deepEqual(
      events.map((e) => [e.recordId, e.actorRole, e.details['years']]),
      [[finished.personId, 'system', YEARS]],
    )
    assert.equal((await verifyAuditChain(context.db, org.organisation.id)).brokenAtSequence, null)
    const again = await applyRetentionSchedule(context.db, PARTS, YEARS, {
      now: LATER,
      organisationIds: [org.organisation.id],
    })
    const mine = await context.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(sql`${auditEvents.chainId} = ${org.organisation.id} and ${auditEvents.action} = 'person-anonymise'`)
    assert.equal(mine[0]!.n, 1, 'not anonymised twice')
    assert.equal(again.anonymised, 0)
    assert.equal(again.kept, again.examined, 'only the two kept are looked at again')
  })

  it('counts the retention period in calendar years', () => {
    assert.equal(retentionCutoff(new Date('2026-12-07T10:00:00Z'), 8).toISOString(), '2018-12-07T10:00:00.000Z')
  })
})
