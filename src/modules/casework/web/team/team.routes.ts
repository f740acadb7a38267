// SPDX-License-Identifier: AGPL-3.0-or-later
// Routes for onward referrals, ending support, and the supervisor's team view, settings and reallocation.
import type { FastifyInstance } from 'fastify'
import { showBreakGlassReview, showCover, submitCover, submitEndCover } from '../access/access.handler.ts'
import { showClose, showClosed, submitClose } from '../close/close.handler.ts'
import { showEscalate, showOutcome, submitEscalate, submitOutcome } from '../escalate/escalate.handler.ts'
import { showReallocate, submitReallocate } from '../reallocate/reallocate.handler.ts'
import { showCapacity, showSettings, submitCapacity, submitSettings } from '../team-settings/team-settings.handler.ts'
import { showWorker } from '../worker/worker.handler.ts'
import { showTeam } from './team.handler.ts'

const linkWorker = { roles: ['link-worker'] } as const
const supervisor = { roles: ['supervisor'] } as const

/** The allocated link worker refers on and ends support (the services refuse anyone else with a 404). */
export async function registerEscalationAndClosingRoutes(app: FastifyInstance): Promise<void> {
  app.get('/caseload/:referralId/escalations/new', { config: { access: linkWorker } }, showEscalate)
  app.post('/caseload/:referralId/escalations', { config: { access: linkWorker } }, submitEscalate)
  app.get('/caseload/:referralId/escalations/:escalationId/outcome', { config: { access: linkWorker } }, showOutcome)
  app.post('/caseload/:referralId/escalations/:escalationId/outcome', { config: { access: linkWorker } }, submitOutcome)
  app.get('/caseload/:referralId/close', { config: { access: linkWorker } }, showClose)
  app.post('/caseload/:referralId/close', { config: { access: linkWorker } }, submitClose)
  app.get('/caseload/:referralId/closed', { config: { access: linkWorker } }, showClosed)
}

export async function registerTeamRoutes(app: FastifyInstance): Promise<void> {
  app.get('/team', { config: { access: supervisor } }, showTeam)
  app.get('/team/cover', { config: { access: supervisor } }, showCover)
  app.post('/team/cover', { config: { access: supervisor } }, submitCover)
  app.post('/team/cover/:coverId/end', { config: { access: supervisor } }, submitEndCover)
  app.get('/team/break-glass', { config: { access: supervisor } }, showBreakGlassReview)
  app.get('/team/settings', { config: { access: supervisor } }, showSettings)
  app.post('/team/settings', { config: { access: supervisor } }, submitSettings)
  app.get('/team/:userId', { config: { access: supervisor } }, showWorker)
  app.get('/team/:userId/capacity', { config: { access: supervisor } }, showCapacity)
  app.post('/team/:userId/capacity', { config: { access: supervisor } }, submitCapacity)
  app.get('/team/:userId/reallocate/:referralId', { config: { access: supervisor } }, showReallocate)
  app.post('/team/:userId/reallocate/:referralId', { config: { access: supervisor } }, submitReallocate)
}
