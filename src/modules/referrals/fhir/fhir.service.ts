// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import { recordAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database } from '../../../platform/db/database.ts'
import { createOrgScope, scopeForSystemTask, type OrgScope } from '../../../platform/db/org-scope.ts'
import type { AuthenticatedApiClient } from '../../api-clients/index.ts'
import { findReferralForService, ReferralsError, submitReferral } from '../index.ts'
import type { Json } from './fhir-json.ts'
import { fingerprintBody, parseReferralRequest, type PerformerReference } from './fhir-referral.ts'
import { toTask } from './fhir-resources.ts'
import type { FhirSchemaValidator } from './fhir-schema.ts'
import { FhirRequestError } from './fhir-errors.ts'

export { FhirRequestError }
import * as repo from './fhir.repository.ts'

/**
 * Which referrals a client sees. A client of a social prescribing service sees what its service received;
 * a client of any other organisation sees the referrals it made (the closed loop back to the referrer).
 */
export type ClientView = 'service' | 'referrer'

export function viewOf(client: AuthenticatedApiClient): ClientView {
  return client.organisationType === 'social-prescribing-service' ? 'service' : 'referrer'
}

export function clientScope(db: Database, client: AuthenticatedApiClient): OrgScope {
  return createOrgScope(db, client.organisationId, client.areaId)
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,200}$/

export interface CreatedReferral {
  statusCode: 200 | 201
  task: Json
  referralId: string
}

/**
 * Creates a referral from a FHIR ServiceRequest (contained Patient) or transaction Bundle.
 * Honours Idempotency-Key: same key and body → the same Task (200); same key, different body → 422.
 */
export async function createReferralFromFhir(
  db: Database,
  schema: FhirSchemaValidator,
  client: AuthenticatedApiClient,
  input: { body: unknown; endpoint: 'ServiceRequest' | 'transaction'; idempotencyKey: string | undefined },
  origin: AuditActor,
): Promise<CreatedReferral> {
  const scope = clientScope(db, client)
  const key = input.idempotencyKey
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    throw new FhirRequestError(400, [
      {
        code: 'value',
        expression: 'Idempotency-Key',
        diagnostics: 'Idempotency-Key must be 1 to 200 printable characters without spaces',
      },
    ])
  }
  const requestHash = fingerprintBody({ endpoint: input.endpoint, body: input.body })
  if (key !== undefined) {
    const earlier = await repo.findIdempotencyKey(scope, key)
    if (earlier) return replay(db, earlier, requestHash)
  }

  const parsed = parseReferralRequest(input.body, input.endpoint, schema, new Date())
  if (!parsed.ok) {
    await recordAuditEvent(db, origin, {
      action: 'submit-fhir',
      recordType: 'referral',
      outcome: 'failure',
      details: { issues: parsed.issues.length },
    })
    throw new FhirRequestError(parsed.stage === 'schema' ? 400 : 422, parsed.issues)
  }
  const referral = parsed.value
  const service = await resolveReceivingService(db, client, referral.performer)

  let result
  try {
    result = await submitReferral(
      db,
      {
        submissionKey: key !== undefined ? `fhir:${client.organisationId}:${key}` : `fhir:${randomUUID()}`,
        receivingOrganisationId: service.id,
        source: 'api',
        intensity: 'link-worker',
        referrer: {
          userId: null,
          organisationId: client.organisationId,
          name: referral.referrer.name,
          profession: referral.referrer.profession,
          email: referral.referrer.email,
          phone: referral.referrer.phone,
        },
        person: referral.person,
        needs: referral.needs,
        reasonText: referral.reasonText,
        whatMatters: referral.whatMatters,
        risks: referral.risks,
        urgency: referral.urgency,
        consent: { ...referral.consent, recordedByUserId: null },
      },
      origin,
    )
  } catch (error) {
    if (error instanceof ReferralsError && error.code === 'REFERRALS_SERVICE_NOT_FOUND') {
      throw new FhirRequestError(422, [
        {
          code: 'business-rule',
          expression: referral.performer.path,
          diagnostics: 'The receiving service must be a social prescribing service in your area',
        },
      ])
    }
    if (error instanceof ReferralsError && error.code === 'REFERRALS_INVALID_SUBMISSION') {
      const problems = (error.details?.['problems'] as { path: string; message: string }[] | undefined) ?? []
      throw new FhirRequestError(
        422,
        problems.map((problem) => ({
          code: 'business-rule' as const,
          expression: SUBMISSION_PATHS[problem.path.split('.')[0] ?? ''] ?? 'ServiceRequest',
          diagnostics: problem.message,
        })),
      )
    }
    throw error
  }

  if (key !== undefined) {
    const stored = await repo.insertIdempotencyKey(scope, {
      key,
      requestHash,
      referralId: result.referralId,
      receivingOrganisationId: service.id,
    })
    // Two requests raced with the same key: the first one's body wins, as if they had arrived in order.
    if (stored.requestHash !== requestHash) throw keyReusedError()
  }
  const task = await readTaskAfterWrite(db, service, result.referralId)
  return { statusCode: result.created ? 201 : 200, task, referralId: result.referralId }
}

const SUBMISSION_PATHS: Record<string, string> = {
  person: 'ServiceRequest.subject',
  needs: 'ServiceRequest.reasonCode',
  reasonText: 'ServiceRequest.reasonCode',
  whatMatters: 'ServiceRequest.note',
  referrer: 'ServiceRequest.requester',
  consent: 'ServiceRequest.supportingInfo',
  urgency: 'ServiceRequest.priority',
}

function keyReusedError(): FhirRequestError {
  return new FhirRequestError(422, [
    {
      code: 'conflict',
      expression: 'Idempotency-Key',
      diagnostics:
        'This Idempotency-Key was already used with a different request body; use a new key for a new referral',
    },
  ])
}

async function replay(db: Database, earlier: repo.IdempotencyRow, requestHash: string): Promise<CreatedReferral> {
  if (earlier.requestHash !== requestHash) throw keyReusedError()
  const service = await repo.findOrganisationById(db, earlier.receivingOrganisationId)
  if (!service) throw keyReusedError()
  const task = await readTaskAfterWrite(db, service, earlier.referralId)
  return { statusCode: 200, task, referralId: earlier.referralId }
}

/** Reads back the Task of a referral this client just submitted (or resubmitted), whichever side it is on. */
async function readTaskAfterWrite(
  db: Database,
  service: { id: string; areaId: string },
  referralId: string,
): Promise<Json> {
  const scope = scopeForSystemTask(db, service, 'returning the Task of a referral the API client has just submitted')
  const referral = await findReferralForService(scope, referralId)
  if (!referral) throw new Error(`Referral ${referralId} vanished after it was submitted`)
  return toTask(referral, { nhsNumber: referral.person.nhsNumber, hasMessageBack: false })
}

async function resolveReceivingService(
  db: Database,
  client: AuthenticatedApiClient,
  performer: PerformerReference,
): Promise<repo.OrganisationRef> {
  const refuse = (diagnostics: string): FhirRequestError =>
    new FhirRequestError(422, [{ code: 'business-rule', expression: performer.path, diagnostics }])
  let found: repo.OrganisationRef | undefined
  if (performer.kind === 'ods') {
    found = await repo.findOrganisationByOds(db, performer.odsCode)
    if (!found) throw refuse(`No organisation in Waymark has ODS code ${performer.odsCode}`)
  } else if (performer.kind === 'id') {
    found = await repo.findOrganisationById(db, performer.organisationId)
    if (!found) throw refuse('No organisation in Waymark has that id')
  } else if (client.organisationType === 'social-prescribing-service') {
    found = await repo.findOrganisationById(db, client.organisationId)
  } else {
    // A referrer in an area with exactly one service need not name it.
    const services = await repo.listServicesOfArea(db, client.areaId)
    if (services.length !== 1)
      throw refuse(
        'Name the social prescribing service to receive the referral (performer), by ODS code or Organization/<id>',
      )
    found = services[0]
  }
  if (!found || found.type !== 'social-prescribing-service')
    throw refuse('The receiving service must be a social prescribing service')
  if (found.areaId !== client.areaId) throw refuse('The receiving service must be in your area')
  return found
}
