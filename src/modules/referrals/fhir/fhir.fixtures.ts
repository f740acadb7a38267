// SPDX-License-Identifier: AGPL-3.0-or-later
// Bodies for the referral API's tests and the demo: a minimal valid referral, as a contained ServiceRequest and
// as a transaction Bundle.
import { CODE_SYSTEMS, EXTENSIONS } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'

export interface ReferralFixtureOptions {
  serviceId: string
  nhsNumber?: string
  givenName?: string
  familyName?: string
  postcode?: string
  /** Patient.gender and UK Core's ethnic category code, when the test wants them sent. */
  gender?: string
  ethnicCategory?: string
}

function patient(options: ReferralFixtureOptions, id: string): Json {
  return {
    resourceType: 'Patient',
    id,
    identifier: [{ system: CODE_SYSTEMS.nhsNumber, value: options.nhsNumber ?? '9434765919' }],
    name: [{ use: 'official', family: options.familyName ?? 'Jones', given: [options.givenName ?? 'Megan'] }],
    birthDate: '1948-03-27',
    telecom: [
      { system: 'phone', value: '07700 900982', rank: 1 },
      { system: 'email', value: 'megan@example.com' },
    ],
    address: [{ line: ['12 High Street'], city: 'Leeds', postalCode: options.postcode ?? 'LS1 4AP', country: 'GB' }],
    communication: [{ language: { text: 'English' } }],
    ...(options.gender ? { gender: options.gender } : {}),
    ...(options.ethnicCategory
      ? {
          extension: [
            {
              url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory',
              valueCodeableConcept: {
                coding: [
                  {
                    system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland',
                    code: options.ethnicCategory,
                  },
                ],
              },
            },
          ],
        }
      : {}),
  }
}

function consent(code: string, id: string, patientReference: string): Json {
  return {
    resourceType: 'Consent',
    id,
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    category: [{ coding: [{ system: CODE_SYSTEMS.consentScope, code }] }],
    patient: { reference: patientReference },
    dateTime: '2026-11-20T10:15:00Z',
    performer: [{ display: 'Dr Asha Patel' }],
    extension: [{ url: EXTENSIONS.consentMethod, valueCode: 'verbal' }],
  }
}

function serviceRequest(options: ReferralFixtureOptions, subject: string): Json {
  return {
    resourceType: 'ServiceRequest',
    status: 'active',
    intent: 'order',
    priority: 'routine',
    code: { coding: [{ system: CODE_SYSTEMS.snomed, code: '871731000000106' }] },
    reasonCode: [
      { coding: [{ system: CODE_SYSTEMS.need, code: 'loneliness' }], text: 'Lives alone since her husband died' },
      { coding: [{ system: CODE_SYSTEMS.need, code: 'bereavement' }] },
    ],
    note: [{ text: 'Wants to get back to singing' }],
    subject: { reference: subject },
    requester: { display: 'Dr Asha Patel' },
    performer: [{ reference: `Organization/${options.serviceId}` }],
    authoredOn: '2026-11-20T10:20:00Z',
  }
}

/** A ServiceRequest carrying its Patient and consents as contained resources. */
export function containedReferral(options: ReferralFixtureOptions): Json {
  return {
    ...serviceRequest(options, '#patient'),
    contained: [
      patient(options, 'patient'),
      consent('referral', 'consent-referral', '#patient'),
      consent('share-with-service', 'consent-share', '#patient'),
    ],
  }
}

/** The same referral as a transaction Bundle with one entry per resource. */
export function transactionReferral(options: ReferralFixtureOptions): Json {
  const patientUrl = 'urn:uuid:8f1b7f3e-2f4e-4d0a-9a77-1b2c3d4e5f60'
  const entry = (resource: Json, fullUrl?: string): Json => ({
    ...(fullUrl ? { fullUrl } : {}),
    resource,
    request: { method: 'POST', url: String(resource['resourceType']) },
  })
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      entry(patient(options, 'p1'), patientUrl),
      entry(consent('referral', 'c1', patientUrl)),
      entry(consent('share-with-service', 'c2', patientUrl)),
      entry(serviceRequest(options, patientUrl), 'urn:uuid:0d9c3b1a-7e6f-4a5b-8c9d-0e1f2a3b4c5d'),
    ],
  }
}
