// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import {
  listOrganisationAuditActions,
  searchOrganisationAudit,
  verifyAuditChain,
} from '../../../../platform/audit/audit.service.ts'
import { errorListFor, paginationFor, pagingFrom } from '../../../../platform/http/forms.ts'
import { displayNamesFor, listMemberChoices } from '../../../identity/index.ts'
import { parseAuditLogFilters } from './audit-log.form.ts'

// The page checks the newest entries so it answers quickly; `waymark verify-audit` checks everything.
const VERIFY_ON_PAGE = 5000

export async function showAuditLog(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const scope = request.orgScope()
  const { values, errors, search } = parseAuditLogFilters(request.query)
  const paging = pagingFrom(request.query, 50)
  const [{ rows, total }, actions, members, verification] = await Promise.all([
    searchOrganisationAudit(scope, search, { limit: paging.pageSize, offset: paging.offset }),
    listOrganisationAuditActions(scope),
    listMemberChoices(scope),
    verifyAuditChain(scope.db, scope.organisationId, { lastEntries: VERIFY_ON_PAGE }),
  ])
  const names = await displayNamesFor(
    scope.db,
    rows.map((row) => row.actorUserId).filter((id): id is string => id !== null),
  )
  await request.audit({ action: 'view', recordType: 'audit-log', details: { page: paging.page } })
  return reply.page(
    'modules/audit/web/audit-log/audit-log.njk',
    {
      pageTitle: 'Audit log',
      organisationName: request.actor?.organisation?.name,
      values,
      errors,
      errorList: errorListFor(errors),
      total,
      verification,
      entries: rows.map((row) => ({
        ...row,
        actorName: row.actorUserId ? (names.get(row.actorUserId) ?? 'Former member') : 'System or operator',
      })),
      userItems: [
        { value: '', text: 'Anyone' },
        ...members.map((m) => ({ value: m.userId, text: m.displayName, selected: m.userId === values.userId })),
      ],
      actionItems: [
        { value: '', text: 'Any action' },
        ...actions.map((action) => ({ value: action, text: action, selected: action === values.action })),
      ],
      pagination: paginationFor('/audit', { ...values }, paging, total),
    },
    Object.keys(errors).length > 0 ? 400 : 200,
  )
}
