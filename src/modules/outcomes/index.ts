// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes (issue 12): validated wellbeing and loneliness questionnaires at baseline, follow-up and close, scored
// by their published rules from versioned definitions, with each score's change shown over time. Builds on casework.
import { outcomesHeldRecords } from './subject-access.ts'
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import {
  useCaseloadFollowUpsSource,
  useClosingSummarySource,
  useEpisodeOutcomesSource,
  usePersonOutcomesSource,
  useReminderSource,
} from '../casework/index.ts'
import {
  caseloadOutcomeFollowUps,
  closingSummaryFor,
  episodeOutcomes,
  personOutcomes,
  questionnaireReminders,
} from './web/episode-summary.ts'
import { showOutcomes } from './web/overview/overview.handler.ts'
import { submitInvite } from './web/invite/invite.handler.ts'
import { showOwnAnswers, showQuestionnaire, showStart, submitQuestionnaire } from './web/answer/answer.handler.ts'
import { showChooseInstrument, showRecord, submitRecord } from './web/record/record.handler.ts'
import { showOutcomeSettings, submitOutcomeSettings } from './web/settings/settings.handler.ts'
import { showImportServiceUse, submitImportServiceUse } from './web/service-use/import.handler.ts'
import { showServiceUse, submitServiceUse } from './web/service-use/service-use.handler.ts'
import { registerOutcomesFhirRoutes } from './api/outcomes-fhir.api-routes.ts'
import { showCode, submitCode } from './web/code/code.handler.ts'
import { showContentPacks, submitContentPack } from './web/content-packs/content-packs.handler.ts'
import { outcomesRetention } from './retention.repository.ts'

export { OutcomesError, OUTCOMES_ERRORS } from './outcomes.errors.ts'
export { CURRENT_INSTRUMENTS, contentPackSchema, findInstrument, type ContentPack } from './catalogue.ts'
export { importContentPack } from './outcomes.service.ts'
export { seedDemoOutcomes } from './outcomes.seed.ts'
export { importInstrumentContentCommand } from './content-pack.command.ts'
export type { Measure, Timepoint } from './outcome.ts'
// For the reporting module: statistics of paired scores, never a pair (issue #14).
export { summariseOutcomeChange, summariseServiceUse } from './outcome-change.service.ts'
export type { ScoreChangeSummary } from './outcome-change.ts'
export type { ServiceUseChangeSummary } from './service-use-change.ts'
export type { Count } from './service-use.ts'

const linkWorker = { config: { access: { roles: ['link-worker'] } } } as const
const supervisor = { config: { access: { roles: ['supervisor'] } } } as const
const licenceHolder = { config: { access: { roles: ['supervisor', 'administrator'] } } } as const

export const outcomesModule: WaymarkModule = {
  name: 'outcomes',
  subjectAccess: outcomesHeldRecords,
  retention: outcomesRetention,
  homeActions: [
    {
      href: '/outcomes/service-use/import',
      title: 'Import health and care use',
      description: 'Upload a practice’s search extract of GP, A&E, 999 and hospital use before and after referral.',
      roles: ['supervisor'],
      order: 15,
    },
    {
      href: '/outcomes/content-packs',
      title: 'Licensed questionnaires',
      description: 'Load the wording of SWEMWBS, WEMWBS or MYCaW once your organisation holds a licence.',
      roles: ['administrator'],
      order: 16,
    },
    {
      href: '/outcomes/settings',
      title: 'Questionnaires your service asks',
      description: 'Choose the wellbeing and loneliness questionnaires link workers ask at the start and at follow-up.',
      roles: ['supervisor'],
      order: 14,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db, email, texts }: ModuleContext) {
    // The episode page shows each questionnaire's headline score over time; the caseload what is due.
    useEpisodeOutcomesSource(episodeOutcomes)
    usePersonOutcomesSource(personOutcomes)
    useCaseloadFollowUpsSource('outcomes', caseloadOutcomeFollowUps)
    useReminderSource(questionnaireReminders)
    // Ending support starts the message back's outcomes with what the questionnaires show.
    useClosingSummarySource(closingSummaryFor)
    app.get('/caseload/:referralId/outcomes', linkWorker, showOutcomes(texts))
    app.post(
      '/caseload/:referralId/outcomes/invite',
      linkWorker,
      submitInvite({ email, texts, publicUrl: config.publicUrl }),
    )
    app.get('/caseload/:referralId/outcomes/new', linkWorker, showChooseInstrument)
    app.get('/caseload/:referralId/outcomes/new/:instrument', linkWorker, showRecord)
    app.post('/caseload/:referralId/outcomes/new/:instrument', linkWorker, submitRecord)
    app.get('/caseload/:referralId/outcomes/service-use', linkWorker, showServiceUse)
    app.post('/caseload/:referralId/outcomes/service-use', linkWorker, submitServiceUse)
    // A practice's CSV extract and content packs: uploads are parsed only in this plugin, as { filename, content }.
    await app.register(async (uploads) => {
      await uploads.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        limits: { fileSize: 5 * 1024 * 1024, files: 1, fields: 5, parts: 6 },
        async onFile(part) {
          const content = await part.toBuffer()
          ;(part as unknown as { value: unknown }).value = { filename: part.filename, content }
        },
      })
      uploads.get('/outcomes/service-use/import', supervisor, showImportServiceUse)
      uploads.post('/outcomes/service-use/import', supervisor, submitImportServiceUse)
      uploads.get('/outcomes/content-packs', licenceHolder, showContentPacks)
      uploads.post('/outcomes/content-packs', licenceHolder, submitContentPack)
    })
    app.get('/outcomes/settings', supervisor, showOutcomeSettings)
    app.post('/outcomes/settings', supervisor, submitOutcomeSettings)
    // The person answers from the link they were sent: no account, the link is the credential.
    const publicForms = {
      config: { access: 'public', rateLimit: { max: config.formRateLimit, timeWindow: '5 minutes' } },
    } as const
    const publicPage = { config: { access: 'public' } } as const
    app.get('/q', publicPage, showCode)
    app.post('/q', publicForms, submitCode(db))
    app.get('/questionnaires/:token', publicPage, showStart(db))
    app.get('/questionnaires/:token/answers', publicPage, showOwnAnswers(db))
    app.get('/questionnaires/:token/:instrument', publicPage, showQuestionnaire(db))
    app.post('/questionnaires/:token/:instrument', publicForms, submitQuestionnaire(db))
    // FHIR: instruments as Questionnaire, answers as QuestionnaireResponse, scores as Observation.
    await registerOutcomesFhirRoutes(app, {
      db,
      baseUrl: config.publicUrl.replace(/\/$/, ''),
      rateLimit: config.apiRateLimit,
    })
  },
}
