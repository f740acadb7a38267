// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyRequest } from 'fastify'
import type { ChangeActor } from '../../casework/index.ts'
import { PlansError } from '../plans.errors.ts'
import { isUuid } from '../../../shared/uuid.ts'

export type CaseParams = { Params: { referralId: string } }

/** The referral id from the path, refused before it reaches the database if it is not a UUID. */
export function referralIdOf(request: FastifyRequest<CaseParams>): string {
  const id = request.params.referralId
  if (!isUuid(id)) throw new PlansError('PLANS_NOT_FOUND')
  return id
}

export function changeActorOf(request: FastifyRequest): ChangeActor {
  const actor = request.actor!
  return { audit: request.auditActor(), userId: actor.userId, name: actor.displayName }
}

/** An ISO date as the three boxes of a date input. */
export function dateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  if (!iso) return { day: '', month: '', year: '' }
  const [year, month, day] = iso.split('-') as [string, string, string]
  return { day: String(Number(day)), month: String(Number(month)), year }
}

export interface Choice {
  value: string
  text: string
  checked?: boolean
  selected?: boolean
  hint?: { text: string }
}

export function choicesFrom<K extends string>(labels: Record<K, string>, chosen: readonly string[]): Choice[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, text: labels[value], checked: chosen.includes(value) }))
}

export const SUBMISSION_KEY = /^[A-Za-z0-9-]{16,64}$/
