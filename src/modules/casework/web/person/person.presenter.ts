// SPDX-License-Identifier: AGPL-3.0-or-later
import { formatNhsNumber } from '../../../../shared/nhs-number.ts'
import { describePostcode } from '../../../../shared/postcode.ts'
import {
  ageOn,
  CONSENT_METHOD_LABELS,
  CONSENT_SCOPE_LABELS,
  CONSENT_SCOPES,
  CONTACT_METHOD_LABELS,
  CONTACT_THROUGH_LABELS,
  ETHNIC_CATEGORY_LABELS,
  SEX_LABELS,
  currentConsents,
  presentWithdrawal,
  withdrawnFromSupport,
  FLAG_KIND_LABELS,
  type FlagKind,
  type Person,
  type PersonFlag,
} from '../../../people/index.ts'
import {
  FINAL_STATUSES,
  NEED_LABELS,
  NEEDS,
  REFERRAL_STATUS_LABELS,
  type Need,
  type ReferralSummary,
} from '../../../referrals/index.ts'
import { PATHWAY_LABELS, type Episode } from '../../casework.ts'
import type { PersonRecord } from '../../person.service.ts'

/** Tag colours for flags wherever they are shown: red for what could put someone at risk today. */
export const FLAG_TAG_CLASSES: Record<FlagKind, string> = {
  safeguarding: 'nhsuk-tag--red',
  'lone-working': 'nhsuk-tag--red',
  'other-risk': 'nhsuk-tag--orange',
}

/** Flags as tags for lists (one per kind, most serious first). */
export function flagTags(flags: readonly Pick<PersonFlag, 'kind'>[]): { text: string; classes: string }[] {
  const kinds = (['safeguarding', 'lone-working', 'other-risk'] as const).filter((k) => flags.some((f) => f.kind === k))
  return kinds.map((kind) => ({ text: FLAG_KIND_LABELS[kind], classes: FLAG_TAG_CLASSES[kind] }))
}

/** The person's details as the page and the compare page show them. */
export function presentDetails(person: Person, today = new Date()) {
  return {
    id: person.id,
    name: `${person.givenName} ${person.familyName}`,
    dateOfBirth: person.dateOfBirth,
    age: ageOn(person.dateOfBirth, today),
    nhsNumber: person.nhsNumber ? formatNhsNumber(person.nhsNumber) : null,
    address: [person.addressLine1, person.addressLine2, person.town, describePostcode(person.postcode)]
      .filter(Boolean)
      .join(', '),
    contactThrough: person.contactThrough
      ? `${CONTACT_THROUGH_LABELS[person.contactThrough]}: ${person.contactThroughDetails ?? ''}`
      : null,
    gpPractice: person.gpPractice ?? '',
    phone: person.phone,
    email: person.email,
    preferred: [
      person.preferredContactMethod ? CONTACT_METHOD_LABELS[person.preferredContactMethod] : '',
      person.preferredContactTimes,
    ]
      .filter(Boolean)
      .join(' – '),
    avoid: person.contactMethodsToAvoid.map((m) => CONTACT_METHOD_LABELS[m]).join(', '),
    language: (person.language || 'Not given') + (person.interpreterNeeded ? ' – needs an interpreter' : ''),
    sex: person.sex ? SEX_LABELS[person.sex] : 'Not asked',
    ethnicity: person.ethnicity ? ETHNIC_CATEGORY_LABELS[person.ethnicity] : 'Not asked',
    accessNeeds: person.accessNeeds,
    othersToInvolve: person.othersToInvolve,
    createdAt: person.createdAt,
  }
}

export interface Viewer {
  userId: string | null
  supervisor: boolean
}

const CASELOAD = ['accepted', 'in-progress', 'on-hold']

/**
 * Where a referral row links: the episode when the viewer may open it (their own case, or any episode for a
 * supervisor), else the referral page when they may see it, else nowhere (a link that answers 404 helps nobody).
 */
export function referralLink(referral: ReferralSummary, episode: Episode | undefined, viewer: Viewer): string | null {
  const own = referral.ownerUserId !== null && referral.ownerUserId === viewer.userId
  if (own && CASELOAD.includes(referral.status)) return `/caseload/${referral.id}`
  if (episode && (viewer.supervisor || (own && episode.linkWorkerUserId === viewer.userId)))
    return `/caseload/${referral.id}`
  if (viewer.supervisor || own) return `/referrals/${referral.id}`
  return null
}

/**
 * Needs support is working on for the person's open referrals, in the referral form's order: those the latest
 * "what matters" conversation confirmed or added when there is one (`inForce`), else the referral's.
 */
export function needsFromReferrals(
  referrals: readonly ReferralSummary[],
  inForce: ReadonlyMap<string, readonly Need[]> = new Map(),
): { need: Need; label: string; references: string[] }[] {
  const open = referrals
    .filter((r) => !FINAL_STATUSES.includes(r.status))
    .map((r) => ({ reference: r.reference, needs: inForce.get(r.id) ?? r.needs }))
  return NEEDS.filter((need) => open.some((r) => r.needs.includes(need))).map((need) => ({
    need,
    label: NEED_LABELS[need],
    references: open.filter((r) => r.needs.includes(need)).map((r) => r.reference),
  }))
}

function presentFlag(flag: PersonFlag, personId: string) {
  return {
    ...flag,
    kindLabel: FLAG_KIND_LABELS[flag.kind],
    tagClass: FLAG_TAG_CLASSES[flag.kind],
    fromReferral: flag.sourceKey?.startsWith('referral:') ?? false,
    endHref: `/people/${personId}/flags/${flag.id}/end`,
  }
}

/** Everything the person page shows, as plain data. */
export function presentPersonRecord(record: PersonRecord, viewer: Viewer, today = new Date()) {
  const { person } = record
  const current = currentConsents(record.consents)
  return {
    details: presentDetails(person, today),
    withdrawal: presentWithdrawal(
      withdrawnFromSupport(current),
      person.givenName,
      'Nothing more is shared with community providers or sent to them. Record their consent again here if they change their mind.',
    ),
    version: person.version,
    mergedRecords: record.mergedRecords.map((p) => presentDetails(p, today)),
    activeFlags: record.activeFlags.map((f) => presentFlag(f, person.id)),
    endedFlags: record.endedFlags.map((f) => presentFlag(f, person.id)),
    consents: CONSENT_SCOPES.map((scope) => {
      const c = current[scope]
      return {
        label: CONSENT_SCOPE_LABELS[scope],
        answer: c ? (c.given ? 'Yes' : 'No') : 'Not asked',
        detail: c ? `${CONSENT_METHOD_LABELS[c.method]}, recorded by ${c.recordedByName}` : 'No decision recorded',
        recordedAt: c?.recordedAt ?? null,
      }
    }),
    consentHistory: [...record.consents].reverse().map((c) => ({
      scopeLabel: CONSENT_SCOPE_LABELS[c.scope],
      answer: c.given ? 'Yes' : 'No',
      methodLabel: CONSENT_METHOD_LABELS[c.method],
      recordedByName: c.recordedByName,
      recordedAt: c.recordedAt,
    })),
    needs: needsFromReferrals(record.referrals, record.needsByReferral),
    referrals: record.referrals.map((r) => {
      const episode = record.episodesByReferral.get(r.id)
      const final = FINAL_STATUSES.includes(r.status)
      return {
        id: r.id,
        reference: r.reference,
        href: referralLink(r, episode, viewer),
        statusLabel: REFERRAL_STATUS_LABELS[r.status],
        open: !final,
        linkWorker: r.ownerName ?? 'Not allocated',
        receivedAt: r.receivedAt,
        firstContactAt: episode?.firstContactOn ?? r.firstContactAt,
        endedAt: final ? r.lastUpdated : null,
        pathway: episode ? PATHWAY_LABELS[episode.pathway] : null,
        fromMergedRecord: r.personId !== person.id,
      }
    }),
    merges: record.merges.map((m) => ({
      ...m,
      kept: m.keptPersonId === person.id,
      canUndo: viewer.supervisor && !m.undoneAt && m.keptPersonId === person.id,
      undoAction: `/people/${person.id}/merges/${m.id}/undo`,
    })),
  }
}
