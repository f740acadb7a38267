// SPDX-License-Identifier: AGPL-3.0-or-later
// What the referring organisation sees of what it sent (the closed loop), and the coded message back.
import { recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import { scopeForSystemTask, type AnyScope, type OrgScope, type ReferrerScope } from '../../platform/db/org-scope.ts'
import { currentConsents, findPerson, listConsentHistory } from '../people/index.ts'
import { londonDate } from './contact-target.ts'
import { BUSINESS_STATUS_LABELS } from './referral-status.ts'
import {
  DECLINE_REASON_GUIDANCE,
  DECLINE_REASON_LABELS,
  hasMessageBack,
  messageBackPurpose,
  NEED_LABELS,
  type MessageBack,
  type Page,
  type PageRequest,
  type ReferralClosure,
  type ReferralDetail,
  type ServiceContact,
  type ReferralEvent,
  type ReferralFilters,
  type ReferralSummary,
} from './referral.ts'
import { planReferralChange } from './referral-change.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'
import * as referenceRepo from './reference.repository.ts'
import { changeReferral, type ChangeActor } from './referral.service.ts'

// ---- The referring organisation's view (cross-tenant read, see repository) ----

export async function listReferralsMadeBy(
  scope: ReferrerScope,
  filters: ReferralFilters,
  page: PageRequest,
): Promise<Page<ReferralSummary>> {
  return repo.listReferralsByReferrer(scope, filters, page)
}

export interface ReferralForReferrer {
  summary: ReferralSummary
  history: ReferralEvent[]
  declineReason: ReferralDetail['declineReason']
  guidance: string | null
  messageBackAvailable: boolean
  /** The version the referrer is looking at, so a withdrawal never overwrites a change they have not seen. */
  version: number
  /** Whether the referrer may still withdraw it (Gravity lets the requester cancel until it is finished). */
  canWithdraw: boolean
}

/**
 * The referral the referrer's organisation made, with a handle on the receiving service's records for the one
 * thing the referrer may do there (read its visible history, withdraw it): a system task, the reason in the code.
 */
async function madeBy(
  referrer: ReferrerScope,
  referralId: string,
  reason: string,
): Promise<
  { found: NonNullable<Awaited<ReturnType<typeof repo.findReferralByReferrer>>>; serviceScope: OrgScope } | undefined
> {
  const found = await repo.findReferralByReferrer(referrer, referralId)
  if (!found) return undefined
  const serviceScope = scopeForSystemTask(referrer.db, { id: found.referral.organisationId, areaId: '' }, reason)
  return { found, serviceScope }
}

/** One referral as its referrer may see it: status, history visible to them, decline guidance. Audited. */
export async function viewReferralMadeBy(
  scope: ReferrerScope,
  referralId: string,
  actor: AuditActor,
): Promise<ReferralForReferrer> {
  const made = await madeBy(scope, referralId, 'the referrer reads the history of a referral their organisation made')
  if (!made) throw new ReferralsError('REFERRALS_NOT_FOUND')
  const { found, serviceScope } = made
  const db = scope.db
  const [events, codedOnly] = await Promise.all([
    repo.listEvents(serviceScope, referralId, true),
    wantsCodedOnly(serviceScope, found.referral.personId),
  ])
  // Coded outcome only, as the person asked: the statuses without the service's words about them.
  const history = codedOnly ? events.map((e) => ({ ...e, reasonText: null })) : events
  await recordAuditEvent(db, actor, { action: 'view-as-referrer', recordType: 'referral', recordId: referralId })
  const declineReason = repo.declineReasonOf(found.referral)
  return {
    summary: found.summary,
    history,
    declineReason,
    guidance: declineReason ? (DECLINE_REASON_GUIDANCE[declineReason] ?? null) : null,
    messageBackAvailable: hasMessageBack(found.summary.status, found.summary.businessStatus),
    version: found.referral.version,
    canWithdraw: planReferralChange(found.summary, { kind: 'withdraw', reason: 'check' }).ok,
  }
}

/**
 * The referrer withdraws a referral their organisation made (the person has moved away, or it was sent in
 * error). Written into the receiving service's records as a `cancelled` change, with the referrer as the actor.
 */
export async function withdrawReferralMadeBy(
  scope: ReferrerScope,
  referralId: string,
  reason: string,
  actor: ChangeActor,
  expectedVersion: number,
): Promise<ReferralSummary> {
  const made = await madeBy(
    scope,
    referralId,
    'the referrer withdraws a referral it made (Gravity: the requester may cancel)',
  )
  if (!made) throw new ReferralsError('REFERRALS_NOT_FOUND')
  const { serviceScope } = made
  return changeReferral(serviceScope, referralId, { kind: 'withdraw', reason }, actor, expectedVersion)
}

// ---- The message back (PRSB "message back to GP and referrer") ----

/**
 * Whether the person said the referrer should have the coded outcome only (consent to telling them in full
 * refused): then no free text about them leaves the service, in the message back or the referrer's history.
 */
async function wantsCodedOnly(scope: AnyScope, personId: string): Promise<boolean> {
  return currentConsents(await listConsentHistory(scope, personId))['message-back-in-full']?.given === false
}

async function buildMessageBack(
  db: Database,
  found: NonNullable<Awaited<ReturnType<typeof repo.findReferralRow>>>,
  events: ReferralEvent[],
): Promise<MessageBack | undefined> {
  const r = found.referral
  const summary = found.summary
  if (!hasMessageBack(summary.status, summary.businessStatus)) return undefined
  const purpose = messageBackPurpose(summary.status, summary.businessStatus)
  const issuedAt = r.closedAt ?? r.updatedAt
  const code = await referenceRepo.findConceptCode(db, purpose, londonDate(issuedAt))
  if (!code) throw new Error(`No concept code in force for ${purpose}`)
  const scope = scopeForSystemTask(db, { id: r.organisationId, areaId: '' }, 'building the message back of a referral')
  const [person, codedOnly] = await Promise.all([findPerson(scope, r.personId), wantsCodedOnly(scope, r.personId)])
  if (!person) return undefined
  const declineReason = repo.declineReasonOf(r)
  const needs = summary.needs.map((n) => NEED_LABELS[n].toLowerCase()).join(', ')
  const last = events.filter((e) => e.visibleToReferrer).at(-1)
  const outcomeText: Partial<Record<typeof summary.businessStatus, string>> = {
    'declined-by-service': `${summary.organisationName} declined the referral: ${declineReason ? DECLINE_REASON_LABELS[declineReason] : 'see the reason below'}.`,
    redirected:
      `${summary.organisationName} redirected the referral to another service. ${last?.reasonText ?? ''}`.trim(),
    'declined-by-person': `The person was contacted by ${summary.organisationName} and decided not to take up social prescribing.`,
    'could-not-contact': `${summary.organisationName} could not make contact with the person.`,
    withdrawn: 'The referral was withdrawn.',
  }
  const whatHappened = codedOnly
    ? `${BUSINESS_STATUS_LABELS[summary.businessStatus]}. The person asked that only the coded outcome is shared.`
    : (outcomeText[summary.businessStatus] ??
      `The person was supported by ${summary.organisationName}${needs ? ` with ${needs}` : ''}, and the referral is now closed.`)
  return {
    referralId: r.id,
    reference: r.reference,
    issuedAt,
    code,
    kind: purpose === 'referral-declined' ? 'declined' : 'accepted-and-closed',
    service: { id: r.organisationId, name: summary.organisationName },
    requester: summary.requester,
    person: {
      id: person.id,
      name: `${person.givenName} ${person.familyName}`,
      dateOfBirth: person.dateOfBirth,
      nhsNumber: person.nhsNumber,
      postcode: person.postcode,
      gpPractice: person.gpPractice ?? '',
    },
    status: summary.status,
    businessStatus: summary.businessStatus,
    receivedAt: r.receivedAt,
    closedAt: r.closedAt,
    needs: summary.needs,
    whatHappened,
    codedOnly,
    closingReason: codedOnly ? null : (r.closure?.reason ?? null),
    whatWasDone: codedOnly ? null : (r.closure?.whatWasDone ?? null),
    contact: r.closure?.contact ?? null,
    connectedTo: codedOnly ? '' : (r.closure?.connectedTo ?? ''),
    outcomes: codedOnly ? '' : (r.closure?.outcomes ?? ''),
    declineReason,
    guidance: declineReason ? (DECLINE_REASON_GUIDANCE[declineReason] ?? null) : null,
    history: events
      .filter((e) => e.visibleToReferrer)
      .map((e) => ({
        occurredAt: e.occurredAt,
        status: e.toStatus,
        businessStatus: e.businessStatus,
        text: BUSINESS_STATUS_LABELS[e.businessStatus] + (e.reasonText && !codedOnly ? `: ${e.reasonText}` : ''),
      })),
  }
}

/**
 * Adds what the message back says about how support ended, when it ends through casework: the reason in words,
 * what was done, and the link worker's work contact. Kept beside the closing text the change wrote.
 */
export async function recordClosingDetails(
  scope: AnyScope,
  referralId: string,
  details: Required<Pick<ReferralClosure, 'reason' | 'whatWasDone'>> & { contact: ServiceContact | null },
): Promise<void> {
  await repo.mergeClosure(scope, referralId, {
    reason: details.reason,
    whatWasDone: details.whatWasDone,
    ...(details.contact ? { contact: details.contact } : {}),
  })
}

/** The message back for a referral of the service, or undefined when it is still open. */
export async function getMessageBack(scope: OrgScope, referralId: string): Promise<MessageBack | undefined> {
  const found = await repo.findReferralRow(scope, referralId)
  if (!found) return undefined
  return buildMessageBack(scope.db, found, await repo.listEvents(scope, referralId))
}

/** The message back as the referring organisation receives it (cross-tenant read, see repository). */
export async function getMessageBackForReferrer(
  referrer: ReferrerScope,
  referralId: string,
): Promise<MessageBack | undefined> {
  const made = await madeBy(referrer, referralId, 'the referrer reads the message back')
  if (!made) return undefined
  return buildMessageBack(referrer.db, made.found, await repo.listEvents(made.serviceScope, referralId))
}
