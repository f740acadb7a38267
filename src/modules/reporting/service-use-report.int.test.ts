// SPDX-License-Identifier: AGPL-3.0-or-later
// Health service use before and after support in the report (issue #14), worked by hand: three people supported by
// one service, their counts entered on the service-use page, the supervisor's table read back as CSV. A person who
// said no to evaluation is left out; a commissioner sees the counts of people suppressed (fewer than 8).
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { actorOf, allocatedReferral, inProgressCase, scopeOf } from '../../../test/factories/casework.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { and, eq } from 'drizzle-orm'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { recordConsentDecision } from '../people/index.ts'
import { findReferralForService } from '../referrals/index.ts'

const context = useTestContext()

describe('reporting: health service use before and after', () => {
  let service: TestOrganisation
  let commissioner: TestOrganisation

  async function enter(counts: Record<string, string>): Promise<string> {
    const referralId = await allocatedReferral(context, service)
    await inProgressCase(context, service, referralId)
    const worker = await service.users['worker']!.session()
    const saved = await worker.post(
      `/caseload/${referralId}/outcomes/service-use`,
      { months: '6', ...counts },
      { csrfFrom: `/caseload/${referralId}/outcomes/service-use` },
    )
    assert.equal(saved.statusCode, 303)
    return referralId
  }

  before(async () => {
    const areaName = `Service use area ${Date.now()}`
    service = await createTestOrganisation(context, {
      areaName,
      users: { supervisor: ['supervisor'], worker: ['link-worker'] },
    })
    commissioner = await createTestOrganisation(context, {
      type: 'commissioner',
      areaName,
      users: { commissioner: ['commissioner'] },
    })
    const blank = { 'before-emergencyCalls': '', 'after-emergencyCalls': '' }
    await enter({
      ...blank,
      'before-gpAppointments': '9',
      'before-aeAttendances': '2',
      'before-admissions': '1',
      'after-gpAppointments': '4',
      'after-aeAttendances': '0',
      'after-admissions': '0',
    })
    await enter({
      'before-gpAppointments': '3',
      'before-aeAttendances': '0',
      'before-emergencyCalls': '1',
      'before-admissions': '0',
      'after-gpAppointments': '2',
      'after-aeAttendances': '1',
      'after-emergencyCalls': '0',
      'after-admissions': '0',
    })
    // Said no to evaluation: twenty GP appointments before, none after, never counted.
    const refused = await enter({
      ...blank,
      'before-gpAppointments': '20',
      'after-gpAppointments': '0',
    })
    const personId = (await findReferralForService(scopeOf(context, service), refused))!.personId
    await recordConsentDecision(
      scopeOf(context, service),
      personId,
      { scope: 'evaluation', given: false, method: 'verbal', submissionKey: randomUUID() },
      actorOf(service, 'worker'),
    )
    await enter({
      ...blank,
      'before-gpAppointments': '5',
      'before-aeAttendances': '1',
      'before-admissions': '',
      'after-gpAppointments': '5',
      'after-aeAttendances': '',
      'after-admissions': '',
    })
  })

  it('shows the supervisor each count per person per six months, with its interval', async () => {
    const supervisor = await service.users['supervisor']!.session()
    const csv = await supervisor.get('/reports/table.csv?period=12m&table=service-use')
    assert.equal(csv.statusCode, 200)
    // GP: 9→4, 3→2, 5→5: changes −5, −1, 0, mean −2, sd √7, t(2) 4.303, half-width 6.573; 17 before, 11 after.
    // A&E: the third "after" is not known: 2→0, 0→1, mean −0.5, sd √4.5, t(1) 12.706, half-width 19.059.
    // 999: one person, 1→0. Admissions: 1→0, 0→0, mean −0.5, sd √0.5, half-width 6.353.
    assert.equal(
      csv.body,
      [
        'Service used,People with both,Mean before,Mean after,Mean change,95% confidence interval,Change over everyone counted',
        'GP appointments,3,5.67,3.67,−2.00,−8.57 to +4.57,−35%',
        'A&E attendances,2,1.00,0.50,−0.50,−19.56 to +18.56,−50%',
        '999 calls,1,1.00,0.00,−1.00,Needs two or more people,−100%',
        'Hospital admissions,2,0.50,0.00,−0.50,−6.85 to +5.85,−100%',
        '',
      ].join('\r\n'),
    )
  })

  it('hides every figure from a commissioner where fewer than 8 people are counted', async () => {
    const session = await commissioner.users['commissioner']!.session()
    const csv = await session.get('/reports/table.csv?period=12m&table=service-use')
    assert.equal(csv.statusCode, 200)
    for (const line of csv.body.trim().split('\r\n').slice(1)) assert.match(line, /^[^,]+(,\*){6}$/)
  })

  it('values the change at the costs the supervisor enters, and asks again for a missing one', async () => {
    const supervisor = await service.users['supervisor']!.session()
    const costs = 'cost-gp=40&cost-ae=250&cost-999=400&cost-admission=2%2C000&cost-service=%C2%A31%2C000'
    const csv = await supervisor.get(`/reports/table.csv?period=12m&table=return&${costs}`)
    assert.equal(csv.statusCode, 200)
    // Changes over everyone: GP 11 − 17 = −6 (× £40), A&E 1 − 2 = −1 (× £250), 999 0 − 1 (× £400), admissions 0 − 1
    // (× £2,000): £2,890 over six months, £5,780 a year, for £1,000.
    assert.match(csv.body, /^GP appointments,3,−6\.0,£40,£240\r$/m)
    assert.match(csv.body, /^A&E attendances,2,−1\.0,£250,£250\r$/m)
    assert.match(csv.body, /^999 calls,1,−1\.0,£400,£400\r$/m)
    assert.match(csv.body, /^Hospital admissions,2,−1\.0,"£2,000","£2,000"\r$/m)
    const totals = (await supervisor.get(`/reports/table.csv?period=12m&table=return-summary&${costs}`)).body
    assert.match(totals, /^Returned for each £1 spent,£5\.78\r$/m)
    assert.match(totals, /Value over six months,"£2,890"/)
    assert.match(totals, /"Value over a year, if the change lasts","£5,780"/)

    const page = await supervisor.get('/reports?period=12m&cost-gp=40&cost-ae=250')
    assert.equal(page.statusCode, 400)
    assert.match(page.body, /There is a problem/)
    assert.match(page.body, /Enter the cost of a 999 call too, or clear every cost/)
    assert.match(page.body, /name="cost-gp"[^>]*value="40"/)
    assert.match(page.body, /<details class="nhsuk-details" open>/)
  })

  it('prints the whole report as a tagged PDF for the supervisor, audited, and for nobody else', async () => {
    const supervisor = await service.users['supervisor']!.session()
    const pdf = await supervisor.get('/reports/report.pdf?period=12m')
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.match(String(pdf.headers['content-disposition']), /attachment; filename="referral-activity-12m\.pdf"/)
    const bytes = pdf.rawPayload.toString('latin1')
    assert.ok(bytes.startsWith('%PDF-'))
    // Tagged: a structure tree with tables whose header cells are marked as headers.
    for (const tag of ['/StructTreeRoot', '/Table', '/TH', '/TD', '/Lang (en-GB)'])
      assert.ok(bytes.includes(tag), `the PDF has ${tag}`)
    const [audited] = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.chainId, service.organisation.id),
          eq(auditEvents.recordType, 'report'),
          eq(auditEvents.recordId, 'activity.pdf'),
        ),
      )
    assert.ok(audited, 'the download is audited')
    assert.equal((await supervisor.get('/reports/report.pdf?period=fy-1999')).statusCode, 404)
    const worker = await service.users['worker']!.session()
    assert.equal((await worker.get('/reports/report.pdf?period=12m')).statusCode, 403)
  })
})
