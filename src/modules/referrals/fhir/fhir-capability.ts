// SPDX-License-Identifier: AGPL-3.0-or-later
import { BUSINESS_STATUSES } from '../referral-status.ts'
import { NEEDS } from '../referral.ts'
import { BUSINESS_STATUS_DEFINITIONS, CODE_SYSTEMS, EXTENSIONS } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'

const TASK_SEARCH = [
  [
    'status',
    'token',
    'Task status, comma-separated for any of several (requested, accepted, rejected, cancelled, in-progress, on-hold, failed, completed, entered-in-error)',
  ],
  [
    'owner',
    'reference',
    'The receiving service: Organization/<id> or an ODS code (identifier search: https://fhir.nhs.uk/Id/ods-organization-code|<code>)',
  ],
  ['requester', 'reference', 'The referring organisation: Organization/<id> or an ODS code (as for owner)'],
  [
    'patient',
    'token',
    'The person by NHS number: https://fhir.nhs.uk/Id/nhs-number|<10 digits> (receiving services only)',
  ],
  ['_lastUpdated', 'date', 'gt, ge, lt or le followed by an ISO date or date-time; repeat for a range'],
  ['_count', 'number', 'Page size, 1 to 100 (default 20); follow the next link for more'],
] as const

/** What the server supports, exactly: one place, served at /fhir/metadata. */
export function capabilityStatement(
  baseUrl: string,
  software: { version: string },
  otherResources: readonly Json[] = [],
): Json {
  const search = TASK_SEARCH.map(([name, type, documentation]) => ({ name, type, documentation }))
  return {
    resourceType: 'CapabilityStatement',
    id: 'waymark',
    url: `${baseUrl}/fhir/metadata`,
    name: 'WaymarkReferralApi',
    title: 'Waymark social prescribing referral API',
    status: 'active',
    experimental: false,
    date: '2026-11-22',
    publisher: 'Waymark',
    description:
      'Send referrals to a social prescribing service and follow them, in the HL7 Gravity closed-loop pattern (ServiceRequest + Task) with UK identifiers. ' +
      'Authenticate with an organisation API key: "Authorization: Bearer <key>" (administrators create keys at /admin/api-keys). ' +
      'A client of a social prescribing service sees the referrals its service received; a client of any other organisation sees the referrals it made. ' +
      `Needs are coded from ${CODE_SYSTEMS.need} (${NEEDS.join(', ')}); Gravity SDOH categories are also accepted and mapped. ` +
      `Consent to the referral is required: a Consent with status active and category ${CODE_SYSTEMS.consentScope}#referral ` +
      '(and optionally #share-with-service, #share-with-providers; Gravity IDSCL counts as share-with-service), ' +
      `with dateTime, performer.display (who recorded it) and the method in extension ${EXTENSIONS.consentMethod} (verbal, written, online-form, electronic-record). ` +
      `Task.businessStatus codes (${CODE_SYSTEMS.businessStatus}): ${BUSINESS_STATUSES.map((code) => `${code}: ${BUSINESS_STATUS_DEFINITIONS[code]}`).join(' ')} ` +
      'Rate limit: per key per minute; over it the answer is 429 with an OperationOutcome.',
    kind: 'instance',
    software: { name: 'Waymark', version: software.version },
    implementation: { description: 'Waymark referral API', url: `${baseUrl}/fhir` },
    fhirVersion: '4.0.1',
    format: ['json'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: false,
          description:
            'Organisation API keys sent as a bearer token. Every read and write is audited with the key as the actor.',
        },
        resource: [
          {
            type: 'ServiceRequest',
            documentation:
              'POST a ServiceRequest with a contained Patient (subject "#id") and contained Consent. Validated against the FHIR R4 schema, then: status active; intent order, original-order, plan or proposal; the Patient has a name, a birth date (not in the future, at most 120 years ago), a UK postcode and, when given, an NHS number that passes Modulus 11; at least one reasonCode; consent to the referral; performer names the receiving service by ODS code or Organization/<id> (optional when the sender is itself the service). ' +
              'Send an Idempotency-Key header: the same key and body returns the same Task (200); the same key with a different body is refused (422).',
            interaction: [{ code: 'create' }, { code: 'read' }, { code: 'search-type' }],
            versioning: 'no-version',
            readHistory: false,
            updateCreate: false,
            conditionalCreate: false,
            searchParam: search,
          },
          {
            type: 'Task',
            documentation:
              'Created by the server for each referral: intent order, code fulfill, focus the ServiceRequest, status from the Gravity referral task states; statusReason.text for rejected, cancelled, on-hold and failed; businessStatus from our code system. Read-only over the API: status changes are made in Waymark by the receiving service.',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            versioning: 'no-version',
            searchParam: search,
          },
          {
            type: 'Communication',
            documentation:
              'The message back to the GP and referrer, once a referral is closed or declined: coded with SNOMED CT (871731000000106 or 871711000000103, held as data), with a readable summary as payload. Also linked from Task.output. Search by based-on=ServiceRequest/<id> or part-of=Task/<id>.',
            interaction: [{ code: 'read' }, { code: 'search-type' }],
            searchParam: [
              { name: 'based-on', type: 'reference', documentation: 'ServiceRequest/<id>' },
              { name: 'part-of', type: 'reference', documentation: 'Task/<id>' },
            ],
          },
          ...otherResources,
        ],
        interaction: [
          {
            code: 'transaction',
            documentation:
              'POST a Bundle of type transaction to /fhir with one ServiceRequest entry and its Patient (and Consent, PractitionerRole, Practitioner, Organization) entries, each with request.method POST; subject refers to the Patient entry by fullUrl. The answer is the created Task itself (201, Location: the Task), as for POST /fhir/ServiceRequest, so that both ways of sending give the same result; the ServiceRequest and Task share one id.',
          },
        ],
      },
    ],
  }
}
