// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { UnauthenticatedError } from '../../platform/http/errors.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { presentHome } from './web/home/home.presenter.ts'

/** The role-based home page and the site's static pages. */
export const siteModule: WaymarkModule = {
  name: 'site',
  async registerRoutes(app: FastifyInstance, { homeActions }: ModuleContext) {
    app.get('/', { config: { access: 'signed-in' } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const actor = request.actor
      if (!actor?.organisation) throw new UnauthenticatedError('ORGANISATION_NOT_CHOSEN')
      return reply.page('modules/site/web/home/home.njk', {
        pageTitle: 'Home',
        organisationName: actor.organisation.name,
        ...presentHome(actor, homeActions),
      })
    })
    app.get('/accessibility', { config: { access: 'public' } }, async (_request, reply) =>
      reply.page('modules/site/web/static-pages/accessibility.njk', { pageTitle: 'Accessibility statement' }),
    )
    app.get('/privacy', { config: { access: 'public' } }, async (_request, reply) =>
      reply.page('modules/site/web/static-pages/privacy.njk', { pageTitle: 'Privacy' }),
    )
  },
}
