// SPDX-License-Identifier: AGPL-3.0-or-later
import { auditHeldRecords } from './subject-access.ts'
import type { FastifyInstance } from 'fastify'
import { verifyAuditChains } from '../../platform/audit/audit.service.ts'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { showAuditLog } from './web/audit-log/audit-log.handler.ts'

/** Views of the audit log. Recording lives in platform/audit so every module can write to it. */
export const auditModule: WaymarkModule = {
  name: 'audit',
  subjectAccess: auditHeldRecords,
  navigation: [{ href: '/audit', text: 'Audit log', roles: ['administrator', 'supervisor'], order: 90 }],
  homeActions: [
    {
      href: '/audit',
      title: 'Check the audit log',
      description: 'See who viewed or changed personal data in your organisation, and confirm the log is intact.',
      roles: ['administrator', 'supervisor'],
      order: 90,
    },
  ],
  async registerRoutes(app: FastifyInstance) {
    app.get('/audit', { config: { access: { roles: ['administrator', 'supervisor'] } } }, showAuditLog)
  },
  async registerJobs(jobs: Jobs, { db }: ModuleContext) {
    // Nightly, every chain end to end; the page checks only the newest entries.
    await jobs.work('audit.verify-chains', async () => {
      const broken = (await verifyAuditChains(db)).filter((chain) => chain.brokenAtSequence !== null)
      if (broken.length > 0) {
        throw new Error(
          `Audit chain broken: ${broken.map((c) => `${c.chainId}/${c.brokenInLane}#${c.brokenAtSequence}`).join(', ')}`,
        )
      }
    })
    await jobs.schedule('audit.verify-chains', '41 2 * * *')
  },
}
