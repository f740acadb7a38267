// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { configureReferralService, ensureConceptCodes } from './referral.service.ts'

export {
  changeReferral,
  countReferralQueues,
  findReferralForService,
  getMessageBack,
  getMessageBackForReferrer,
  listReferralHistory,
  listReferralsForService,
  listReferralsMadeBy,
  referralSubmissionProblems,
  submitReferral,
  viewReferral,
  viewReferralMadeBy,
} from './referral.service.ts'
export type { ChangeActor, ReferralForReferrer } from './referral.service.ts'
export * from './referral.ts'
export { ReferralsError, REFERRALS_ERRORS } from './referrals.errors.ts'
export { SNOMED_CT } from './concept-codes.ts'
export { exampleSubmission } from './referral.examples.ts'

export const referralsModule: WaymarkModule = {
  name: 'referrals',
  async registerRoutes(_app: FastifyInstance, context: ModuleContext) {
    configureReferralService({
      contactTargetWorkingDays: context.config.contactTargetWorkingDays,
      publicUrl: context.config.publicUrl,
      email: context.email,
    })
    await ensureConceptCodes(context.db)
  },
}
