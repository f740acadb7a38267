// SPDX-License-Identifier: AGPL-3.0-or-later
import { choicesFrom, yesNo } from '../../../../platform/http/choices.ts'
import { randomUUID } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, type FieldErrors } from '../../../../platform/http/forms.ts'
import { londonToday } from '../../casework.ts'
import { openCase } from '../../casework.service.ts'
import { ESCALATION_KIND_LABELS, ESCALATION_OUTCOME_LABELS } from '../../escalation.ts'
import { findEscalationOnCase, raiseEscalation, recordEscalationOutcome } from '../../escalations.service.ts'
import { changeActorOf, referralIdOf, type CaseParams } from '../shared.ts'
import {
  parseEscalateForm,
  parseOutcomeForm,
  readEscalateForm,
  readOutcomeForm,
  type EscalateFormValues,
  type OutcomeFormValues,
} from './escalate.form.ts'

const FIELD_IDS = { day: 'raisedOn-day', urgent: 'urgent', kind: 'kind' }
const OUTCOME_FIELD_IDS = { day: 'outcomeOn-day', outcome: 'outcome' }

type EscalationParams = { Params: { referralId: string; escalationId: string } }

function todayParts(): { day: string; month: string; year: string } {
  const [year, month, day] = londonToday().split('-') as [string, string, string]
  return { day, month, year }
}

async function renderEscalate(
  request: FastifyRequest<CaseParams>,
  reply: FastifyReply,
  values: Partial<EscalateFormValues>,
  errors: FieldErrors,
  status = 200,
) {
  const found = await openCase(request.orgScope(), referralIdOf(request), changeActorOf(request))
  const p = found.referral.person
  return reply.page(
    'modules/casework/web/escalate/escalate.njk',
    {
      pageTitle: `Refer ${p.givenName} ${p.familyName} on`,
      backLinkHref: `/caseload/${found.referral.id}`,
      referralId: found.referral.id,
      personName: `${p.givenName} ${p.familyName}`,
      values,
      errors,
      errorList: errorListFor(errors, FIELD_IDS),
      kindItems: choicesFrom(ESCALATION_KIND_LABELS, values.kind ?? ''),
      urgentItems: yesNo(values.urgent ?? ''),
    },
    status,
  )
}

export async function showEscalate(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  return renderEscalate(request, reply, { submissionKey: randomUUID(), ...todayParts() }, {})
}

export async function submitEscalate(request: FastifyRequest<CaseParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const values = readEscalateForm(request.body)
  const parsed = parseEscalateForm(values, londonToday())
  if (!parsed.ok) return renderEscalate(request, reply, values, parsed.errors, 400)
  await raiseEscalation(request.orgScope(), referralId, parsed.value, changeActorOf(request))
  return reply.redirect(`/caseload/${referralId}?saved=escalation`, 303)
}

function escalationIdOf(request: FastifyRequest<EscalationParams>): string {
  return request.params.escalationId
}

async function renderOutcome(
  request: FastifyRequest<EscalationParams>,
  reply: FastifyReply,
  values: Partial<OutcomeFormValues> | null,
  errors: FieldErrors,
  status = 200,
) {
  const referralId = referralIdOf(request)
  const { personName, escalation } = await findEscalationOnCase(
    request.orgScope(),
    referralId,
    escalationIdOf(request),
    changeActorOf(request),
  )
  // The outcome form shows why the person was referred on: a read of their record.
  await request.audit({ action: 'view', recordType: 'episode', recordId: escalation.episodeId })
  const shown = values ?? {
    version: String(escalation.version),
    outcome: escalation.outcome ?? '',
    outcomeText: escalation.outcomeText,
    ...todayParts(),
  }
  return reply.page(
    'modules/casework/web/escalate/outcome.njk',
    {
      pageTitle: `Record the outcome of a referral for ${personName}`,
      backLinkHref: `/caseload/${referralId}`,
      referralId,
      personName,
      escalation: { ...escalation, kindLabel: ESCALATION_KIND_LABELS[escalation.kind] },
      values: shown,
      errors,
      errorList: errorListFor(errors, OUTCOME_FIELD_IDS),
      outcomeItems: choicesFrom(ESCALATION_OUTCOME_LABELS, shown.outcome ?? ''),
    },
    status,
  )
}

export async function showOutcome(request: FastifyRequest<EscalationParams>, reply: FastifyReply) {
  return renderOutcome(request, reply, null, {})
}

export async function submitOutcome(request: FastifyRequest<EscalationParams>, reply: FastifyReply) {
  const referralId = referralIdOf(request)
  const scope = request.orgScope()
  const actor = changeActorOf(request)
  const escalationId = escalationIdOf(request)
  const { escalation } = await findEscalationOnCase(scope, referralId, escalationId, actor)
  const values = readOutcomeForm(request.body)
  const parsed = parseOutcomeForm(values, londonToday(), escalation.raisedOn)
  if (!parsed.ok) return renderOutcome(request, reply, values, parsed.errors, 400)
  const { version, ...record } = parsed.value
  await recordEscalationOutcome(scope, referralId, escalationId, record, version, actor)
  return reply.redirect(`/caseload/${referralId}?saved=escalation-outcome`, 303)
}
