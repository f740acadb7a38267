// SPDX-License-Identifier: AGPL-3.0-or-later
// The person in a referral: a FHIR UK Core Patient read into Waymark's person details, every issue naming the
// FHIRPath of the element at fault.
import { compactNhsNumber } from '../../../shared/nhs-number.ts'
import { normalisePostcode } from '../../../shared/postcode.ts'
import {
  isEthnicCategory,
  personDetailsProblems,
  sexFromFhirGender,
  UK_CORE_ETHNIC_CATEGORY_EXTENSION,
  UK_CORE_ETHNIC_CATEGORY_SYSTEM,
  type ContactMethod,
  type EthnicCategory,
  type PersonDetails,
} from '../../people/index.ts'
import { CODE_SYSTEMS, EXTENSIONS } from './fhir-codes.ts'
import { asArray, asObject, asObjects, asString, cleanText, type Located } from './fhir-json.ts'
import type { FhirIssue } from './fhir-schema.ts'

export function readPatient(patient: Located, today: Date): { person?: PersonDetails; issues: FhirIssue[] } {
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

  // Sex from Patient.gender; ethnic category from UK Core's extension (its code, when from the NHS code system).
  let ethnicity: EthnicCategory | null = null
  for (const extension of asObjects(p['extension'])) {
    if (asString(extension['url']) !== UK_CORE_ETHNIC_CATEGORY_EXTENSION) continue
    const coding = asObjects(asObject(extension['valueCodeableConcept'])?.['coding']).find(
      (c) => asString(c['system']) === UK_CORE_ETHNIC_CATEGORY_SYSTEM,
    )
    const code = asString(coding?.['code'])
    if (isEthnicCategory(code)) ethnicity = code
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
    sex: sexFromFhirGender(p['gender']),
    ethnicity,
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
