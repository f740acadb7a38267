// SPDX-License-Identifier: AGPL-3.0-or-later
// Casework: the link worker's caseload, episodes of support and contacts (issue 4, first slice).
import { caseworkHeldRecords } from './subject-access.ts'
import type { FastifyInstance } from 'fastify'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { CASEWORK_REMINDER_CRON, CASEWORK_REMINDER_QUEUE, sendCaseworkReminders } from './reminders.job.ts'
import { showBookContact, submitBookContact, submitCancelBooking } from './web/booking/booking.handler.ts'
import { showCaseload } from './web/caseload/caseload.handler.ts'
import { showDiary, showDiaryFeed, submitCreateDiary, submitTurnOffDiary } from './web/diary/diary.handler.ts'
import { showSendText, submitSendText } from './web/text/text.handler.ts'
import { showRecordContact, submitRecordContact } from './web/contact/contact.handler.ts'
import { showConversation, submitConversation } from './web/conversation/conversation.handler.ts'
import { showDetails, submitDetails } from './web/details/details.handler.ts'
import { showEpisode, submitResume } from './web/episode/episode.handler.ts'
import { showPause, submitPause } from './web/pause/pause.handler.ts'
import { registerProfileRoutes } from './web/profile/profile.routes.ts'
import { registerPersonRoutes } from './web/person/person.routes.ts'
import { registerEscalationAndClosingRoutes, registerTeamRoutes } from './web/team/team.routes.ts'

export { latestEpisodesForPeople, listCaseload, openCase } from './casework.service.ts'
export { recordContact, pauseEpisode, resumeEpisode } from './episode-changes.service.ts'
export { CaseworkError, CASEWORK_ERRORS } from './casework.errors.ts'
// For the plans module: the case behind a plan page, the conversation it builds on, and the dates it decides.
export { viewCase, type Case, type ChangeActor } from './casework.service.ts'
// For the pages other modules build on a case: the referral id from the path and the person acting.
export { changeActorOf, referralIdOf, type CaseParams } from './web/shared.ts'
export {
  findCurrentConversation,
  findNeedsInForce,
  listConversationsForEpisode,
  recordConversation,
} from './conversation.service.ts'
export { needsInForce, type Conversation, type NewConversation } from './conversation.ts'
export { recordPlanDates, type PlanDates } from './plan-dates.service.ts'
export { useClosingSummarySource, useConnectedToSource, useStillAttendingHook } from './closing.service.ts'
export type { StillAttendingAnswer, StillAttendingQuestion } from './closing.ts'
export {
  useCaseloadFollowUpsSource,
  useEpisodeConnectionsSource,
  useEpisodeOutcomesSource,
  usePersonOutcomesSource,
  useReminderSource,
  type ReminderSource,
  type CaseloadEpisode,
  type CaseloadFollowUp,
  type EpisodeOutcomes,
  type PersonOutcomes,
  type EpisodeConnection,
} from './follow-ups.service.ts'
import { caseworkRetention } from './retention.repository.ts'
import { applyRetentionSchedule, RETENTION_CRON, RETENTION_QUEUE } from './retention.job.ts'
export { applyRetentionSchedule } from './retention.job.ts'
export { addDays, londonToday, type Episode } from './casework.ts'
export { seedDemoCasework } from './casework.seed.ts'
export { seedDemoCaseloadVolume } from './caseload-volume.seed.ts'
export { seedDemoPeople } from './people.seed.ts'
export { activeFlagsFor, listPossibleDuplicates, viewPersonRecord } from './person.service.ts'
export { seedDemoTeam } from './team.seed.ts'
export { sendCaseworkReminders } from './reminders.job.ts'
// For the plan leaflet: the link worker's name, work contact details and photo.
export { findLeafletProfile } from './link-workers.service.ts'
export { placeholderPortrait, seedDemoLinkWorkers } from './link-workers.seed.ts'
export type { LeafletProfile } from './link-worker-profile.ts'

// Link workers' own caseload. Supervisors who also hold the link-worker role see their own; the team's is /team.
const linkWorker = { roles: ['link-worker'] } as const
// The episode page: its link worker changes it; once closed they can still read it, and supervisors read any.
const episodeReader = { roles: ['link-worker', 'supervisor'] } as const

export const caseworkModule: WaymarkModule = {
  name: 'casework',
  subjectAccess: caseworkHeldRecords,
  retention: caseworkRetention,
  navigation: [
    { href: '/caseload', text: 'My caseload', roles: ['link-worker'], order: 9 },
    { href: '/team', text: 'Team', roles: ['supervisor'], order: 12 },
    { href: '/people', text: 'People', roles: ['link-worker', 'supervisor'], order: 11 },
  ],
  homeActions: [
    {
      href: '/caseload',
      title: 'My caseload',
      description: 'Everyone you support, what needs doing today, and recording contacts and home visits.',
      roles: ['link-worker'],
      order: 11,
    },
    {
      href: '/team',
      title: 'Your team',
      description: 'Caseloads, capacity and overdue work for each link worker, and reallocating people between them.',
      roles: ['supervisor'],
      order: 12,
    },
  ],
  async registerRoutes(app: FastifyInstance, context: ModuleContext) {
    app.get('/caseload', { config: { access: linkWorker } }, showCaseload)
    // Booked contacts and the link worker's own diary feed (the address's secret is the feed's credential).
    app.get('/caseload/diary', { config: { access: linkWorker } }, showDiary)
    app.post('/caseload/diary', { config: { access: linkWorker } }, submitCreateDiary(context.config))
    app.post('/caseload/diary/off', { config: { access: linkWorker } }, submitTurnOffDiary)
    app.get('/diary/:token/waymark.ics', { config: { access: 'public' } }, showDiaryFeed(context.config))
    app.get('/caseload/:referralId/bookings/new', { config: { access: linkWorker } }, showBookContact)
    app.post('/caseload/:referralId/bookings', { config: { access: linkWorker } }, submitBookContact)
    app.post(
      '/caseload/:referralId/bookings/:bookingId/cancel',
      { config: { access: linkWorker } },
      submitCancelBooking,
    )
    app.get('/caseload/:referralId/texts/new', { config: { access: linkWorker } }, showSendText(context.texts))
    app.post('/caseload/:referralId/texts', { config: { access: linkWorker } }, submitSendText(context.texts))
    app.get('/caseload/:referralId', { config: { access: episodeReader } }, showEpisode)
    app.get('/caseload/:referralId/contacts/new', { config: { access: linkWorker } }, showRecordContact)
    app.post('/caseload/:referralId/contacts', { config: { access: linkWorker } }, submitRecordContact)
    app.get('/caseload/:referralId/details', { config: { access: linkWorker } }, showDetails)
    app.post('/caseload/:referralId/details', { config: { access: linkWorker } }, submitDetails)
    app.get('/caseload/:referralId/pause', { config: { access: linkWorker } }, showPause)
    app.post('/caseload/:referralId/pause', { config: { access: linkWorker } }, submitPause)
    app.post('/caseload/:referralId/resume', { config: { access: linkWorker } }, submitResume)
    await registerProfileRoutes(app)
    await registerPersonRoutes(app, context.subjectAccess)
    await registerEscalationAndClosingRoutes(app)
    await registerTeamRoutes(app)
    app.get('/caseload/:referralId/conversation', { config: { access: linkWorker } }, showConversation)
    app.post('/caseload/:referralId/conversation', { config: { access: linkWorker } }, submitConversation)
  },
  async registerJobs(jobs: Jobs, context: ModuleContext) {
    await jobs.work(CASEWORK_REMINDER_QUEUE, async () => {
      await sendCaseworkReminders(context.db, context.email, context.config.publicUrl)
    })
    await jobs.schedule(CASEWORK_REMINDER_QUEUE, CASEWORK_REMINDER_CRON)
    const years = context.config.retentionYears
    if (years !== null) {
      await jobs.work(RETENTION_QUEUE, async () => {
        await applyRetentionSchedule(context.db, context.retention, years)
      })
      await jobs.schedule(RETENTION_QUEUE, RETENTION_CRON)
    }
  },
}
