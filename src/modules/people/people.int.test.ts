// SPDX-License-Identifier: AGPL-3.0-or-later
// One person, one record; flags from referrals; merges and their refusals, against the real database.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { inTransaction, scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { exampleSubmission, findReferralForService, submitReferral } from '../referrals/index.ts'
import {
  findPerson,
  listActiveFlags,
  listConsentHistory,
  mergePeople,
  raisePersonFlag,
  undoPersonMerge,
  type PeopleActor,
} from './index.ts'
import { consents, people, personFlags } from './people.table.ts'

const context = useTestContext()

const ORIGIN = { userId: null, organisationId: null, role: 'test', ipAddress: null, correlationId: null }

async function service(): Promise<TestOrganisation> {
  return createTestOrganisation(context, { users: { supervisor: ['supervisor'] } })
}

function scopeOf(org: TestOrganisation) {
  return scopeForSystemTask(context.db, org.organisation, 'test assertions read the service records')
}

function actorOf(org: TestOrganisation): PeopleActor {
  const user = org.users['supervisor']!
  return { audit: { ...ORIGIN, organisationId: org.organisation.id, userId: user.id }, userId: user.id, name: 'Sup' }
}

async function refer(org: TestOrganisation, overrides: Parameters<typeof exampleSubmission>[1] = {}) {
  const result = await submitReferral(context.db, exampleSubmission(org.organisation.id, overrides), {
    ...ORIGIN,
    organisationId: org.organisation.id,
  })
  const referral = await findReferralForService(scopeOf(org), result.referralId)
  return { ...result, personId: referral!.personId }
}

const person = (org: TestOrganisation, changes: Partial<ReturnType<typeof exampleSubmission>['person']>) => ({
  person: { ...exampleSubmission(org.organisation.id).person, ...changes },
})

describe('one person, one record', () => {
  it('joins a referral to the record with the same NHS number and date of birth, filling gaps only', async () => {
    const org = await service()
    const first = await refer(org, person(org, { email: '', phone: '01632 960001', contactMethodsToAvoid: [] }))
    const second = await refer(
      org,
      person(org, {
        email: 'margaret@example.com',
        phone: '07700 900000',
        contactMethodsToAvoid: ['letter'],
        addressLine1: '12 ROSEMOUNT PLACE',
      }),
    )
    // Same identifiers, name and address (case and spacing aside): the referral joins. A different name or
    // address is an identity to confirm instead (referral-safety.int.test.ts).
    assert.equal(second.personId, first.personId)
    assert.equal(second.duplicateSuspected, true, 'the person already has an open referral')
    const stored = await findPerson(scopeOf(org), first.personId)
    assert.equal(stored!.email, 'margaret@example.com', 'a gap is filled')
    assert.equal(stored!.phone, '01632 960001', 'what the service holds is not overwritten')
    assert.equal(stored!.addressLine1, '12 Rosemount Place')
    assert.deepEqual(stored!.contactMethodsToAvoid, ['letter'], 'prohibitions are added to')
    assert.equal(stored!.version, 2)
    const history = await listConsentHistory(scopeOf(org), first.personId)
    assert.equal(history.length, 6, 'both referrals’ consents are on the one record')
    const rows = await context.db.select().from(people).where(eq(people.organisationId, org.organisation.id))
    assert.equal(rows.length, 1)
    const joined = await context.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person-join'), eq(auditEvents.recordId, first.personId)))
    assert.equal(joined.length, 1)
  })

  it('makes a new record when the NHS number matches but the date of birth does not, or there is no NHS number', async () => {
    const org = await service()
    const first = await refer(org)
    const otherDob = await refer(org, person(org, { dateOfBirth: '1948-03-28' }))
    assert.notEqual(otherDob.personId, first.personId)
    assert.equal(otherDob.duplicateSuspected, true, 'same NHS number: a person should look')
    const noNumber = await refer(org, person(org, { nhsNumber: null }))
    assert.notEqual(noNumber.personId, first.personId)
    assert.equal(noNumber.duplicateSuspected, true, 'same name, date of birth and postcode: flagged for a human')
    const stranger = await refer(org, person(org, { nhsNumber: null, givenName: 'Morag', postcode: 'AB10 1AB' }))
    assert.equal(stranger.duplicateSuspected, false)
  })

  it('never joins records of another service', async () => {
    const a = await service()
    const b = await service()
    const inA = await refer(a)
    const inB = await refer(b)
    assert.notEqual(inA.personId, inB.personId)
    assert.equal(inB.duplicateSuspected, false)
  })
})

describe('flags from referrals', () => {
  it('turns a referral’s risks into flags once, and shows them for every record of a merged person', async () => {
    const org = await service()
    const risky = await refer(org, {
      risks: {
        loneWorking: true,
        loneWorkingDetails: 'Large dog',
        safeguardingRaisedElsewhere: true,
        safeguardingDetails: 'Adult protection referral made',
      },
    })
    const scope = scopeOf(org)
    let flags = (await listActiveFlags(scope, [risky.personId])).get(risky.personId)!
    assert.deepEqual(flags.map((f) => f.kind).sort(), ['lone-working', 'safeguarding'])
    assert.equal(flags.find((f) => f.kind === 'lone-working')!.details, 'Large dog')
    // Raising the referral's flag again (a retry) does nothing.
    const again = await context.db.transaction(async (tx) =>
      raisePersonFlag(
        inTransaction(scope, tx),
        risky.personId,
        { kind: 'lone-working', details: 'Large dog', sourceKey: `referral:${risky.referralId}:lone-working` },
        actorOf(org),
      ),
    )
    assert.equal(again, undefined)
    const stored = await context.db
      .select()
      .from(personFlags)
      .where(and(eq(personFlags.organisationId, org.organisation.id), eq(personFlags.personId, risky.personId)))
    assert.equal(stored.length, 2)

    // A duplicate record (no NHS number) merged into the flagged one shows the flags, and the other way round.
    const duplicate = await refer(org, person(org, { nhsNumber: null }))
    flags = (await listActiveFlags(scope, [duplicate.personId])).get(duplicate.personId)!
    assert.equal(flags.length, 0)
    await mergePeople(
      scope,
      { keptPersonId: duplicate.personId, mergedPersonId: risky.personId, reason: 'Same person' },
      actorOf(org),
    )
    const both = await listActiveFlags(scope, [duplicate.personId, risky.personId])
    assert.equal(both.get(duplicate.personId)!.length, 2)
    assert.equal(both.get(risky.personId)!.length, 2)
  })
})

describe('merges', () => {
  it('merges reversibly and refuses self-merges, merged records and chains', async () => {
    const org = await service()
    const scope = scopeOf(org)
    const actor = actorOf(org)
    const a = await refer(org, person(org, { nhsNumber: null, givenName: 'Ann' }))
    const b = await refer(org, person(org, { nhsNumber: null, givenName: 'Ann' }))
    const c = await refer(org, person(org, { nhsNumber: null, givenName: 'Ann' }))
    await assert.rejects(
      mergePeople(scope, { keptPersonId: a.personId, mergedPersonId: a.personId, reason: 'x' }, actor),
      { code: 'PEOPLE_MERGE_SAME_RECORD' },
    )
    const merge = await mergePeople(
      scope,
      { keptPersonId: a.personId, mergedPersonId: b.personId, reason: 'Same' },
      actor,
    )
    assert.equal((await findPerson(scope, b.personId))!.mergedIntoPersonId, a.personId)
    // Into a merged record, or the merged record again: refused.
    await assert.rejects(
      mergePeople(scope, { keptPersonId: b.personId, mergedPersonId: c.personId, reason: 'x' }, actor),
      { code: 'PEOPLE_MERGE_ALREADY_MERGED' },
    )
    await assert.rejects(
      mergePeople(scope, { keptPersonId: c.personId, mergedPersonId: b.personId, reason: 'x' }, actor),
      { code: 'PEOPLE_MERGE_ALREADY_MERGED' },
    )
    // Merging away a record others were merged into would make a chain.
    await assert.rejects(
      mergePeople(scope, { keptPersonId: c.personId, mergedPersonId: a.personId, reason: 'x' }, actor),
      { code: 'PEOPLE_MERGE_CHAIN' },
    )
    // Another service cannot merge this one's records.
    const other = await service()
    await assert.rejects(
      mergePeople(
        scopeOf(other),
        { keptPersonId: a.personId, mergedPersonId: c.personId, reason: 'x' },
        actorOf(other),
      ),
      { code: 'PEOPLE_NOT_FOUND' },
    )

    await undoPersonMerge(scope, merge.id, actor)
    assert.equal((await findPerson(scope, b.personId))!.mergedIntoPersonId, null)
    await assert.rejects(undoPersonMerge(scope, merge.id, actor), { code: 'PEOPLE_MERGE_ALREADY_UNDONE' })
    const audited = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), eq(auditEvents.recordId, a.personId)))
    const actions = audited.map((r) => r.action)
    assert.ok(actions.includes('person-merge'))
    assert.ok(actions.includes('person-unmerge'))
    // Consent rows were never moved.
    const bConsents = await context.db
      .select()
      .from(consents)
      .where(and(eq(consents.organisationId, org.organisation.id), eq(consents.personId, b.personId)))
    assert.equal(bConsents.length, 3)
  })
})
