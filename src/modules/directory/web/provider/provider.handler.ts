// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../../../../platform/db/database.ts'
import type { FieldErrors } from '../../../../platform/http/forms.ts'
import { DirectoryError } from '../../directory.errors.ts'
import { confirmByProvider, openProviderLink, submitProviderChanges } from '../../versions.service.ts'
import { readListingValues, valuesFromSnapshot, type ListingValues } from '../listing/listing.form.ts'
import { parseAndPlace } from '../listing/listing.handler-helpers.ts'
import { listingFormModel } from '../listing/listing.presenter.ts'

type TokenParams = { Params: { token: string } }

function invalidLink(reply: FastifyReply): FastifyReply {
  return reply.page(
    'platform/views/confirmation.njk',
    {
      pageTitle: 'This link has expired',
      panelTitle: 'This link has expired or is not valid',
      paragraphs: [
        'Links to update a listing work for 14 days. Ask the directory team at your council for a new one, or reply to the email you were sent.',
      ],
    },
    404,
  )
}

function render(
  reply: FastifyReply,
  token: string,
  serviceName: string,
  values: ListingValues,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  return reply.page(
    'modules/directory/web/provider/provider.njk',
    {
      pageTitle: `Check your listing: ${serviceName}`,
      serviceName,
      token,
      forProvider: true,
      ...listingFormModel(values, errors),
    },
    status,
  )
}

export function showProviderUpdate(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    try {
      const opened = await openProviderLink(db, request.params.token)
      return render(
        reply,
        request.params.token,
        opened.snapshot.service.name,
        valuesFromSnapshot(opened.snapshot, opened.version),
        {},
      )
    } catch (error) {
      if (error instanceof DirectoryError) return invalidLink(reply)
      throw error
    }
  }
}

export function submitProviderUpdate(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    const { token } = request.params
    try {
      const opened = await openProviderLink(db, token)
      const values = readListingValues(request.body)
      const parsed = await parseAndPlace(db, values, { forProvider: true })
      if (!parsed.ok) return render(reply, token, opened.snapshot.service.name, values, parsed.errors, 400)
      // Staff-only fields stay as they are: the provider cannot change status here.
      const snapshot = {
        ...parsed.snapshot,
        service: { ...parsed.snapshot.service, status: opened.snapshot.service.status },
      }
      await submitProviderChanges(db, token, snapshot, request.auditActor())
      return reply.page('platform/views/confirmation.njk', {
        pageTitle: 'Changes sent',
        panelTitle: 'Thank you: your changes have been sent',
        paragraphs: [
          'The directory team will check them and publish them, usually within a few working days. Until then, link workers see the listing as it was.',
          'You can use the same link again until it expires if you need to change something else.',
        ],
      })
    } catch (error) {
      if (error instanceof DirectoryError) return invalidLink(reply)
      throw error
    }
  }
}

export function submitProviderConfirm(db: Database) {
  return async (request: FastifyRequest<TokenParams>, reply: FastifyReply) => {
    try {
      await confirmByProvider(db, request.params.token, request.auditActor())
      return reply.page('platform/views/confirmation.njk', {
        pageTitle: 'Listing confirmed',
        panelTitle: 'Thank you: your listing is confirmed',
        paragraphs: ['We have marked your listing as checked today. We will ask again in about three months.'],
      })
    } catch (error) {
      if (error instanceof DirectoryError) return invalidLink(reply)
      throw error
    }
  }
}
