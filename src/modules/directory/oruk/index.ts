// SPDX-License-Identifier: AGPL-3.0-or-later
// Open Referral UK both ways: the open ORUK 3.0 feed under /oruk, and imports of ORUK 3.0, ORUK 1.0 and HSDS
// CSV datapackage feeds into an area's directory.
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../../platform/module.ts'
import { registerOrukApiRoutes } from './api/oruk.api-routes.ts'

export { judgeOrukFeed, validateOrukResponse } from './oruk.validation.ts'
export type { FeedJudgement, OrukEndpoint, Verdict } from './oruk.validation.ts'

export const orukModule: WaymarkModule = {
  name: 'oruk',
  async registerRoutes(app: FastifyInstance, { db }: ModuleContext) {
    await registerOrukApiRoutes(app, db)
  },
}
