// SPDX-License-Identifier: AGPL-3.0-or-later
// Connections (issue 11): handing a person to a community group with consent, the group's answer and its register
// from links that need no account, and the link worker's record of how it goes. Builds on casework, plans, the directory and people.
import { connectionsHeldRecords } from './subject-access.ts'
import { showUnmetNeed, submitUnmetNeed } from './web/unmet-need/unmet-need.handler.ts'
import type { FastifyInstance } from 'fastify'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { NUDGE_CRON, NUDGE_QUEUE, sendNudges } from './nudge.job.ts'
import {
  useCaseloadFollowUpsSource,
  useConnectedToSource,
  useEpisodeConnectionsSource,
  useStillAttendingHook,
} from '../casework/index.ts'
import { useLeafletConnectionsSource } from '../plans/index.ts'
import {
  connectedToForEpisode,
  episodeConnections,
  followUpsFor,
  leafletConnections,
  recordStillAttending,
  stillAttendingQuestions,
} from './episode-hooks.service.ts'
import {
  showConnection,
  submitNewLink,
  submitProgress,
  submitRegisterLink,
} from './web/connection/connection.handler.ts'
import { showGroupConnection, showGroupConnections, submitGroupConnection } from './web/group/group.handler.ts'
import { showRegister, submitCheckIn, submitRegister } from './web/register/register.handler.ts'
import { showRecordSession, submitRecordSession } from './web/session/session.handler.ts'
import { showSuggestions } from './web/suggestions/suggestions.handler.ts'
import { showConnections } from './web/list/list.handler.ts'
import { connectPage } from './web/new/new.handler.ts'
import { showRespond, submitRespond } from './web/respond/respond.handler.ts'
import { connectionsRetention } from './retention.repository.ts'

export { ConnectionsError, CONNECTIONS_ERRORS } from './connections.errors.ts'
export * from './connection.ts'
export { seedDemoConnections } from './connections.seed.ts'
export { sendNudges } from './nudge.job.ts'
// For the reporting module: gaps counted by need, reason and postcode district (issue #14).
export { countUnmetNeeds } from './unmet-needs.service.ts'
export { countUptake } from './uptake.service.ts'
export type { UptakeCount } from './uptake.repository.ts'
export { UNMET_REASONS, UNMET_REASON_LABELS, type UnmetReason } from './unmet-need.ts'

const linkWorker = { config: { access: { roles: ['link-worker'] } } } as const
const provider = { config: { access: { roles: ['provider'] } } } as const

export const connectionsModule: WaymarkModule = {
  name: 'connections',
  subjectAccess: connectionsHeldRecords,
  retention: connectionsRetention,
  navigation: [{ href: '/connections/group', text: 'Connections', roles: ['provider'], order: 20 }],
  homeActions: [
    {
      href: '/connections/group',
      title: 'People connected to your groups',
      description: 'See who link workers have connected to your groups, what they agreed to share, and answer.',
      roles: ['provider'],
      order: 20,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db, email }: ModuleContext) {
    // Ending support starts "connected to" (on the message back) from these records.
    useConnectedToSource(connectedToForEpisode)
    // The episode page lists each connection, how it is going, and what to follow up.
    useEpisodeConnectionsSource((scope, episodeId, today) =>
      episodeConnections(scope, episodeId, today, config.connectionFollowUp),
    )
    // The plan leaflet prints each group's first-session arrangements and the person's check-in code.
    useLeafletConnectionsSource(leafletConnections)
    // Ending support asks "still going?" for each group the person started, and records the answers here.
    useStillAttendingHook({
      list: stillAttendingQuestions,
      record: (scope, episodeId, answers, actor) => recordStillAttending(scope, episodeId, answers, actor),
    })
    // The caseload lists groups that have not answered and people who have stopped going.
    useCaseloadFollowUpsSource('connections', (scope, episodes, today) =>
      followUpsFor(
        scope,
        episodes.map((e) => e.id),
        today,
        config.connectionFollowUp,
      ),
    )
    const connect = connectPage(config, email)
    app.get('/caseload/:referralId/connections', linkWorker, showConnections)
    app.get('/caseload/:referralId/connections/suggestions', linkWorker, showSuggestions(config))
    app.get('/caseload/:referralId/connections/unmet-need', linkWorker, showUnmetNeed)
    app.post('/caseload/:referralId/connections/unmet-need', linkWorker, submitUnmetNeed)
    app.get('/caseload/:referralId/connections/new', linkWorker, connect.show)
    app.post('/caseload/:referralId/connections/new', linkWorker, connect.submit)
    app.get('/caseload/:referralId/connections/:connectionId', linkWorker, showConnection)
    app.post('/caseload/:referralId/connections/:connectionId', linkWorker, submitProgress)
    app.post('/caseload/:referralId/connections/:connectionId/link', linkWorker, submitNewLink(config, email))
    app.post('/caseload/:referralId/connections/:connectionId/register', linkWorker, submitRegisterLink(config, email))
    app.get('/caseload/:referralId/connections/:connectionId/session', linkWorker, showRecordSession)
    app.post('/caseload/:referralId/connections/:connectionId/session', linkWorker, submitRecordSession)
    // A community provider with accounts: everything sent to its groups, answered from one list.
    app.get('/connections/group', provider, showGroupConnections(db))
    app.get('/connections/group/:organisationId/:connectionId', provider, showGroupConnection(db))
    app.post('/connections/group/:organisationId/:connectionId', provider, submitGroupConnection(db))
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
    // A person checks in with their own code on the group's device (the register link is open there).
    app.post(
      '/connections/register/:token/check-in',
      { config: { access: 'public', rateLimit: publicForms } },
      submitCheckIn(db),
    )
  },
  async registerJobs(jobs: Jobs, { config, db, email }: ModuleContext) {
    await jobs.work(NUDGE_QUEUE, async () => {
      await sendNudges(db, email, config.publicUrl, config.connectionFollowUp)
    })
    await jobs.schedule(NUDGE_QUEUE, NUDGE_CRON)
  },
}
