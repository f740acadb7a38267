// SPDX-License-Identifier: AGPL-3.0-or-later
import { BUSINESS_STATUS_LABELS, STATUSES_NEEDING_REASON } from '../referral-status.ts'
import {
  NEED_LABELS,
  PROFESSION_LABELS,
  type MessageBack,
  type ReferralDetail,
  type ReferralSummary,
} from '../referral.ts'
import { CODE_SYSTEMS, WAYMARK_CANONICAL } from './fhir-codes.ts'
import type { Json } from './fhir-json.ts'

const ORGANISATION_ID_SYSTEM = `${WAYMARK_CANONICAL}/Id/organisation`

function organisationReference(id: string | null, name: string | null): Json {
  return {
    type: 'Organization',
    ...(id ? { identifier: { system: ORGANISATION_ID_SYSTEM, value: id } } : {}),
    ...(name ? { display: name } : {}),
  }
}

function patientReference(referral: Pick<ReferralSummary, 'personName'>, nhsNumber: string | null | undefined): Json {
  return {
    type: 'Patient',
    ...(nhsNumber ? { identifier: { system: CODE_SYSTEMS.nhsNumber, value: nhsNumber } } : {}),
    display: referral.personName,
  }
}

/** The referral's workflow as a Gravity referral-management Task (intent order, code fulfill, focus the ServiceRequest). */
export function toTask(
  referral: ReferralSummary,
  options: { nhsNumber?: string | null; hasMessageBack: boolean },
): Json {
  const needsReason = (STATUSES_NEEDING_REASON as readonly string[]).includes(referral.status)
  return {
    resourceType: 'Task',
    id: referral.id,
    meta: { lastUpdated: referral.lastUpdated.toISOString() },
    identifier: [{ system: CODE_SYSTEMS.referralReference, value: referral.reference }],
    status: referral.status,
    ...(needsReason || referral.statusReason
      ? { statusReason: { text: referral.statusReason ?? BUSINESS_STATUS_LABELS[referral.businessStatus] } }
      : {}),
    businessStatus: {
      coding: [
        {
          system: CODE_SYSTEMS.businessStatus,
          code: referral.businessStatus,
          display: BUSINESS_STATUS_LABELS[referral.businessStatus],
        },
      ],
      text: BUSINESS_STATUS_LABELS[referral.businessStatus],
    },
    intent: 'order',
    priority: referral.urgency === 'urgent' ? 'urgent' : 'routine',
    code: { coding: [{ system: CODE_SYSTEMS.taskCode, code: 'fulfill', display: 'Fulfill the focal request' }] },
    focus: { reference: `ServiceRequest/${referral.id}` },
    for: patientReference(referral, options.nhsNumber),
    authoredOn: referral.receivedAt.toISOString(),
    lastModified: referral.lastUpdated.toISOString(),
    requester: organisationReference(
      referral.requester.organisationId,
      referral.requester.organisationName ?? referral.requester.name,
    ),
    owner: organisationReference(referral.organisationId, referral.organisationName),
    restriction: { period: { end: `${referral.contactTargetDate}` } },
    ...(options.hasMessageBack
      ? {
          output: [
            {
              type: { text: 'Message back to the GP and referrer' },
              valueReference: { reference: `Communication/${referral.id}` },
            },
          ],
        }
      : {}),
  }
}

/**
 * The referral as a ServiceRequest. A referrer's view carries what they sent; the receiving service's view
 * adds nothing a referrer may not see (casework stays out of the API).
 */
export function toServiceRequest(referral: ReferralSummary, detail?: ReferralDetail): Json {
  const open = ['draft', 'requested', 'accepted', 'in-progress', 'on-hold'].includes(referral.status)
  const status =
    referral.status === 'entered-in-error'
      ? 'entered-in-error'
      : referral.status === 'completed'
        ? 'completed'
        : open
          ? 'active'
          : 'revoked'
  return {
    resourceType: 'ServiceRequest',
    id: referral.id,
    meta: { lastUpdated: referral.lastUpdated.toISOString() },
    identifier: [{ system: CODE_SYSTEMS.referralReference, value: referral.reference }],
    status,
    intent: 'order',
    priority: referral.urgency === 'urgent' ? 'urgent' : 'routine',
    code: {
      coding: [
        {
          system: CODE_SYSTEMS.snomed,
          code: '871731000000106',
          display: 'Referral to social prescribing service (procedure)',
        },
      ],
    },
    reasonCode: referral.needs.map((need, i) => ({
      coding: [{ system: CODE_SYSTEMS.need, code: need, display: NEED_LABELS[need] }],
      ...(i === 0 && detail?.reasonText ? { text: detail.reasonText } : {}),
    })),
    subject: patientReference(referral, detail?.person.nhsNumber),
    authoredOn: referral.receivedAt.toISOString(),
    requester: {
      ...(referral.requester.organisationId
        ? { identifier: { system: ORGANISATION_ID_SYSTEM, value: referral.requester.organisationId } }
        : {}),
      display: [
        referral.requester.name,
        referral.requester.profession ? PROFESSION_LABELS[referral.requester.profession] : '',
        referral.requester.organisationName ?? '',
      ]
        .filter(Boolean)
        .join(', '),
    },
    performer: [organisationReference(referral.organisationId, referral.organisationName)],
    ...(detail?.whatMatters ? { note: [{ text: detail.whatMatters }] } : {}),
  }
}

/**
 * The message back to the GP and referrer as a Communication: one resource a GP system can file against
 * the patient, coded with the SNOMED CT concept from the codes table, with the readable summary as text.
 */
export function toCommunication(message: MessageBack): Json {
  const sections: [string, string][] = [
    ['What happened', message.whatHappened],
    ['Connected to', message.connectedTo],
    ['Outcomes', message.outcomes],
    ['Guidance for the referrer', message.guidance ?? ''],
  ]
  return {
    resourceType: 'Communication',
    id: message.referralId,
    meta: { lastUpdated: message.issuedAt.toISOString() },
    identifier: [{ system: CODE_SYSTEMS.referralReference, value: message.reference }],
    basedOn: [{ reference: `ServiceRequest/${message.referralId}` }],
    partOf: [{ reference: `Task/${message.referralId}` }],
    status: 'completed',
    category: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/communication-category', code: 'notification' }],
        text: 'Message back to the GP and referrer',
      },
    ],
    subject: {
      type: 'Patient',
      ...(message.person.nhsNumber
        ? { identifier: { system: CODE_SYSTEMS.nhsNumber, value: message.person.nhsNumber } }
        : {}),
      display: message.person.name,
    },
    topic: { text: `Social prescribing referral ${message.reference}` },
    sent: message.issuedAt.toISOString(),
    recipient: [
      {
        ...organisationReference(message.requester.organisationId, message.requester.organisationName),
        display: [message.requester.name, message.requester.organisationName].filter(Boolean).join(', '),
      },
    ],
    sender: organisationReference(message.service.id, message.service.name),
    reasonCode: [{ coding: [message.code], text: message.code.display }],
    payload: [
      {
        contentString: [
          `Referral ${message.reference} for ${message.person.name} (born ${message.person.dateOfBirth}${
            message.person.nhsNumber ? `, NHS number ${message.person.nhsNumber}` : ''
          }), received ${message.receivedAt.toISOString().slice(0, 10)} by ${message.service.name}.`,
          `Needs: ${message.needs.map((need) => NEED_LABELS[need]).join(', ') || 'none recorded'}.`,
        ].join('\n'),
      },
      ...sections
        .filter(([, text]) => text.trim() !== '')
        .map(([heading, text]) => ({ contentString: `${heading}: ${text}` })),
    ],
  }
}

/** A searchset Bundle with self and next links (offset paging; `_count` caps at 100). */
export function toSearchset(
  baseUrl: string,
  path: string,
  query: Record<string, string>,
  resources: Json[],
  total: number,
  paging: { count: number; offset: number },
): Json {
  const link = (offset: number): string => {
    const params = new URLSearchParams({ ...query, _count: String(paging.count), _offset: String(offset) })
    return `${baseUrl}${path}?${params.toString()}`
  }
  const links: Json[] = [{ relation: 'self', url: link(paging.offset) }]
  if (paging.offset + paging.count < total) links.push({ relation: 'next', url: link(paging.offset + paging.count) })
  if (paging.offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, paging.offset - paging.count)) })
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total,
    link: links,
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/fhir/${String(resource['resourceType'])}/${String(resource['id'])}`,
      resource,
      search: { mode: 'match' },
    })),
  }
}
