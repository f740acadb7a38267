// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto'
import { CONTACT_METHODS, type PersonDetails } from '../../people/index.ts'
import { isNeed, type Need, type ReferralRisks, type Urgency } from '../referral.ts'
import { CODE_SYSTEMS, SDOH_CATEGORY_TO_NEED } from './fhir-codes.ts'
import { asObject, asObjects, asString, cleanText, codingsOf, type Json, type Located } from './fhir-json.ts'
import type { FhirIssue, FhirSchemaValidator, ValidatedResourceType } from './fhir-schema.ts'
import { readPatient } from './fhir-patient.ts'
import {
  readConsents,
  readPerformer,
  readRequester,
  resolveReference,
  type FhirReferral,
} from './fhir-referral-parts.ts'

export type { FhirReferral, PerformerReference } from './fhir-referral-parts.ts'

/** `schema`: the body is not valid FHIR R4 (HTTP 400); `rules`: valid FHIR that breaks our rules (HTTP 422). */
export type ParseResult =
  | { ok: true; value: FhirReferral }
  | { ok: false; stage: 'schema' | 'rules'; issues: FhirIssue[] }

const MAX_TEXT = 2000
const ACCEPTED_INTENTS = ['order', 'original-order', 'plan', 'proposal']
/** Resource types a transaction Bundle may carry (and contained resources we read). */
const BUNDLE_TYPES: readonly ValidatedResourceType[] = [
  'ServiceRequest',
  'Patient',
  'Consent',
  'PractitionerRole',
  'Practitioner',
  'Organization',
]

/** A stable fingerprint of a request body, for Idempotency-Key comparison (key order does not matter). */
export function fingerprintBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex')
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Json).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * Reads a referral from `POST /fhir/ServiceRequest` (a ServiceRequest with a contained Patient) or `POST /fhir`
 * (a transaction Bundle with Patient and ServiceRequest entries): FHIR schema first, then our rules. Every
 * issue names the FHIRPath of the element at fault.
 */
export function parseReferralRequest(
  body: unknown,
  endpoint: 'ServiceRequest' | 'transaction',
  schema: FhirSchemaValidator,
  today: Date,
): ParseResult {
  const root = asObject(body)
  const resourceType = asString(root?.['resourceType'])
  if (!root || !resourceType) {
    return fail('structure', 'resourceType', 'Send a FHIR resource as JSON, with a resourceType')
  }
  if (endpoint === 'ServiceRequest' && resourceType !== 'ServiceRequest') {
    return fail(
      'not-supported',
      `${resourceType}.resourceType`,
      `Send a ServiceRequest here (got ${resourceType}); post a transaction Bundle to /fhir instead`,
    )
  }
  if (endpoint === 'transaction' && resourceType !== 'Bundle') {
    return fail(
      'not-supported',
      `${resourceType}.resourceType`,
      `Send a transaction Bundle here (got ${resourceType}); post a single ServiceRequest to /fhir/ServiceRequest`,
    )
  }

  const structural = schema.validate(resourceType as ValidatedResourceType, root, resourceType)
  if (structural.length > 0) return { ok: false, stage: 'schema', issues: structural }

  let serviceRequest: Located
  const siblings: Located[] = []
  if (resourceType === 'Bundle') {
    const located = locateBundleEntries(root, schema)
    if (!located.ok) return { ok: false, stage: located.stage, issues: located.issues }
    serviceRequest = located.serviceRequest
    siblings.push(...located.others)
  } else {
    serviceRequest = { resource: root, path: 'ServiceRequest' }
  }

  const contained = asObjects(serviceRequest.resource['contained']).map((resource, i) => ({
    resource,
    path: `${serviceRequest.path}.contained[${i}]`,
  }))
  const containedIssues = contained.flatMap((item) => {
    const type = asString(item.resource['resourceType'])
    // Contained resources of types we do not read are carried, not stored: no need to refuse them.
    return (BUNDLE_TYPES as readonly string[]).includes(type)
      ? schema.validate(type as ValidatedResourceType, item.resource, item.path)
      : []
  })
  if (containedIssues.length > 0) return { ok: false, stage: 'schema', issues: containedIssues }

  return readReferral(serviceRequest, contained, siblings, today)
}

function locateBundleEntries(
  bundle: Json,
  schema: FhirSchemaValidator,
):
  | { ok: true; serviceRequest: Located; others: Located[] }
  | { ok: false; stage: 'schema' | 'rules'; issues: FhirIssue[] } {
  const issues: FhirIssue[] = []
  let schemaInvalid = false
  if (asString(bundle['type']) !== 'transaction') {
    issues.push({
      code: 'value',
      expression: 'Bundle.type',
      diagnostics: 'Bundle.type must be transaction',
    })
  }
  const entries = asObjects(bundle['entry'])
  const serviceRequests: Located[] = []
  const others: Located[] = []
  entries.forEach((entry, i) => {
    const path = `Bundle.entry[${i}]`
    const resource = asObject(entry['resource'])
    if (!resource) {
      issues.push({ code: 'required', expression: `${path}.resource`, diagnostics: 'Each entry needs a resource' })
      return
    }
    const type = asString(resource['resourceType'])
    if (!(BUNDLE_TYPES as readonly string[]).includes(type)) {
      issues.push({
        code: 'not-supported',
        expression: `${path}.resource`,
        diagnostics: `${type || 'A resource without a type'} is not accepted in a referral; send ${BUNDLE_TYPES.join(', ')}`,
      })
      return
    }
    const method = asString(asObject(entry['request'])?.['method'])
    if (method !== 'POST') {
      issues.push({
        code: 'value',
        expression: `${path}.request.method`,
        diagnostics: 'Each entry of a referral transaction must be a POST (request.method = POST)',
      })
    }
    const entryIssues = schema.validate(type as ValidatedResourceType, resource, `${path}.resource`)
    if (entryIssues.length > 0) schemaInvalid = true
    issues.push(...entryIssues)
    const located = { resource, path: `${path}.resource`, fullUrl: asString(entry['fullUrl']) }
    if (type === 'ServiceRequest') serviceRequests.push(located)
    else others.push(located)
  })
  if (entries.length === 0) {
    issues.push({
      code: 'required',
      expression: 'Bundle.entry',
      diagnostics: 'Add a Patient and a ServiceRequest entry',
    })
  } else if (serviceRequests.length !== 1) {
    issues.push({
      code: serviceRequests.length === 0 ? 'required' : 'not-supported',
      expression: 'Bundle.entry',
      diagnostics: `A referral transaction carries exactly one ServiceRequest (found ${serviceRequests.length})`,
    })
  }
  if (issues.length > 0) return { ok: false, stage: schemaInvalid ? 'schema' : 'rules', issues }
  return { ok: true, serviceRequest: serviceRequests[0]!, others }
}

function fail(code: FhirIssue['code'], expression: string, diagnostics: string): ParseResult {
  return { ok: false, stage: 'schema', issues: [{ code, expression, diagnostics }] }
}

function readReferral(
  serviceRequest: Located,
  contained: readonly Located[],
  siblings: readonly Located[],
  today: Date,
): ParseResult {
  const sr = serviceRequest.resource
  const at = (element: string): string => `${serviceRequest.path}.${element}`
  const issues: FhirIssue[] = []

  if (asString(sr['status']) !== 'active') {
    issues.push({
      code: 'value',
      expression: at('status'),
      diagnostics: `A new referral must have status active (got ${asString(sr['status']) || 'none'})`,
    })
  }
  if (!ACCEPTED_INTENTS.includes(asString(sr['intent']))) {
    issues.push({
      code: 'value',
      expression: at('intent'),
      diagnostics: `intent must be one of ${ACCEPTED_INTENTS.join(', ')}`,
    })
  }

  // The person.
  const subjectReference = asString(asObject(sr['subject'])?.['reference'])
  const patient = resolveReference(subjectReference, 'Patient', contained, siblings)
  let person: PersonDetails | undefined
  if (!patient) {
    issues.push({
      code: 'required',
      expression: at('subject'),
      diagnostics:
        'subject must refer to the Patient sent with the referral: a contained Patient ("#id") or a Patient entry of the same transaction Bundle (its fullUrl or Patient/id)',
    })
  } else {
    const read = readPatient(patient, today)
    issues.push(...read.issues)
    person = read.person
  }

  // Why.
  const needs = new Set<Need>()
  for (const coding of [
    ...codingsOf(sr['reasonCode'], at('reasonCode')),
    ...codingsOf(sr['category'], at('category')),
  ]) {
    if (coding.system === CODE_SYSTEMS.need) {
      if (isNeed(coding.code)) needs.add(coding.code)
      else
        issues.push({
          code: 'value',
          expression: `${coding.path}.code`,
          diagnostics: `Unknown need '${coding.code}'; see the referral-need code system in /fhir/metadata`,
        })
    } else if (coding.system === CODE_SYSTEMS.sdohcc && SDOH_CATEGORY_TO_NEED[coding.code]) {
      needs.add(SDOH_CATEGORY_TO_NEED[coding.code]!)
    }
  }
  if (needs.size === 0) {
    issues.push({
      code: 'required',
      expression: at('reasonCode'),
      diagnostics: `Give at least one reason for the referral: a reasonCode from ${CODE_SYSTEMS.need} (or a Gravity SDOH category)`,
    })
  }
  const reasonText = asObjects(sr['reasonCode'])
    .map((concept) => cleanText(concept['text'], MAX_TEXT))
    .filter(Boolean)
    .join('\n')
  const whatMatters = asObjects(sr['note'])
    .map((note) => cleanText(note['text'], MAX_TEXT))
    .filter(Boolean)
    .join('\n')
  if (reasonText.length > MAX_TEXT)
    issues.push({
      code: 'value',
      expression: at('reasonCode'),
      diagnostics: `Reason text must be ${MAX_TEXT} characters or fewer`,
    })
  if (whatMatters.length > MAX_TEXT)
    issues.push({ code: 'value', expression: at('note'), diagnostics: `Notes must be ${MAX_TEXT} characters or fewer` })

  // Who refers, and to whom.
  const referrer = readRequester(sr, serviceRequest.path, contained, siblings, issues)
  const performer = readPerformer(sr, serviceRequest.path, issues)

  // Risks and contact restrictions.
  const risks: ReferralRisks = {
    loneWorking: false,
    loneWorkingDetails: '',
    safeguardingRaisedElsewhere: false,
    safeguardingDetails: '',
  }
  let noContact = false
  asObjects(sr['orderDetail']).forEach((detail, i) => {
    for (const coding of codingsOf(detail, at(`orderDetail[${i}]`))) {
      if (coding.system === CODE_SYSTEMS.risk && coding.code === 'lone-working') {
        risks.loneWorking = true
        risks.loneWorkingDetails = cleanText(detail['text'], MAX_TEXT)
      } else if (coding.system === CODE_SYSTEMS.risk && coding.code === 'safeguarding-raised-elsewhere') {
        risks.safeguardingRaisedElsewhere = true
        risks.safeguardingDetails = cleanText(detail['text'], MAX_TEXT)
      } else if (coding.code === 'contacting-subject-prohibited') {
        noContact = true
      }
    }
  })
  if (person && noContact) {
    // Gravity's "do not contact the subject": every direct method is ruled out; the service contacts the referrer.
    person = { ...person, contactMethodsToAvoid: [...CONTACT_METHODS], preferredContactMethod: null }
  }

  const priority = asString(sr['priority'])
  const urgency: Urgency = ['urgent', 'asap', 'stat'].includes(priority) ? 'urgent' : 'routine'

  // Consent.
  const consent = readConsents(sr, serviceRequest.path, contained, siblings, referrer?.name ?? '', issues)

  if (issues.length > 0 || !person || !referrer || !consent) return { ok: false, stage: 'rules', issues }
  return {
    ok: true,
    value: {
      performer,
      referrer,
      person,
      needs: [...needs],
      reasonText,
      whatMatters,
      risks,
      urgency,
      consent,
    },
  }
}
