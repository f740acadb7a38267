// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance } from 'fastify'
import type { Jobs } from '../../platform/jobs/jobs.ts'
import type { ModuleContext, WaymarkModule } from '../../platform/module.ts'
import { deleteExpiredSessions } from './bootstrap.service.ts'
import { showAcceptInvitation, submitAcceptInvitation } from './web/accept-invitation/accept-invitation.handler.ts'
import { showChangePassword, submitChangePassword } from './web/change-password/change-password.handler.ts'
import {
  showChooseOrganisation,
  submitChooseOrganisation,
} from './web/choose-organisation/choose-organisation.handler.ts'
import { showEditMember, submitMemberRoles, submitRemoveMember } from './web/edit-member/edit-member.handler.ts'
import { showInviteMember, submitInviteMember } from './web/invite-member/invite-member.handler.ts'
import { showMembers } from './web/members/members.handler.ts'
import { showSignIn, submitSignIn, submitSignOut } from './web/sign-in/sign-in.handler.ts'
import { finishOidcSignInPage, showOidcPublicKeys, startOidcSignIn } from './web/sign-in-oidc/sign-in-oidc.handler.ts'

export { createActorResolver } from './identity.service.ts'
export {
  createOrganisation,
  createUserWithMembership,
  displayNamesFor,
  listMemberChoices,
  findOrCreateArea,
  listAllAreas,
  findOrganisationById,
  listAllOrganisations,
  listCommunityProviders,
  listOrganisationsByIds,
  listOrganisationsInArea,
} from './bootstrap.service.ts'
export { resetPasswordByOperator } from './members.service.ts'
export {
  ORGANISATION_TYPES,
  ORGANISATION_TYPE_LABELS,
  ROLE_LABELS,
  ROLES,
  isOrganisationType,
  isRole,
  passwordProblem,
} from './identity.ts'
export type { Organisation, OrganisationType, Role } from './identity.ts'
// Areas, organisations, users and memberships are small reference tables every module may join read-only
// (e.g. a referral list showing the link worker's name) rather than querying them one row at a time.
export { areas, memberships, organisations, users } from './identity.table.ts'

const admin = { roles: ['administrator'] } as const

export const identityModule: WaymarkModule = {
  name: 'identity',
  navigation: [{ href: '/admin/users', text: 'People', roles: ['administrator'], order: 80 }],
  homeActions: [
    {
      href: '/admin/users',
      title: 'Manage people and access',
      description: 'Invite colleagues, change their roles or remove them from your organisation.',
      roles: ['administrator'],
      order: 80,
    },
  ],
  async registerRoutes(app: FastifyInstance, { config, db, email }: ModuleContext) {
    // Sign-in is throttled per address on top of the per-account lock-out.
    const signInRateLimit = { max: config.formRateLimit, timeWindow: '5 minutes' }
    app.get('/sign-in', { config: { access: 'public' } }, showSignIn(config))
    app.post('/sign-in', { config: { access: 'public', rateLimit: signInRateLimit } }, submitSignIn(config, db))
    app.post('/sign-out', { config: { access: 'signed-in' } }, submitSignOut(config, db))
    // OpenID Connect (off unless configured: both answer 404 then).
    app.get('/sign-in/oidc', { config: { access: 'public', rateLimit: signInRateLimit } }, startOidcSignIn(config))
    app.get(
      '/sign-in/oidc/callback',
      { config: { access: 'public', rateLimit: signInRateLimit } },
      finishOidcSignInPage(config, db),
    )
    app.get('/sign-in/oidc/jwks.json', { config: { access: 'public' } }, showOidcPublicKeys(config))
    app.get('/choose-organisation', { config: { access: 'signed-in' } }, showChooseOrganisation(db))
    app.post('/choose-organisation', { config: { access: 'signed-in' } }, submitChooseOrganisation(db))
    app.get('/account/password', { config: { access: 'signed-in' } }, showChangePassword)
    app.post(
      '/account/password',
      { config: { access: 'signed-in', rateLimit: signInRateLimit } },
      submitChangePassword(db),
    )
    app.get('/invitations/:token', { config: { access: 'public' } }, showAcceptInvitation(db))
    app.post(
      '/invitations/:token',
      { config: { access: 'public', rateLimit: signInRateLimit } },
      submitAcceptInvitation(db),
    )
    app.get('/admin/users', { config: { access: admin } }, showMembers)
    app.get('/admin/users/invite', { config: { access: admin } }, showInviteMember)
    app.post('/admin/users/invite', { config: { access: admin } }, submitInviteMember(config, email))
    app.get('/admin/users/:userId', { config: { access: admin } }, showEditMember)
    app.post('/admin/users/:userId/roles', { config: { access: admin } }, submitMemberRoles)
    app.post('/admin/users/:userId/remove', { config: { access: admin } }, submitRemoveMember)
  },
  async registerJobs(jobs: Jobs, { db }: ModuleContext) {
    await jobs.work('identity.delete-expired-sessions', async () => {
      await deleteExpiredSessions(db)
    })
    await jobs.schedule('identity.delete-expired-sessions', '17 3 * * *')
  },
}
