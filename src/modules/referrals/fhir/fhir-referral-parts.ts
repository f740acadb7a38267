// SPDX-License-Identifier: AGPL-3.0-or-later
// The parts of a referral beside the person: who sent it (the requester), where it should go (the performer),
// what the person agreed to (the consents), and the references between them, every issue naming its FHIRPath.
import { isConsentMethod, type ConsentMethod, type PersonDetails } from '../../people/index.ts'
import { type Need, type Profession, type ReferralRisks, type Urgency } from '../referral.ts'
import { CODE_SYSTEMS, EXTENSIONS, PROFESSION_CODES } from './fhir-codes.ts'
import { asArray, asObject, asObjects, asString, cleanText, codingsOf, type Json, type Located } from './fhir-json.ts'
import type { FhirIssue } from './fhir-schema.ts'
import { isUuid } from '../../../shared/uuid.ts'

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

/** Where the referral should go, as the sender named it; resolved to an organisation by the service. */
export type PerformerReference =
  | { kind: 'ods'; odsCode: string; path: string }
  | { kind: 'id'; organisationId: string; path: string }
  | { kind: 'none'; path: string }

/** Finds the resource a reference points to among contained resources (`#id`) and bundle siblings. */
export function resolveReference(
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

export function readRequester(
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

export function readPerformer(sr: Json, srPath: string, issues: FhirIssue[]): PerformerReference {
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

export function readConsents(
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
