// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyInstance, FastifyReply } from 'fastify'
import type nunjucks from 'nunjucks'
import { navigationFor, type NavigationItem } from './navigation.ts'

/** What every page view model may carry on top of its own fields. */
export interface PageModel {
  pageTitle: string
  errorList?: { text: string; href: string }[]
  backLinkHref?: string
  flash?: string
  [key: string]: unknown
}

declare module 'fastify' {
  interface FastifyReply {
    /** Renders a page template with the layout's context (actor, navigation, CSRF token, CSP nonce). */
    page(template: string, model: PageModel, statusCode?: number): FastifyReply
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function registerPageRendering(
  app: FastifyInstance,
  env: nunjucks.Environment,
  navigation: readonly NavigationItem[],
): void {
  app.decorateReply('page', function page(this: FastifyReply, template: string, model: PageModel, statusCode = 200) {
    const request = this.request
    const actor = request.actor
    const csrfToken = this.generateCsrf()
    const path = request.url.split('?')[0] ?? '/'
    const accountItems: Record<string, unknown>[] = []
    if (actor) {
      accountItems.push({ text: actor.displayName, icon: true })
      if (actor.organisation) accountItems.push({ text: actor.organisation.name })
      if (actor.membershipCount > 1) accountItems.push({ href: '/choose-organisation', text: 'Switch organisation' })
      accountItems.push({ href: '/account/password', text: 'Change password' })
      accountItems.push({
        html:
          `<form class="nhsuk-header__account-form" action="/sign-out" method="post" novalidate>` +
          `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">` +
          `<button class="nhsuk-header__account-button">Sign out</button></form>`,
      })
    }
    const links = actor?.organisation ? navigationFor(navigation, actor.roles, path) : []
    const html = env.render(template, {
      ...model,
      actor,
      csrfToken,
      cspNonce: this.cspNonce?.script,
      currentPath: path,
      layoutHeader: {
        service: { text: 'Waymark', href: '/' },
        account: actor ? { items: accountItems } : undefined,
        navigation: links.length > 0 ? { items: links } : undefined,
      },
    })
    // Pages carry personal data: never cache them in shared or browser caches.
    return this.code(statusCode).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html)
  })
}
