// SPDX-License-Identifier: AGPL-3.0-or-later
// Health and care use before and after the referral (issue 12): entered on the page with its errors kept, and
// imported from a practice's CSV extract with a row-by-row report of what was not used and why.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { allocatedReferral, inProgressCase, testService } from '../../../test/factories/casework.ts'
import { useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import type { WebSession } from '../../../test/helpers/web-session.ts'
import { serviceUse } from './outcomes.table.ts'

const context = useTestContext()
let org: TestOrganisation

function upload(session: WebSession, name: string, content: string) {
  return session.upload('/outcomes/service-use/import', { name, content })
}

async function rowsFor(referralId: string) {
  return context.db
    .select()
    .from(serviceUse)
    .where(and(eq(serviceUse.organisationId, org.organisation.id), eq(serviceUse.referralId, referralId)))
}

describe('health and care use before and after', () => {
  before(async () => {
    org = await testService(context)
  })

  it('is entered for one person, refusing what is not a count and keeping what was typed', async () => {
    const referralId = await allocatedReferral(context, org)
    await inProgressCase(context, org, referralId)
    const session = await org.users['worker']!.session()
    const page = `/caseload/${referralId}/outcomes/service-use`
    const form = await session.get(page)
    assert.equal(form.statusCode, 200)
    assert.match(form.body, /name="months"[^>]*value="6"/)
    const refused = await session.post(page, {
      months: '30',
      'before-gpAppointments': 'lots',
      'after-admissions': '-1',
    })
    assert.equal(refused.statusCode, 400)
    assert.match(refused.body, /Enter how many months before and after, a whole number from 1 to 24/)
    assert.match(refused.body, /GP appointments before the referral must be a whole number from 0 to 500/)
    assert.match(refused.body, /Hospital admissions after the referral must be a whole number/)
    assert.match(refused.body, /value="lots"/)
    assert.equal((await rowsFor(referralId)).length, 0)

    const saved = await session.post(page, {
      months: '6',
      'before-gpAppointments': '9',
      'before-aeAttendances': '2',
      'before-emergencyCalls': '',
      'before-admissions': '1',
      'after-gpAppointments': '4',
      'after-aeAttendances': '0',
      'after-emergencyCalls': '',
      'after-admissions': '0',
    })
    assert.equal(saved.statusCode, 303)
    const stored = await rowsFor(referralId)
    const before = stored.find((r) => r.period === 'before')!
    assert.deepEqual(
      [before.gpAppointments, before.aeAttendances, before.emergencyCalls, before.admissions, before.source],
      [9, 2, null, 1, 'entered'],
    )
    const overview = await session.get(`/caseload/${referralId}/outcomes?saved=service-use`)
    assert.match(overview.body, /Their health and care use has been saved/)
    assert.match(overview.body, /In the 6 months before and after the referral/)
    assert.match(overview.body, /GP appointments<\/td><td[^>]*>9<\/td><td[^>]*>4</)
    assert.match(overview.body, /999 calls<\/td><td[^>]*>Not known</)
  })

  it('imports an extract, matching NHS numbers to people supported here, and reports each row not used', async () => {
    const supported = await allocatedReferral(context, org, 'worker', { person: { nhsNumber: '9434765870' } })
    await inProgressCase(context, org, supported)
    // Referred but not yet met: allocated, with an episode only once the case is opened.
    await allocatedReferral(context, org, 'worker', { person: { nhsNumber: '9434765889' } })
    const supervisor = await org.users['supervisor']!.session()
    const csv = [
      'NHS_Number,period,months,gp_appointments,ae_attendances,calls_999,admissions',
      '943 476 5870,before,6,8,3,1,1',
      '9434765870,after,6,3,0,,0',
      '9434765870,after,6,99,0,0,0',
      '9434765889,before,6,1,1,1,1',
      '9434765919,before,6,1,1,1,1',
      '1234567890,during,0,x,1,1,1',
    ].join('\n')
    const response = await upload(supervisor, 'practice-search.csv', csv)
    assert.equal(response.statusCode, 200, response.body.slice(0, 500))
    assert.match(response.body, /What happened to practice-search\.csv/)
    assert.match(response.body, /2 rows were imported\. 4 rows were not\./)
    assert.match(
      response.body,
      /<td class="nhsuk-table__cell">4<\/td><td class="nhsuk-table__cell">a second after row for the same person: only the first is used/,
    )
    assert.match(
      response.body,
      />5<\/td><td class="nhsuk-table__cell">this person has not been supported by your service yet/,
    )
    assert.match(
      response.body,
      />6<\/td><td class="nhsuk-table__cell">no one with this NHS number has been referred to your service/,
    )
    assert.match(
      response.body,
      />7<\/td><td class="nhsuk-table__cell">the NHS number is not valid; the period must be before or after; months must be a whole number from 1 to 24; gp_appointments must be/,
    )
    const stored = await rowsFor(supported)
    assert.deepEqual(stored.map((r) => [r.period, r.gpAppointments, r.emergencyCalls, r.source]).sort(), [
      ['after', 3, null, 'imported'],
      ['before', 8, 1, 'imported'],
    ])
  })

  it('refuses a file that is not a CSV extract, and keeps it from link workers', async () => {
    const supervisor = await org.users['supervisor']!.session()
    const wrong = await upload(supervisor, 'notes.txt', 'hello')
    assert.equal(wrong.statusCode, 400)
    assert.match(wrong.body, /The file must be a CSV file/)
    const columns = await upload(supervisor, 'extract.csv', 'nhs_number,period\n9434765870,before')
    assert.equal(columns.statusCode, 200)
    assert.match(columns.body, /Missing columns: months, gp_appointments, ae_attendances, calls_999, admissions/)
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get('/outcomes/service-use/import')).statusCode, 403)
  })
})
