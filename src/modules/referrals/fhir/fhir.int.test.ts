// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { and, eq, like } from 'drizzle-orm'
import type { LightMyRequestResponse } from 'fastify'
import {
  createTestContext,
  createTestOrganisation,
  type TestContext,
  type TestOrganisation,
} from '../../../../test/helpers/test-app.ts'
import { auditEvents } from '../../../platform/audit/audit.table.ts'
import { scopeForSystemTask } from '../../../platform/db/org-scope.ts'
import { createApiKeyForOrganisation, revokeApiKey } from '../../api-clients/index.ts'
import { changeReferral } from '../index.ts'
import { referrals } from '../referrals.table.ts'
import { CODE_SYSTEMS } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'
import { fhirSchemaValidator, type ValidatedResourceType } from './fhir-schema.ts'
import { containedReferral, transactionReferral } from './fhir.fixtures.ts'

const GRAVITY = '/work/shared/reference/gravity-sdoh-cc-ig-examples'
const BARS = '/work/shared/reference/nhs-bars-fhir-examples'

let context: TestContext
const schema = fhirSchemaValidator()

interface Area {
  service: TestOrganisation
  gp: TestOrganisation
  serviceKey: string
  gpKey: string
  serviceKeyId: string
}

async function createArea(): Promise<Area> {
  const areaName = `FHIR area ${randomUUID().slice(0, 8)}`
  const service = await createTestOrganisation(context, {
    areaName,
    users: { supervisor: ['supervisor', 'link-worker'] },
  })
  const gp = await createTestOrganisation(context, { areaName, type: 'gp-practice', users: { gp: ['referrer'] } })
  const serviceKey = await createApiKeyForOrganisation(context.db, {
    organisation: service.organisation.id,
    name: 'Hub',
  })
  const gpKey = await createApiKeyForOrganisation(context.db, { organisation: gp.organisation.id, name: 'EMIS' })
  return { service, gp, serviceKey: serviceKey.key, gpKey: gpKey.key, serviceKeyId: serviceKey.client.id }
}

function json(response: LightMyRequestResponse): Json {
  return JSON.parse(response.body) as Json
}

async function post(url: string, key: string | undefined, body: unknown, headers: Record<string, string> = {}) {
  return context.app.inject({
    method: 'POST',
    url,
    headers: {
      'content-type': 'application/fhir+json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

async function get(url: string, key: string | undefined) {
  return context.app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} })
}

function expressions(response: LightMyRequestResponse): string[] {
  const body = json(response)
  assert.equal(body['resourceType'], 'OperationOutcome', response.body)
  assert.deepEqual(schema.validate('OperationOutcome', body, 'OperationOutcome'), [])
  return (body['issue'] as { expression?: string[] }[]).flatMap((issue) => issue.expression ?? [])
}

function assertValid(type: ValidatedResourceType, resource: Json): void {
  assert.deepEqual(schema.validate(type, resource, type), [], JSON.stringify(resource))
}

before(async () => {
  context = await createTestContext()
})
after(async () => {
  await context.close()
})

describe('GET /fhir/metadata', () => {
  it('serves an R4 CapabilityStatement without a key, valid against the FHIR schema', async () => {
    const response = await get('/fhir/metadata', undefined)
    assert.equal(response.statusCode, 200)
    assert.match(String(response.headers['content-type']), /^application\/fhir\+json/)
    const body = json(response)
    assertValid('CapabilityStatement', body)
    assert.equal(body['fhirVersion'], '4.0.1')
    const rest = (body['rest'] as Json[])[0]!
    assert.deepEqual(
      (rest['resource'] as Json[]).map((r) => r['type']),
      ['ServiceRequest', 'Task', 'Communication', 'Questionnaire', 'QuestionnaireResponse', 'Observation'],
    )
  })
})

describe('authentication', () => {
  it('refuses a missing, malformed, unknown or revoked key with a 401 OperationOutcome', async () => {
    const area = await createArea()
    const missing = await get('/fhir/Task', undefined)
    assert.equal(missing.statusCode, 401)
    assert.equal(missing.headers['www-authenticate'], 'Bearer realm="waymark"')
    assert.equal((json(missing)['issue'] as Json[])[0]!['code'], 'login')
    assert.equal((await get('/fhir/Task', 'not-a-key')).statusCode, 401)
    const unknown = `wmk_00000000_${'A'.repeat(43)}`
    assert.equal((await get('/fhir/Task', unknown)).statusCode, 401)
    assert.equal(
      (await post('/fhir/ServiceRequest', unknown, containedReferral({ serviceId: area.service.organisation.id })))
        .statusCode,
      401,
    )

    assert.equal((await get('/fhir/Task', area.serviceKey)).statusCode, 200)
    await revokeApiKey(
      scopeForSystemTask(context.db, area.service.organisation, 'revoking a key in a test'),
      area.serviceKeyId,
      null,
      { userId: null, organisationId: area.service.organisation.id, role: null, ipAddress: null, correlationId: null },
    )
    assert.equal((await get('/fhir/Task', area.serviceKey)).statusCode, 401)
  })
})

describe('POST /fhir/ServiceRequest and POST /fhir (transaction)', () => {
  it('creates a referral from a contained ServiceRequest and returns its Task, audited with the client as actor', async () => {
    const area = await createArea()
    const response = await post(
      '/fhir/ServiceRequest',
      area.gpKey,
      containedReferral({ serviceId: area.service.organisation.id }),
    )
    assert.equal(response.statusCode, 201, response.body)
    const task = json(response)
    assertValid('Task', task)
    assert.equal(task['status'], 'requested')
    assert.equal(task['intent'], 'order')
    assert.deepEqual((task['code'] as Json)['coding'], [
      { system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill', display: 'Fulfill the focal request' },
    ])
    assert.deepEqual(task['focus'], { reference: `ServiceRequest/${String(task['id'])}` })
    assert.equal(response.headers.location, `${context.config.publicUrl}/fhir/Task/${String(task['id'])}`)
    assert.equal(((task['businessStatus'] as Json)['coding'] as Json[])[0]!['code'], 'received')

    const [row] = await context.db
      .select()
      .from(referrals)
      .where(and(eq(referrals.organisationId, area.service.organisation.id), eq(referrals.id, String(task['id']))))
    assert.equal(row?.source, 'api')
    assert.equal(row?.referrerOrganisationId, area.gp.organisation.id)
    assert.deepEqual(row?.needs, ['loneliness', 'bereavement'])
    assert.equal(row?.whatMatters, 'Wants to get back to singing')

    const audit = await context.db
      .select({ action: auditEvents.action, role: auditEvents.actorRole, userId: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, area.gp.organisation.id), eq(auditEvents.recordId, String(task['id']))))
    assert.ok(
      audit.some(
        (event) => event.action === 'submit' && /^api-client:/.test(event.role ?? '') && event.userId === null,
      ),
    )
  })

  it('creates a referral from a transaction Bundle', async () => {
    const area = await createArea()
    const response = await post('/fhir', area.gpKey, transactionReferral({ serviceId: area.service.organisation.id }))
    assert.equal(response.statusCode, 201, response.body)
    assertValid('Task', json(response))
  })

  it('honours Idempotency-Key: the same body returns the same Task, a different body is a 422', async () => {
    const area = await createArea()
    const body = containedReferral({ serviceId: area.service.organisation.id })
    const key = `retry-${randomUUID()}`
    const first = await post('/fhir/ServiceRequest', area.gpKey, body, { 'idempotency-key': key })
    assert.equal(first.statusCode, 201)
    const again = await post('/fhir/ServiceRequest', area.gpKey, body, { 'idempotency-key': key })
    assert.equal(again.statusCode, 200)
    assert.equal(json(again)['id'], json(first)['id'])
    const changed = await post(
      '/fhir/ServiceRequest',
      area.gpKey,
      containedReferral({ serviceId: area.service.organisation.id, givenName: 'Meg' }),
      { 'idempotency-key': key },
    )
    assert.equal(changed.statusCode, 422)
    assert.deepEqual(expressions(changed), ['Idempotency-Key'])
    const rows = await context.db
      .select()
      .from(referrals)
      .where(eq(referrals.organisationId, area.service.organisation.id))
    assert.equal(rows.length, 1)
    // Another client may use the same key string for its own referral.
    const other = await createArea()
    const theirs = await post(
      '/fhir/ServiceRequest',
      other.gpKey,
      containedReferral({ serviceId: other.service.organisation.id }),
      {
        'idempotency-key': key,
      },
    )
    assert.equal(theirs.statusCode, 201)
    assert.notEqual(json(theirs)['id'], json(first)['id'])
  })

  it('refuses bad bodies with an OperationOutcome naming each bad field', async () => {
    const area = await createArea()
    const valid = (): Json => containedReferral({ serviceId: area.service.organisation.id })
    const patientOf = (body: Json): Json => (body['contained'] as Json[])[0]!
    const cases: { name: string; body: () => unknown; status: number; expect: string[] }[] = [
      {
        name: 'a ServiceRequest without its Patient',
        body: () => ({ ...valid(), contained: (valid()['contained'] as Json[]).slice(1) }),
        status: 422,
        expect: ['ServiceRequest.subject'],
      },
      {
        name: 'an NHS number failing Modulus 11',
        body: () => {
          const body = valid()
          patientOf(body)['identifier'] = [{ system: CODE_SYSTEMS.nhsNumber, value: '9434765918' }]
          return body
        },
        status: 422,
        expect: ['ServiceRequest.contained[0].identifier[0].value'],
      },
      {
        name: 'a postcode that is not a UK postcode',
        body: () => {
          const body = valid()
          patientOf(body)['address'] = [{ line: ['1 Road'], postalCode: 'NOT A CODE' }]
          return body
        },
        status: 422,
        expect: ['ServiceRequest.contained[0].address[0].postalCode'],
      },
      {
        name: 'a birth date in the future',
        body: () => {
          const body = valid()
          patientOf(body)['birthDate'] = '2999-01-01'
          return body
        },
        status: 422,
        expect: ['ServiceRequest.contained[0].birthDate'],
      },
      {
        name: 'no consent to the referral',
        body: () => ({ ...valid(), contained: (valid()['contained'] as Json[]).slice(0, 1) }),
        status: 422,
        expect: ['ServiceRequest.supportingInfo'],
      },
      {
        name: 'no reason',
        body: () => ({ ...valid(), reasonCode: undefined }),
        status: 422,
        expect: ['ServiceRequest.reasonCode'],
      },
      {
        name: 'an unknown need code',
        body: () => ({ ...valid(), reasonCode: [{ coding: [{ system: CODE_SYSTEMS.need, code: 'boredom' }] }] }),
        status: 422,
        expect: ['ServiceRequest.reasonCode[0].coding[0].code'],
      },
      {
        name: 'an element FHIR does not define, and a wrong type',
        body: () => ({ ...valid(), colour: 'blue', subject: { reference: 42 } }),
        status: 400,
        expect: ['ServiceRequest.colour', 'ServiceRequest.subject.reference'],
      },
      {
        name: 'a malformed date inside a contained Patient',
        body: () => {
          const body = valid()
          patientOf(body)['birthDate'] = '27/03/1948'
          return body
        },
        status: 400,
        expect: ['ServiceRequest.contained[0].birthDate'],
      },
      {
        name: 'a Patient posted to the ServiceRequest endpoint',
        body: () => patientOf(valid()),
        status: 400,
        expect: ['Patient.resourceType'],
      },
      { name: 'a body that is not JSON', body: () => '{"resourceType":', status: 400, expect: [] },
      {
        name: 'a performer outside the client’s area',
        body: () => ({ ...valid(), performer: [{ reference: `Organization/${randomUUID()}` }] }),
        status: 422,
        expect: ['ServiceRequest.performer[0].reference'],
      },
    ]
    for (const testCase of cases) {
      const response = await post('/fhir/ServiceRequest', area.gpKey, testCase.body())
      assert.equal(response.statusCode, testCase.status, `${testCase.name}: ${response.body}`)
      const found = expressions(response)
      for (const expected of testCase.expect)
        assert.ok(found.includes(expected), `${testCase.name}: ${found.join(', ')}`)
    }
    const rows = await context.db
      .select()
      .from(referrals)
      .where(eq(referrals.organisationId, area.service.organisation.id))
    assert.equal(rows.length, 0)
  })

  it('refuses a transaction Bundle with unsupported entries or a non-POST entry', async () => {
    const area = await createArea()
    const bundle = transactionReferral({ serviceId: area.service.organisation.id })
    const entries = bundle['entry'] as Json[]
    entries.push({
      resource: { resourceType: 'Observation', status: 'final', code: { text: 'x' } },
      request: { method: 'POST', url: 'Observation' },
    })
    ;(entries[0]!['request'] as Json)['method'] = 'PUT'
    const response = await post('/fhir', area.gpKey, bundle)
    assert.equal(response.statusCode, 422)
    const found = expressions(response)
    assert.ok(found.includes('Bundle.entry[4].resource'), found.join())
    assert.ok(found.includes('Bundle.entry[0].request.method'), found.join())
  })
})

describe('reading and searching', () => {
  it('lets the service and the referrer read a referral, and nobody else', async () => {
    const area = await createArea()
    const other = await createArea()
    const created = json(
      await post('/fhir/ServiceRequest', area.gpKey, containedReferral({ serviceId: area.service.organisation.id })),
    )
    const id = String(created['id'])

    const asService = await get(`/fhir/Task/${id}`, area.serviceKey)
    assert.equal(asService.statusCode, 200)
    assert.deepEqual((json(asService)['for'] as Json)['identifier'], {
      system: CODE_SYSTEMS.nhsNumber,
      value: '9434765919',
    })
    assert.equal((await get(`/fhir/Task/${id}`, area.gpKey)).statusCode, 200)
    const request = await get(`/fhir/ServiceRequest/${id}`, area.serviceKey)
    assert.equal(request.statusCode, 200)
    assertValid('ServiceRequest', json(request))

    for (const key of [other.serviceKey, other.gpKey]) {
      assert.equal((await get(`/fhir/Task/${id}`, key)).statusCode, 404)
      assert.equal((await get(`/fhir/ServiceRequest/${id}`, key)).statusCode, 404)
      const search = json(await get('/fhir/Task', key))
      assert.equal(search['total'], 0)
    }
    assert.equal((await get('/fhir/Task/not-a-uuid', area.serviceKey)).statusCode, 400)

    const reads = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.chainId, area.service.organisation.id),
          eq(auditEvents.recordId, id),
          like(auditEvents.action, 'read-fhir%'),
        ),
      )
    assert.ok(reads.length >= 2)
  })

  it('searches by status, requester, patient and _lastUpdated with paging links', async () => {
    const area = await createArea()
    const serviceId = area.service.organisation.id
    const started = new Date(Date.now() - 1000).toISOString()
    for (const nhsNumber of ['9434765919', '9000000009', '9449305552']) {
      const response = await post('/fhir/ServiceRequest', area.gpKey, containedReferral({ serviceId, nhsNumber }))
      assert.equal(response.statusCode, 201)
    }
    const page1 = json(await get('/fhir/Task?status=requested&_count=2', area.serviceKey))
    assertValid('Bundle', page1)
    assert.equal(page1['total'], 3)
    assert.equal((page1['entry'] as Json[]).length, 2)
    const next = (page1['link'] as Json[]).find((link) => link['relation'] === 'next')
    assert.ok(next, 'a next link')
    const nextUrl = new URL(String(next['url']))
    const page2 = json(await get(`${nextUrl.pathname}${nextUrl.search}`, area.serviceKey))
    assert.equal((page2['entry'] as Json[]).length, 1)
    assert.equal(
      (page2['link'] as Json[]).some((link) => link['relation'] === 'next'),
      false,
    )

    assert.equal(json(await get('/fhir/Task?status=accepted,completed', area.serviceKey))['total'], 0)
    assert.equal(
      json(await get(`/fhir/Task?requester=Organization/${area.gp.organisation.id}`, area.serviceKey))['total'],
      3,
    )
    assert.equal(json(await get(`/fhir/Task?owner=Organization/${randomUUID()}`, area.serviceKey))['total'], 0)
    const byPatient = json(
      await get(
        `/fhir/ServiceRequest?patient=${encodeURIComponent(`${CODE_SYSTEMS.nhsNumber}|9000000009`)}`,
        area.serviceKey,
      ),
    )
    assert.equal(byPatient['total'], 1)
    assertValid('ServiceRequest', (byPatient['entry'] as Json[])[0]!['resource'] as Json)
    assert.equal(json(await get(`/fhir/Task?_lastUpdated=gt${started}`, area.serviceKey))['total'], 3)
    assert.equal(json(await get('/fhir/Task?_lastUpdated=gt2999-01-01', area.serviceKey))['total'], 0)
    // The referrer sees the referrals it made.
    assert.equal(json(await get('/fhir/Task?status=requested', area.gpKey))['total'], 3)

    const bad = await get('/fhir/Task?status=done&_lastUpdated=yesterday', area.serviceKey)
    assert.equal(bad.statusCode, 400)
    assert.deepEqual(expressions(bad).sort(), ['_lastUpdated', 'status'])
    const unknownParameter = await get('/fhir/Task?colour=blue', area.serviceKey)
    assert.equal(unknownParameter.statusCode, 400)
    assert.equal((await get('/fhir/Task?_count=1000', area.serviceKey)).statusCode, 400)
  })

  it('closes the loop: a declined referral carries its reason and a SNOMED-coded Communication back', async () => {
    const area = await createArea()
    const serviceId = area.service.organisation.id
    const id = String(json(await post('/fhir/ServiceRequest', area.gpKey, containedReferral({ serviceId })))['id'])
    assert.equal((await get(`/fhir/Communication/${id}`, area.gpKey)).statusCode, 404)

    const supervisor = area.service.users['supervisor']!
    await changeReferral(
      scopeForSystemTask(context.db, area.service.organisation, 'the service declines in a test'),
      id,
      { kind: 'decline', reason: 'specialist-mental-health', text: 'Needs the community mental health team first' },
      {
        audit: {
          userId: supervisor.id,
          organisationId: serviceId,
          role: 'supervisor',
          ipAddress: null,
          correlationId: null,
        },
        userId: supervisor.id,
        name: supervisor.displayName,
      },
    )
    const task = json(await get(`/fhir/Task/${id}`, area.gpKey))
    assert.equal(task['status'], 'rejected')
    assert.ok(String((task['statusReason'] as Json)['text']).length > 0)
    assert.deepEqual((task['output'] as Json[])[0]!['valueReference'], { reference: `Communication/${id}` })

    const message = await get(`/fhir/Communication/${id}`, area.gpKey)
    assert.equal(message.statusCode, 200, message.body)
    const communication = json(message)
    assertValid('Communication', communication)
    assert.deepEqual(((communication['reasonCode'] as Json[])[0]!['coding'] as Json[])[0], {
      system: 'http://snomed.info/sct',
      code: '871711000000103',
      display: 'Social prescribing declined (situation)',
    })
    const search = json(await get(`/fhir/Communication?based-on=ServiceRequest/${id}`, area.serviceKey))
    assert.equal(search['total'], 1)
    const other = await createArea()
    assert.equal((await get(`/fhir/Communication/${id}`, other.gpKey)).statusCode, 404)
  })

  it('codes the message back for a referral that was accepted and closed with 871731000000106', async () => {
    const area = await createArea()
    const serviceId = area.service.organisation.id
    const id = String(json(await post('/fhir/ServiceRequest', area.gpKey, containedReferral({ serviceId })))['id'])
    const supervisor = area.service.users['supervisor']!
    const scope = scopeForSystemTask(context.db, area.service.organisation, 'the service works the referral in a test')
    const actor = {
      audit: {
        userId: supervisor.id,
        organisationId: serviceId,
        role: 'supervisor',
        ipAddress: null,
        correlationId: null,
      },
      userId: supervisor.id,
      name: supervisor.displayName,
    }
    await changeReferral(scope, id, { kind: 'accept', ownerUserId: supervisor.id }, actor)
    await changeReferral(
      scope,
      id,
      { kind: 'close', connectedTo: 'Community choir', outcomes: 'Feels less alone' },
      actor,
    )
    const task = json(await get(`/fhir/Task/${id}`, area.gpKey))
    assert.equal(task['status'], 'completed')
    const communication = json(await get(`/fhir/Communication?part-of=Task/${id}`, area.gpKey))
    const resource = (communication['entry'] as Json[])[0]!['resource'] as Json
    assertValid('Communication', resource)
    assert.equal(((resource['reasonCode'] as Json[])[0]!['coding'] as Json[])[0]!['code'], '871731000000106')
    assert.ok(JSON.stringify(resource['payload']).includes('Community choir'))
    const searches = await context.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.chainId, area.gp.organisation.id), like(auditEvents.action, 'read-fhir-communication')))
    assert.ok(searches.length >= 1)
  })
})

describe('the Gravity and BaRS examples', () => {
  const gravity = (name: string): Json => JSON.parse(readFileSync(`${GRAVITY}/${name}`, 'utf8')) as Json
  const ukAddress = [{ line: ['1 Park Row'], city: 'Leeds', postalCode: 'LS1 5HD', country: 'GB' }]

  it('refuses each Gravity example posted on its own, for a stated reason', async () => {
    const area = await createArea()
    const files = readdirSync(GRAVITY).filter((file) => file.endsWith('.json'))
    assert.ok(files.length >= 50)
    for (const file of files) {
      const resource = gravity(file)
      const type = String(resource['resourceType'])
      const response = await post('/fhir/ServiceRequest', area.gpKey, resource)
      const found = expressions(response)
      if (type === 'ServiceRequest') {
        // Reason: its subject is a reference to a Patient on the sender's server, which we cannot read.
        assert.equal(response.statusCode, 422, file)
        assert.ok(found.includes('ServiceRequest.subject'), `${file}: ${found.join(', ')}`)
        // The sub-referral examples are also completed, not new.
        if (resource['status'] !== 'active') assert.ok(found.includes('ServiceRequest.status'), file)
      } else {
        // Reason: only a ServiceRequest starts a referral (Tasks are created by the receiving service).
        assert.equal(response.statusCode, 400, file)
        assert.deepEqual(found, [`${type}.resourceType`], file)
      }
    }
  })

  it('refuses the Gravity referral as a transaction because the person lives in the US and consent to the referral is missing', async () => {
    const area = await createArea()
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: 'Patient/pat-53234',
          resource: gravity('Patient-pat-53234.json'),
          request: { method: 'POST', url: 'Patient' },
        },
        {
          resource: gravity('Consent-SDOHCC-ConsentInformationDisclosureExample.json'),
          request: { method: 'POST', url: 'Consent' },
        },
        {
          resource: {
            ...gravity('ServiceRequest-SDOHCC-ServiceRequestActiveFoodPantryApplicationAssistExample.json'),
            requester: { display: 'Dr Jan Water' },
          },
          request: { method: 'POST', url: 'ServiceRequest' },
        },
      ],
    }
    const response = await post('/fhir', area.gpKey, bundle)
    assert.equal(response.statusCode, 422, response.body)
    const found = expressions(response)
    assert.ok(
      found.some((e) => /^Bundle\.entry\[0\]\.resource\.address\[\d\]\.country$/.test(e)),
      found.join(),
    )
    assert.ok(found.includes('Bundle.entry[2].resource.supportingInfo'), found.join())
  })

  it('accepts the Gravity referral once the person has a UK address, a requester and consent: US-only identifiers are kept out, SDOH categories mapped', async () => {
    const area = await createArea()
    const patient = { ...gravity('Patient-pat-53234.json'), address: ukAddress }
    const referralConsent = {
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
      category: [{ coding: [{ system: CODE_SYSTEMS.consentScope, code: 'referral' }] }],
      patient: { reference: 'Patient/pat-53234' },
      dateTime: '2026-11-20',
    }
    const bundle = {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { fullUrl: 'Patient/pat-53234', resource: patient, request: { method: 'POST', url: 'Patient' } },
        {
          resource: gravity('Consent-SDOHCC-ConsentInformationDisclosureExample.json'),
          request: { method: 'POST', url: 'Consent' },
        },
        { resource: referralConsent, request: { method: 'POST', url: 'Consent' } },
        {
          resource: {
            ...gravity('ServiceRequest-SDOHCC-ServiceRequestActiveFoodPantryApplicationAssistExample.json'),
            requester: { display: 'Dr Jan Water' },
          },
          request: { method: 'POST', url: 'ServiceRequest' },
        },
      ],
    }
    // No performer: the GP's area has one service, so the referral goes there.
    const response = await post('/fhir', area.gpKey, bundle)
    assert.equal(response.statusCode, 201, response.body)
    const [row] = await context.db
      .select()
      .from(referrals)
      .where(eq(referrals.id, String(json(response)['id'])))
    assert.equal(row?.organisationId, area.service.organisation.id)
    assert.deepEqual(row?.needs, ['debt'])
  })

  it('refuses the BaRS ServiceRequest example on FHIR schema grounds', async () => {
    const area = await createArea()
    const bars = JSON.parse(readFileSync(`${BARS}/service_request/POST-success.json`, 'utf8')) as Json
    const response = await post('/fhir/ServiceRequest', area.gpKey, bars)
    assert.equal(response.statusCode, 400)
    const found = expressions(response)
    // Reason: BaRS's example has basedOn as an object (R4 says array) and a capitalised PatientInstruction.
    assert.ok(found.includes('ServiceRequest.basedOn'), found.join())
    assert.ok(found.includes('ServiceRequest.PatientInstruction'), found.join())
  })
})

describe('rate limit', () => {
  it('answers 429 with an OperationOutcome once a key exceeds its limit', async () => {
    const limited = await createTestContext({ WAYMARK_API_RATE_LIMIT: '3' })
    try {
      const organisation = await createTestOrganisation(limited, { users: {} })
      const { key } = await createApiKeyForOrganisation(limited.db, {
        organisation: organisation.organisation.id,
        name: 'Busy',
      })
      const statuses: number[] = []
      for (let i = 0; i < 4; i++) {
        const response = await limited.app.inject({
          method: 'GET',
          url: '/fhir/Task',
          headers: { authorization: `Bearer ${key}` },
        })
        statuses.push(response.statusCode)
        if (response.statusCode === 429)
          assert.equal((JSON.parse(response.body) as { issue: { code: string }[] }).issue[0]!.code, 'throttled')
      }
      assert.deepEqual(statuses, [200, 200, 200, 429])
    } finally {
      await limited.close()
    }
  })
})
