// SPDX-License-Identifier: AGPL-3.0-or-later
// A referral as the receiving service holds it: reading it, and changing it through its status machine.
import { appendAuditEvent, recordAuditEvent, type AuditActor } from '../../platform/audit/audit.service.ts'
import type { Database } from '../../platform/db/database.ts'
import {
  inTransaction,
  scopeForSystemTask,
  type AnyScope,
  type AreaScope,
  type OrgScope,
} from '../../platform/db/org-scope.ts'
import { findLikelyDuplicates, findPerson, findWithdrawalFromSupport, listConsentHistory } from '../people/index.ts'
import { CONCEPT_CODE_SEED } from './concept-codes.ts'
import { londonDate } from './contact-target.ts'
import { getContactTargets } from './referral-settings.service.ts'
import { queueReferrerUpdate } from './referrer-updates.service.ts'
import { planReferralChange, type ReferralChange } from './referral-change.ts'
import {
  type Page,
  type PageRequest,
  type ReferralDetail,
  type ReferralEvent,
  type ReferralFilters,
  type ReferralSummary,
} from './referral.ts'
import { ReferralsError } from './referrals.errors.ts'
import * as repo from './referrals.repository.ts'
import * as referenceRepo from './reference.repository.ts'
import { submitReferral } from './submission.service.ts'

/** Makes sure the concept codes the message back uses are present (idempotent; runs at start-up). */
export async function ensureConceptCodes(db: Database): Promise<void> {
  await referenceRepo.upsertConceptCodes(
    db,
    CONCEPT_CODE_SEED.map((row) => ({ ...row })),
  )
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

/** Who is reading a referral: supervisors see every referral of the service, link workers the ones they hold. */
export interface ReferralViewer {
  userId: string | null
  supervisor: boolean
}

/**
 * Reads a referral the viewer may see and audits the read with its real outcome: a referral the service does
 * not hold, or one held by another link worker, is recorded as a denied view and answers "not found" (so the
 * page does not confirm that another worker's referral exists).
 */
export async function viewReferral(
  scope: OrgScope,
  referralId: string,
  actor: AuditActor,
  viewer: ReferralViewer,
): Promise<ReferralDetail> {
  const referral = await findReferralForService(scope, referralId)
  const visible = referral !== undefined && (viewer.supervisor || referral.ownerUserId === viewer.userId)
  await recordAuditEvent(scope.db, actor, {
    action: 'view',
    recordType: 'referral',
    recordId: referralId,
    outcome: visible ? 'success' : 'denied',
    details: visible ? {} : { reason: referral ? 'held-by-another-worker' : 'not-found' },
  })
  if (!visible) throw new ReferralsError('REFERRALS_NOT_FOUND')
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
  return referenceRepo.listUrgentAwaitingFirstContact(db)
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
  return referenceRepo.listStaffWithCaseload(scope, 'link-worker')
}

export async function listServicesInArea(scope: AreaScope) {
  return referenceRepo.listServicesInArea(scope)
}

export async function listAllServices(db: Database) {
  return referenceRepo.listAllServices(db)
}

/**
 * What a member of the public is told after referring themselves: the service's name and how soon it
 * contacts people (its routine target). Public information only; undefined for an unknown service.
 */
export async function describeServiceForThePublic(
  db: Database,
  serviceId: string,
): Promise<{ name: string; routineTargetWorkingDays: number } | undefined> {
  const service = await referenceRepo.findOrganisation(db, serviceId)
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
    const target = await referenceRepo.findOrganisation(scope.db, change.toOrganisationId)
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
    // Consent to the referral or to the service holding their information, withdrawn since it was sent.
    if (change.kind === 'accept' && (await findWithdrawalFromSupport(txScope, found.referral.personId)))
      throw new ReferralsError('REFERRALS_CONSENT_WITHDRAWN')
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
      ...(plan.businessStatus === 'connected' && !found.referral.connectedAt ? { connectedAt: now } : {}),
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
    await forwardReferral(scope, referralId, redirectTarget, change, actor, now)
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
  change: Extract<ReferralChange, { kind: 'redirect' }>,
  actor: ChangeActor,
  now: Date,
): Promise<void> {
  const detail = await findReferralForService(scope, referralId)
  if (!detail) return
  const history = await listConsentHistory(scope, detail.personId)
  const latest = (name: string) => history.filter((c) => c.scope === name).at(-1)
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
        sex: detail.person.sex ?? null,
        ethnicity: detail.person.ethnicity ?? null,
      },
      needs: detail.needs,
      reasonText: detail.reasonText,
      whatMatters: detail.whatMatters,
      risks: detail.risks,
      urgency: detail.urgency,
      // What the person agreed to just now, as the person redirecting recorded it: the referral going to this
      // service, and so sharing with it. Sharing with community providers only if they had agreed to it and not
      // withdrawn it; never assumed.
      consent: {
        toReferral: true,
        shareWithService: true,
        shareWithProviders: latest('share-with-providers')?.given === true,
        method: change.agreedBy,
        recordedByUserId: actor.userId,
        recordedByName: actor.name,
        recordedAt: now,
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
