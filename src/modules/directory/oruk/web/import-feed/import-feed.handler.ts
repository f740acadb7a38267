// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../../platform/db/database.ts'
import { NotFoundError, UnauthenticatedError } from '../../../../../platform/http/errors.ts'
import { errorListFor, type FieldErrors } from '../../../../../platform/http/forms.ts'
import { FeedFetchError } from '../../oruk.fetch.ts'
import { findImportReport, importOrukFeed, listRecentImports } from '../../oruk.import.ts'
import type { AreaScope } from '../../../../../platform/db/org-scope.ts'

import { parseImportFeed, type ImportFeedValues } from './import-feed.form.ts'
import { importReportModel, recentImportRows } from './import-feed.presenter.ts'
import { isUuid } from '../../../../../shared/uuid.ts'

const TEMPLATE = 'modules/directory/oruk/web/import-feed/import-feed.njk'
const REPORT_TEMPLATE = 'modules/directory/oruk/web/import-feed/import-report.njk'
const RECENT_IMPORTS = 10

/** The directory an editor works on is their organisation's area. */
function areaOf(request: FastifyRequest, db: Database): AreaScope {
  const organisation = request.actor?.organisation
  if (!organisation) throw new UnauthenticatedError('ORGANISATION_NOT_CHOSEN')
  return { db, areaId: organisation.areaId }
}

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Database,
  values: ImportFeedValues,
  errors: FieldErrors,
  statusCode = 200,
): Promise<FastifyReply> {
  const recent = await listRecentImports(areaOf(request, db), RECENT_IMPORTS)
  return reply.page(
    TEMPLATE,
    {
      pageTitle: 'Import a directory feed',
      values,
      errors,
      errorList: errorListFor(errors),
      recentImports: recentImportRows(recent),
      backLinkHref: '/directory',
    },
    statusCode,
  )
}

export function showImportFeed(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) =>
    render(request, reply, db, { url: '', feedName: '' }, {})
}

export function submitImportFeed(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const scope = areaOf(request, db)
    const form = parseImportFeed(request.body)
    if (!form.ok) return render(request, reply, db, form.values, form.errors, 400)
    try {
      const report = await importOrukFeed(db, scope.areaId, form.value, {
        actor: request.auditActor(),
        allowPrivateNetwork: false,
      })
      return reply.redirect(`/directory/import/${report.importId}`, 303)
    } catch (error) {
      if (error instanceof FeedFetchError) {
        const field = form.value.kind === 'url' ? 'url' : 'files'
        return render(request, reply, db, form.values, { [field]: error.message }, 400)
      }
      throw error
    }
  }
}

export function showImportReport(db: Database) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const { importId } = request.params as { importId: string }
    if (!isUuid(importId)) throw new NotFoundError('import')
    const row = await findImportReport(areaOf(request, db), importId)
    if (!row) throw new NotFoundError('import')
    return reply.page(REPORT_TEMPLATE, { ...importReportModel(row), backLinkHref: '/directory/import' })
  }
}
