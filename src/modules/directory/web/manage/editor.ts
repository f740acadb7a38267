// SPDX-License-Identifier: AGPL-3.0-or-later
// What every directory editor's page needs: who is editing (for versions and audit), and the `:id` it acts on.
import type { FastifyRequest } from 'fastify'
import { UnauthenticatedError } from '../../../../platform/http/errors.ts'
import type { Editor } from '../../directory.service.ts'

/** A page whose path names one record by `:id` (its shape is checked by platform/http/route-params.ts). */
export type IdParams = { Params: { id: string } }

/** The signed-in directory editor, as versions record them. */
export function editorFrom(request: FastifyRequest): Editor {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  return { userId: actor.userId, displayName: actor.displayName, email: actor.email }
}
