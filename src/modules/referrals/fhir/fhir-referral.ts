// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto'
import { compactNhsNumber } from '../../../shared/nhs-number.ts'
import { normalisePostcode } from '../../../shared/postcode.ts'
import {
  CONTACT_METHODS,
  isConsentMethod,
  personDetailsProblems,
  type ConsentMethod,
  type ContactMethod,
  type PersonDetails,
} from '../../people/index.ts'
import { isNeed, type Need, type Profession, type ReferralRisks, type Urgency } from '../referral.ts'
import { CODE_SYSTEMS, EXTENSIONS, PROFESSION_CODES, SDOH_CATEGORY_TO_NEED } from './fhir-codes.ts'
import { asArray, asObject, asObjects, asString, cleanText, codingsOf, type Json } from './fhir-json.ts'
import type { FhirIssue, FhirSchemaValidator, ValidatedResourceType } from './fhir-schema.ts'
import { isUuid } from '../../../shared/uuid.ts'

/** Where the referral should go, as the sender named it; resolved to an organisation by the service. */
export type PerformerReference =
  | { kind: 'ods'; odsCode: string; path: string }
  | { kind: 'id'; organisationId: string; path: string }
  | { kind: 'none'; path: string }

/** A referral read from FHIR: everything `ReferralSubmission` needs except what the server decides. */
export interface FhirReferral {
  performer: PerformerReference
  referrer: { name: string; profession: Profession | null; email: string | null; phone: string | null }
  person: PersonDetails
  needs: Need[]
  reasonText: string
  whatMatters: string
  risks: ReferralRisks
  urgency: Urgency
  consent: {
    toReferral: boolean
    shareWithService: boolean
    shareWithProviders: boolean
    method: ConsentMethod
    recordedByName: string
    recordedAt: Date
  }
}

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

interface Located {
  resource: Json
  path: string
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

/** Finds the resource a reference points to among contained resources (`#id`) and bundle siblings. */
function resolveReference(
  reference: string,
  type: string,
  contained: readonly Located[],
  siblings: readonly (Located & { fullUrl?: string })[],
): Located | undefined {
  if (!reference) return undefined
  const ofType = (item: Located): boolean => asString(item.resource['resourceType']) === type
  if (reference.startsWith('#')) {
    return contained.find((item) => ofType(item) && asString(item.resource['id']) === reference.slice(1))
  }
  return siblings.find(
    (item) =>
      ofType(item) &&
      ((item.fullUrl !== undefined && item.fullUrl !== '' && item.fullUrl === reference) ||
        (asString(item.resource['id']) !== '' && `${type}/${asString(item.resource['id'])}` === reference)),
  )
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

function readPatient(patient: Located, today: Date): { person?: PersonDetails; issues: FhirIssue[] } {
  const p = patient.resource
  const at = (element: string): string => `${patient.path}.${element}`
  const issues: FhirIssue[] = []
  const fieldPaths: Record<string, string> = {}

  const names = asObjects(p['name'])
  const nameIndex = Math.max(
    0,
    names.findIndex((n) => asString(n['use']) === 'official' && !asString(asObject(n['period'])?.['end'])),
  )
  const current = names.findIndex((n) => !asString(asObject(n['period'])?.['end']))
  const chosenName = names[asString(names[nameIndex]?.['use']) === 'official' ? nameIndex : Math.max(0, current)]
  const nameAt = `name[${names.indexOf(chosenName ?? {})}]`
  const givenName = asArray(chosenName?.['given']).map(asString).filter(Boolean).join(' ')
  const familyName = asString(chosenName?.['family'])
  fieldPaths['givenName'] = names.length ? at(`${nameAt}.given`) : at('name')
  fieldPaths['familyName'] = names.length ? at(`${nameAt}.family`) : at('name')

  const birthDate = asString(p['birthDate'])
  fieldPaths['dateOfBirth'] = at('birthDate')
  if (birthDate && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    issues.push({
      code: 'value',
      expression: at('birthDate'),
      diagnostics: 'birthDate must be a full date (YYYY-MM-DD)',
    })
  }

  // Only the NHS number is read; other identifiers (a US MRN, a local number) are accepted and ignored.
  const identifiers = asObjects(p['identifier'])
  const nhsIndex = identifiers.findIndex((id) => asString(id['system']) === CODE_SYSTEMS.nhsNumber)
  const nhsNumber = nhsIndex >= 0 ? asString(identifiers[nhsIndex]!['value']) : ''
  fieldPaths['nhsNumber'] = at(`identifier[${nhsIndex}].value`)

  const addresses = asObjects(p['address'])
  let addressIndex = addresses.findIndex(
    (a) => asString(a['use']) !== 'old' && !asString(asObject(a['period'])?.['end']) && asString(a['postalCode']),
  )
  if (addressIndex < 0) addressIndex = addresses.findIndex((a) => asString(a['postalCode']))
  const address = addressIndex >= 0 ? addresses[addressIndex]! : undefined
  const lines = asArray(address?.['line']).map(asString).filter(Boolean)
  const country = asString(address?.['country']).toUpperCase()
  fieldPaths['postcode'] = address ? at(`address[${addressIndex}].postalCode`) : at('address')
  fieldPaths['addressLine1'] = at(`address[${addressIndex}].line[0]`)
  fieldPaths['addressLine2'] = at(`address[${addressIndex}].line`)
  fieldPaths['town'] = at(`address[${addressIndex}].city`)
  if (
    address &&
    country &&
    !['GB', 'GBR', 'UK', 'UNITED KINGDOM', 'ENGLAND', 'SCOTLAND', 'WALES', 'NORTHERN IRELAND'].includes(country)
  ) {
    issues.push({
      code: 'business-rule',
      expression: at(`address[${addressIndex}].country`),
      diagnostics: `Waymark serves people living in the UK; this address is in ${country}`,
    })
  }

  const telecoms = asObjects(p['telecom'])
  const phoneIndex = telecoms.findIndex((t) => ['phone', 'sms'].includes(asString(t['system'])))
  const emailIndex = telecoms.findIndex((t) => asString(t['system']) === 'email')
  fieldPaths['phone'] = at(`telecom[${phoneIndex}].value`)
  fieldPaths['email'] = at(`telecom[${emailIndex}].value`)
  const preferred = [...telecoms].sort((a, b) => Number(a['rank'] ?? 99) - Number(b['rank'] ?? 99))[0]
  const preferredContactMethod: ContactMethod | null =
    preferred && preferred['rank'] !== undefined
      ? (({ phone: 'phone', sms: 'text', email: 'email' } as Record<string, ContactMethod>)[
          asString(preferred['system'])
        ] ?? null)
      : null

  const communication = asObjects(p['communication'])[0]
  const language = asObject(communication?.['language'])
  const languageText = asString(language?.['text']) || asString(asObjects(language?.['coding'])[0]?.['display']) || ''
  let interpreterNeeded = false
  for (const extension of asObjects(p['extension'])) {
    if (asString(extension['url']) !== EXTENSIONS.ukCoreNhsCommunication) continue
    for (const inner of asObjects(extension['extension'])) {
      if (asString(inner['url']) === 'interpreterRequired' && inner['valueBoolean'] === true) interpreterNeeded = true
    }
  }

  const details: PersonDetails = {
    givenName: cleanText(givenName, 101),
    familyName: cleanText(familyName, 101),
    dateOfBirth: birthDate,
    nhsNumber: nhsNumber || null,
    addressLine1: cleanText(lines[0], 201),
    addressLine2: cleanText(lines.slice(1).join(', '), 201),
    town: cleanText(address?.['city'], 101),
    postcode: cleanText(address?.['postalCode'], 20),
    phone: cleanText(phoneIndex >= 0 ? telecoms[phoneIndex]!['value'] : '', 31),
    email: cleanText(emailIndex >= 0 ? telecoms[emailIndex]!['value'] : '', 255),
    preferredContactMethod,
    preferredContactTimes: '',
    contactMethodsToAvoid: [],
    language: cleanText(languageText, 101),
    interpreterNeeded,
    accessNeeds: '',
    othersToInvolve: '',
  }
  if (issues.length === 0) {
    for (const problem of personDetailsProblems(details, today)) {
      issues.push({
        code: problem.path === 'postcode' || problem.path === 'nhsNumber' ? 'value' : 'invalid',
        expression: fieldPaths[problem.path] ?? patient.path,
        diagnostics: problem.message,
      })
    }
  }
  if (issues.length > 0) return { issues }
  // The web form's rules normalise; apply the same to what we store.
  return {
    issues,
    person: {
      ...details,
      nhsNumber: details.nhsNumber ? compactNhsNumber(details.nhsNumber) : null,
      postcode: normalisePostcode(details.postcode),
    },
  }
}

function readRequester(
  sr: Json,
  srPath: string,
  contained: readonly Located[],
  siblings: readonly Located[],
  issues: FhirIssue[],
): FhirReferral['referrer'] | undefined {
  const requester = asObject(sr['requester'])
  const reference = asString(requester?.['reference'])
  const role = reference ? resolveReference(reference, 'PractitionerRole', contained, siblings) : undefined
  const practitioner = reference ? resolveReference(reference, 'Practitioner', contained, siblings) : undefined
  let name = asString(requester?.['display'])
  let profession: Profession | null = null
  let email: string | null = null
  let phone: string | null = null
  if (role) {
    name ||= asString(asObject(role.resource['practitioner'])?.['display'])
    for (const coding of codingsOf(role.resource['code'], `${role.path}.code`)) {
      if (coding.system === CODE_SYSTEMS.profession && (PROFESSION_CODES as readonly string[]).includes(coding.code))
        profession = coding.code as Profession
    }
  }
  const contactSource = role ?? practitioner
  if (practitioner) {
    const n = asObjects(practitioner.resource['name'])[0]
    name ||=
      asString(n?.['text']) || [asArray(n?.['given']).map(asString).join(' '), asString(n?.['family'])].join(' ').trim()
  }
  for (const telecom of asObjects(contactSource?.resource['telecom'])) {
    if (asString(telecom['system']) === 'email') email ??= cleanText(telecom['value'], 254)
    if (asString(telecom['system']) === 'phone') phone ??= cleanText(telecom['value'], 30)
  }
  if (!name) {
    issues.push({
      code: 'required',
      expression: `${srPath}.requester`,
      diagnostics:
        'Name the person making the referral: requester.display, or a contained PractitionerRole or Practitioner with a name',
    })
    return undefined
  }
  return { name: cleanText(name, 200), profession, email, phone }
}

function readPerformer(sr: Json, srPath: string, issues: FhirIssue[]): PerformerReference {
  const performers = asObjects(sr['performer'])
  if (performers.length === 0) return { kind: 'none', path: `${srPath}.performer` }
  const performer = performers[0]!
  const path = `${srPath}.performer[0]`
  const identifier = asObject(performer['identifier'])
  if (identifier && asString(identifier['system']) === CODE_SYSTEMS.odsOrganisation && asString(identifier['value'])) {
    return { kind: 'ods', odsCode: asString(identifier['value']).toUpperCase(), path: `${path}.identifier` }
  }
  const match = /^(?:Organization|HealthcareService)\/(.+)$/.exec(asString(performer['reference']))
  if (match && isUuid(match[1]))
    return { kind: 'id', organisationId: match[1]!.toLowerCase(), path: `${path}.reference` }
  issues.push({
    code: 'value',
    expression: path,
    diagnostics: `Name the receiving service by ODS code (identifier.system ${CODE_SYSTEMS.odsOrganisation}) or as Organization/<Waymark id>`,
  })
  return { kind: 'none', path }
}

function readConsents(
  sr: Json,
  srPath: string,
  contained: readonly Located[],
  siblings: readonly Located[],
  requesterName: string,
  issues: FhirIssue[],
): FhirReferral['consent'] | undefined {
  const consents = [...contained, ...siblings].filter((item) => asString(item.resource['resourceType']) === 'Consent')
  const decided = { referral: undefined as boolean | undefined, service: false, providers: false }
  let method: ConsentMethod = 'electronic-record'
  let recordedByName = ''
  let recordedAt: Date | undefined
  for (const item of consents) {
    const consent = item.resource
    const status = asString(consent['status'])
    if (!['active', 'rejected'].includes(status)) continue
    const given = status === 'active'
    const scopes = codingsOf(consent['category'], `${item.path}.category`)
    let matched = false
    for (const coding of scopes) {
      if (coding.system === CODE_SYSTEMS.consentScope && coding.code === 'referral') {
        decided.referral = given
        matched = true
      } else if (coding.system === CODE_SYSTEMS.consentScope && coding.code === 'share-with-service') {
        decided.service = given
        matched = true
      } else if (coding.system === CODE_SYSTEMS.consentScope && coding.code === 'share-with-providers') {
        decided.providers = given
        matched = true
      } else if (coding.system === CODE_SYSTEMS.v3ActCode && coding.code === 'IDSCL') {
        // Gravity's information-disclosure consent: sharing with the receiving service.
        decided.service = given
        matched = true
      }
    }
    if (!matched) continue
    const dateTime = asString(consent['dateTime'])
    if (!dateTime) {
      issues.push({
        code: 'required',
        expression: `${item.path}.dateTime`,
        diagnostics: 'Say when consent was recorded (Consent.dateTime)',
      })
      continue
    }
    const when = new Date(dateTime)
    if (Number.isNaN(when.getTime()) || when.getTime() > Date.now() + 5 * 60_000) {
      issues.push({
        code: 'value',
        expression: `${item.path}.dateTime`,
        diagnostics: 'Consent.dateTime must be a real time, not in the future',
      })
      continue
    }
    recordedAt = recordedAt && recordedAt > when ? recordedAt : when
    recordedByName ||= asString(asObjects(consent['performer'])[0]?.['display'])
    for (const extension of asObjects(consent['extension'])) {
      if (asString(extension['url']) !== EXTENSIONS.consentMethod) continue
      const code = asString(extension['valueCode'])
      if (isConsentMethod(code)) method = code
      else
        issues.push({
          code: 'value',
          expression: `${item.path}.extension`,
          diagnostics: 'Consent method must be one of verbal, written, online-form, electronic-record',
        })
    }
  }
  if (decided.referral !== true) {
    issues.push({
      code: 'required',
      expression: `${srPath}.supportingInfo`,
      diagnostics:
        decided.referral === false
          ? 'The person has not consented to the referral, so it cannot be sent'
          : `Include the person's consent to the referral: a Consent (contained or in the Bundle) with status active and category ${CODE_SYSTEMS.consentScope}#referral`,
    })
    return undefined
  }
  if (!decided.service) {
    issues.push({
      code: 'required',
      expression: `${srPath}.supportingInfo`,
      diagnostics: `Include the person's consent to share their details with the service: a Consent with status active and category ${CODE_SYSTEMS.consentScope}#share-with-service (or v3-ActCode#IDSCL)`,
    })
    return undefined
  }
  return {
    toReferral: true,
    shareWithService: decided.service,
    shareWithProviders: decided.providers,
    method,
    recordedByName: cleanText(recordedByName || requesterName, 200),
    recordedAt: recordedAt ?? new Date(),
  }
}
