// SPDX-License-Identifier: AGPL-3.0-or-later
// Reading outcomes through the FHIR API. Questionnaires (instrument definitions) are readable by any client, with
// licensed wording only for an organisation holding the content pack. Answers and scores are personal: only a
// client of the service that supports the person reads them, every read audited with the client as the actor.
// A referrer learns outcomes through the message back, which carries what the person agreed to share.
import { recordAuditEvent, type AuditActor } from '../../../platform/audit/audit.service.ts'
import type { Database } from '../../../platform/db/database.ts'
import { createOrgScope, type OrgScope } from '../../../platform/db/org-scope.ts'
import type { AuthenticatedApiClient } from '../../api-clients/index.ts'
import { CODE_SYSTEMS, FhirRequestError, type FhirJson } from '../../referrals/index.ts'
import { INSTRUMENTS } from '../catalogue.ts'
import type { Instrument } from '../instrument.ts'
import { instrumentsFor, instrumentWithContent } from '../outcomes.service.ts'
import {
  OUTCOME_SYSTEMS,
  parseObservationId,
  parseQuestionnaireId,
  toObservations,
  toQuestionnaire,
  toQuestionnaireResponse,
  type FhirMeasure,
} from './outcomes-fhir.ts'
import * as repo from './outcomes-fhir.repository.ts'

export type OutcomeResourceType = 'QuestionnaireResponse' | 'Observation'

export interface OutcomeSearch {
  patient?: string
  basedOn?: string
  questionnaire?: string
  derivedFrom?: string
  lastUpdatedAfter?: Date
  lastUpdatedBefore?: Date
  count: number
  offset: number
}

function scopeOf(db: Database, client: AuthenticatedApiClient): OrgScope {
  return createOrgScope(db, client.organisationId, client.areaId)
}

function isService(client: AuthenticatedApiClient): boolean {
  return client.organisationType === 'social-prescribing-service'
}

function notFound(what: string, id: string): FhirRequestError {
  return new FhirRequestError(404, [
    { code: 'not-found', expression: 'id', diagnostics: `No ${what} ${id} visible to this client` },
  ])
}

/** Every instrument version this organisation would see, with its wording where it holds the content pack. */
async function instrumentsSeenBy(db: Database, client: AuthenticatedApiClient): Promise<Instrument[]> {
  const current = await instrumentsFor(scopeOf(db, client))
  return INSTRUMENTS.map((i) => instrumentWithContent(current, i.key, i.version) ?? i)
}

function isCurrent(instrument: Instrument): boolean {
  return !INSTRUMENTS.some((other) => other.key === instrument.key && other.version > instrument.version)
}

export async function readQuestionnaire(db: Database, client: AuthenticatedApiClient, id: string): Promise<FhirJson> {
  const named = parseQuestionnaireId(id)
  const instrument =
    named && (await instrumentsSeenBy(db, client)).find((i) => i.key === named.key && i.version === named.version)
  if (!instrument) throw notFound('Questionnaire', id)
  return toQuestionnaire(instrument, isCurrent(instrument))
}

/** All instrument versions, or those of one canonical `url` (optionally `url|version`). */
export async function searchQuestionnaires(
  db: Database,
  client: AuthenticatedApiClient,
  url: string | undefined,
): Promise<FhirJson[]> {
  const [canonical, version] = (url ?? '').split('|')
  return (await instrumentsSeenBy(db, client))
    .filter((i) => !canonical || canonical === `${OUTCOME_SYSTEMS.questionnaire}/${i.key}`)
    .filter((i) => !version || String(i.version) === version)
    .map((i) => toQuestionnaire(i, isCurrent(i)))
}

function requireService(client: AuthenticatedApiClient, id?: string): void {
  if (isService(client)) return
  if (id !== undefined) throw notFound('outcome', id)
  throw new FhirRequestError(403, [
    {
      code: 'forbidden',
      expression: 'resourceType',
      diagnostics:
        'Questionnaire answers and scores are read by the service supporting the person; a referrer receives the outcomes the person agreed to share in the message back (Communication)',
    },
  ])
}

async function readMeasure(
  db: Database,
  client: AuthenticatedApiClient,
  measureId: string,
  origin: AuditActor,
  action: string,
): Promise<{ measure: FhirMeasure; instrument: Instrument | undefined } | undefined> {
  const measure = await repo.findMeasure(scopeOf(db, client), measureId)
  if (!measure) return undefined
  await recordAuditEvent(db, origin, { action, recordType: 'outcome-measure', recordId: measure.id })
  const instruments = await instrumentsSeenBy(db, client)
  return {
    measure,
    instrument: instruments.find((i) => i.key === measure.instrumentKey && i.version === measure.instrumentVersion),
  }
}

export async function readQuestionnaireResponse(
  db: Database,
  client: AuthenticatedApiClient,
  id: string,
  origin: AuditActor,
): Promise<FhirJson> {
  requireService(client, id)
  const found = /^[0-9a-f-]{36}$/i.test(id)
    ? await readMeasure(db, client, id.toLowerCase(), origin, 'read-fhir-questionnaire-response')
    : undefined
  if (!found) throw notFound('QuestionnaireResponse', id)
  return toQuestionnaireResponse(found.measure, found.instrument)
}

export async function readObservation(
  db: Database,
  client: AuthenticatedApiClient,
  id: string,
  origin: AuditActor,
): Promise<FhirJson> {
  requireService(client, id)
  const named = parseObservationId(id)
  const found = named && (await readMeasure(db, client, named.measureId, origin, 'read-fhir-observation'))
  const observation = found && toObservations(found.measure, found.instrument).find((o) => o.id === id)
  if (!observation) throw notFound('Observation', id)
  return observation
}

function invalid(expression: string, diagnostics: string): FhirRequestError {
  return new FhirRequestError(400, [{ code: 'value', expression, diagnostics }])
}

/** The search's filters as the repository takes them; a parameter naming nothing here is an empty result. */
async function measureSearchOf(scope: OrgScope, search: OutcomeSearch): Promise<repo.MeasureSearch | 'nothing'> {
  const filters: repo.MeasureSearch = {
    ...(search.lastUpdatedAfter ? { createdAfter: search.lastUpdatedAfter } : {}),
    ...(search.lastUpdatedBefore ? { createdBefore: search.lastUpdatedBefore } : {}),
  }
  if (search.patient !== undefined) {
    const token = search.patient.startsWith(`${CODE_SYSTEMS.nhsNumber}|`)
      ? search.patient.slice(CODE_SYSTEMS.nhsNumber.length + 1)
      : search.patient
    if (!/^\d{10}$/.test(token))
      throw invalid('patient', `Search by patient with an NHS number: patient=${CODE_SYSTEMS.nhsNumber}|<10 digits>`)
    filters.personIds = await repo.personIdsByNhsNumber(scope, token)
    if (filters.personIds.length === 0) return 'nothing'
  }
  if (search.basedOn !== undefined) {
    const match = /^ServiceRequest\/([0-9a-f-]{36})$/i.exec(search.basedOn)
    if (!match) throw invalid('based-on', 'Give the referral as based-on=ServiceRequest/<id>')
    filters.referralId = match[1]!.toLowerCase()
  }
  if (search.questionnaire !== undefined) {
    const [canonical, version] = search.questionnaire.split('|')
    const key = canonical?.startsWith(`${OUTCOME_SYSTEMS.questionnaire}/`)
      ? canonical.slice(OUTCOME_SYSTEMS.questionnaire.length + 1)
      : canonical?.startsWith('Questionnaire/')
        ? parseQuestionnaireId(canonical.slice('Questionnaire/'.length))?.key
        : undefined
    if (!key || (version !== undefined && !/^\d{1,4}$/.test(version)))
      throw invalid(
        'questionnaire',
        `Give the questionnaire as its canonical URL (${OUTCOME_SYSTEMS.questionnaire}/<key>, optionally |<version>)`,
      )
    filters.instrumentKey = key
    if (version !== undefined) filters.instrumentVersion = Number(version)
  }
  if (search.derivedFrom !== undefined) {
    const match = /^QuestionnaireResponse\/([0-9a-f-]{36})$/i.exec(search.derivedFrom)
    if (!match) throw invalid('derived-from', 'Give the answers as derived-from=QuestionnaireResponse/<id>')
    // One more condition on the same search: a response of another organisation or referral matches nothing.
    filters.measureId = match[1]!.toLowerCase()
  }
  return filters
}

/**
 * Searches answers (QuestionnaireResponse) or scores (Observation), newest first. Observations page by the
 * questionnaire they came from: one page holds every score of up to `count` completed questionnaires, and
 * `total` counts questionnaires.
 */
export async function searchOutcomes(
  db: Database,
  client: AuthenticatedApiClient,
  resourceType: OutcomeResourceType,
  search: OutcomeSearch,
  origin: AuditActor,
): Promise<{ resources: FhirJson[]; total: number }> {
  requireService(client)
  const scope = scopeOf(db, client)
  const filters = await measureSearchOf(scope, search)
  const found =
    filters === 'nothing'
      ? { rows: [], total: 0 }
      : await repo.searchMeasures(scope, filters, { limit: search.count, offset: search.offset })
  await recordAuditEvent(db, origin, {
    action: resourceType === 'Observation' ? 'search-fhir-observation' : 'search-fhir-questionnaire-response',
    recordType: 'outcome-measure',
    details: {
      results: found.rows.length,
      total: found.total,
      ids: found.rows.map((row) => row.id).join(','),
      byPatient: search.patient ? 'yes' : 'no',
    },
  })
  const instruments = found.rows.length > 0 ? await instrumentsSeenBy(db, client) : []
  const instrumentOf = (m: FhirMeasure) =>
    instruments.find((i) => i.key === m.instrumentKey && i.version === m.instrumentVersion)
  return {
    resources: found.rows.flatMap((m) =>
      resourceType === 'Observation'
        ? toObservations(m, instrumentOf(m))
        : [toQuestionnaireResponse(m, instrumentOf(m))],
    ),
    total: found.total,
  }
}
