// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans: the personalised plan agreed with the person (goals in their words, actions, services to try), its
// versions, reviews with goal progress, and the plan leaflet. Builds on the casework module's episodes.
import { plansHeldRecords } from './subject-access.ts'
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { showAgree, submitAgree } from './web/agree/agree.handler.ts'
import { downloadLeaflet, showLeaflet } from './web/leaflet/leaflet.handler.ts'
import { showPlanEdit, submitPlanEdit } from './web/plan-edit/plan-edit.handler.ts'
import { showPlan, showPlanVersion } from './web/plan/plan.handler.ts'
import { showReview, submitReview } from './web/review/review.handler.ts'

export { PlansError, PLANS_ERRORS } from './plans.errors.ts'
export {
  agreePlan,
  findAgreedPlan,
  findCurrentPlan,
  findPlanVersion,
  listPlanVersions,
  savePlan,
} from './plans.service.ts'
import { plansRetention } from './retention.repository.ts'
export { listReviewsForEpisode, recordReview } from './reviews.service.ts'
export * from './plan.ts'
export { seedDemoPlans } from './plans.seed.ts'
export { useLeafletConnectionsSource } from './leaflet.service.ts'
export type { LeafletConnection } from './leaflet.ts'

export const plansModule: WaymarkModule = {
  name: 'plans',
  subjectAccess: plansHeldRecords,
  retention: plansRetention,
  async registerRoutes(app: FastifyInstance, { config }: ModuleContext) {
    // The plan, its versions, agreement and reviews, for the link worker the person is allocated to.
    const linkWorker = { config: { access: { roles: ['link-worker'] } } } as const
    app.get('/caseload/:referralId/plan', linkWorker, showPlan)
    app.get('/caseload/:referralId/plan/versions/:version', linkWorker, showPlanVersion)
    app.get('/caseload/:referralId/plan/edit', linkWorker, showPlanEdit)
    app.post('/caseload/:referralId/plan/edit', linkWorker, submitPlanEdit(config))
    app.get('/caseload/:referralId/plan/agree', linkWorker, showAgree)
    app.post('/caseload/:referralId/plan/agree', linkWorker, submitAgree)
    app.get('/caseload/:referralId/plan/reviews/new', linkWorker, showReview)
    app.post('/caseload/:referralId/plan/reviews', linkWorker, submitReview)
    // The plan leaflet: a print-friendly page and a PDF, each in standard and large print (?size=large).
    app.get('/caseload/:referralId/plan/leaflet', linkWorker, showLeaflet)
    app.get('/caseload/:referralId/plan/leaflet.pdf', linkWorker, downloadLeaflet)
  },
}
