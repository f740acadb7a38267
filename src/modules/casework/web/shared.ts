// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyRequest } from 'fastify'
import type { ChangeActor } from '../casework.service.ts'
import { CaseworkError } from '../casework.errors.ts'
import { isUuid } from '../../../shared/uuid.ts'

export type CaseParams = { Params: { referralId: string } }

/** The referral id from the path, refused before it reaches the database if it is not a UUID. */
export function referralIdOf(request: FastifyRequest<CaseParams>): string {
  const id = request.params.referralId
  if (!isUuid(id)) throw new CaseworkError('CASEWORK_NOT_FOUND')
  return id
}

export function changeActorOf(request: FastifyRequest): ChangeActor {
  const actor = request.actor!
  return { audit: request.auditActor(), userId: actor.userId, name: actor.displayName }
}

export interface Choice {
  value: string
  text: string
  checked?: boolean
  hint?: { text: string }
}

export function choicesFrom<K extends string | number>(labels: Record<K, string>, chosen: string): Choice[] {
  return (Object.keys(labels) as K[]).map((value) => ({
    value: String(value),
    text: labels[value],
    checked: String(value) === chosen,
  }))
}

export function yesNo(chosen: string): Choice[] {
  return [
    { value: 'yes', text: 'Yes', checked: chosen === 'yes' },
    { value: 'no', text: 'No', checked: chosen === 'no' },
  ]
}
