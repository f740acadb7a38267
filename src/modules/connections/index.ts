// SPDX-License-Identifier: AGPL-3.0-or-later
// Connections (issue 11): handing a person to a community group with consent, the group's answer and its register
// from links that need no account, and the link worker's record of how it goes. Builds on casework, plans, the directory and people.
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { useCaseloadFollowUpsSource, useConnectedToSource } from '../casework/index.ts'
import { connectedToForEpisode, followUpsFor } from './connections.service.ts'
import {
  showConnection,
  submitNewLink,
  submitProgress,
  submitRegisterLink,
} from './web/connection/connection.handler.ts'
import { showRegister, submitRegister } from './web/register/register.handler.ts'
import { showSuggestions } from './web/suggestions/suggestions.handler.ts'
import { showConnections } from './web/list/list.handler.ts'
import { connectPage } from './web/new/new.handler.ts'
import { showRespond, submitRespond } from './web/respond/respond.handler.ts'

export { ConnectionsError, CONNECTIONS_ERRORS } from './connections.errors.ts'
export * from './connection.ts'
export { seedDemoConnections } from './connections.seed.ts'

const linkWorker = { config: { access: { roles: ['link-worker'] } } } as const

export const connectionsModule: WaymarkModule = {
  name: 'connections',
  async registerRoutes(app: FastifyInstance, { config, db, email }: ModuleContext) {
    // Ending support starts "connected to" (on the message back) from these records.
    useConnectedToSource(connectedToForEpisode)
    // The caseload lists groups that have not answered and people who have stopped going.
    useCaseloadFollowUpsSource(followUpsFor)
    const connect = connectPage(config, email)
    app.get('/caseload/:referralId/connections', linkWorker, showConnections)
    app.get('/caseload/:referralId/connections/suggestions', linkWorker, showSuggestions(config))
    app.get('/caseload/:referralId/connections/new', linkWorker, connect.show)
    app.post('/caseload/:referralId/connections/new', linkWorker, connect.submit)
    app.get('/caseload/:referralId/connections/:connectionId', linkWorker, showConnection)
    app.post('/caseload/:referralId/connections/:connectionId', linkWorker, submitProgress)
    app.post('/caseload/:referralId/connections/:connectionId/link', linkWorker, submitNewLink(config, email))
    app.post('/caseload/:referralId/connections/:connectionId/register', linkWorker, submitRegisterLink(config, email))
    // The group answers from the link it was emailed: no account, the link is the credential.
    const publicForms = { max: config.formRateLimit, timeWindow: '5 minutes' }
    app.get('/connections/respond/:token', { config: { access: 'public' } }, showRespond(db))
    app.post('/connections/respond/:token', { config: { access: 'public', rateLimit: publicForms } }, submitRespond(db))
    // The group's register: tick who came to a session.
    app.get('/connections/register/:token', { config: { access: 'public' } }, showRegister(db))
    app.post(
      '/connections/register/:token',
      { config: { access: 'public', rateLimit: publicForms } },
      submitRegister(db),
    )
  },
}
