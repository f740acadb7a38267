// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { createDiaryAddress, findDiaryAddress, readDiary, turnOffDiaryAddress } from '../../bookings.service.ts'

const FLASHES: Record<string, string> = {
  off: 'Your diary address is turned off. Calendars using it will stop updating.',
}

function diaryUrl(config: Config, token: string): string {
  return `${config.publicUrl.replace(/\/$/, '')}/diary/${token}/waymark.ics`
}

async function renderDiaryPage(request: FastifyRequest, reply: FastifyReply, newAddress: string | null) {
  const actor = request.actor!
  const feed = await findDiaryAddress(request.orgScope(), actor.userId)
  const flash = (request.query as Record<string, unknown> | undefined)?.['done']
  return reply.page('modules/casework/web/diary/diary.njk', {
    pageTitle: 'Your diary in your calendar',
    backLinkHref: '/caseload',
    feed,
    newAddress,
    flash: typeof flash === 'string' ? FLASHES[flash] : undefined,
  })
}

export async function showDiary(request: FastifyRequest, reply: FastifyReply) {
  return renderDiaryPage(request, reply, null)
}

/** Makes a new address and shows it once: only its hash is kept. */
export function submitCreateDiary(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { token } = await createDiaryAddress(request.orgScope(), request.actor!.userId, request.auditActor())
    return renderDiaryPage(request, reply, diaryUrl(config, token))
  }
}

export async function submitTurnOffDiary(request: FastifyRequest, reply: FastifyReply) {
  await turnOffDiaryAddress(request.orgScope(), request.actor!.userId, request.auditActor())
  return reply.redirect('/caseload/diary?done=off', 303)
}

/** The calendar feed a calendar app polls: the secret in the address is the only credential. */
export function showDiaryFeed(config: Config) {
  return async (request: FastifyRequest<{ Params: { token: string } }>, reply: FastifyReply) => {
    const calendar = await readDiary(request.server.db, request.params.token, {
      baseUrl: config.publicUrl.replace(/\/$/, ''),
      ipAddress: request.ip,
      correlationId: request.id,
    })
    if (calendar === undefined) throw new NotFoundError('diary')
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(calendar)
  }
}
