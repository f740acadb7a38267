// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../../platform/module.ts'
import { registerApiClientContext } from '../../api-clients/index.ts'
import { registerFhirRoutes } from './api/fhir.api-routes.ts'
import { fhirSchemaValidator } from './fhir-schema.ts'

export { capabilityStatement } from './fhir-capability.ts'
export { CODE_SYSTEMS, WAYMARK_CANONICAL } from './fhir-codes.ts'
export { seedDemoApiReferrals } from './fhir.seed.ts'

/** The FHIR R4 referral API under /fhir: ServiceRequest in, Task (and the message back as Communication) out. */
export const fhirModule: WaymarkModule = {
  name: 'referrals-fhir',
  async registerRoutes(app: FastifyInstance, { config, db }: ModuleContext) {
    registerApiClientContext(app)
    const schema = fhirSchemaValidator()
    app.log.info({ compileMs: Math.round(schema.compileMs) }, 'FHIR R4 schema compiled')
    await registerFhirRoutes(app, { config, db, schema })
  },
}
