// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans: the personalised plan agreed with the person (goals in their words, actions, services to try), its
// versions, reviews with goal progress, and the plan leaflet. Builds on the casework module's episodes.
import type { FastifyInstance } from 'fastify'
import type { WaymarkModule } from '../../platform/module.ts'

export { PlansError, PLANS_ERRORS } from './plans.errors.ts'

export const plansModule: WaymarkModule = {
  name: 'plans',
  async registerRoutes(app: FastifyInstance) {
    // Routes are registered below, grouped by page.
    void app
  },
}
