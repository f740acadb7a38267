// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, selectItemsFrom } from '../../../../platform/http/choices.ts'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describePostcode } from '../../../../shared/postcode.ts'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import {
  ageOn,
  CONSENT_METHOD_LABELS,
  CONSENT_SCOPE_LABELS,
  CONTACT_METHOD_LABELS,
  CONTACT_THROUGH_LABELS,
  currentConsents,
  presentWithdrawal,
  withdrawnFromSupport,
  findPerson,
  FLAG_KIND_LABELS,
  IDENTITY_RESOLUTION_LABELS,
  IDENTITY_RESOLUTIONS,
  isIdentityResolution,
  listActiveFlags,
  listConsentHistory,
  sortFlags,
} from '../../../people/index.ts'
import { formatNhsNumber } from '../../../../shared/nhs-number.ts'
import { contactTargetState, londonDate } from '../../contact-target.ts'
import {
  changeReferral,
  listLinkWorkersWithCaseload,
  listOpenReferralsForSamePerson,
  listReferralHistory,
  listServicesInArea,
  viewReferral,
  type ReferralViewer,
} from '../../referral.service.ts'
import { BUSINESS_STATUS_LABELS, PROGRESS_STEPS, REFERRAL_STATUS_LABELS } from '../../referral-status.ts'
import {
  CHANGE_KIND_LABELS,
  planReferralChange,
  type ReferralChange,
  type ReferralChangeKind,
} from '../../referral-change.ts'
import {
  DECLINE_REASON_GUIDANCE,
  DECLINE_REASON_LABELS,
  DECLINE_REASONS,
  hasMessageBack,
  INTENSITY_LABELS,
  NEED_LABELS,
  PROFESSION_LABELS,
  SOURCE_LABELS,
  URGENCY_LABELS,
  type ReferralDetail,
} from '../../referral.ts'
import { resolveReferralIdentity } from '../../referral-identity.service.ts'
import { getContactTargets } from '../../referral-settings.service.ts'
import { ReferralsError } from '../../referrals.errors.ts'
import { parseChange, readChange, type ChangeFormValues } from './referral.form.ts'

type Params = { Params: { referralId: string } }

const SUPERVISOR_ONLY: readonly ReferralChangeKind[] = [
  'accept',
  'reallocate',
  'decline',
  'redirect',
  'entered-in-error',
]

// A sample of each change, to ask the pure planner which are possible from the current status.
const PROBES: Record<ReferralChangeKind, ReferralChange> = {
  accept: { kind: 'accept', ownerUserId: 'x' },
  reallocate: { kind: 'reallocate', ownerUserId: 'x' },
  decline: { kind: 'decline', reason: 'other', text: 'x' },
  redirect: { kind: 'redirect', toOrganisationId: 'x', text: 'x', agreedBy: 'verbal' },
  progress: { kind: 'progress', step: 'plan-agreed' },
  pause: { kind: 'pause', reason: 'x' },
  resume: { kind: 'resume' },
  close: { kind: 'close', connectedTo: '', outcomes: '' },
  'declined-by-person': { kind: 'declined-by-person', reason: 'x' },
  'could-not-contact': { kind: 'could-not-contact', reason: 'x' },
  withdraw: { kind: 'withdraw', reason: 'x' },
  'entered-in-error': { kind: 'entered-in-error', reason: 'x' },
}

export function possibleChanges(
  referral: Pick<ReferralDetail, 'status' | 'businessStatus' | 'firstContactAt'>,
  supervisor: boolean,
): ReferralChangeKind[] {
  return (Object.keys(PROBES) as ReferralChangeKind[]).filter((kind) => {
    if (kind === 'withdraw') return false // the referrer withdraws, not the service
    if (SUPERVISOR_ONLY.includes(kind) && !supervisor) return false
    const plan = planReferralChange(referral, PROBES[kind])
    return plan.ok || (kind === 'progress' && plan.problem === 'no-change')
  })
}

/** Loads a referral the actor may see: supervisors see every referral of the service, link workers their own. */
async function loadVisible(request: FastifyRequest<Params>): Promise<ReferralDetail> {
  return viewReferral(request.orgScope(), request.params.referralId, request.auditActor(), viewerOf(request))
}

function viewerOf(request: FastifyRequest): ReferralViewer {
  return { userId: request.actor!.userId, supervisor: request.actor!.roles.includes('supervisor') }
}

async function render(
  request: FastifyRequest<Params>,
  reply: FastifyReply,
  referral: ReferralDetail,
  form: { kind: string; values: Partial<ChangeFormValues>; errors: FieldErrors } | undefined,
  status = 200,
  flash?: string,
) {
  const scope = request.orgScope()
  const actor = request.actor!
  const supervisor = actor.roles.includes('supervisor')
  const [history, consents, duplicates, workers, services, flags, heldRecord, targets] = await Promise.all([
    listReferralHistory(scope, referral.id),
    listConsentHistory(scope, referral.personId),
    referral.duplicateSuspected || referral.status === 'requested'
      ? listOpenReferralsForSamePerson(scope, referral)
      : Promise.resolve([]),
    supervisor ? listLinkWorkersWithCaseload(scope) : Promise.resolve([]),
    supervisor ? listServicesInArea(scope) : Promise.resolve([]),
    listActiveFlags(scope, [referral.personId]),
    referral.identityToConfirm && referral.identity.matchedPersonId
      ? findPerson(scope, referral.identity.matchedPersonId)
      : Promise.resolve(undefined),
    getContactTargets(scope),
  ])
  const today = londonDate(new Date())
  const p = referral.person
  const current = currentConsents(consents)
  const values = form?.values ?? {}
  const errors = form?.errors ?? {}
  const open = ['requested', 'accepted', 'in-progress'].includes(referral.status)
  return reply.page(
    'modules/referrals/web/referral/referral.njk',
    {
      pageTitle: `Referral for ${p.givenName} ${p.familyName}`,
      flash,
      referral,
      person: {
        ...p,
        name: `${p.givenName} ${p.familyName}`,
        age: ageOn(p.dateOfBirth, new Date()),
        nhsNumber: p.nhsNumber ? formatNhsNumber(p.nhsNumber) : null,
        preferredText: [
          p.preferredContactMethod ? CONTACT_METHOD_LABELS[p.preferredContactMethod] : '',
          p.preferredContactTimes,
        ]
          .filter(Boolean)
          .join(' – '),
        avoid: p.contactMethodsToAvoid.map((m) => CONTACT_METHOD_LABELS[m]).join(', '),
        address: [p.addressLine1, p.addressLine2, p.town, describePostcode(p.postcode)].filter(Boolean).join(', '),
        contactThrough: p.contactThrough
          ? `${CONTACT_THROUGH_LABELS[p.contactThrough]}: ${p.contactThroughDetails ?? ''}`
          : null,
        gpPractice: p.gpPractice ?? '',
      },
      // The person's flags: this referral's risks once it arrived, and any raised since on their record.
      personFlags: sortFlags(flags.get(referral.personId) ?? []).map((f) => ({
        ...f,
        kindLabel: FLAG_KIND_LABELS[f.kind],
        fromThisReferral: f.sourceKey?.startsWith(`referral:${referral.id}:`) ?? false,
      })),
      personHref: `/people/${referral.personId}`,
      withdrawal: presentWithdrawal(
        withdrawnFromSupport(current),
        p.givenName,
        referral.status === 'requested'
          ? 'The referral cannot be accepted while this stands: decline it, unless they agree again (record that on their record).'
          : open
            ? 'Nothing more is shared with community providers or sent to them. Close the referral, unless they agree again (record that on their record).'
            : 'Support has ended. Nothing more is shared with community providers or sent to them.',
      ),
      identity: identityView(referral, heldRecord, values.resolution),
      statusLabel: REFERRAL_STATUS_LABELS[referral.status],
      businessLabel: BUSINESS_STATUS_LABELS[referral.businessStatus],
      needsLabel: referral.needs.map((n) => NEED_LABELS[n]).join(', '),
      urgencyLabel: URGENCY_LABELS[referral.urgency],
      sourceLabel: SOURCE_LABELS[referral.source],
      intensityLabel: INTENSITY_LABELS[referral.intensity],
      professionLabel: referral.requester.profession ? PROFESSION_LABELS[referral.requester.profession] : null,
      declineLabel: referral.declineReason ? DECLINE_REASON_LABELS[referral.declineReason] : null,
      targetState: open
        ? contactTargetState(referral.contactTargetDate, today, referral.firstContactAt !== null, targets.country)
        : 'met',
      consents: Object.entries(current).map(([scopeName, record]) => ({
        label: CONSENT_SCOPE_LABELS[scopeName as keyof typeof CONSENT_SCOPE_LABELS],
        answer: record ? (record.given ? 'Yes' : 'No') : 'Not asked',
        detail: record
          ? `Recorded by ${record.recordedByName}, ${CONSENT_METHOD_LABELS[record.method].toLowerCase()}`
          : '',
        recordedAt: record?.recordedAt,
      })),
      consentHistory: consents.map((c) => ({
        ...c,
        scopeLabel: CONSENT_SCOPE_LABELS[c.scope],
        methodLabel: CONSENT_METHOD_LABELS[c.method],
      })),
      history: history.map((e) => ({
        ...e,
        statusLabel: REFERRAL_STATUS_LABELS[e.toStatus],
        businessLabel: BUSINESS_STATUS_LABELS[e.businessStatus],
      })),
      duplicates,
      changes: possibleChanges(referral, supervisor),
      changeLabels: CHANGE_KIND_LABELS,
      openForm: form?.kind,
      values,
      errors,
      errorList: errorListFor(errors),
      workerItems: selectItemsFrom(
        workers.map((w) => ({
          value: w.userId,
          text: `${w.displayName} – ${w.openCaseload} open ${w.openCaseload === 1 ? 'referral' : 'referrals'}`,
        })),
        values.ownerUserId ?? referral.ownerUserId ?? '',
        'Select a link worker',
      ),
      redirectAgreementItems: [
        { value: 'verbal', text: 'Yes, they agreed verbally (in person or by phone)' },
        { value: 'written', text: 'Yes, they agreed in writing' },
        { value: 'no', text: 'No, not yet' },
      ].map((item) => ({ ...item, checked: values.agreedBy === item.value })),
      declineItems: DECLINE_REASONS.map((r) => ({
        value: r,
        text: DECLINE_REASON_LABELS[r],
        checked: values.declineReason === r,
        hint: DECLINE_REASON_GUIDANCE[r]
          ? { text: `The referrer will be told: ${DECLINE_REASON_GUIDANCE[r]}` }
          : undefined,
      })),
      serviceItems: selectItemsFrom(
        services.filter((s) => s.id !== scope.organisationId).map((s) => ({ value: s.id, text: s.name })),
        values.toOrganisationId ?? '',
        'Select a service',
      ),
      stepItems: choicesFrom(
        Object.fromEntries(PROGRESS_STEPS.map((s) => [s, BUSINESS_STATUS_LABELS[s]])) as Record<string, string>,
        values.step ?? '',
      ),
      messageBackAvailable: hasMessageBack(referral.status, referral.businessStatus),
      backLinkHref: '/referrals',
    },
    status,
  )
}

type HeldRecord = Awaited<ReturnType<typeof findPerson>>

/** The "identity to confirm" panel: what the referral says beside what the service holds, and the choices. */
function identityView(referral: ReferralDetail, held: HeldRecord, chosen: string | undefined) {
  const describe = (p: { givenName: string; familyName: string; dateOfBirth: string; nhsNumber: string | null }) => ({
    name: `${p.givenName} ${p.familyName}`,
    dateOfBirth: p.dateOfBirth,
    nhsNumber: p.nhsNumber ? formatNhsNumber(p.nhsNumber) : 'Not given',
  })
  const address = (p: { addressLine1: string; addressLine2: string; town: string; postcode: string }) =>
    [p.addressLine1, p.addressLine2, p.town, describePostcode(p.postcode)].filter(Boolean).join(', ') || 'Not given'
  const resolution = isIdentityResolution(referral.identity.resolution) ? referral.identity.resolution : null
  return {
    toConfirm: referral.identityToConfirm && held !== undefined,
    referred: { ...describe(referral.person), address: address(referral.person) },
    held: held ? { ...describe(held), address: address(held), href: `/people/${held.id}` } : null,
    resolvedLabel: resolution ? IDENTITY_RESOLUTION_LABELS[resolution] : null,
    resolvedAt: referral.identity.resolvedAt,
    resolvedByName: referral.identity.resolvedByName,
    items: IDENTITY_RESOLUTIONS.map((r) => ({ value: r, text: IDENTITY_RESOLUTION_LABELS[r], checked: chosen === r })),
  }
}

const IDENTITY_FLASH = 'The person’s identity has been confirmed and recorded in the referral’s history.'

export async function showReferral(request: FastifyRequest<Params>, reply: FastifyReply) {
  const referral = await loadVisible(request)
  const saved = (request.query as Record<string, unknown>)['saved']
  const flash = saved === 'identity' ? IDENTITY_FLASH : saved ? 'Your change has been saved.' : undefined
  return render(request, reply, referral, undefined, 200, flash)
}

/** Confirms who the referral is about, when its identifiers matched a held record with other details. */
export async function submitIdentity(request: FastifyRequest<Params>, reply: FastifyReply) {
  const referral = await loadVisible(request)
  const resolution = textField(request.body, 'resolution', 40)
  const version = Number(textField(request.body, 'version', 12))
  if (!isIdentityResolution(resolution))
    return render(
      request,
      reply,
      referral,
      { kind: 'identity', values: {}, errors: { 'identity-resolution': 'Select who this referral is about' } },
      400,
    )
  try {
    await resolveReferralIdentity(
      request.orgScope(),
      { referralId: referral.id, expectedVersion: Number.isInteger(version) ? version : -1, resolution },
      { audit: request.auditActor(), userId: request.actor!.userId, name: request.actor!.displayName },
    )
  } catch (error) {
    if (error instanceof ReferralsError && error.statusCode === 409) {
      const fresh = await viewReferral(request.orgScope(), referral.id, request.auditActor(), viewerOf(request))
      const field = error.code === 'REFERRALS_IDENTITY_CONFIRMED' ? 'identity-kind' : 'identity-resolution'
      return render(
        request,
        reply,
        fresh,
        { kind: 'identity', values: { resolution }, errors: { [field]: error.userMessage ?? error.message } },
        409,
      )
    }
    throw error
  }
  return reply.redirect(`/referrals/${referral.id}?saved=identity`, 303)
}

const ERROR_FIELDS: Partial<Record<string, string>> = {
  REFERRALS_REASON_REQUIRED: 'text',
  REFERRALS_OWNER_NOT_A_LINK_WORKER: 'ownerUserId',
  REFERRALS_SERVICE_NOT_FOUND: 'toOrganisationId',
}

export async function submitChange(request: FastifyRequest<Params>, reply: FastifyReply) {
  const referral = await loadVisible(request)
  const values = readChange(request.body)
  const parsed = parseChange(values)
  if (!parsed.ok) return render(request, reply, referral, { kind: parsed.kind, values, errors: parsed.errors }, 400)
  const actor = request.actor!
  if (!possibleChanges(referral, actor.roles.includes('supervisor')).includes(parsed.value.kind)) {
    return render(
      request,
      reply,
      referral,
      {
        kind: parsed.value.kind,
        values,
        errors: { [`${parsed.value.kind}-kind`]: 'That change is not possible for this referral now' },
      },
      409,
    )
  }
  try {
    await changeReferral(
      request.orgScope(),
      referral.id,
      parsed.value,
      { audit: request.auditActor(), userId: actor.userId, name: actor.displayName },
      parsed.version,
    )
  } catch (error) {
    if (error instanceof ReferralsError && error.statusCode < 500 && error.code !== 'REFERRALS_NOT_FOUND') {
      const field = `${parsed.value.kind}-${ERROR_FIELDS[error.code] ?? 'kind'}`
      const fresh = await viewReferral(request.orgScope(), referral.id, request.auditActor(), viewerOf(request))
      return render(
        request,
        reply,
        fresh,
        { kind: parsed.value.kind, values, errors: { [field]: error.userMessage ?? error.message } },
        error.statusCode,
      )
    }
    throw error
  }
  // A triage decision ends the supervisor's work on this referral: back to the queue, saying what happened.
  if (TRIAGE_DECISIONS.includes(parsed.value.kind))
    return reply.redirect(
      `/referrals?${new URLSearchParams({ queue: 'new', done: parsed.value.kind, reference: referral.reference })}`,
      303,
    )
  return reply.redirect(`/referrals/${referral.id}?saved=1`, 303)
}

const TRIAGE_DECISIONS: readonly ReferralChangeKind[] = ['accept', 'decline', 'redirect']
