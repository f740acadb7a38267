// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes (issue 12): validated wellbeing and loneliness questionnaires at baseline, follow-up and close, scored
// by their published rules from versioned definitions, with each score's change shown over time. Builds on casework.
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { useCaseloadFollowUpsSource, useEpisodeOutcomesSource } from '../casework/index.ts'
import { caseloadOutcomeFollowUps, episodeOutcomes } from './web/episode-summary.ts'
import { showOutcomes } from './web/overview/overview.handler.ts'
import { showChooseInstrument, showRecord, submitRecord } from './web/record/record.handler.ts'

export { OutcomesError, OUTCOMES_ERRORS } from './outcomes.errors.ts'
export { CURRENT_INSTRUMENTS, contentPackSchema, findInstrument, type ContentPack } from './catalogue.ts'
export { importContentPack } from './outcomes.service.ts'
export { seedDemoOutcomes } from './outcomes.seed.ts'
export type { Measure, Timepoint } from './outcome.ts'

const linkWorker = { config: { access: { roles: ['link-worker'] } } } as const

export const outcomesModule: WaymarkModule = {
  name: 'outcomes',
  async registerRoutes(app: FastifyInstance, _context: ModuleContext) {
    // The episode page shows each questionnaire's headline score over time; the caseload what is due.
    useEpisodeOutcomesSource(episodeOutcomes)
    useCaseloadFollowUpsSource('outcomes', caseloadOutcomeFollowUps)
    app.get('/caseload/:referralId/outcomes', linkWorker, showOutcomes)
    app.get('/caseload/:referralId/outcomes/new', linkWorker, showChooseInstrument)
    app.get('/caseload/:referralId/outcomes/new/:instrument', linkWorker, showRecord)
    app.post('/caseload/:referralId/outcomes/new/:instrument', linkWorker, submitRecord)
  },
}
