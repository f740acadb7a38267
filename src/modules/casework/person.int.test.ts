// SPDX-License-Identifier: AGPL-3.0-or-later
// The person record, search, flags, consents and the merge tool through the web, on both databases.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { scopeForSystemTask } from '../../platform/db/org-scope.ts'
import { createTestOrganisation, type TestOrganisation, useTestContext } from '../../../test/helpers/test-app.ts'
import { consents, people, personFlags } from '../people/people.table.ts'
import { exampleSubmission, findReferralForService } from '../referrals/index.ts'
import { allocatedReferral, newReferral } from '../../../test/factories/casework.ts'

const context = useTestContext()

async function service(): Promise<TestOrganisation> {
  return createTestOrganisation(context, {
    users: { supervisor: ['supervisor'], worker: ['link-worker'], other: ['link-worker'], referrer: ['referrer'] },
  })
}

function scopeOf(org: TestOrganisation) {
  return scopeForSystemTask(context.db, org.organisation, 'test assertions read the service records')
}

type Overrides = Parameters<typeof exampleSubmission>[1]

/** A referral to the service, allocated to `ownerKey` unless null; returns its id and the person's. */
async function refer(org: TestOrganisation, overrides: Overrides = {}, ownerKey: string | null = 'worker') {
  const referralId = ownerKey
    ? await allocatedReferral(context, org, ownerKey, { asExample: overrides })
    : await newReferral(context, org, { asExample: overrides })
  const referral = await findReferralForService(scopeOf(org), referralId)
  return { referralId, personId: referral!.personId }
}

function personOf(org: TestOrganisation, changes: Partial<ReturnType<typeof exampleSubmission>['person']>): Overrides {
  return { person: { ...exampleSubmission(org.organisation.id).person, ...changes } }
}

function hidden(page: string, name: string): string {
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(page)![1]!
}

async function audited(org: TestOrganisation, action: string, recordId: string): Promise<number> {
  const rows = await context.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.chainId, org.organisation.id),
        eq(auditEvents.action, action),
        eq(auditEvents.recordId, recordId),
      ),
    )
  return rows.length
}

describe('the person record', () => {
  it('shows details, flags, consents and every referral of the person, audited, and only to the service', async () => {
    const org = await service()
    const first = await refer(org, {
      risks: {
        loneWorking: true,
        loneWorkingDetails: 'Large dog at the address',
        safeguardingRaisedElsewhere: false,
        safeguardingDetails: '',
      },
    })
    const second = await refer(org, {}, 'other')
    assert.equal(second.personId, first.personId, 'the second referral joined the record')
    const worker = await org.users['worker']!.session()
    const page = await worker.get(`/people/${first.personId}`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Margaret Thomson/)
    assert.match(page.body, /Risk and safeguarding flags/)
    assert.match(page.body, /Large dog at the address/)
    assert.match(page.body, /943 476 5919/)
    assert.match(page.body, /Loneliness or isolation/)
    // Their own case links to the episode; the other worker's referral is listed without a link.
    assert.match(page.body, new RegExp(`href="/caseload/${first.referralId}"`))
    assert.doesNotMatch(page.body, new RegExp(`href="/(caseload|referrals)/${second.referralId}"`))
    assert.equal(await audited(org, 'view', first.personId), 1)
    const supervisor = await org.users['supervisor']!.session()
    const asSupervisor = await supervisor.get(`/people/${first.personId}`)
    assert.match(asSupervisor.body, new RegExp(`href="/referrals/${second.referralId}"`))

    // The episode page, the caseload and the referral page show the person's flags and link to the record.
    const episode = await worker.get(`/caseload/${first.referralId}`)
    assert.match(episode.body, /Lone working risk/)
    assert.match(episode.body, new RegExp(`href="/people/${first.personId}"`))
    const referralPage = await supervisor.get(`/referrals/${second.referralId}`)
    assert.match(referralPage.body, /Flags on the person’s record/)
    assert.match(referralPage.body, /Large dog at the address/)
    assert.match(referralPage.body, new RegExp(`href="/people/${first.personId}"`))

    // Wrong role, another organisation, a malformed id.
    const referrer = await org.users['referrer']!.session()
    assert.equal((await referrer.get(`/people/${first.personId}`)).statusCode, 403)
    assert.equal((await referrer.get('/people')).statusCode, 403)
    const elsewhere = await service()
    const stranger = await elsewhere.users['supervisor']!.session()
    assert.equal((await stranger.get(`/people/${first.personId}`)).statusCode, 404)
    assert.equal((await stranger.get(`/people/${first.personId}/details`)).statusCode, 404)
    assert.equal((await worker.get('/people/not-a-uuid')).statusCode, 404)
  })

  it('edits details with validation that keeps what was typed, and refuses a stale version', async () => {
    const org = await service()
    const { personId } = await refer(org)
    const worker = await org.users['worker']!.session()
    const form = await worker.get(`/people/${personId}/details`)
    assert.equal(form.statusCode, 200)
    const version = hidden(form.body, 'version')
    const fields = {
      version,
      givenName: 'Margaret',
      familyName: 'Thomson',
      dobDay: '27',
      dobMonth: '3',
      dobYear: '1948',
      nhsNumber: '943 476 5919',
      addressLine1: '3 New Street',
      addressLine2: '',
      town: 'Aberdeen',
      postcode: 'AB25 2XN',
      phone: 'call me maybe',
      email: '',
      preferredContactMethod: 'phone',
      preferredContactTimes: 'Afternoons',
      language: 'Scots',
      interpreterNeeded: 'no',
      accessNeeds: 'Uses a walking frame',
      othersToInvolve: '',
    }
    const bad = await worker.post(`/people/${personId}/details`, {
      ...fields,
      contactMethodsToAvoid: ['letter'],
      sex: 'female',
      ethnicity: 'H',
    })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /There is a problem/)
    assert.match(bad.body, /Enter a phone number/)
    assert.match(bad.body, /value="3 New Street"/)
    assert.match(bad.body, /Uses a walking frame/)
    assert.match(bad.body, /value="letter" checked/)
    assert.match(bad.body, /value="female" checked/)
    assert.match(bad.body, /<option value="H" selected>Asian or Asian British: Indian<\/option>/)
    // Sex and ethnic group are chosen from lists: anything else is refused, with the choice kept to correct.
    const madeUp = await worker.post(`/people/${personId}/details`, {
      ...fields,
      phone: '01632 960002',
      sex: 'yes please',
      ethnicity: 'Q',
    })
    assert.equal(madeUp.statusCode, 400)
    assert.match(madeUp.body, /Select an answer from the list/)
    assert.match(madeUp.body, /Select an ethnic group from the list/)

    const saved = await worker.post(`/people/${personId}/details`, {
      ...fields,
      phone: '01632 960002',
      sex: 'female',
      ethnicity: 'H',
    })
    assert.equal(saved.statusCode, 303)
    assert.equal(saved.headers.location, `/people/${personId}?saved=details`)
    const [row] = await context.db.select().from(people).where(eq(people.id, personId))
    assert.equal(row!.addressLine1, '3 New Street')
    assert.equal(row!.phone, '01632 960002')
    assert.equal(row!.sex, 'female')
    assert.equal(row!.ethnicity, 'H')
    const record = await worker.get(`/people/${personId}`)
    assert.match(
      record.body,
      /Ethnic group\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*Asian or Asian British: Indian/,
    )
    assert.equal(await audited(org, 'update', personId), 1)

    // Someone else saved in between: the old version is refused, and what was typed is kept.
    const stale = await worker.post(
      `/people/${personId}/details`,
      { ...fields, phone: '01632 960003', version },
      { csrfFrom: `/people/${personId}/details` },
    )
    assert.equal(stale.statusCode, 409)
    assert.match(stale.body, /Someone else changed these details/)
    assert.match(stale.body, /value="01632 960003"/)
  })

  it('appends a consent decision once however often the form is sent', async () => {
    const org = await service()
    const { personId } = await refer(org)
    const worker = await org.users['worker']!.session()
    const form = await worker.get(`/people/${personId}/consents/new`)
    assert.equal(form.statusCode, 200)
    const submissionKey = hidden(form.body, 'submissionKey')
    const missing = await worker.post(`/people/${personId}/consents`, { submissionKey, scope: 'share-with-providers' })
    assert.equal(missing.statusCode, 400)
    assert.match(missing.body, /Select whether they agreed/)
    assert.match(missing.body, /value="share-with-providers" checked/)
    const decision = { submissionKey, scope: 'share-with-providers', given: 'no', method: 'verbal' }
    const first = await worker.post(`/people/${personId}/consents`, decision)
    assert.equal(first.statusCode, 303)
    const retry = await worker.post(`/people/${personId}/consents`, decision, {
      csrfFrom: `/people/${personId}/consents/new`,
    })
    assert.equal(retry.statusCode, 303)
    const rows = await context.db
      .select()
      .from(consents)
      .where(and(eq(consents.personId, personId), eq(consents.scope, 'share-with-providers')))
    assert.equal(rows.length, 2, 'the referral’s decision and one more')
    const page = await worker.get(`/people/${personId}?saved=consent`)
    assert.match(page.body, /The consent decision has been recorded/)
    assert.match(page.body, /Consent history \(4 decisions\)/)
  })

  it('raises a flag once, shows it on the caseload, and ends it with a reason', async () => {
    const org = await service()
    const { personId } = await refer(org)
    const worker = await org.users['worker']!.session()
    const form = await worker.get(`/people/${personId}/flags/new`)
    const submissionKey = hidden(form.body, 'submissionKey')
    const bad = await worker.post(`/people/${personId}/flags`, { submissionKey, kind: 'other-risk', details: '' })
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Describe the risk/)
    const flag = { submissionKey, kind: 'other-risk', details: 'Do not visit alone after dark' }
    assert.equal((await worker.post(`/people/${personId}/flags`, flag)).statusCode, 303)
    const retried = await worker.post(`/people/${personId}/flags`, flag, { csrfFrom: `/people/${personId}/flags/new` })
    assert.equal(retried.statusCode, 303)
    const rows = await context.db.select().from(personFlags).where(eq(personFlags.personId, personId))
    assert.equal(rows.length, 1)
    const caseload = await worker.get('/caseload?show=flagged')
    assert.match(caseload.body, /Other risk/)
    assert.match(caseload.body, /Margaret Thomson/)

    const endUrl = `/people/${personId}/flags/${rows[0]!.id}/end`
    assert.equal((await worker.get(endUrl)).statusCode, 200)
    const noReason = await worker.post(endUrl, { reason: '' })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /Enter why the flag no longer applies/)
    assert.equal((await worker.post(endUrl, { reason: 'Moved to a ground-floor flat' })).statusCode, 303)
    const twice = await worker.post(endUrl, { reason: 'Twice' }, { csrfFrom: `/people/${personId}/flags/new` })
    assert.equal(twice.statusCode, 303, 'a second click is harmless')
    const page = await worker.get(`/people/${personId}`)
    assert.match(page.body, /No risk or safeguarding flags/)
    assert.match(page.body, /Moved to a ground-floor flat/)
    const after = await worker.get('/caseload?show=flagged')
    assert.doesNotMatch(after.body, /Other risk/)
    // A flag of another person is not found through this person's page.
    const otherPerson = await refer(org, personOf(org, { nhsNumber: null, givenName: 'Zed', postcode: 'AB10 1AB' }))
    assert.equal((await worker.get(`/people/${otherPerson.personId}/flags/${rows[0]!.id}/end`)).statusCode, 404)
  })
})

describe('search', () => {
  it('finds people by name, NHS number and date of birth, paged, with their flags; errors keep the search', async () => {
    const org = await service()
    await refer(org, {
      ...personOf(org, {}),
      risks: { loneWorking: false, loneWorkingDetails: '', safeguardingRaisedElsewhere: true, safeguardingDetails: '' },
    })
    for (let i = 0; i < 22; i++)
      await refer(
        org,
        personOf(org, { nhsNumber: null, givenName: `Person${String(i).padStart(2, '0')}`, familyName: 'Smith' }),
        null,
      )
    const worker = await org.users['worker']!.session()
    const empty = await worker.get('/people')
    assert.equal(empty.statusCode, 200)
    assert.doesNotMatch(empty.body, /found/)
    const byNumber = await worker.get('/people?nhsNumber=943+476+5919')
    assert.match(byNumber.body, /1 person found/)
    assert.match(byNumber.body, /Safeguarding/)
    // The Smiths are nobody's yet: a link worker finds only the people they support, and is told so.
    const notTheirs = await worker.get('/people?name=smith')
    assert.match(notTheirs.body, /0 people found/)
    assert.match(notTheirs.body, /You can find the people you support/)
    assert.match(notTheirs.body, /href="\/people\/break-glass"/)
    const supervisor = await org.users['supervisor']!.session()
    const byName = await supervisor.get('/people?name=smith')
    assert.match(byName.body, /22 people found/)
    assert.match(byName.body, /page=2/)
    assert.doesNotMatch(byName.body, /You can find the people you support/)
    const page2 = await supervisor.get('/people?name=smith&page=2')
    assert.match(page2.body, /Person21 Smith/)
    const byDob = await worker.get('/people?name=thom&dobDay=27&dobMonth=3&dobYear=1948')
    assert.match(byDob.body, /1 person found/)
    const bad = await worker.get('/people?name=x&nhsNumber=123&dobDay=31&dobMonth=2&dobYear=1950')
    assert.equal(bad.statusCode, 400)
    assert.match(bad.body, /Enter at least 2 letters/)
    assert.match(bad.body, /NHS number must be 10 digits/)
    assert.match(bad.body, /Date of birth must be a real date/)
    assert.match(bad.body, /name="nhsNumber" type="text" value="123"|value="123"/)
    // Another service's people are never found.
    const elsewhere = await service()
    const stranger = await elsewhere.users['worker']!.session()
    assert.match((await stranger.get('/people?name=smith')).body, /0 people found/)
  })
})

describe('the merge tool', () => {
  it('compares, merges with a reason, follows the merge everywhere, and undoes it', async () => {
    const org = await service()
    const withNumber = await refer(org)
    const duplicate = await refer(
      org,
      personOf(org, { nhsNumber: null, email: 'maggie@example.com', phone: '07700 900001' }),
      'other',
    )
    assert.notEqual(duplicate.personId, withNumber.personId)
    const supervisor = await org.users['supervisor']!.session()
    const page = await supervisor.get(`/people/${withNumber.personId}`)
    assert.match(page.body, /Possible duplicates/)
    const compareUrl = `/people/${withNumber.personId}/merge/${duplicate.personId}`
    assert.match(page.body, new RegExp(`href="${compareUrl}"`))

    // Link workers cannot merge.
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get(compareUrl)).statusCode, 403)
    assert.equal((await worker.post(compareUrl, { keep: withNumber.personId, reason: 'x' })).statusCode, 403)

    const compare = await supervisor.get(compareUrl)
    assert.equal(compare.statusCode, 200)
    assert.match(compare.body, /Compare records/)
    assert.match(compare.body, /maggie@example.com/)
    const noReason = await supervisor.post(`${compareUrl}/check`, { keep: withNumber.personId, reason: '' })
    assert.equal(noReason.statusCode, 400)
    assert.match(noReason.body, /Enter why these records are the same person/)
    const reason = 'Same person: confirmed by phone'
    const check = await supervisor.post(`${compareUrl}/check`, { keep: withNumber.personId, reason })
    assert.equal(check.statusCode, 200)
    assert.match(check.body, /Check the merge/)
    const merged = await supervisor.post(compareUrl, { keep: withNumber.personId, reason })
    assert.equal(merged.statusCode, 303)
    assert.equal(merged.headers.location, `/people/${withNumber.personId}?saved=merged`)
    // Sending it again (a retry) cannot merge twice.
    const again = await supervisor.post(
      compareUrl,
      { keep: withNumber.personId, reason },
      { csrfFrom: `/people/${withNumber.personId}/flags/new` },
    )
    assert.equal(again.statusCode, 409)
    assert.equal(await audited(org, 'person-merge', withNumber.personId), 1)

    const kept = await supervisor.get(`/people/${withNumber.personId}`)
    assert.match(kept.body, new RegExp(`href="/referrals/${duplicate.referralId}"`))
    assert.match(kept.body, /From a merged record/)
    assert.match(kept.body, /Consent history \(6 decisions\)/)
    assert.match(kept.body, /Merge history/)
    assert.match(kept.body, /No likely duplicate records/)
    const old = await supervisor.get(`/people/${duplicate.personId}`)
    assert.equal(old.statusCode, 303)
    assert.equal(old.headers.location, `/people/${withNumber.personId}?from=merged`)
    const note = await supervisor.get(old.headers.location)
    assert.match(note.body, /was merged into this one/)
    assert.match((await supervisor.get('/people?name=thomson')).body, /1 person found/)

    const undoAction = /action="(\/people\/[^"]+\/undo)"/.exec(kept.body)![1]!
    assert.equal((await worker.post(undoAction, {}, { csrfFrom: `/people/${withNumber.personId}` })).statusCode, 403)
    await supervisor.get(`/people/${withNumber.personId}`)
    const undone = await supervisor.post(undoAction, {})
    assert.equal(undone.statusCode, 303)
    assert.equal(
      (await supervisor.post(undoAction, {}, { csrfFrom: `/people/${withNumber.personId}` })).statusCode,
      303,
    )
    assert.equal(await audited(org, 'person-unmerge', withNumber.personId), 1)
    assert.equal((await supervisor.get(`/people/${duplicate.personId}`)).statusCode, 200)
    assert.match((await supervisor.get('/people?name=thomson')).body, /2 people found/)
    const afterUndo = await supervisor.get(`/people/${withNumber.personId}`)
    assert.match(afterUndo.body, /Undone by/)
    assert.doesNotMatch(afterUndo.body, /From a merged record/)

    // Refusals through the page: merging a record with itself; another service's record.
    assert.equal((await supervisor.get(`/people/${withNumber.personId}/merge/${withNumber.personId}`)).statusCode, 409)
    const elsewhere = await service()
    const theirs = await refer(elsewhere, {}, null)
    assert.equal((await supervisor.get(`/people/${withNumber.personId}/merge/${theirs.personId}`)).statusCode, 404)
  })
})
