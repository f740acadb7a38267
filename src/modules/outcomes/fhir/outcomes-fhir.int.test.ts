// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes through the FHIR API (issue 12): a measure a link worker records is readable by the service's own API
// key as a QuestionnaireResponse with its scores as Observations (SNOMED where the instrument has a concept), each
// valid against the FHIR R4 schema; searches narrow by patient, referral and questionnaire; another organisation
// and a referrer see nothing; every read is audited with the key as the actor.
import assert from 'node:assert/strict'
import { randomInt } from 'node:crypto'
import { before, describe, it } from 'node:test'
import { and, eq, like } from 'drizzle-orm'
import {
  allocatedReferral,
  hiddenField,
  inProgressCase,
  testService,
  todayFields,
} from '../../../../test/factories/casework.ts'
import { createTestOrganisation, useTestContext, type TestOrganisation } from '../../../../test/helpers/test-app.ts'
import { auditEvents } from '../../../platform/audit/audit.table.ts'
import { isValidNhsNumber } from '../../../shared/nhs-number.ts'
import { createApiKeyForOrganisation } from '../../api-clients/index.ts'
import { addDays, londonToday } from '../../casework/index.ts'
import { fhirSchemaValidator, type ValidatedResourceType } from '../../referrals/index.ts'

type Json = Record<string, unknown>

const context = useTestContext()
const schema = fhirSchemaValidator()
let org: TestOrganisation
let serviceKey: string
let gpKey: string
let otherServiceKey: string

function nhsNumber(): string {
  for (;;) {
    const candidate = String(randomInt(1_000_000_000, 9_999_999_999))
    if (isValidNhsNumber(candidate)) return candidate
  }
}

async function get(url: string, key: string) {
  const response = await context.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
  return { status: response.statusCode, body: JSON.parse(response.body) as Json }
}

function assertValid(type: ValidatedResourceType, resource: Json): void {
  assert.deepEqual(schema.validate(type, resource, type), [], JSON.stringify(resource))
}

function entries(bundle: Json): Json[] {
  assertValid('Bundle', bundle)
  return ((bundle['entry'] as Json[] | undefined) ?? []).map((e) => e['resource'] as Json)
}

/** A person with an NHS number, in support, with a UCLA-3 baseline recorded through the page. */
async function personWithBaseline(nhs: string): Promise<string> {
  const referralId = await allocatedReferral(context, org, 'worker', { person: { nhsNumber: nhs } })
  await inProgressCase(context, org, referralId, { contactOn: addDays(londonToday(), -10) })
  const session = await org.users['worker']!.session()
  const form = await session.get(`/caseload/${referralId}/outcomes/new/ucla3`)
  const saved = await session.post(`/caseload/${referralId}/outcomes/new/ucla3`, {
    timepoint: 'baseline',
    ...todayFields(),
    'answer-companionship': '3',
    'answer-leftOut': '2',
    'answer-isolated': '3',
    submissionKey: hiddenField(form.body, 'submissionKey'),
  })
  assert.equal(saved.statusCode, 303)
  return referralId
}

describe('outcomes through the FHIR API', () => {
  before(async () => {
    org = await testService(context)
    serviceKey = (await createApiKeyForOrganisation(context.db, { organisation: org.organisation.id, name: 'Hub' })).key
    const gp = await createTestOrganisation(context, { type: 'gp-practice', users: { gp: ['referrer'] } })
    gpKey = (await createApiKeyForOrganisation(context.db, { organisation: gp.organisation.id, name: 'EMIS' })).key
    const other = await createTestOrganisation(context, { users: { boss: ['supervisor'] } })
    otherServiceKey = (
      await createApiKeyForOrganisation(context.db, { organisation: other.organisation.id, name: 'Other hub' })
    ).key
  })

  it('lists the instruments as Questionnaires, licensed wording withheld without a content pack', async () => {
    const metadata = await get('/fhir/metadata', serviceKey)
    const types = ((metadata.body['rest'] as Json[])[0]!['resource'] as Json[]).map((r) => r['type'])
    assert.deepEqual(types, [
      'ServiceRequest',
      'Task',
      'Communication',
      'Questionnaire',
      'QuestionnaireResponse',
      'Observation',
    ])
    assertValid('CapabilityStatement', metadata.body)

    const all = entries((await get('/fhir/Questionnaire', gpKey)).body)
    assert.deepEqual(all.map((q) => q['id']).sort(), [
      'djg6-v1',
      'mycaw-v1',
      'ons-loneliness-v1',
      'ons4-v1',
      'swemwbs-v1',
      'ucla3-v1',
      'wemwbs-v1',
    ])
    for (const q of all) assertValid('Questionnaire', q)
    const ucla = await get('/fhir/Questionnaire/ucla3-v1', gpKey)
    assert.equal(ucla.status, 200)
    const items = ucla.body['item'] as Json[]
    assert.equal(items[0]!['text'], 'How often do you feel that you lack companionship?')
    const swemwbs = (await get('/fhir/Questionnaire/swemwbs-v1', serviceKey)).body
    assert.equal((swemwbs['item'] as Json[])[0]!['text'], undefined, 'licensed wording is not sent without a pack')
    assert.match(String(swemwbs['copyright']), /all rights reserved/)
    assert.equal((await get('/fhir/Questionnaire/nosuch-v1', serviceKey)).status, 404)
    const byUrl = entries(
      (
        await get(
          `/fhir/Questionnaire?url=${encodeURIComponent('https://waymark.example/fhir/Questionnaire/ucla3|1')}`,
          gpKey,
        )
      ).body,
    )
    assert.deepEqual(
      byUrl.map((q) => q['id']),
      ['ucla3-v1'],
    )
  })

  it('reads a recorded measure as a QuestionnaireResponse and its score as an Observation, audited', async () => {
    const nhs = nhsNumber()
    const referralId = await personWithBaseline(nhs)

    const search = await get(`/fhir/QuestionnaireResponse?based-on=ServiceRequest/${referralId}`, serviceKey)
    assert.equal(search.status, 200)
    const [response] = entries(search.body)
    assert.ok(response, 'the baseline is found by its referral')
    assertValid('QuestionnaireResponse', response)
    assert.equal(search.body['total'], 1)
    assert.equal(response['questionnaire'], 'https://waymark.example/fhir/Questionnaire/ucla3|1')
    assert.deepEqual((response['subject'] as Json)['identifier'], {
      system: 'https://fhir.nhs.uk/Id/nhs-number',
      value: nhs,
    })
    assert.deepEqual(
      (response['item'] as Json[]).map((i) => [
        i['linkId'],
        ((i['answer'] as Json[])[0]!['valueCoding'] as Json)['code'],
      ]),
      [
        ['companionship', '3'],
        ['leftOut', '2'],
        ['isolated', '3'],
      ],
    )

    const id = String(response['id'])
    const read = await get(`/fhir/QuestionnaireResponse/${id}`, serviceKey)
    assert.equal(read.status, 200)
    assert.deepEqual(read.body, response)

    const observations = entries(
      (await get(`/fhir/Observation?derived-from=QuestionnaireResponse/${id}`, serviceKey)).body,
    )
    assert.equal(observations.length, 1)
    const [total] = observations
    assertValid('Observation', total!)
    assert.equal((total!['valueQuantity'] as Json)['value'], 8, 'UCLA-3 total of 3 + 2 + 3')
    assert.deepEqual((total!['derivedFrom'] as Json[])[0], { reference: `QuestionnaireResponse/${id}` })
    const one = await get(`/fhir/Observation/${String(total!['id'])}`, serviceKey)
    assert.equal(one.status, 200)
    assert.deepEqual(one.body, total)

    const byPatient = entries(
      (await get(`/fhir/Observation?patient=https://fhir.nhs.uk/Id/nhs-number|${nhs}`, serviceKey)).body,
    )
    assert.deepEqual(
      byPatient.map((o) => o['id']),
      [total!['id']],
    )
    const byQuestionnaire = await get(
      `/fhir/QuestionnaireResponse?patient=${nhs}&questionnaire=${encodeURIComponent('https://waymark.example/fhir/Questionnaire/ons4')}`,
      serviceKey,
    )
    assert.equal(byQuestionnaire.body['total'], 0, 'no ONS4 was recorded for this person')

    const audited = await context.db
      .select({ action: auditEvents.action, recordId: auditEvents.recordId, role: auditEvents.actorRole })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, org.organisation.id), like(auditEvents.action, '%fhir-%')))
    assert.ok(audited.some((e) => e.action === 'read-fhir-questionnaire-response' && e.recordId === id))
    assert.ok(audited.some((e) => e.action === 'read-fhir-observation' && e.recordId === id))
    assert.ok(audited.some((e) => e.action === 'search-fhir-observation'))
    assert.ok(audited.every((e) => e.role?.startsWith('api-client:')))
  })

  it('shows nothing to a referrer or another service, and refuses what it cannot read', async () => {
    const referralId = await personWithBaseline(nhsNumber())
    const [response] = entries(
      (await get(`/fhir/QuestionnaireResponse?based-on=ServiceRequest/${referralId}`, serviceKey)).body,
    )
    const id = String(response!['id'])

    for (const key of [gpKey, otherServiceKey]) {
      assert.equal((await get(`/fhir/QuestionnaireResponse/${id}`, key)).status, 404)
      assert.equal((await get(`/fhir/Observation/${id}-total`, key)).status, 404)
    }
    const otherSearch = await get(`/fhir/QuestionnaireResponse?based-on=ServiceRequest/${referralId}`, otherServiceKey)
    assert.equal(otherSearch.body['total'], 0)
    const referrerSearch = await get(`/fhir/Observation?based-on=ServiceRequest/${referralId}`, gpKey)
    assert.equal(referrerSearch.status, 403)
    assert.equal(referrerSearch.body['resourceType'], 'OperationOutcome')

    for (const url of [
      '/fhir/QuestionnaireResponse?patient=123',
      '/fhir/QuestionnaireResponse?based-on=Task/nope',
      '/fhir/QuestionnaireResponse?derived-from=QuestionnaireResponse/x',
      '/fhir/Observation?_lastUpdated=yesterday',
      '/fhir/Observation?questionnaire=ucla3',
      '/fhir/Observation?colour=red',
    ]) {
      const refused = await get(url, serviceKey)
      assert.equal(refused.status, 400, url)
      assert.equal(refused.body['resourceType'], 'OperationOutcome', url)
    }
    const unauthenticated = await context.app.inject({ method: 'GET', url: `/fhir/QuestionnaireResponse/${id}` })
    assert.equal(unauthenticated.statusCode, 401)
  })
})
