// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomBytes } from 'node:crypto'
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import {
  inTransaction,
  scopeForSystemTask,
  type AnyScope,
  type AreaScope,
  type OrgScope,
  type ReferrerScope,
} from '../../platform/db/org-scope.ts'
import {
  findLikelyDuplicates,
  findOrCreatePersonForReferral,
  findPerson,
  flagsFromReferralRisks,
  listConsentHistory,
  personDetailsProblems,
  raisePersonFlag,
  recordConsents,
  type NewConsent,
} from '../people/index.ts'
import { CONCEPT_CODE_SEED } from './concept-codes.ts'
import { contactTargetFor, londonDate } from './contact-target.ts'
import { getContactTargets } from './referral-settings.service.ts'
import { queueReferrerUpdate } from './referrer-updates.service.ts'
import {
  ALLIED_HEALTH_PROFESSIONS,
  BUSINESS_STATUS_LABELS,
  DECLINE_REASON_GUIDANCE,
  DECLINE_REASON_LABELS,
  hasMessageBack,
  isNeed,
  isProfession,
  messageBackPurpose,
  NEED_LABELS,
  planReferralChange,
  formatReference,
  INTENSITIES,
  SOURCES,
  URGENCIES,
  type MessageBack,
  type Page,
  type PageRequest,
  type ReferralChange,
  type ReferralClosure,
  type ReferralDetail,
  type ServiceContact,
  type ReferralEvent,
  type ReferralFilters,
  type ReferralSubmission,
  type ReferralSummary,
  type SubmitReferralResult,
} from './referral.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'

/** Makes sure the concept codes the message back uses are present (idempotent; runs at start-up). */
export async function ensureConceptCodes(db: Database): Promise<void> {
  await repo.upsertConceptCodes(
    db,
    CONCEPT_CODE_SEED.map((row) => ({ ...row })),
  )
}

// ---- Submitting ----

const MAX_TEXT = 4000

/** Checks a submission from any channel; each problem names the field by path. Empty when acceptable. */
export function referralSubmissionProblems(
  submission: ReferralSubmission,
  today = new Date(),
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = []
  const add = (path: string, message: string): void => void problems.push({ path, message })
  if (!submission.submissionKey || submission.submissionKey.length > 200)
    add('submissionKey', 'Give a submission key of 1 to 200 characters')
  if (!SOURCES.includes(submission.source)) add('source', 'Unknown source')
  if (!INTENSITIES.includes(submission.intensity)) add('intensity', 'Unknown intensity')
  if (!URGENCIES.includes(submission.urgency)) add('urgency', 'Select how urgent the referral is')
  for (const problem of personDetailsProblems(submission.person, today)) add(`person.${problem.path}`, problem.message)
  if (submission.needs.length === 0 && !submission.reasonText.trim())
    add('needs', 'Select at least one reason for the referral')
  if (!submission.needs.every(isNeed)) add('needs', 'Select reasons from the list')
  if (submission.reasonText.length > MAX_TEXT) add('reasonText', `Reason must be ${MAX_TEXT} characters or fewer`)
  if (submission.whatMatters.length > MAX_TEXT)
    add('whatMatters', `What matters must be ${MAX_TEXT} characters or fewer`)
  if (submission.risks.loneWorkingDetails.length > MAX_TEXT || submission.risks.safeguardingDetails.length > MAX_TEXT)
    add('risks', `Risk details must be ${MAX_TEXT} characters or fewer`)
  if (!submission.referrer.name.trim()) add('referrer.name', 'Enter the name of the person referring')
  if (submission.referrer.profession !== null && !isProfession(submission.referrer.profession))
    add('referrer.profession', 'Select a profession from the list')
  if (!submission.consent.toReferral) add('consent.toReferral', 'The person must agree to the referral')
  if (!submission.consent.shareWithService)
    add('consent.shareWithService', 'The person must agree to share their details with the service')
  if (submission.intensity === 'self') {
    if (submission.source === 'self-referral') add('intensity', 'A self-referral goes to the link worker service')
    if (!submission.referrer.userId || submission.referrer.organisationId !== submission.receivingOrganisationId)
      add('intensity', 'Only a signed-in referrer can take a referral onto their own caseload')
    if (!submission.referrer.profession || !ALLIED_HEALTH_PROFESSIONS.includes(submission.referrer.profession))
      add('intensity', 'Only allied health professionals can do the social prescribing themselves')
  }
  return problems
}

function newReference(): string {
  return formatReference(randomBytes(8))
}

class SubmissionRaced extends Error {}

/**
 * Records a referral from any channel. Idempotent on `submissionKey` within the receiving service: a retry
 * returns the first referral. The referral joins the person's existing record when the service holds exactly
 * one with the same NHS number and date of birth (ADR 0014); otherwise a new record is made. When the person,
 * or someone likely the same, already has an open referral, the new one is flagged `duplicateSuspected`. The
 * referrer's stated risks become flags on the person.
 * @param origin - who is submitting, for the audit trail (the API passes its client's organisation)
 */
export async function submitReferral(
  db: Database,
  submission: ReferralSubmission,
  origin: AuditActor,
  options: { now?: Date } = {},
): Promise<SubmitReferralResult> {
  const problems = referralSubmissionProblems(submission, options.now)
  if (problems.length > 0) throw new ReferralsError('REFERRALS_INVALID_SUBMISSION', { problems })
  const service = await repo.findOrganisation(db, submission.receivingOrganisationId)
  const selfManaged = submission.intensity === 'self'
  if (!service || (!selfManaged && service.type !== 'social-prescribing-service'))
    throw new ReferralsError('REFERRALS_SERVICE_NOT_FOUND')
  if (submission.referrer.organisationId && !selfManaged) {
    const referrerOrganisation = await repo.findOrganisation(db, submission.referrer.organisationId)
    if (!referrerOrganisation || referrerOrganisation.areaId !== service.areaId)
      throw new ReferralsError('REFERRALS_SERVICE_NOT_FOUND')
  }
  // The referral is written into the receiving service's records by someone outside it: that is what a
  // referral is. Nothing is read back beyond the result returned here.
  const scope = scopeForSystemTask(db, service, 'a referral is written into the records of the service receiving it')

  const existing = await repo.findReferralBySubmissionKey(scope, submission.submissionKey)
  if (existing) return sameSubmission(existing, submission)

  const now = options.now ?? new Date()
  try {
    return await db.transaction(async (tx) => {
      const txScope = inTransaction(scope, tx)
      const likely = await findLikelyDuplicates(txScope, submission.person)
      const withOpen = await repo.peopleWithOpenReferrals(txScope, likely)
      const { person, identityMatch } = await findOrCreatePersonForReferral(txScope, submission.person, origin, {
        now,
      })
      const targets = await getContactTargets(txScope)
      const consent = submission.consent
      const consentRows: NewConsent[] = (
        [
          ['referral', consent.toReferral],
          ['share-with-service', consent.shareWithService],
          ['share-with-providers', consent.shareWithProviders],
        ] as const
      ).map(([scopeName, given]) => ({
        scope: scopeName,
        given,
        method: consent.method,
        recordedByUserId: consent.recordedByUserId,
        recordedByName: consent.recordedByName,
        recordedAt: consent.recordedAt,
        referralId: null,
      }))
      const status = selfManaged ? 'accepted' : 'requested'
      const businessStatus = selfManaged ? 'allocated' : 'received'
      const row = await repo.insertReferral(txScope, {
        reference: newReference(),
        submissionKey: submission.submissionKey,
        personId: person.id,
        source: submission.source,
        intensity: submission.intensity,
        referrerUserId: submission.referrer.userId,
        referrerOrganisationId: submission.referrer.organisationId,
        referrerName: submission.referrer.name,
        referrerProfession: submission.referrer.profession,
        referrerEmail: submission.referrer.email,
        referrerPhone: submission.referrer.phone,
        personUpdates: submission.source === 'self-referral' ? (submission.personUpdates ?? null) : null,
        needs: [...new Set(submission.needs)],
        reasonText: submission.reasonText,
        whatMatters: submission.whatMatters,
        loneWorkingRisk: submission.risks.loneWorking,
        loneWorkingDetails: submission.risks.loneWorkingDetails,
        safeguardingRaisedElsewhere: submission.risks.safeguardingRaisedElsewhere,
        safeguardingDetails: submission.risks.safeguardingDetails,
        urgency: submission.urgency,
        status,
        businessStatus,
        ownerUserId: selfManaged ? submission.referrer.userId : null,
        duplicateSuspected: withOpen.length > 0,
        identityToConfirm: identityMatch !== null,
        identityMatchPersonId: identityMatch?.personId ?? null,
        receivedAt: now,
        createdAt: now,
        updatedAt: now,
        contactTargetDate: contactTargetFor(londonDate(now), submission.urgency, targets),
      })
      if (!row) throw new SubmissionRaced()
      await recordConsents(
        txScope,
        person.id,
        consentRows.map((c) => ({ ...c, referralId: row.id })),
        origin,
      )
      for (const flag of flagsFromReferralRisks(row.id, submission.risks)) {
        await raisePersonFlag(
          txScope,
          person.id,
          flag,
          { audit: origin, userId: submission.referrer.userId, name: submission.referrer.name },
          { now },
        )
      }
      await repo.insertEvent(txScope, {
        referralId: row.id,
        occurredAt: now,
        actorUserId: submission.referrer.userId,
        actorName: submission.referrer.name,
        fromStatus: null,
        toStatus: 'requested',
        businessStatus: 'received',
        visibleToReferrer: true,
      })
      if (selfManaged) {
        await repo.insertEvent(txScope, {
          referralId: row.id,
          occurredAt: now,
          actorUserId: submission.referrer.userId,
          actorName: submission.referrer.name,
          fromStatus: 'requested',
          toStatus: 'accepted',
          businessStatus: 'allocated',
          reasonText: 'Taken onto the referrer’s own caseload',
          visibleToReferrer: true,
        })
      }
      await appendAuditEvent(tx, origin, {
        action: 'submit',
        recordType: 'referral',
        recordId: row.id,
        details: {
          service: service.id,
          source: submission.source,
          intensity: submission.intensity,
          duplicateSuspected: withOpen.length > 0,
          identityToConfirm: identityMatch !== null,
        },
      })
      return { referralId: row.id, reference: row.reference, duplicateSuspected: row.duplicateSuspected, created: true }
    })
  } catch (error) {
    if (!(error instanceof SubmissionRaced)) throw error
    const winner = await repo.findReferralBySubmissionKey(scope, submission.submissionKey)
    if (!winner) throw error
    return sameSubmission(winner, submission)
  }
}

function sameSubmission(existing: repo.ReferralRow, submission: ReferralSubmission): SubmitReferralResult {
  // A key reused by someone else must not reveal or return their referral.
  if (existing.referrerOrganisationId !== submission.referrer.organisationId || existing.source !== submission.source)
    throw new ReferralsError('REFERRALS_SUBMISSION_KEY_CONFLICT')
  return {
    referralId: existing.id,
    reference: existing.reference,
    duplicateSuspected: existing.duplicateSuspected,
    created: false,
  }
}

// ---- Reading (the receiving service) ----

function toDetail(
  found: NonNullable<Awaited<ReturnType<typeof repo.findReferralRow>>>,
  person: ReferralDetail['person'],
): ReferralDetail {
  const r = found.referral
  return {
    ...found.summary,
    person,
    reasonText: r.reasonText,
    whatMatters: r.whatMatters,
    risks: {
      loneWorking: r.loneWorkingRisk,
      loneWorkingDetails: r.loneWorkingDetails,
      safeguardingRaisedElsewhere: r.safeguardingRaisedElsewhere,
      safeguardingDetails: r.safeguardingDetails,
    },
    declineReason: repo.declineReasonOf(r),
    redirectedToOrganisationId: r.redirectedToOrganisationId,
    closure: r.closure ?? null,
    submissionKey: r.submissionKey,
    version: r.version,
    identity: {
      matchedPersonId: r.identityMatchPersonId,
      resolution: r.identityResolution,
      resolvedAt: r.identityResolvedAt,
      resolvedByName: r.identityResolvedByName,
    },
  }
}

/** A referral of the service with the person's details, as plain data (not audited: callers audit views). */
export async function findReferralForService(scope: AnyScope, referralId: string): Promise<ReferralDetail | undefined> {
  const found = await repo.findReferralRow(scope, referralId)
  if (!found) return undefined
  const person = await findPerson(scope, found.referral.personId)
  if (!person) return undefined
  return toDetail(found, person)
}

/** Reads a referral for a page and audits the view. */
export async function viewReferral(scope: OrgScope, referralId: string, actor: AuditActor): Promise<ReferralDetail> {
  const referral = await findReferralForService(scope, referralId)
  if (!referral) throw new ReferralsError('REFERRALS_NOT_FOUND')
  await recordAuditEvent(scope.db, actor, { action: 'view', recordType: 'referral', recordId: referralId })
  return referral
}

export async function listReferralsForService(
  scope: AnyScope,
  filters: ReferralFilters,
  page: PageRequest,
): Promise<Page<ReferralSummary>> {
  return repo.listReferrals(scope, filters, page)
}

export async function countReferralQueues(scope: AnyScope, today = londonDate(new Date())) {
  return repo.countQueues(scope, today)
}

/** Urgent referrals waiting for a first contact, with their link worker: for the daily digest job. */
export async function listUrgentAwaitingFirstContact(db: Database) {
  return repo.listUrgentAwaitingFirstContact(db)
}

export async function listReferralHistory(scope: AnyScope, referralId: string): Promise<ReferralEvent[]> {
  return repo.listEvents(scope, referralId)
}

export async function listOpenReferralsForSamePerson(
  scope: AnyScope,
  referral: ReferralDetail,
): Promise<ReferralSummary[]> {
  // The same record counts too: a second referral for someone already known joins their record.
  const likely = await findLikelyDuplicates(scope, referral.person, referral.personId)
  return repo.listOpenReferralsForPeople(scope, [referral.personId, ...likely], referral.id)
}

export async function listLinkWorkersWithCaseload(scope: AnyScope) {
  return repo.listStaffWithCaseload(scope, 'link-worker')
}

export async function listServicesInArea(scope: AreaScope) {
  return repo.listServicesInArea(scope)
}

export async function listAllServices(db: Database) {
  return repo.listAllServices(db)
}

/**
 * What a member of the public is told after referring themselves: the service's name and how soon it
 * contacts people (its routine target). Public information only; undefined for an unknown service.
 */
export async function describeServiceForThePublic(
  db: Database,
  serviceId: string,
): Promise<{ name: string; routineTargetWorkingDays: number } | undefined> {
  const service = await repo.findOrganisation(db, serviceId)
  if (service?.type !== 'social-prescribing-service') return undefined
  const scope = scopeForSystemTask(db, service, 'the public confirmation page names the service and its contact target')
  const { routineTargetWorkingDays } = await getContactTargets(scope)
  return { name: service.name, routineTargetWorkingDays }
}

// ---- Changing (the receiving service) ----

export interface ChangeActor {
  audit: AuditActor
  userId: string | null
  name: string
}

/**
 * Applies a change to a referral: checks it with `planReferralChange` (the one place the Gravity rules
 * live), records it in the history, audits it and, after it commits, emails the referrer.
 * @param expectedVersion - the version the person was looking at; a stale one is refused, not overwritten
 */
export async function changeReferral(
  scope: OrgScope,
  referralId: string,
  change: ReferralChange,
  actor: ChangeActor,
  expectedVersion?: number,
  options: { now?: Date } = {},
): Promise<ReferralSummary> {
  const now = options.now ?? new Date()
  if (change.kind === 'accept' || change.kind === 'reallocate') {
    const workers = await listLinkWorkersWithCaseload(scope)
    if (!workers.some((w) => w.userId === change.ownerUserId))
      throw new ReferralsError('REFERRALS_OWNER_NOT_A_LINK_WORKER')
  }
  let redirectTarget: { id: string; name: string; areaId: string } | undefined
  if (change.kind === 'redirect') {
    const target = await repo.findOrganisation(scope.db, change.toOrganisationId)
    if (!target || target.type !== 'social-prescribing-service' || target.id === scope.organisationId)
      throw new ReferralsError('REFERRALS_SERVICE_NOT_FOUND')
    redirectTarget = target
  }
  const result = await scope.db.transaction(async (tx) => {
    const txScope = inTransaction(scope, tx)
    const found = await repo.findReferralRow(txScope, referralId)
    if (!found) throw new ReferralsError('REFERRALS_NOT_FOUND')
    const current = found.summary
    if (expectedVersion !== undefined && found.referral.version !== expectedVersion)
      throw new ReferralsError('REFERRALS_CHANGED_BY_SOMEONE_ELSE')
    const planned = planReferralChange(current, change)
    if (!planned.ok) {
      throw new ReferralsError(
        planned.problem === 'reason-required'
          ? 'REFERRALS_REASON_REQUIRED'
          : planned.problem === 'no-change'
            ? 'REFERRALS_NO_CHANGE'
            : 'REFERRALS_TRANSITION_NOT_ALLOWED',
      )
    }
    const plan = planned.plan
    const statusChanged = plan.status !== current.status
    const updated = await repo.updateReferral(txScope, referralId, found.referral.version, {
      updatedAt: now,
      status: plan.status,
      businessStatus: plan.businessStatus,
      ...(statusChanged ? { statusReason: plan.statusReason } : {}),
      ...(change.kind === 'accept' || change.kind === 'reallocate' ? { ownerUserId: change.ownerUserId } : {}),
      ...(change.kind === 'decline' ? { declineReason: change.reason } : {}),
      ...(change.kind === 'redirect' ? { redirectedToOrganisationId: change.toOrganisationId } : {}),
      ...(change.kind === 'close' ? { closure: { connectedTo: change.connectedTo, outcomes: change.outcomes } } : {}),
      ...(plan.setsFirstContact && !current.firstContactAt ? { firstContactAt: now } : {}),
      ...(plan.closes ? { closedAt: now } : {}),
    })
    if (!updated) throw new ReferralsError('REFERRALS_CHANGED_BY_SOMEONE_ELSE')
    await repo.insertEvent(txScope, {
      referralId,
      occurredAt: now,
      actorUserId: actor.userId,
      actorName: actor.name,
      fromStatus: current.status,
      toStatus: plan.status,
      businessStatus: plan.businessStatus,
      reasonCode: plan.reasonCode,
      reasonText:
        change.kind === 'redirect' && redirectTarget
          ? `Redirected to ${redirectTarget.name}${change.text ? `: ${change.text}` : ''}`
          : change.kind === 'decline'
            ? change.text || null
            : plan.statusReason,
      visibleToReferrer: plan.visibleToReferrer,
    })
    await appendAuditEvent(tx, actor.audit, {
      action: `referral-${change.kind}`,
      recordType: 'referral',
      recordId: referralId,
      details: { from: current.status, to: plan.status, businessStatus: plan.businessStatus },
    })
    return { found, plan, updated }
  })

  if (change.kind === 'redirect' && redirectTarget) {
    await forwardReferral(scope, referralId, redirectTarget, actor)
  }
  const summary = (await repo.findReferralRow(scope, referralId))!.summary
  if (result.plan.visibleToReferrer) await queueReferrerUpdate(scope, result.found.referral, summary, now)
  return summary
}

// A redirected referral is re-sent, as the referrer made it, to the chosen service: a cross-tenant write in
// the same way as any referral. The key makes a repeated redirect idempotent.
async function forwardReferral(
  scope: OrgScope,
  referralId: string,
  target: { id: string; name: string },
  actor: ChangeActor,
): Promise<void> {
  const detail = await findReferralForService(scope, referralId)
  if (!detail) return
  const history = await listConsentHistory(scope, detail.personId)
  const latest = (name: string) => history.filter((c) => c.scope === name).at(-1)
  const referralConsent = latest('referral')
  const row = await repo.findReferralRow(scope, referralId)
  if (!row) return
  const r = row.referral
  await submitReferral(
    scope.db,
    {
      submissionKey: `redirect:${scope.organisationId}:${referralId}`,
      receivingOrganisationId: target.id,
      source: detail.source,
      intensity: 'link-worker',
      referrer: {
        userId: r.referrerUserId,
        organisationId: r.referrerOrganisationId,
        name: r.referrerName,
        profession: detail.requester.profession,
        email: r.referrerEmail,
        phone: r.referrerPhone,
      },
      person: {
        givenName: detail.person.givenName,
        familyName: detail.person.familyName,
        dateOfBirth: detail.person.dateOfBirth,
        nhsNumber: detail.person.nhsNumber,
        addressLine1: detail.person.addressLine1,
        addressLine2: detail.person.addressLine2,
        town: detail.person.town,
        postcode: detail.person.postcode,
        phone: detail.person.phone,
        email: detail.person.email,
        preferredContactMethod: detail.person.preferredContactMethod,
        preferredContactTimes: detail.person.preferredContactTimes,
        contactMethodsToAvoid: detail.person.contactMethodsToAvoid,
        language: detail.person.language,
        interpreterNeeded: detail.person.interpreterNeeded,
        accessNeeds: detail.person.accessNeeds,
        othersToInvolve: detail.person.othersToInvolve,
      },
      needs: detail.needs,
      reasonText: detail.reasonText,
      whatMatters: detail.whatMatters,
      risks: detail.risks,
      urgency: detail.urgency,
      consent: {
        toReferral: latest('referral')?.given ?? true,
        shareWithService: latest('share-with-service')?.given ?? true,
        shareWithProviders: latest('share-with-providers')?.given ?? false,
        method: referralConsent?.method ?? 'electronic-record',
        recordedByUserId: referralConsent?.recordedByUserId ?? null,
        recordedByName: referralConsent?.recordedByName ?? detail.requester.name,
        recordedAt: referralConsent?.recordedAt ?? detail.receivedAt,
      },
    },
    actor.audit,
  ).catch((error: unknown) => {
    // The decline with reason "redirected" stands even if the forward fails validation (e.g. old data):
    // the referrer is told, and can refer again.
    if (error instanceof ReferralsError && error.code === 'REFERRALS_INVALID_SUBMISSION') return
    throw error
  })
}

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

/** One referral as its referrer may see it: status, history visible to them, decline guidance. Audited. */
export async function viewReferralMadeBy(
  scope: ReferrerScope,
  referralId: string,
  actor: AuditActor,
): Promise<ReferralForReferrer> {
  const db = scope.db
  const found = await repo.findReferralByReferrer(scope, referralId)
  if (!found) throw new ReferralsError('REFERRALS_NOT_FOUND')
  const serviceScope = scopeForSystemTask(
    db,
    { id: found.referral.organisationId, areaId: '' },
    'the referrer reads the history of a referral their organisation made (closed loop)',
  )
  const history = await repo.listEvents(serviceScope, referralId, true)
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
  const db = scope.db
  const found = await repo.findReferralByReferrer(scope, referralId)
  if (!found) throw new ReferralsError('REFERRALS_NOT_FOUND')
  const serviceScope = scopeForSystemTask(
    db,
    { id: found.referral.organisationId, areaId: '' },
    'the referrer withdraws a referral their organisation made (Gravity: the requester may cancel)',
  )
  return changeReferral(serviceScope, referralId, { kind: 'withdraw', reason }, actor, expectedVersion)
}

// ---- The message back (PRSB "message back to GP and referrer") ----

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
  const code = await repo.findConceptCode(db, purpose, londonDate(issuedAt))
  if (!code) throw new Error(`No concept code in force for ${purpose}`)
  const scope = scopeForSystemTask(db, { id: r.organisationId, areaId: '' }, 'building the message back of a referral')
  const person = await findPerson(scope, r.personId)
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
  const whatHappened =
    outcomeText[summary.businessStatus] ??
    `The person was supported by ${summary.organisationName}${needs ? ` with ${needs}` : ''}, and the referral is now closed.`
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
    closingReason: r.closure?.reason ?? null,
    whatWasDone: r.closure?.whatWasDone ?? null,
    contact: r.closure?.contact ?? null,
    connectedTo: r.closure?.connectedTo ?? '',
    outcomes: r.closure?.outcomes ?? '',
    declineReason,
    guidance: declineReason ? (DECLINE_REASON_GUIDANCE[declineReason] ?? null) : null,
    history: events
      .filter((e) => e.visibleToReferrer)
      .map((e) => ({
        occurredAt: e.occurredAt,
        status: e.toStatus,
        businessStatus: e.businessStatus,
        text: BUSINESS_STATUS_LABELS[e.businessStatus] + (e.reasonText ? `: ${e.reasonText}` : ''),
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
  const db = referrer.db
  const found = await repo.findReferralByReferrer(referrer, referralId)
  if (!found) return undefined
  const scope = scopeForSystemTask(
    db,
    { id: found.referral.organisationId, areaId: '' },
    'the referrer reads the message back',
  )
  return buildMessageBack(db, found, await repo.listEvents(scope, referralId))
}
