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
