// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { downloadActivityPdf, downloadActivityTable, showActivity } from './web/activity/activity.handler.ts'

const readers = { roles: ['supervisor', 'commissioner'] } as const

/**
 * Reports for a service's supervisors and its commissioners (issue #14): counts only, from other modules' count
 * functions, suppressed for commissioners so no person can be picked out.
 */
export const reportingModule: WaymarkModule = {
  name: 'reporting',
  navigation: [{ href: '/reports', text: 'Reports', roles: ['supervisor', 'commissioner'], order: 80 }],
  homeActions: [
    {
      href: '/reports',
      title: 'See referral activity',
      description:
        'Referrals received, where they came from, what happened to them, how soon people were contacted, and whether their wellbeing and loneliness scores improved.',
      roles: ['supervisor', 'commissioner'],
      order: 20,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db, reportDb }: ModuleContext) {
    const context = { db, reportDb, rule: config.reportSuppression }
    app.get('/reports', { config: { access: readers } }, showActivity(context))
    app.get('/reports/table.csv', { config: { access: readers } }, downloadActivityTable(context))
    app.get('/reports/report.pdf', { config: { access: readers } }, downloadActivityPdf(context))
  },
}
