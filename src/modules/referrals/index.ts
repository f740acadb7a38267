// SPDX-License-Identifier: AGPL-3.0-or-later
import { referralsHeldRecords } from './subject-access.ts'
import type { FastifyInstance } from 'fastify'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { REMINDER_CRON, REMINDER_QUEUE, sendContactTargetReminders } from './referral-reminders.job.ts'
import { configureContactTargets } from './referral-settings.service.ts'
import { sendReferrerUpdates } from './referrer-updates.service.ts'
import { showUpdateSettings, submitUpdateSettings } from './web/my-referrals/update-settings.handler.ts'

/** Referrer updates fall due after a few minutes' coalescing, or at the morning digest: look every minute. */
const REFERRER_UPDATES_QUEUE = 'referrals-referrer-updates'
const REFERRER_UPDATES_CRON = '* * * * *'
import { ensureConceptCodes } from './referral.service.ts'
import { showContactTargets, submitContactTargets } from './web/contact-targets/contact-targets.handler.ts'
import { showInbox } from './web/inbox/inbox.handler.ts'
import {
  downloadReferrerMessageBack,
  downloadServiceMessageBack,
  showReferrerMessageBack,
  showServiceMessageBack,
} from './web/message-back/message-back.handler.ts'
import { showMyReferral, showMyReferrals, submitWithdrawMyReferral } from './web/my-referrals/my-referrals.handler.ts'
import { showCheck, showDone, submitCheck } from './web/referral-form/check/check.handler.ts'
import { showContact, showPerson, submitContact, submitPerson } from './web/referral-form/person/person.handler.ts'
import { showReasons, submitReasons } from './web/referral-form/reasons/reasons.handler.ts'
import { showService, submitService } from './web/referral-form/service/service.handler.ts'
import { startReferral } from './web/referral-form/referral-form.handler.ts'
import { showReferral, submitChange, submitIdentity } from './web/referral/referral.handler.ts'
import { deleteExpiredReferralDrafts } from './referral-draft.service.ts'
import { deleteExpiredSelfReferralDrafts } from './self-referral-draft.service.ts'
import {
  showGetSupport,
  showSelfReferralCheck,
  showSelfReferralSent,
  showSelfReferralStep,
  startSelfReferral,
  submitSelfReferralSend,
  submitSelfReferralStep,
} from './web/self-referral/self-referral.handler.ts'

const DRAFTS_QUEUE = 'referrals.delete-expired-drafts'

export {
  changeReferral,
  countReferralQueues,
  findReferralForService,
  listReferralHistory,
  listReferralsForService,
  listUrgentAwaitingFirstContact,
  viewReferral,
} from './referral.service.ts'
export {
  getMessageBack,
  getMessageBackForReferrer,
  listReferralsMadeBy,
  recordClosingDetails,
  viewReferralMadeBy,
  withdrawReferralMadeBy,
} from './message-back.service.ts'
import { referralsRetention } from './retention.repository.ts'
export { referralSubmissionProblems, submitReferral } from './submission.service.ts'
export type { ChangeActor } from './referral.service.ts'
export { listPeopleSupportedBy, supportsPerson } from './support.service.ts'
export type { ReferralForReferrer } from './message-back.service.ts'
export * from './referral.ts'
export * from './referral-status.ts'
export * from './referral-change.ts'
// Counts for the reporting module (issue #14): grouped counts only, across a ReportScope's services.
export * from './activity.ts'
export { countReferralActivity } from './activity.repository.ts'
export { ReferralsError, REFERRALS_ERRORS } from './referrals.errors.ts'
export { SNOMED_CT } from './concept-codes.ts'
export { exampleSubmission } from './referral.examples.ts'
export { addWorkingDays, isWorkingDay, workingDaysBetween } from './contact-target.ts'
export { sendContactTargetReminders } from './referral-reminders.job.ts'
export { sendReferrerUpdates } from './referrer-updates.service.ts'
// The FHIR API's shared parts, for modules that serve their own resources under /fhir (outcomes).
export { declareFhirResource, lastUpdatedRange, registerFhirScope, sendFhir } from './fhir/api/fhir-scope.ts'
export { FhirRequestError, type FhirIssue } from './fhir/fhir-errors.ts'
export { CODE_SYSTEMS, WAYMARK_CANONICAL } from './fhir/fhir-codes.ts'
export { toSearchset } from './fhir/fhir-resources.ts'
export type { Json as FhirJson } from './fhir/fhir-json.ts'
export { fhirSchemaValidator, type ValidatedResourceType } from './fhir/fhir-schema.ts'

const referrer = { roles: ['referrer'] } as const
const service = { roles: ['supervisor', 'link-worker'] } as const
const supervisor = { roles: ['supervisor'] } as const

export const referralsModule: WaymarkModule = {
  name: 'referrals',
  subjectAccess: referralsHeldRecords,
  retention: referralsRetention,
  navigation: [
    { href: '/referrals', text: 'Referrals', roles: ['supervisor', 'link-worker'], order: 10 },
    { href: '/my-referrals', text: 'My referrals', roles: ['referrer'], order: 20 },
  ],
  homeActions: [
    {
      href: '/referrals/new',
      title: 'Make a referral',
      description: 'Refer someone to social prescribing. It takes about two minutes.',
      roles: ['referrer'],
      order: 10,
    },
    {
      href: '/my-referrals',
      title: 'Follow your referrals',
      description: 'See what has happened to the referrals your organisation made, and read the messages back.',
      roles: ['referrer'],
      order: 11,
    },
    {
      href: '/referrals?queue=new',
      title: 'Triage new referrals',
      description:
        'Accept and allocate, decline with a reason, or redirect. See what is near or past the contact target.',
      roles: ['supervisor'],
      order: 10,
    },
    {
      href: '/referrals',
      title: 'Your referrals',
      description: 'The people allocated to you, and who is waiting for first contact.',
      roles: ['link-worker'],
      order: 12,
    },
  ],
  async registerRoutes(app: FastifyInstance, context: ModuleContext) {
    configureContactTargets(context.config.contactTargetWorkingDays)
    await ensureConceptCodes(context.db)

    // The referral form (four screens and check your answers), for signed-in referrers.
    app.get('/referrals/new', { config: { access: referrer } }, startReferral)
    app.get('/referrals/new/:token/person', { config: { access: referrer } }, showPerson)
    app.post('/referrals/new/:token/person', { config: { access: referrer } }, submitPerson)
    app.get('/referrals/new/:token/contact', { config: { access: referrer } }, showContact)
    app.post('/referrals/new/:token/contact', { config: { access: referrer } }, submitContact)
    app.get('/referrals/new/:token/reasons', { config: { access: referrer } }, showReasons)
    app.post('/referrals/new/:token/reasons', { config: { access: referrer } }, submitReasons)
    app.get('/referrals/new/:token/service', { config: { access: referrer } }, showService)
    app.post('/referrals/new/:token/service', { config: { access: referrer } }, submitService)
    app.get('/referrals/new/:token/check', { config: { access: referrer } }, showCheck)
    app.post('/referrals/new/:token/submit', { config: { access: referrer } }, submitCheck)
    app.get('/referrals/new/:token/done', { config: { access: referrer } }, showDone)

    // The referrer's closed loop.
    app.get('/my-referrals', { config: { access: referrer } }, showMyReferrals)
    app.get('/my-referrals/settings', { config: { access: referrer } }, showUpdateSettings)
    app.post('/my-referrals/settings', { config: { access: referrer } }, submitUpdateSettings)
    app.get('/my-referrals/:referralId', { config: { access: referrer } }, showMyReferral)
    app.post('/my-referrals/:referralId/withdraw', { config: { access: referrer } }, submitWithdrawMyReferral)
    app.get('/my-referrals/:referralId/message-back', { config: { access: referrer } }, showReferrerMessageBack)
    app.get('/my-referrals/:referralId/message-back.pdf', { config: { access: referrer } }, downloadReferrerMessageBack)

    // The receiving service: inbox, triage and progress.
    app.get('/referrals', { config: { access: service } }, showInbox)
    app.get('/referrals/settings', { config: { access: supervisor } }, showContactTargets)
    app.post('/referrals/settings', { config: { access: supervisor } }, submitContactTargets)
    app.get('/referrals/:referralId', { config: { access: service } }, showReferral)
    app.post('/referrals/:referralId/changes', { config: { access: service } }, submitChange)
    app.post('/referrals/:referralId/identity', { config: { access: service } }, submitIdentity)
    app.get('/referrals/:referralId/message-back', { config: { access: service } }, showServiceMessageBack)
    app.get('/referrals/:referralId/message-back.pdf', { config: { access: service } }, downloadServiceMessageBack)

    // Public self-referral: no sign-in, a honeypot and a per-address rate limit against abuse.
    const publicFormLimit = { max: context.config.formRateLimit, timeWindow: '5 minutes' }
    app.get('/get-support', { config: { access: 'public' } }, showGetSupport)
    // One question a page; each page's answers are saved as it is sent, so the limit on pages is generous.
    const publicStepLimit = { max: context.config.formRateLimit * 20, timeWindow: '5 minutes' }
    app.get('/self-referral', { config: { access: 'public' } }, startSelfReferral)
    app.get('/self-referral/check', { config: { access: 'public' } }, showSelfReferralCheck)
    app.post(
      '/self-referral/send',
      { config: { access: 'public', rateLimit: publicFormLimit } },
      submitSelfReferralSend,
    )
    const selfReferral = { secureCookies: context.config.secureCookies, textsAvailable: context.texts.kind !== 'none' }
    app.get('/self-referral/:step', { config: { access: 'public' } }, showSelfReferralStep(selfReferral))
    app.post(
      '/self-referral/:step',
      { config: { access: 'public', rateLimit: publicStepLimit } },
      submitSelfReferralStep(selfReferral),
    )
    app.get('/self-referral/sent', { config: { access: 'public' } }, showSelfReferralSent)
  },
  async registerJobs(jobs: Jobs, context: ModuleContext) {
    await jobs.work(REFERRER_UPDATES_QUEUE, async () => {
      await sendReferrerUpdates(context.db, context.email, context.config.publicUrl, new Date(), context.texts)
    })
    await jobs.schedule(REFERRER_UPDATES_QUEUE, REFERRER_UPDATES_CRON)
    await jobs.work(REMINDER_QUEUE, async () => {
      await sendContactTargetReminders(context.db, context.email, context.config.publicUrl)
    })
    await jobs.schedule(REMINDER_QUEUE, REMINDER_CRON)
    // Forms half filled in hold personal details: self-referrals go a day after the last answer, referral forms a week.
    await jobs.work(DRAFTS_QUEUE, async () => {
      await deleteExpiredSelfReferralDrafts(context.db)
      await deleteExpiredReferralDrafts(context.db)
    })
    await jobs.schedule(DRAFTS_QUEUE, '23 3 * * *')
  },
}
export { seedDemoReferrals } from './referrals.seed.ts'
