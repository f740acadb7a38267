// SPDX-License-Identifier: AGPL-3.0-or-later
// A subject access request (issue 13): a supervisor downloads everything the service holds about a person, as JSON
// and as a PDF; every module's records are in it, internal keys and secrets are not, the download is audited, and
// nobody else (a link worker, another service) can make one.
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq } from 'drizzle-orm'
import { actorOf, inProgressCase, scopeOf, testService } from '../../../test/factories/casework.ts'
import { PLAN_GOAL, personWithPlan } from '../../../test/factories/connections.ts'
import { listingSnapshot, testListing } from '../../../test/factories/directory.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../test/helpers/test-app.ts'
import { auditEvents } from '../../platform/audit/audit.table.ts'
import { recordConsentDecision } from '../people/index.ts'

const context = useTestContext()
let org: TestOrganisation
let person: Awaited<ReturnType<typeof personWithPlan>>

interface Exported {
  format: string
  service: string
  person: { id: string; name: string }
  sections: { title: string; rows: Record<string, unknown>[] }[]
}

describe('subject access export', () => {
  before(async () => {
    org = await createTestOrganisation(context, {
      users: { supervisor: ['supervisor'], worker: ['link-worker'], editor: ['directory-editor'] },
    })
    const strum = await testListing(context, org, 'editor', listingSnapshot('Strum Along'))
    person = await personWithPlan(context, org, [{ directoryServiceId: strum, name: 'Strum Along' }])
    await inProgressCase(context, org, person.referralId)
    await recordConsentDecision(
      scopeOf(context, org),
      person.personId,
      { scope: 'evaluation', given: false, method: 'verbal', submissionKey: randomUUID() },
      actorOf(org, 'worker'),
    )
  })

  it('gives a supervisor everything held, from every module, without internal keys, and audits it', async () => {
    const supervisor = await org.users['supervisor']!.session()
    const record = await supervisor.get(`/people/${person.personId}`)
    assert.match(record.body, /Answer a subject access request/)
    const page = await supervisor.get(`/people/${person.personId}/subject-access`)
    assert.equal(page.statusCode, 200)
    assert.match(page.body, /Download as PDF/)
    assert.match(page.body, /Check it before you send it/)

    const json = await supervisor.get(`/people/${person.personId}/subject-access.json`)
    assert.equal(json.statusCode, 200)
    assert.match(
      String(json.headers['content-disposition']),
      /^attachment; filename="subject-access-Tester-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    assert.equal(json.headers['cache-control'], 'no-store')
    const exported = JSON.parse(json.body) as Exported
    assert.equal(exported.format, 'waymark-subject-access/1')
    assert.equal(exported.person.name, person.name)
    const section = (title: string) => {
      const found = exported.sections.find((s) => s.title === title)
      assert.ok(found, `the export has "${title}"`)
      return found.rows
    }
    assert.equal(section('Person record')[0]!['givenName'], person.name.split(' ')[0])
    assert.ok(section('Consent decisions').some((c) => c['scope'] === 'evaluation' && c['given'] === false))
    assert.equal(section('Referrals').length, 1)
    assert.ok(section('Referral history').length >= 2, 'received, accepted and in progress')
    assert.equal(section('Support episodes').length, 1)
    assert.equal(section('Contacts').length, 1)
    assert.equal(section('What matters conversations')[0]!['whatMatters'], 'Music, and getting out of the flat')
    assert.equal(section('Plan goals')[0]!['inTheirWords'], PLAN_GOAL)
    assert.deepEqual(section('Connections to community groups (and what was shared)'), [])
    assert.deepEqual(section('Questionnaires answered'), [])
    assert.ok(section('Who has read or changed these records').some((e) => e['action'] === 'record-consent'))
    // Nothing internal: no organisation id, submission key or hash anywhere.
    for (const s of exported.sections)
      for (const row of s.rows)
        for (const key of Object.keys(row))
          assert.doesNotMatch(key, /^(organisationId|submissionKey|hash|previousHash)$|Hash$/, `${s.title}: ${key}`)

    const pdf = await supervisor.get(`/people/${person.personId}/subject-access.pdf`)
    assert.equal(pdf.statusCode, 200)
    assert.equal(pdf.headers['content-type'], 'application/pdf')
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-')
    assert.ok(pdf.rawPayload.length > 3000, `a PDF of ${pdf.rawPayload.length} bytes`)

    const audited = await context.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.chainId, org.organisation.id),
          eq(auditEvents.action, 'subject-access-export'),
          eq(auditEvents.recordId, person.personId),
        ),
      )
    assert.equal(audited.length, 2)
    assert.equal(audited[0]!.outcome, 'success')
  })

  it('is refused to a link worker, and finds nothing of another service', async () => {
    const worker = await org.users['worker']!.session()
    assert.equal((await worker.get(`/people/${person.personId}/subject-access.json`)).statusCode, 403)
    assert.doesNotMatch((await worker.get(`/people/${person.personId}`)).body, /subject access request/)
    const elsewhere = await testService(context)
    const other = await elsewhere.users['supervisor']!.session()
    assert.equal((await other.get(`/people/${person.personId}/subject-access.json`)).statusCode, 404)
    assert.equal((await other.get(`/people/${person.personId}/subject-access.pdf`)).statusCode, 404)
    assert.equal((await other.get('/people/not-a-uuid/subject-access.pdf')).statusCode, 404)
  })
})
