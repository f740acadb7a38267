// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading referrals through the FHIR API: a client sees what its organisation received (as the service) or sent
// (as the referrer), one resource or a search, every read audited with the client as the actor.
import { recordAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database } from '../../../platform/db/database.ts'
import { createReferrerScope } from '../../../platform/db/org-scope.ts'
import type { AuthenticatedApiClient } from '../../api-clients/index.ts'
import {
  findReferralForService,
  getMessageBack,
  getMessageBackForReferrer,
  hasMessageBack,
  listReferralsForService,
  listReferralsMadeBy,
  ReferralsError,
  viewReferralMadeBy,
  type Page,
  type ReferralDetail,
  type ReferralFilters,
  type ReferralSummary,
} from '../index.ts'
import { CODE_SYSTEMS } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'
import { toCommunication, toServiceRequest, toTask } from './fhir-resources.ts'
import * as repo from './fhir.repository.ts'
import { isUuid } from '../../../shared/uuid.ts'
import { FhirRequestError, viewOf, clientScope } from './fhir.service.ts'

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
