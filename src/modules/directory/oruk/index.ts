// SPDX-License-Identifier: AGPL-3.0-or-later
// Open Referral UK both ways: the open ORUK 3.0 feed under /oruk, and imports of ORUK 3.0, ORUK 1.0 and HSDS
// CSV datapackage feeds into an area's directory (an editor's page, and functions for the operator's CLI).
import fastifyMultipart from '@fastify/multipart'
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../../platform/module.ts'
import { registerOrukApiRoutes } from './api/oruk.api-routes.ts'
import { MAX_UPLOAD_FILES } from './web/import-feed/import-feed.form.ts'
import { showImportFeed, showImportReport, submitImportFeed } from './web/import-feed/import-feed.handler.ts'

export { importOrukFeed, applyFeed } from './oruk.import.ts'
export { importSourceFromPath, readFeed, FeedFetchError } from './oruk.fetch.ts'
export type { ImportReport, ImportReportLine } from './oruk.import.ts'
export type { ImportSource, ImportOptions } from './oruk.fetch.ts'
export { judgeOrukFeed, validateOrukResponse } from './oruk.validation.ts'
export type { FeedJudgement, OrukEndpoint, Verdict } from './oruk.validation.ts'

const editors = { roles: ['directory-editor'] } as const
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024

export const orukModule: WaymarkModule = {
  name: 'oruk',
  homeActions: [
    {
      href: '/directory/import',
      title: 'Import a directory feed',
      description: 'Bring in listings from a council’s or partner’s Open Referral UK feed, and see what changed.',
      roles: ['directory-editor'],
      order: 32,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db }: ModuleContext) {
    await registerOrukApiRoutes(app, db, config.orukRateLimit)
    await app.register(async (pages) => {
      // Uploads are parsed only here. Each file arrives as { filename, content } so CSV tables keep their
      // names; fields (including _csrf) arrive as plain values, so the CSRF check reads them as usual.
      await pages.register(fastifyMultipart, {
        attachFieldsToBody: 'keyValues',
        limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_UPLOAD_FILES + 1, fields: 10, parts: MAX_UPLOAD_FILES + 11 },
        async onFile(part) {
          const content = await part.toBuffer()
          ;(part as unknown as { value: unknown }).value = { filename: part.filename, content }
        },
      })
      const importLimit = { max: config.formRateLimit, timeWindow: '5 minutes' }
      pages.get('/directory/import', { config: { access: editors } }, showImportFeed(db))
      pages.post('/directory/import', { config: { access: editors, rateLimit: importLimit } }, submitImportFeed(db))
      pages.get('/directory/import/:importId', { config: { access: editors } }, showImportReport(db))
    })
  },
}
