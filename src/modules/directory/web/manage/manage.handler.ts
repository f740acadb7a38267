// SPDX-License-Identifier: AGPL-3.0-or-later
// The directory editor's dashboard (changes waiting, listings that need checking) and one-step actions on a
// listing: change its status, confirm it is still right, send its group a link to update it.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { pagingFrom, paginationFor, textField } from '../../../../platform/http/forms.ts'
import { formatDate, ukNow } from '../../schedules.ts'
import { DirectoryError } from '../../directory.errors.ts'
import { createProviderLink, listChangesWaiting, providerLinkEmail } from '../../versions.service.ts'
import { changeServiceStatus, confirmListing } from '../../directory.service.ts'
import { searchDirectory } from '../../search.service.ts'
import { editorFrom, type IdParams } from './editor.ts'

// ---------------------------------------------------------------------------------------------------------
// Dashboard: changes waiting and listings that need checking

export function showManage(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const scope = request.orgScope()
    const paging = pagingFrom(request.query, 25)
    const { today } = ukNow()
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - config.directoryFreshnessDays * 86_400_000)
      .toISOString()
      .slice(0, 10)
    const [pending, due] = await Promise.all([
      listChangesWaiting(scope),
      searchDirectory(
        scope,
        {
          text: null,
          needCode: null,
          wayCode: null,
          centre: null,
          radiusMetres: null,
          days: [],
          timeOfDay: null,
          age: null,
          cost: null,
          accessibility: [],
          newcomers: false,
          hasCapacity: false,
          assuredBefore: cutoff,
          includeClosed: true,
          limit: paging.pageSize,
          offset: paging.offset,
        },
        config.directoryFreshnessDays,
      ),
    ])
    return reply.page('modules/directory/web/manage/manage.njk', {
      pageTitle: 'Manage the directory',
      freshnessDays: config.directoryFreshnessDays,
      pending: pending.map((p) => ({
        href: `/directory/manage/changes/${p.id}`,
        serviceName: p.serviceName,
        from: p.submittedByEmail ?? 'the provider',
        when: formatDate(p.createdAt.toISOString().slice(0, 10), true),
      })),
      due: due.items.map((item) => ({
        href: `/directory/services/${item.id}`,
        name: item.name,
        organizationName: item.organizationName,
        checked: item.assuredDate ? formatDate(item.assuredDate, true) : 'Never',
      })),
      dueTotal: due.total,
      pagination: paginationFor('/directory/manage', {}, paging, due.total),
    })
  }
}

// ---------------------------------------------------------------------------------------------------------
// One-step actions

export async function submitStatus(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const status = textField(request.body, 'status', 30)
  if (status !== 'active' && status !== 'temporarily closed' && status !== 'defunct') throw new NotFoundError('status')
  await changeServiceStatus(request.orgScope(), editorFrom(request), id, status, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=status`, 303)
}

export async function submitVerify(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  await confirmListing(request.orgScope(), editorFrom(request), id, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=verified`, 303)
}

export function submitSendLink(config: Config, email: EmailSender) {
  return async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
    const id = request.params.id
    const scope = request.orgScope()
    try {
      const link = await createProviderLink(scope, id, 'staff', request.auditActor())
      const message = providerLinkEmail(config.publicUrl, link.token, link.serviceName)
      await email.send({ to: link.sentTo, ...message })
      if (email.kind === 'log') {
        // No mail server: show the link so the editor can pass it on themselves.
        return reply.page('platform/views/confirmation.njk', {
          pageTitle: 'Update link created',
          panelTitle: 'Update link created',
          paragraphs: [
            `Email is not set up on this server, so the link was not emailed to ${link.sentTo}. Send them this link yourself (it works for 14 days):`,
            `${config.publicUrl}/directory/update/${link.token}`,
          ],
          nextHref: `/directory/services/${id}`,
          nextText: 'Back to the listing',
        })
      }
      return reply.redirect(`/directory/services/${id}?done=link-sent`, 303)
    } catch (error) {
      if (error instanceof DirectoryError && error.code === 'DIRECTORY_NO_CONTACT_EMAIL') {
        return reply.page(
          'platform/views/confirmation.njk',
          {
            pageTitle: 'No contact email',
            panelTitle: 'No contact email',
            paragraphs: ['This listing has no contact email address. Edit the listing to add one, then send the link.'],
            nextHref: `/directory/manage/services/${id}/edit`,
            nextText: 'Edit the listing',
          },
          409,
        )
      }
      throw error
    }
  }
}
