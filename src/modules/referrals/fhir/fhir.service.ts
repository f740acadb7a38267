// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import { recordAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database } from '../../../platform/db/database.ts'
import {
  createOrgScope,
  createReferrerScope,
  scopeForSystemTask,
  type OrgScope,
} from '../../../platform/db/org-scope.ts'
import type { AuthenticatedApiClient } from '../../api-clients/index.ts'
import {
  findReferralForService,
  getMessageBack,
  getMessageBackForReferrer,
  hasMessageBack,
  listReferralsForService,
  listReferralsMadeBy,
  ReferralsError,
  submitReferral,
  viewReferralMadeBy,
  type Page,
  type ReferralDetail,
  type ReferralFilters,
  type ReferralSummary,
} from '../index.ts'
import { CODE_SYSTEMS } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'
import { fingerprintBody, parseReferralRequest, type PerformerReference } from './fhir-referral.ts'
import { toCommunication, toServiceRequest, toTask } from './fhir-resources.ts'
import type { FhirIssue, FhirSchemaValidator } from './fhir-schema.ts'
import * as repo from './fhir.repository.ts'
import { isUuid } from '../../../shared/uuid.ts'

/** A refusal carrying OperationOutcome issues and the HTTP status to send them with. */
export class FhirRequestError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 404 | 409 | 422,
    readonly issues: FhirIssue[],
  ) {
    super(issues.map((issue) => `${issue.expression}: ${issue.diagnostics}`).join('; '))
    this.name = 'FhirRequestError'
  }
}

/**
 * Which referrals a client sees. A client of a social prescribing service sees what its service received;
 * a client of any other organisation sees the referrals it made (the closed loop back to the referrer).
 */
export type ClientView = 'service' | 'referrer'

export function viewOf(client: AuthenticatedApiClient): ClientView {
  return client.organisationType === 'social-prescribing-service' ? 'service' : 'referrer'
}

function clientScope(db: Database, client: AuthenticatedApiClient): OrgScope {
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

// ---- Reading ----

interface ReadOne {
  summary: ReferralSummary
  detail?: ReferralDetail
}

/** One referral the client may see, audited with the client as actor; 404 (never 403) for anything else. */
async function readOne(
  db: Database,
  client: AuthenticatedApiClient,
  referralId: string,
  origin: AuditActor,
  action: string,
): Promise<ReadOne> {
  const notFound = new FhirRequestError(404, [
    { code: 'not-found', expression: 'id', diagnostics: `No referral ${referralId} visible to this client` },
  ])
  if (viewOf(client) === 'service') {
    const detail = await findReferralForService(clientScope(db, client), referralId)
    if (!detail) throw notFound
    await recordAuditEvent(db, origin, { action, recordType: 'referral', recordId: referralId })
    return { summary: detail, detail }
  }
  try {
    const seen = await viewReferralMadeBy(createReferrerScope(db, client.organisationId), referralId, origin)
    return { summary: seen.summary }
  } catch (error) {
    if (error instanceof ReferralsError && error.code === 'REFERRALS_NOT_FOUND') throw notFound
    throw error
  }
}

export async function readTask(
  db: Database,
  client: AuthenticatedApiClient,
  referralId: string,
  origin: AuditActor,
): Promise<Json> {
  const { summary, detail } = await readOne(db, client, referralId, origin, 'read-fhir-task')
  return toTask(summary, {
    nhsNumber: detail?.person.nhsNumber ?? null,
    hasMessageBack: hasMessageBack(summary.status, summary.businessStatus),
  })
}

export async function readServiceRequest(
  db: Database,
  client: AuthenticatedApiClient,
  referralId: string,
  origin: AuditActor,
): Promise<Json> {
  const { summary, detail } = await readOne(db, client, referralId, origin, 'read-fhir-service-request')
  return toServiceRequest(summary, detail)
}

export async function readCommunication(
  db: Database,
  client: AuthenticatedApiClient,
  referralId: string,
  origin: AuditActor,
): Promise<Json | undefined> {
  const message =
    viewOf(client) === 'service'
      ? await getMessageBack(clientScope(db, client), referralId)
      : await getMessageBackForReferrer(createReferrerScope(db, client.organisationId), referralId)
  if (!message) return undefined
  await recordAuditEvent(db, origin, {
    action: 'read-fhir-communication',
    recordType: 'referral',
    recordId: referralId,
  })
  return toCommunication(message)
}

export interface SearchRequest {
  status?: string[]
  owner?: string
  requester?: string
  patient?: string
  lastUpdatedAfter?: Date
  lastUpdatedBefore?: Date
  count: number
  offset: number
}

const MAX_PEOPLE_PER_NHS_NUMBER = 20

/**
 * Searches the referrals a client may see. Every parameter narrows within what the client may see; a
 * parameter naming some other organisation's referrals gives an empty result, not an error.
 */
export async function searchReferrals(
  db: Database,
  client: AuthenticatedApiClient,
  search: SearchRequest,
  origin: AuditActor,
  resourceType: 'Task' | 'ServiceRequest',
): Promise<Page<ReferralSummary>> {
  const view = viewOf(client)
  const empty: Page<ReferralSummary> = { rows: [], total: 0 }
  const filters: ReferralFilters = {
    ...(search.status?.length ? { status: search.status as ReferralFilters['status'] } : {}),
    ...(search.lastUpdatedAfter ? { lastUpdatedAfter: search.lastUpdatedAfter } : {}),
    ...(search.lastUpdatedBefore ? { lastUpdatedBefore: search.lastUpdatedBefore } : {}),
  }
  const page = { limit: search.count, offset: search.offset }

  const owner = search.owner ? await organisationIdOf(db, search.owner, 'owner') : undefined
  const requester = search.requester ? await organisationIdOf(db, search.requester, 'requester') : undefined
  if ((search.owner && !owner) || (search.requester && !requester)) return audited(empty)

  let result: Page<ReferralSummary>
  if (view === 'service') {
    if (owner && owner !== client.organisationId) return audited(empty)
    if (requester) filters.requesterOrganisationId = requester
    if (search.patient) {
      const nhsNumber = nhsNumberFromToken(search.patient)
      const personIds = await repo.findPersonIdsByNhsNumber(
        clientScope(db, client),
        nhsNumber,
        MAX_PEOPLE_PER_NHS_NUMBER,
      )
      if (personIds.length === 0) return audited(empty)
      result = await listReferralsForService(clientScope(db, client), { ...filters, personIds }, page)
    } else {
      result = await listReferralsForService(clientScope(db, client), filters, page)
    }
  } else {
    if (requester && requester !== client.organisationId) return audited(empty)
    if (search.patient) {
      throw new FhirRequestError(400, [
        {
          code: 'not-supported',
          expression: 'patient',
          diagnostics:
            'Search by patient is offered to receiving services only; a referrer finds its referrals by status, owner and _lastUpdated',
        },
      ])
    }
    if (owner) {
      // Referrals go only to services in the referrer's area, so another area's owner matches nothing. The
      // referrer's list cannot yet be narrowed by service in SQL, so with several services it is refused.
      const named = await repo.findOrganisationById(db, owner)
      if (!named || named.areaId !== client.areaId || named.type !== 'social-prescribing-service') return audited(empty)
      const services = await repo.listServicesOfArea(db, client.areaId)
      if (services.length !== 1) {
        throw new FhirRequestError(400, [
          {
            code: 'not-supported',
            expression: 'owner',
            diagnostics:
              'Filtering by owner is offered to referrers in an area with one service; read Task.owner in the results instead',
          },
        ])
      }
    }
    result = await listReferralsMadeBy(createReferrerScope(db, client.organisationId), filters, page)
  }
  return audited(result)

  async function audited(found: Page<ReferralSummary>): Promise<Page<ReferralSummary>> {
    await recordAuditEvent(db, origin, {
      action: `search-fhir-${resourceType === 'Task' ? 'task' : 'service-request'}`,
      recordType: 'referral',
      details: {
        results: found.rows.length,
        total: found.total,
        ids: found.rows.map((row) => row.id).join(','),
        byPatient: search.patient ? 'yes' : 'no',
      },
    })
    return found
  }
}

/** `Organization/<id>`, a bare id, or an ODS identifier token (`system|code` or a bare code). */
async function organisationIdOf(
  db: Database,
  value: string,
  parameter: 'owner' | 'requester',
): Promise<string | undefined> {
  const reference = /^(?:Organization\/)?([0-9a-f-]{36})$/i.exec(value)
  if (reference && isUuid(reference[1])) return reference[1]!.toLowerCase()
  const token = value.startsWith(`${CODE_SYSTEMS.odsOrganisation}|`)
    ? value.slice(CODE_SYSTEMS.odsOrganisation.length + 1)
    : value
  if (!/^[A-Za-z0-9]{3,10}$/.test(token)) {
    throw new FhirRequestError(400, [
      {
        code: 'value',
        expression: parameter,
        diagnostics: 'Give an organisation as Organization/<id> or an ODS code',
      },
    ])
  }
  return (await repo.findOrganisationByOds(db, token.toUpperCase()))?.id
}

function nhsNumberFromToken(value: string): string {
  const token = value.startsWith(`${CODE_SYSTEMS.nhsNumber}|`) ? value.slice(CODE_SYSTEMS.nhsNumber.length + 1) : value
  const digits = token.replace(/\s/g, '')
  if (!/^\d{10}$/.test(digits)) {
    throw new FhirRequestError(400, [
      {
        code: 'value',
        expression: 'patient',
        diagnostics: `Search by patient with an NHS number: patient=${CODE_SYSTEMS.nhsNumber}|<10 digits>`,
      },
    ])
  }
  return digits
}
