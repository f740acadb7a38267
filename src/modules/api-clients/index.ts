// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { registerApiClientContext } from './api-clients.auth.ts'
import {
  showApiKeys,
  showNewApiKey,
  showRevokeApiKey,
  submitNewApiKey,
  submitRevokeApiKey,
} from './web/api-keys/api-keys.handler.ts'

export {
  apiClientOf,
  apiClientRoute,
  auditClientEvent,
  orgScopeForClient,
  registerApiClientContext,
} from './api-clients.auth.ts'
export { createApiKeyCommand, type ApiClientsCommand } from './api-clients.cli.ts'
export { ApiClientsError } from './api-clients.errors.ts'
export {
  auditActorForClient,
  authenticateApiKey,
  createApiKey,
  createApiKeyForOrganisation,
  revokeApiKey,
} from './api-clients.service.ts'
export type { ApiClient, AuthenticatedApiClient } from './api-clients.ts'

const admin = { roles: ['administrator'] } as const

export const apiClientsModule: WaymarkModule = {
  name: 'api-clients',
  navigation: [{ href: '/admin/api-keys', text: 'API keys', roles: ['administrator'], order: 85 }],
  homeActions: [
    {
      href: '/admin/api-keys',
      title: 'Connect your systems',
      description: 'Create and revoke the API keys your clinical systems use to send and follow referrals.',
      roles: ['administrator'],
      order: 85,
    },
  ],
  async registerRoutes(app: FastifyInstance, _context: ModuleContext) {
    registerApiClientContext(app)
    app.get('/admin/api-keys', { config: { access: admin } }, showApiKeys)
    app.get('/admin/api-keys/new', { config: { access: admin } }, showNewApiKey)
    app.post('/admin/api-keys/new', { config: { access: admin } }, submitNewApiKey)
    app.get('/admin/api-keys/:id/revoke', { config: { access: admin } }, showRevokeApiKey)
    app.post('/admin/api-keys/:id/revoke', { config: { access: admin } }, submitRevokeApiKey)
  },
}
